using System.Globalization;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Reads the columns <c>evaluate</c> needs (<c>account_id</c>, <c>exchanges</c>, <c>active</c>, <c>risk</c>) from the
/// model-inputs CSV that <c>scan --model-inputs</c> writes, found by their header names. A bad row is an
/// <see cref="InvalidDataException"/> naming the file, line and column.
/// </summary>
public static class ModelInputsReader
{
    private static readonly string[] Required = ["account_id", "exchanges", "active", "risk"];

    public static List<AccountRisk> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<AccountRisk> Read(TextReader reader, string name)
    {
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{name}:1: empty file, expected the model-inputs header");
        var columns = header.Split(',');
        var at = new int[Required.Length];
        for (var i = 0; i < Required.Length; i++)
        {
            at[i] = Array.IndexOf(columns, Required[i]);
            if (at[i] < 0)
            {
                throw new InvalidDataException($"{name}:1: column '{Required[i]}' missing from the header (is this a file written by 'scan --model-inputs'?)");
            }
        }

        var rows = new List<AccountRisk>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Length)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: {fields.Length} fields, the header has {columns.Length}");
            }

            var risk = Number(fields[at[3]], name, lineNumber, "risk");
            if (risk is < 0 or > 1)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: risk: {fields[at[3]]} is outside [0, 1]");
            }

            rows.Add(new AccountRisk(fields[at[0]], Count(fields[at[1]], name, lineNumber, "exchanges"), Count(fields[at[2]], name, lineNumber, "active"), risk));
        }

        return rows;
    }

    private static double Number(string text, string name, int line, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{name}:{line}: {column}: '{text}' is not a number");

    private static int Count(string text, string name, int line, string column) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{name}:{line}: {column}: '{text}' is not a count");
}
