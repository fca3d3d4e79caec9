using DistillGuard.Core.Engine;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>
/// Reads <c>scan --shared-egress</c>'s file: one CIDR block or address a line; blank lines and text after <c>#</c>
/// are ignored. A bad entry is an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
internal static class SharedEgressFile
{
    public static List<string> Read(string path)
    {
        var networks = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var entry = (hash < 0 ? line : line[..hash]).Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            try
            {
                DetectionOptions.CheckSharedEgress(entry);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{path}:{number}: {ex.Message}", ex);
            }

            networks.Add(entry);
        }

        return networks;
    }
}
