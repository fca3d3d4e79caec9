using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Builds <see cref="HonestExposure"/> from the truth labels and the risks a scan left.</summary>
public static class ExposureScorer
{
    /// <summary>Accounts within this much below the review risk count as near it.</summary>
    public const double NearMargin = 0.2;

    /// <summary>How many of the riskiest honest accounts are listed.</summary>
    public const int Listed = 5;

    public static HonestExposure Score(TruthDocument truth, IEnumerable<AccountRisk> risks, double reviewRisk)
    {
        var honest = new Dictionary<string, AccountTruth>(StringComparer.Ordinal);
        foreach (var a in truth.Accounts)
        {
            if (!a.Campaign && a.Exchanges > 0)
            {
                honest[a.AccountId] = a;
            }
        }

        var archetypes = new Dictionary<string, ArchetypeExposure>(StringComparer.Ordinal);
        foreach (var archetype in HonestArchetypes.All)
        {
            archetypes[archetype] = new ArchetypeExposure { Name = archetype };
        }

        var scored = new List<ExposedAccount>();
        foreach (var r in risks)
        {
            if (!honest.TryGetValue(r.AccountId, out var truthOf))
            {
                continue;
            }

            if (!archetypes.TryGetValue(truthOf.Label, out var a))
            {
                a = new ArchetypeExposure { Name = truthOf.Label };
                archetypes[truthOf.Label] = a;
            }

            a.Accounts++;
            a.MaxRisk = Math.Max(a.MaxRisk, r.Risk);
            a.NearReview += r.Risk >= reviewRisk - NearMargin ? 1 : 0;
            scored.Add(new ExposedAccount { AccountId = r.AccountId, Archetype = truthOf.Label, Risk = r.Risk, Exchanges = r.Exchanges, ClusterAccounts = r.ClusterAccounts });
        }

        scored.Sort(static (x, y) => y.Risk != x.Risk ? y.Risk.CompareTo(x.Risk) : string.CompareOrdinal(x.AccountId, y.AccountId));
        return new HonestExposure
        {
            ReviewRisk = reviewRisk,
            NearMargin = NearMargin,
            Archetypes = [.. archetypes.Values.Where(a => a.Accounts > 0)],
            Nearest = scored.Count > Listed ? scored.GetRange(0, Listed) : scored,
        };
    }
}
