using System.Globalization;
using DistillGuard.Core.Engine;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Reads the model-inputs CSV that <c>scan --model-inputs</c> writes, finding columns by their header names: the
/// columns <c>evaluate</c> needs (<see cref="ReadFile"/>; one row an account, so never a file of snapshots), or every
/// risk-model input for a refit (<see cref="ReadInputsFile"/>; snapshots too, each row one account at one time). A bad
/// row is an <see cref="InvalidDataException"/> naming the file, line and column.
/// </summary>
public static class ModelInputsReader
{
    private static readonly string[] RiskColumns = ["account_id", "exchanges", "active", "risk"];

    public static List<AccountRisk> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<AccountRisk> Read(TextReader reader, string name)
    {
        var rows = new List<AccountRisk>();
        ReadRows(reader, name, RiskColumns, (fields, at, line) =>
            rows.Add(new AccountRisk(fields[at[0]], Count(fields[at[1]], name, line, "exchanges"), Count(fields[at[2]], name, line, "active"), Fraction(fields[at[3]], name, line, "risk"))),
            snapshotsRefused: true);
        return rows;
    }

    public static List<ModelInputsRow> ReadInputsFile(string path)
    {
        using var reader = new StreamReader(path);
        return ReadInputs(reader, path);
    }

    /// <summary>Every row's risk-model inputs, in <see cref="RiskCoefficients.Names"/> order (the bias slot 1).</summary>
    public static List<ModelInputsRow> ReadInputs(TextReader reader, string name)
    {
        // The bias has no column; every other coefficient's input is the column of its name.
        string[] columns = ["account_id", "exchanges", "size_factor", "risk", .. RiskCoefficients.Names.Skip(1)];
        var rows = new List<ModelInputsRow>();
        ReadRows(reader, name, columns, (fields, at, line) =>
        {
            var inputs = new double[RiskCoefficients.Count];
            inputs[0] = 1;
            for (var i = 1; i < inputs.Length; i++)
            {
                inputs[i] = Number(fields[at[3 + i]], name, line, columns[3 + i]);
            }

            var size = Fraction(fields[at[2]], name, line, "size_factor");
            rows.Add(new ModelInputsRow(fields[at[0]], Count(fields[at[1]], name, line, "exchanges"), size, inputs, Fraction(fields[at[3]], name, line, "risk")));
        });
        return rows;
    }

    private static void ReadRows(TextReader reader, string name, string[] required, Action<string[], int[], int> row, bool snapshotsRefused = false)
    {
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{name}:1: empty file, expected the model-inputs header");
        var columns = header.Split(',');
        if (snapshotsRefused && Array.IndexOf(columns, "at") >= 0)
        {
            // An account appears once per snapshot there: its margins would be counted several times over.
            throw new InvalidDataException($"{name}:1: column 'at': the file holds snapshots ('scan --model-inputs-every'), for 'calibrate'; write the inputs for 'evaluate' without it");
        }

        var at = new int[required.Length];
        for (var i = 0; i < required.Length; i++)
        {
            at[i] = Array.IndexOf(columns, required[i]);
            if (at[i] < 0)
            {
                throw new InvalidDataException($"{name}:1: column '{required[i]}' missing from the header (is this a file written by 'scan --model-inputs'?)");
            }
        }

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

            row(fields, at, lineNumber);
        }
    }

    private static double Fraction(string text, string name, int line, string column)
    {
        var value = Number(text, name, line, column);
        return value is < 0 or > 1 ? throw new InvalidDataException($"{name}:{line}: {column}: {text} is outside [0, 1]") : value;
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
