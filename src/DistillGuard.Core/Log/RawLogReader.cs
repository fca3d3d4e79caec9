namespace DistillGuard.Core.Log;

/// <summary>
/// The baseline for the end-to-end benchmark: decompress and split the same files into lines, without parsing or
/// merging ("the time to merely decompress and read the files").
/// </summary>
public static class RawLogReader
{
    /// <summary>Reads every line of <paramref name="files"/>; <paramref name="parallelism"/> files at a time.</summary>
    public static RawReadResult ReadAll(IReadOnlyList<LogFile> files, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(files);
        long lines = 0;
        long bytes = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            using var reader = LogLineReader.Open(files[i].Path, int.MaxValue - 64);
            long count = 0;
            while (reader.Next(out var line) is LineStatus.Line or LineStatus.TooLong)
            {
                if (!line.IsEmpty)
                {
                    count++;
                }
            }

            Interlocked.Add(ref lines, count);
            Interlocked.Add(ref bytes, reader.BytesDecompressed);
        });
        return new RawReadResult(lines, bytes);
    }
}
