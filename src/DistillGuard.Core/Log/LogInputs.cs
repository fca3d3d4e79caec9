namespace DistillGuard.Core.Log;

/// <summary>Turns the paths a user gave (files and directories, in any mix) into the ordered list of log files.</summary>
public static class LogInputs
{
    /// <summary>Every file under a directory, hidden ones included; the depth cap stops symlink loops.</summary>
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        MaxRecursionDepth = 64,
        IgnoreInaccessible = false,
    };

    /// <summary>
    /// Files are taken as given, whatever their name (gzip is recognised by content). Directories are searched
    /// recursively for <c>*.jsonl</c> and <c>*.jsonl.gz</c>, in ordinal order of their full paths, so the order does
    /// not depend on the file system; of a plain file and its own <c>.gz</c>, only one is read when both hold the same
    /// records. Order of arguments is kept; a file reached twice is read once.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a directory.</exception>
    public static IReadOnlyList<LogFile> Discover(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<LogFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", Recursive)
                    .Where(IsLogFileName)
                    .ToArray();
                Array.Sort(found, StringComparer.Ordinal);
                foreach (var file in WithoutCompressedTwins(found))
                {
                    Add(file);
                }
            }
            else
            {
                throw new FileNotFoundException($"log input '{path}' is neither a file nor a directory", path);
            }
        }

        return files;

        void Add(string file)
        {
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(new LogFile(file, files.Count, new FileInfo(file).Length));
            }
        }
    }

    /// <summary>
    /// Of a plain file found beside its own <c>.gz</c> (a gateway compressing a closed file leaves both for an
    /// instant, a crash for longer), the one that holds every record: the <c>.gz</c> when it holds exactly the plain
    /// file's bytes (the plain file is about to go), the plain file when the <c>.gz</c> holds only a start of it; both
    /// when they hold different records. The gateway settles such pairs the same way at its start.
    /// </summary>
    private static IEnumerable<string> WithoutCompressedTwins(string[] sorted)
    {
        var present = new HashSet<string>(sorted, StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plain in sorted)
        {
            var gz = CompressedCopies.GzipPathOf(plain);
            if (plain.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && present.Contains(gz) && CompressedCopies.Redundant(gz, plain) is { } redundant)
            {
                skipped.Add(redundant);
            }
        }

        return sorted.Where(file => !skipped.Contains(file));
    }

    /// <summary>Whether a file found in a directory is part of the log (<c>.jsonl</c> or <c>.jsonl.gz</c>, any case).</summary>
    public static bool IsLogFileName(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);
}
