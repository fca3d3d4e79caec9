using System.IO.Compression;
using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Intel.Evidence;

/// <summary>
/// Copies chosen lines of log files verbatim: evidence shows the exchange as it was logged, not our reading of
/// it. Lines are numbered like the log reader numbers them (1-based, split on LF, CRLF and a BOM tolerated,
/// gzip recognised by its magic bytes).
/// </summary>
internal static class LogLineCopier
{
    public static List<string> Copy(IReadOnlyList<LogFile> files, List<SampledExchange> sample)
    {
        var wanted = new Dictionary<int, HashSet<long>>();
        foreach (var item in sample)
        {
            if (!wanted.TryGetValue(item.FileIndex, out var lines))
            {
                wanted[item.FileIndex] = lines = [];
            }

            lines.Add(item.Line);
        }

        var found = new Dictionary<(int, long), string>();
        foreach (var (fileIndex, lines) in wanted)
        {
            ReadLines(files[fileIndex].Path, lines, (line, text) => found[(fileIndex, line)] = text);
        }

        var result = new List<string>(sample.Count);
        foreach (var item in sample)
        {
            if (!found.TryGetValue((item.FileIndex, item.Line), out var text))
            {
                throw new IOException($"{files[item.FileIndex].Path}:{item.Line}: the line changed while the evidence pack was written");
            }

            result.Add(text);
        }

        return result;
    }

    private static void ReadLines(string path, HashSet<long> lines, Action<long, string> found)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var buffered = new BufferedStream(stream, 64 * 1024);
        var last = lines.Max();
        var current = new MemoryStream();
        long number = 1;
        int b;
        while ((b = buffered.ReadByte()) >= 0 && number <= last)
        {
            if (b != '\n')
            {
                current.WriteByte((byte)b);
                continue;
            }

            Emit(current, number++, lines, found);
        }

        if (current.Length > 0)
        {
            Emit(current, number, lines, found);
        }
    }

    private static void Emit(MemoryStream current, long number, HashSet<long> lines, Action<long, string> found)
    {
        if (lines.Contains(number))
        {
            var bytes = current.GetBuffer().AsSpan(0, (int)current.Length);
            if (number == 1 && bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            if (bytes.EndsWith("\r"u8))
            {
                bytes = bytes[..^1];
            }

            found(number, Encoding.UTF8.GetString(bytes));
        }

        current.SetLength(0);
    }
}
