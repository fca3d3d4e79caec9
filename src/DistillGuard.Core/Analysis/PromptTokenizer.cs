using System.Buffers;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// Splits prompt text into case-folded, hashed tokens in one forward pass, without copying or allocating,
/// and marks which tokens are template <em>slots</em> (variable content) rather than <em>frame</em>:
/// numbers, identifiers, URLs, e-mails, code, quoted text, capitalised names mid-sentence, and the payload
/// after a label such as "Problem:" or after a line ending in a colon (until the next blank line or label line).
/// </summary>
internal ref partial struct PromptTokenizer
{
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n\f\v\u00A0\u2028\u2029");

    private readonly ReadOnlySpan<char> _text;
    private int _pos;
    private bool _sentenceStart;

    /// <summary>Inside a labelled payload; ends at a blank line once content was seen, or at a label line.</summary>
    private bool _payload;
    private bool _payloadHasContent;

    /// <summary>Index of the colon that closes a line-start label; the payload starts after it. -1 when none.</summary>
    private int _labelColon;

    /// <summary>Index of the closing quote of the quoted text being read; tokens before it are slots. -1 when none.</summary>
    private int _quoteEnd;

    /// <summary>The previous word was in capitals: a run of capitals is shouting, not a run of names.</summary>
    private bool _previousAllCaps;

    public PromptTokenizer(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
        _sentenceStart = true;
        _payload = false;
        _payloadHasContent = false;
        _labelColon = -1;
        _quoteEnd = -1;
        _previousAllCaps = false;
        CheckLineStart(0);
    }

    public bool TryNext(out PromptToken token)
    {
        var text = _text;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (IsSpace(c))
            {
                if (TryReadWhitespace(out token))
                {
                    return true;
                }

                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '_')
            {
                if (IsChunkStart(_pos) && TryReadUrlOrEmail(out token))
                {
                    return true;
                }

                token = ReadRun();
                return true;
            }

            if (c == '`')
            {
                if (TryReadCode(out token))
                {
                    return true;
                }

                _pos++;
                continue;
            }

            _pos++;
            switch (c)
            {
                case '.' or '!' or '?' or ';' or '\u3002':
                    while (_pos < text.Length && text[_pos] is '.' or '!' or '?')
                    {
                        _pos++;
                    }

                    _sentenceStart = true;
                    token = new PromptToken(PromptTokenKind.SentenceEnd, 0, false, 1);
                    return true;
                case ':':
                    OnColon(_pos - 1);
                    break;
                case '"' or '\'' or '\u201C' or '\u2018' or '\u00AB' or '\u201E':
                    OnQuote(c, _pos - 1);
                    break;
            }
        }

        token = default;
        return false;
    }

    private static bool IsSpace(char c) => c <= ' ' || (c > '\u007F' && char.IsWhiteSpace(c));

    private bool IsChunkStart(int index) =>
        index == 0 || _text[index - 1] is ' ' or '\t' or '\n' or '\r' or '(' or '<' or '[' or '"' or '\'';

    private bool TryReadWhitespace(out PromptToken token)
    {
        var text = _text;
        var newlines = 0;
        while (_pos < text.Length && IsSpace(text[_pos]))
        {
            if (text[_pos] == '\n')
            {
                newlines++;
            }

            _pos++;
        }

        if (newlines == 0)
        {
            token = default;
            return false;
        }

        _sentenceStart = true;
        if (newlines >= 2)
        {
            if (_payload && _payloadHasContent)
            {
                _payload = false;
            }

            token = new PromptToken(PromptTokenKind.ParagraphBreak, 0, false, 0);
        }
        else
        {
            token = new PromptToken(PromptTokenKind.LineBreak, 0, false, 0);
        }

        CheckLineStart(_pos);
        return true;
    }

    private PromptToken ReadRun()
    {
        var text = _text;
        var start = _pos;
        var hash = Hash64.FnvOffset;
        var firstDigit = char.IsAsciiDigit(text[start]);
        var firstUpper = char.IsUpper(text[start]);
        bool hasDigit = false, underscore = false, camel = false, sawLower = false, dotted = false, sawUpperAfterFirst = false;
        int segment = 0, longestSegment = 0;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsAsciiDigit(c))
                {
                    hasDigit = true;
                }
                else if (char.IsLower(c))
                {
                    sawLower = true;
                }
                else if (char.IsUpper(c))
                {
                    camel |= sawLower;
                    sawUpperAfterFirst |= _pos > start;
                }

                segment++;
            }
            else if (c == '_')
            {
                underscore = true;
                segment++;
            }
            else if (c is '\'' or '\u2019' && _pos > start && char.IsLetter(text[_pos - 1])
                     && _pos + 1 < text.Length && char.IsLetter(text[_pos + 1]))
            {
                // An apostrophe inside a word (don't, it's) stays in the word.
            }
            else if (c == '.' && _pos + 1 < text.Length && char.IsLetterOrDigit(text[_pos + 1]))
            {
                dotted = true;
                longestSegment = Math.Max(longestSegment, segment);
                segment = 0;
            }
            else
            {
                break;
            }

            hash = Hash64.Step(hash, Hash64.Fold(c));
            _pos++;
        }

        longestSegment = Math.Max(longestSegment, segment);
        var length = _pos - start;
        var kind = firstDigit ? PromptTokenKind.Number
            : hasDigit || underscore || camel || (dotted && longestSegment >= 2) ? PromptTokenKind.Identifier
            : PromptTokenKind.Word;
        var pronounI = text[start] == 'I' && (length == 1 || text[start + 1] is '\'' or '\u2019');
        var allCaps = firstUpper && !sawLower && sawUpperAfterFirst;
        var name = kind == PromptTokenKind.Word && firstUpper && !_sentenceStart && !pronounI && !(allCaps && _previousAllCaps);
        _previousAllCaps = allCaps;
        var slot = kind != PromptTokenKind.Word || name || start < _quoteEnd || _payload;
        _sentenceStart = false;
        _payloadHasContent |= _payload;
        return new PromptToken(kind, Hash64.Mix(hash), slot, length);
    }
}
