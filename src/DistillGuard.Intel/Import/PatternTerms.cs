using DistillGuard.Intel.Patterns;

namespace DistillGuard.Intel.Import;

/// <summary>
/// Reduces a parsed pattern to the value tests one exchange can satisfy on its own: a disjunction (OR, at the
/// observation or the comparison level, without qualifiers) of <c>=</c> or <c>ISSUBSET</c> tests, or
/// <c>IN</c> sets. Anything else (AND, FOLLOWEDBY, NOT, qualifiers, other operators) is left to tools that see
/// whole observations.
/// </summary>
internal static class PatternTerms
{
    public static bool TryCollectDisjunction(ObservationNode node, List<ComparisonTest> terms)
    {
        if (node.Qualifiers.Count > 0)
        {
            return false;
        }

        switch (node)
        {
            case Observation observation:
                return TryCollect(observation.Comparison, terms);
            case ObservationCompound { Operator: "OR" } compound:
                foreach (var term in compound.Terms)
                {
                    if (!TryCollectDisjunction(term, terms))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool TryCollect(ComparisonNode node, List<ComparisonTest> terms)
    {
        switch (node)
        {
            case ComparisonTest { Negated: false, Operator: "=" or "ISSUBSET" } test:
                terms.Add(test);
                return true;
            case ComparisonTest { Negated: false, Operator: "IN" } set:
                foreach (var value in set.Values)
                {
                    terms.Add(set with { Operator = "=", Values = [value] });
                }

                return true;
            case ComparisonCompound { Operator: "OR" } compound:
                foreach (var term in compound.Terms)
                {
                    if (!TryCollect(term, terms))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
