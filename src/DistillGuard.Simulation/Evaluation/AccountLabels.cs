using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Which accounts belong to a campaign, for a refit: from a simulated scenario's truth, or from a provider's own
/// labels file (CSV, header <c>account_id,label</c> or <c>account_id,label,group</c>, each label <c>campaign</c> or
/// <c>honest</c>; accounts it does not name are left out of the fit). A campaign account's group names its campaign,
/// so cross-validation can hold out whole campaigns.
/// </summary>
public static class AccountLabels
{
    public static Dictionary<string, AccountLabel> FromTruth(TruthDocument truth)
    {
        var labels = new Dictionary<string, AccountLabel>(StringComparer.Ordinal);
        foreach (var a in truth.Accounts)
        {
            labels[a.AccountId] = new AccountLabel(a.Campaign, a.Campaign ? a.Label : null);
        }

        return labels;
    }

    /// <exception cref="InvalidDataException">A bad header or row; the message names the file, line and column.</exception>
    public static Dictionary<string, AccountLabel> ReadCsv(TextReader reader, string name)
    {
        var header = reader.ReadLine()?.Trim();
        var grouped = header == "account_id,label,group";
        if (!grouped && header != "account_id,label")
        {
            throw new InvalidDataException($"{name}:1: expected the header 'account_id,label' or 'account_id,label,group'");
        }

        var labels = new Dictionary<string, AccountLabel>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != (grouped ? 3 : 2) || fields[0].Trim().Length == 0)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: expected '{header}'");
            }

            var account = fields[0].Trim();
            var text = fields[1].Trim();
            var campaign = text switch
            {
                "campaign" => true,
                "honest" => false,
                _ => throw new InvalidDataException($"{name}:{lineNumber}: label: '{text}' is neither 'campaign' nor 'honest'"),
            };
            var group = grouped && fields[2].Trim().Length > 0 ? fields[2].Trim() : null;
            if (!labels.TryAdd(account, new AccountLabel(campaign, group)) && labels[account].Campaign != campaign)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: account_id: {account} is labelled both ways");
            }
        }

        return labels;
    }
}

/// <summary>An account's label: whether it belongs to a campaign, and which (its group), when known.</summary>
public readonly record struct AccountLabel(bool Campaign, string? Group);
