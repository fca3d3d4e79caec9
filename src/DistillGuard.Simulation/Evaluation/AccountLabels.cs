using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Which accounts belong to a campaign, for a refit: from a simulated scenario's truth, or from a provider's own
/// labels file (CSV, header <c>account_id,label</c>, each label <c>campaign</c> or <c>honest</c>; accounts it does not
/// name are left out of the fit).
/// </summary>
public static class AccountLabels
{
    public static Dictionary<string, bool> FromTruth(TruthDocument truth)
    {
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var a in truth.Accounts)
        {
            labels[a.AccountId] = a.Campaign;
        }

        return labels;
    }

    /// <exception cref="InvalidDataException">A bad header or row; the message names the file, line and column.</exception>
    public static Dictionary<string, bool> ReadCsv(TextReader reader, string name)
    {
        var header = reader.ReadLine();
        if (header is null || !string.Equals(header.Trim(), "account_id,label", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}:1: expected the header 'account_id,label'");
        }

        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 2 || fields[0].Trim().Length == 0)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: expected 'account_id,label'");
            }

            var label = fields[1].Trim();
            var isCampaign = label switch
            {
                "campaign" => true,
                "honest" => false,
                _ => throw new InvalidDataException($"{name}:{lineNumber}: label: '{label}' is neither 'campaign' nor 'honest'"),
            };
            if (!labels.TryAdd(fields[0].Trim(), isCampaign) && labels[fields[0].Trim()] != isCampaign)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: account_id: {fields[0].Trim()} is labelled both ways");
            }
        }

        return labels;
    }
}
