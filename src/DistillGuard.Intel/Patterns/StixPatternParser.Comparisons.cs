using System.Buffers.Text;
using System.Globalization;

namespace DistillGuard.Intel.Patterns;

/// <summary>Property tests, literals and qualifiers.</summary>
internal sealed partial class StixPatternParser
{
    private ComparisonNode ParseTest()
    {
        var start = Peek;
        if (TakeIf(PatternTokenKind.LeftParen, "("))
        {
            var inner = ParseComparisons();
            Expect(PatternTokenKind.RightParen, "')'");
            return inner;
        }

        if (TakeIf(PatternTokenKind.Keyword, "EXISTS"))
        {
            var (existsType, existsPath) = ParseObjectPath();
            return new ComparisonTest(existsType, existsPath, "EXISTS", false, []);
        }

        var (type, path) = ParseObjectPath();
        var negated = TakeIf(PatternTokenKind.Keyword, "NOT");
        var op = Take();
        switch (op.Kind, op.Text)
        {
            case (PatternTokenKind.Operator, "=" or "==" or "!=" or "<>"):
                return new ComparisonTest(type, path, op.Text is "==" ? "=" : op.Text is "<>" ? "!=" : op.Text, negated, [ParseLiteral(orderableOnly: false)]);
            case (PatternTokenKind.Operator, _):
                return new ComparisonTest(type, path, op.Text, negated, [ParseLiteral(orderableOnly: true)]);
            case (PatternTokenKind.Keyword, "LIKE" or "MATCHES" or "ISSUBSET" or "ISSUPERSET"):
                var text = Expect(PatternTokenKind.String, $"a string after {op.Text}");
                return new ComparisonTest(type, path, op.Text, negated, [new PatternLiteral(PatternTokenKind.String, text.Text)]);
            case (PatternTokenKind.Keyword, "IN"):
                return new ComparisonTest(type, path, "IN", negated, ParseSet());
            default:
                throw new PatternSyntaxException($"expected a comparison operator after {type}:{path} but found {op}", op.Position == 0 ? start.Position : op.Position);
        }
    }

    /// <summary><c>object-type:property(.property | [index] | [*])*</c>.</summary>
    private (string Type, string Path) ParseObjectPath()
    {
        var typeToken = Expect(PatternTokenKind.Identifier, "an object path (type:property)");
        if (!Stix.StixTypeNames.IsValid(typeToken.Text))
        {
            throw new PatternSyntaxException($"'{typeToken.Text}' is not a valid STIX object type", typeToken.Position);
        }

        Expect(PatternTokenKind.Colon, $"':' after object type '{typeToken.Text}'");
        var path = new System.Text.StringBuilder(PathComponent());
        while (true)
        {
            if (TakeIf(PatternTokenKind.Dot, "."))
            {
                path.Append('.').Append(PathComponent());
            }
            else if (TakeIf(PatternTokenKind.LeftBracket, "["))
            {
                var index = Take();
                if (index.Kind is not (PatternTokenKind.Integer or PatternTokenKind.Star))
                {
                    throw new PatternSyntaxException($"expected a list index or '*' but found {index}", index.Position);
                }

                Expect(PatternTokenKind.RightBracket, "']' closing the list index");
                path.Append('[').Append(index.Text).Append(']');
            }
            else
            {
                return (typeToken.Text, path.ToString());
            }
        }
    }

    private string PathComponent()
    {
        var token = Take();
        return token.Kind switch
        {
            PatternTokenKind.Identifier => token.Text,
            PatternTokenKind.String => "'" + token.Text + "'",
            _ => throw new PatternSyntaxException($"expected a property name but found {token}", token.Position),
        };
    }

    private List<PatternLiteral> ParseSet()
    {
        Expect(PatternTokenKind.LeftParen, "'(' starting the set after IN");
        var values = new List<PatternLiteral> { ParseLiteral(orderableOnly: false) };
        while (TakeIf(PatternTokenKind.Comma, ","))
        {
            values.Add(ParseLiteral(orderableOnly: false));
        }

        Expect(PatternTokenKind.RightParen, "')' closing the set");
        return values;
    }

    private PatternLiteral ParseLiteral(bool orderableOnly)
    {
        var token = Take();
        switch (token.Kind)
        {
            case PatternTokenKind.String or PatternTokenKind.Integer or PatternTokenKind.Float:
                break;
            case PatternTokenKind.Boolean when !orderableOnly:
                break;
            case PatternTokenKind.Hex:
                if (token.Text.Length % 2 != 0 || !IsHex(token.Text))
                {
                    throw new PatternSyntaxException($"h'{token.Text}' is not an even number of hex digits", token.Position);
                }

                break;
            case PatternTokenKind.Binary:
                if (!Base64.IsValid(token.Text))
                {
                    throw new PatternSyntaxException($"b'{token.Text}' is not base64", token.Position);
                }

                break;
            case PatternTokenKind.Timestamp:
                if (!IsValidTimestamp(token.Text))
                {
                    throw new PatternSyntaxException($"t'{token.Text}' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z)", token.Position);
                }

                break;
            default:
                throw new PatternSyntaxException($"expected a {(orderableOnly ? "string, number, hex, binary or timestamp" : "literal")} but found {token}", token.Position);
        }

        return new PatternLiteral(token.Kind, token.Text);
    }

    private List<string> ParseQualifiers()
    {
        var qualifiers = new List<string>();
        while (Peek.Kind == PatternTokenKind.Keyword)
        {
            var token = Peek;
            if (TakeIf(PatternTokenKind.Keyword, "WITHIN"))
            {
                var amount = Take();
                if (amount.Kind is not (PatternTokenKind.Integer or PatternTokenKind.Float) || double.Parse(amount.Text, CultureInfo.InvariantCulture) <= 0)
                {
                    throw new PatternSyntaxException($"WITHIN needs a positive number of seconds, found {amount}", amount.Position);
                }

                Expect(PatternTokenKind.Keyword, "SECONDS after WITHIN n");
                qualifiers.Add($"WITHIN {amount.Text} SECONDS");
            }
            else if (TakeIf(PatternTokenKind.Keyword, "REPEATS"))
            {
                var count = Expect(PatternTokenKind.Integer, "a whole number after REPEATS");
                if (long.Parse(count.Text, CultureInfo.InvariantCulture) <= 0)
                {
                    throw new PatternSyntaxException("REPEATS needs a positive count", count.Position);
                }

                if (!TakeIf(PatternTokenKind.Keyword, "TIMES"))
                {
                    throw new PatternSyntaxException($"expected TIMES but found {Peek}", Peek.Position);
                }

                qualifiers.Add($"REPEATS {count.Text} TIMES");
            }
            else if (TakeIf(PatternTokenKind.Keyword, "START"))
            {
                var from = Expect(PatternTokenKind.Timestamp, "t'timestamp' after START");
                if (!TakeIf(PatternTokenKind.Keyword, "STOP"))
                {
                    throw new PatternSyntaxException($"expected STOP but found {Peek}", Peek.Position);
                }

                var to = Expect(PatternTokenKind.Timestamp, "t'timestamp' after STOP");
                if (!Stix.StixTimestamp.TryParse(from.Text, out var fromTime, out _) || !Stix.StixTimestamp.TryParse(to.Text, out var toTime, out _) || fromTime >= toTime)
                {
                    throw new PatternSyntaxException("START and STOP need valid timestamps with START before STOP", from.Position);
                }

                qualifiers.Add($"START t'{from.Text}' STOP t'{to.Text}'");
            }
            else if (token.Text is "AND" or "OR" or "FOLLOWEDBY")
            {
                break;
            }
            else
            {
                throw new PatternSyntaxException($"unexpected {token}", token.Position);
            }
        }

        return qualifiers;
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
