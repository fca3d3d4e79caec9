using System.IO.Compression;
using System.Text;

namespace DistillGuard.Core.Tests.Log;

/// <summary>A real temporary directory for log files, deleted on dispose.</summary>
internal sealed class TempLogDirectory : IDisposable
{
    public TempLogDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "dg-log-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string name, params string[] lines) => WriteText(name, string.Concat(lines.Select(l => l + "\n")));

    public string WriteText(string name, string text)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string WriteGzip(string name, params string[] lines)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Gzip(string.Concat(lines.Select(l => l + "\n"))));
        return path;
    }

    /// <summary>Writes a gzip file cut to <paramref name="keepFraction"/> of its compressed length.</summary>
    public string WriteTruncatedGzip(string name, double keepFraction, params string[] lines)
    {
        var path = Path.Combine(Root, name);
        var bytes = Gzip(string.Concat(lines.Select(l => l + "\n")));
        File.WriteAllBytes(path, bytes.AsSpan(0, (int)(bytes.Length * keepFraction)).ToArray());
        return path;
    }

    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
