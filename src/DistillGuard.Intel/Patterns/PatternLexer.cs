using System.Text;

namespace DistillGuard.Intel.Patterns;

/// <summary>Splits a STIX 2.1 pattern into tokens (STIX Patterning §9 lexical rules).</summary>
internal static class PatternLexer
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET", "ISSUBSET", "EXISTS", "IN",
        "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES",
    };

    public static List<PatternToken> Tokenize(string pattern)
    {
        var tokens = new List<PatternToken>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '[': tokens.Add(new(PatternTokenKind.LeftBracket, "[", i++)); continue;
                case ']': tokens.Add(new(PatternTokenKind.RightBracket, "]", i++)); continue;
                case '(': tokens.Add(new(PatternTokenKind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new(PatternTokenKind.RightParen, ")", i++)); continue;
                case ':': tokens.Add(new(PatternTokenKind.Colon, ":", i++)); continue;
                case '.': tokens.Add(new(PatternTokenKind.Dot, ".", i++)); continue;
                case ',': tokens.Add(new(PatternTokenKind.Comma, ",", i++)); continue;
                case '*': tokens.Add(new(PatternTokenKind.Star, "*", i++)); continue;
                case '\'':
                    tokens.Add(new(PatternTokenKind.String, ReadQuoted(pattern, ref i), start));
                    continue;
            }

            if (c is '=' or '!' or '<' or '>')
            {
                tokens.Add(new(PatternTokenKind.Operator, ReadOperator(pattern, ref i), start));
                continue;
            }

            if (c is 'h' or 'b' or 't' && i + 1 < pattern.Length && pattern[i + 1] == '\'')
            {
                i++;
                var body = ReadQuoted(pattern, ref i);
                var kind = c switch { 'h' => PatternTokenKind.Hex, 'b' => PatternTokenKind.Binary, _ => PatternTokenKind.Timestamp };
                tokens.Add(new(kind, body, start));
                continue;
            }

            if (char.IsAsciiDigit(c) || ((c is '-' or '+') && i + 1 < pattern.Length && char.IsAsciiDigit(pattern[i + 1])))
            {
                tokens.Add(ReadNumber(pattern, ref i));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < pattern.Length && (char.IsAsciiLetterOrDigit(pattern[i]) || pattern[i] is '_' or '-'))
                {
                    i++;
                }

                var word = pattern[start..i];
                var kind = Keywords.Contains(word) ? PatternTokenKind.Keyword
                    : word is "true" or "false" ? PatternTokenKind.Boolean
                    : PatternTokenKind.Identifier;
                tokens.Add(new(kind, word, start));
                continue;
            }

            throw new PatternSyntaxException($"unexpected character '{c}'", i);
        }

        tokens.Add(new(PatternTokenKind.End, string.Empty, pattern.Length));
        return tokens;
    }

    private static string ReadOperator(string pattern, ref int i)
    {
        var c = pattern[i];
        var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
        var text = (c, next) switch
        {
            ('=', '=') => "==",
            ('!', '=') => "!=",
            ('<', '>') => "<>",
            ('<', '=') => "<=",
            ('>', '=') => ">=",
            ('=', _) => "=",
            ('<', _) => "<",
            ('>', _) => ">",
            _ => throw new PatternSyntaxException($"unexpected character '{c}'", i),
        };
        i += text.Length;
        return text;
    }

    /// <summary>Reads a quoted literal starting at the quote; only <c>\'</c> and <c>\\</c> are escapes.</summary>
    private static string ReadQuoted(string pattern, ref int i)
    {
        var start = i;
        i++;
        var text = new StringBuilder();
        while (i < pattern.Length)
        {
            var c = pattern[i++];
            if (c == '\'')
            {
                return text.ToString();
            }

            if (c == '\\')
            {
                if (i >= pattern.Length || pattern[i] is not ('\'' or '\\'))
                {
                    throw new PatternSyntaxException("a backslash in a string may only escape ' or \\", i - 1);
                }

                c = pattern[i++];
            }

            text.Append(c);
        }

        throw new PatternSyntaxException("string literal is not closed", start);
    }

    private static PatternToken ReadNumber(string pattern, ref int i)
    {
        var start = i;
        if (pattern[i] is '-' or '+')
        {
            i++;
        }

        while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
        {
            i++;
        }

        var kind = PatternTokenKind.Integer;
        if (i < pattern.Length && pattern[i] == '.')
        {
            kind = PatternTokenKind.Float;
            i++;
            if (i >= pattern.Length || !char.IsAsciiDigit(pattern[i]))
            {
                throw new PatternSyntaxException("a decimal point must be followed by digits", i);
            }

            while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
            {
                i++;
            }
        }

        return new(kind, pattern[start..i], start);
    }
}
