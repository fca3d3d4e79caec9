using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Reads only <c>ts</c> and <c>account_id</c> from exchange-log files (<c>.jsonl</c>, <c>.jsonl.gz</c>, or folders of
/// them, files in name order), which is all leakage and the quota baseline need. Bad lines are counted and the
/// first few kept as <c>file:line: problem</c>; they never stop the read.
/// </summary>
public sealed class LogEntryReader
{
    private readonly List<string> _files = [];

    public LogEntryReader(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => (f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".jsonl.gz", StringComparison.Ordinal))
                        && !Path.GetFileName(f).StartsWith("accounts", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("models", StringComparison.Ordinal))
                    .OrderBy(f => f, StringComparer.Ordinal);
                _files.AddRange(files);
            }
            else if (File.Exists(path))
            {
                _files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or folder", path);
            }
        }
    }

    public IReadOnlyList<string> Files => _files;
    public long BadRecords { get; private set; }
    public List<string> Problems { get; } = [];

    public IEnumerable<LogEntry> Read()
    {
        foreach (var file in _files)
        {
            using var stream = Open(file);
            using var lines = new StreamReader(stream);
            var lineNumber = 0;
            string? line;
            while ((line = ReadLine(lines, file, lineNumber)) is not null)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                if (TryParse(line, out var entry, out var problem))
                {
                    yield return entry;
                }
                else
                {
                    Bad($"{file}:{lineNumber}: {problem}");
                }
            }
        }
    }

    private string? ReadLine(StreamReader reader, string file, int lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException ex)
        {
            Bad($"{file}:{lineNumber + 1}: truncated or corrupt gzip ({ex.Message})");
            return null;
        }
    }

    private void Bad(string problem)
    {
        BadRecords++;
        if (Problems.Count < 10)
        {
            Problems.Add(problem);
        }
    }

    private static Stream Open(string file)
    {
        var stream = File.OpenRead(file);
        return file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static bool TryParse(string line, out LogEntry entry, out string problem)
    {
        entry = default;
        var bytes = ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var n = System.Text.Encoding.UTF8.GetBytes(line, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, n));
            string? account = null;
            DateTime? ts = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("ts"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
                    {
                        problem = "ts: not an RFC 3339 time";
                        return false;
                    }

                    ts = value.UtcDateTime;
                }
                else if (reader.ValueTextEquals("account_id"u8))
                {
                    reader.Read();
                    account = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (account is null || ts is null)
            {
                problem = account is null ? "account_id: missing" : "ts: missing";
                return false;
            }

            entry = new LogEntry(account, ts.Value);
            problem = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON ({ex.Message})";
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
