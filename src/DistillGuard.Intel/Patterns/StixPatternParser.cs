using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Patterns;

/// <summary>
/// Recursive-descent parser for the STIX 2.1 patterning language (§9): observation expressions joined by
/// AND/OR/FOLLOWEDBY with WITHIN/REPEATS/START-STOP qualifiers; comparison expressions joined by AND/OR with
/// =, !=, &lt;, &lt;=, &gt;, &gt;=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET (each optionally NOT) and EXISTS.
/// Throws <see cref="PatternSyntaxException"/> with the character position of the first error.
/// </summary>
internal sealed partial class StixPatternParser
{
    private readonly List<PatternToken> _tokens;
    private int _next;

    private StixPatternParser(List<PatternToken> tokens) => _tokens = tokens;

    public static ObservationNode Parse(string pattern)
    {
        var parser = new StixPatternParser(PatternLexer.Tokenize(pattern));
        var root = parser.ParseObservations();
        parser.Expect(PatternTokenKind.End, "AND, OR, FOLLOWEDBY or the end of the pattern");
        return root;
    }

    private PatternToken Peek => _tokens[_next];

    private PatternToken Take() => _tokens[_next++];

    private bool TakeIf(PatternTokenKind kind, string text)
    {
        if (Peek.Is(kind, text))
        {
            _next++;
            return true;
        }

        return false;
    }

    private PatternToken Expect(PatternTokenKind kind, string what)
    {
        var token = Peek;
        if (token.Kind != kind)
        {
            throw new PatternSyntaxException($"expected {what} but found {token}", token.Position);
        }

        _next++;
        return token;
    }

    private ObservationNode ParseObservations() => ParseObservationChain("FOLLOWEDBY", () => ParseObservationChain("OR", () => ParseObservationChain("AND", ParseObservation)));

    private ObservationNode ParseObservationChain(string keyword, Func<ObservationNode> operand)
    {
        var first = operand();
        if (!Peek.Is(PatternTokenKind.Keyword, keyword))
        {
            return first;
        }

        var terms = new List<ObservationNode> { first };
        while (TakeIf(PatternTokenKind.Keyword, keyword))
        {
            terms.Add(operand());
        }

        return new ObservationCompound(keyword, terms, []);
    }

    private ObservationNode ParseObservation()
    {
        var token = Peek;
        ObservationNode node;
        if (TakeIf(PatternTokenKind.LeftBracket, "["))
        {
            var comparison = ParseComparisons();
            Expect(PatternTokenKind.RightBracket, "']' closing the observation");
            CheckSameObjectType(comparison, token.Position);
            node = new Observation(comparison, []);
        }
        else if (TakeIf(PatternTokenKind.LeftParen, "("))
        {
            node = ParseObservations();
            Expect(PatternTokenKind.RightParen, "')'");
        }
        else
        {
            throw new PatternSyntaxException($"expected '[' or '(' starting an observation expression but found {token}", token.Position);
        }

        var qualifiers = ParseQualifiers();
        return qualifiers.Count == 0 ? node : node switch
        {
            Observation o => o with { Qualifiers = qualifiers },
            ObservationCompound c => c with { Qualifiers = qualifiers },
            _ => node,
        };
    }

    private ComparisonNode ParseComparisons() => ParseComparisonChain("OR", () => ParseComparisonChain("AND", ParseTest));

    private ComparisonNode ParseComparisonChain(string keyword, Func<ComparisonNode> operand)
    {
        var first = operand();
        if (!Peek.Is(PatternTokenKind.Keyword, keyword))
        {
            return first;
        }

        var terms = new List<ComparisonNode> { first };
        while (TakeIf(PatternTokenKind.Keyword, keyword))
        {
            terms.Add(operand());
        }

        return new ComparisonCompound(keyword, terms);
    }

    /// <summary>Within one observation, comparisons joined by AND must test the same object type (§9.5).</summary>
    private static void CheckSameObjectType(ComparisonNode node, int position)
    {
        if (node is ComparisonCompound { Operator: "AND" } and)
        {
            var types = new HashSet<string>(StringComparer.Ordinal);
            CollectTypes(and, types);
            if (types.Count > 1)
            {
                throw new PatternSyntaxException($"comparisons joined by AND in one observation must use one object type, found {string.Join(", ", types.Order(StringComparer.Ordinal))}", position);
            }
        }

        if (node is ComparisonCompound compound)
        {
            foreach (var term in compound.Terms)
            {
                CheckSameObjectType(term, position);
            }
        }
    }

    private static void CollectTypes(ComparisonNode node, HashSet<string> types)
    {
        switch (node)
        {
            case ComparisonTest test:
                types.Add(test.ObjectType);
                break;
            case ComparisonCompound { Operator: "AND" } compound:
                foreach (var term in compound.Terms)
                {
                    CollectTypes(term, types);
                }

                break;
        }
    }

    internal static bool IsValidTimestamp(string text) => StixTimestamp.TryParse(text, out _, out _);
}
