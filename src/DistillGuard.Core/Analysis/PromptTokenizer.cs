using System.Buffers;
using System.Runtime.CompilerServices;

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

    /// <summary>The label at <see cref="_labelColon"/> is not a known payload label: its payload is the rest of its line.</summary>
    private bool _labelLineOnly;

    /// <summary>The current payload ends at the end of its line.</summary>
    private bool _payloadLineOnly;

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
        _labelLineOnly = false;
        _payloadLineOnly = false;
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
            if (c == ' ' && _pos + 1 < text.Length && text[_pos + 1] > ' ')
            {
                // The common single space between words, without the call.
                _pos++;
                continue;
            }

            if (IsSpace(c))
            {
                if (TryReadWhitespace(out token))
                {
                    return true;
                }

                continue;
            }

            if ((CharClass.Of(c) & CharClass.WordChar) != 0)
            {
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
        var pos = _pos;
        while (pos < text.Length && IsSpace(text[pos]))
        {
            if (text[pos] == '\n')
            {
                newlines++;
            }

            pos++;
        }

        _pos = pos;

        if (newlines == 0)
        {
            token = default;
            return false;
        }

        _sentenceStart = true;
        if (_payloadLineOnly)
        {
            _payload = false;
            _payloadLineOnly = false;
        }

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
        var first = text[start];
        var seen = CharClass.Of(first);
        var hash = Hash64.Step(Hash64.FnvOffset, FoldWordChar(first, seen));
        var pos = start + 1;

        pos = ScanAsciiWordChars(text, pos, ref hash, ref seen);

        if ((uint)pos < (uint)text.Length && text[pos] >= 128)
        {
            // Returned as a tuple rather than through refs: a local whose address is taken cannot live in a register.
            (pos, hash, seen) = ScanWordChars(text, pos, hash, seen);
        }
        var segmentStart = start;
        var longestSegment = 0;
        var dotted = false;
        while (pos + 1 < text.Length)
        {
            var c = text[pos];
            var nextClass = CharClass.Of(text[pos + 1]);
            if (c is '\'' or '\u2019' && (nextClass & CharClass.Letter) != 0 && (CharClass.Of(text[pos - 1]) & CharClass.Letter) != 0)
            {
                // An apostrophe inside a word (don't, it's) stays in the word.
            }
            else if (c == '.' && (nextClass & CharClass.LetterOrDigit) != 0)
            {
                dotted = true;
                longestSegment = Math.Max(longestSegment, pos - segmentStart);
                segmentStart = pos + 1;
            }
            else
            {
                break;
            }

            hash = Hash64.Step(hash, Hash64.Fold(c));
            (pos, hash, seen) = ScanWordChars(text, pos + 1, hash, seen);
        }

        _pos = pos;
        if (pos < text.Length && text[pos] is ':' or '@' && TryExtendToUrlOrEmail(start, out var link))
        {
            return link;
        }

        longestSegment = Math.Max(longestSegment, pos - segmentStart);
        var length = pos - start;
        var kind = (CharClass.Of(first) & CharClass.Digit) != 0 ? PromptTokenKind.Number
            : (seen & (CharClass.Digit | CharClass.Underscore | CharClass.Camel)) != 0 || (dotted && longestSegment >= 2) ? PromptTokenKind.Identifier
            : PromptTokenKind.Word;
        var firstUpper = (CharClass.Of(first) & CharClass.Upper) != 0;
        var pronounI = first == 'I' && (length == 1 || text[start + 1] is '\'' or '\u2019');
        var allCaps = firstUpper && (seen & CharClass.UpperAfterFirst) != 0 && (seen & CharClass.Lower) == 0;
        var name = kind == PromptTokenKind.Word && firstUpper && !_sentenceStart && !pronounI && !(allCaps && _previousAllCaps);
        _previousAllCaps = allCaps;
        var slot = kind != PromptTokenKind.Word || name || start < _quoteEnd || _payload;
        _sentenceStart = false;
        _payloadHasContent |= _payload;
        return new PromptToken(kind, Hash64.Mix(hash), slot, length);
    }

    /// <summary>
    /// The general (slower) word loop: consumes letters, digits and underscores from <paramref name="pos"/>, hashing
    /// them case-folded and OR-ing their classes into <paramref name="seen"/> (plus <see cref="CharClass.Camel"/> for an
    /// upper after a lower, and <see cref="CharClass.UpperAfterFirst"/>). <see cref="ReadRun"/> inlines the ASCII case.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int Pos, ulong Hash, int Seen) ScanWordChars(ReadOnlySpan<char> text, int pos, ulong hash, int seen)
    {
        while ((uint)pos < (uint)text.Length)
        {
            var c = text[pos];
            var cls = CharClass.Of(c);
            if ((cls & CharClass.WordChar) == 0)
            {
                break;
            }

            var upper = cls & CharClass.Upper;
            seen |= cls | (upper << 4) | ((upper & (seen >> 1)) << 3);
            hash = Hash64.Step(hash, Hash64.Fold(c));
            pos++;
        }

        return (pos, hash, seen);
    }

    /// <summary>
    /// The hot loop: ASCII letters, digits and underscores (flags as in <see cref="ScanWordChars"/>). A separate,
    /// call-free method with its state in locals, so the JIT keeps the whole loop in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ScanAsciiWordChars(ReadOnlySpan<char> text, int pos, ref ulong hash, ref int seen)
    {
        var table = CharClass.AsciiTable;
        var h = hash;
        var s = seen;
        while ((uint)pos < (uint)text.Length)
        {
            int c = text[pos];
            if (c >= 128)
            {
                break;
            }

            int cls = table[c];
            if ((cls & CharClass.WordChar) == 0)
            {
                break;
            }

            var upper = cls & CharClass.Upper;
            s |= cls | (upper << 4) | ((upper & (s >> 1)) << 3);
            h = (h ^ (uint)(c | (upper << 3))) * Hash64.FnvPrime;
            pos++;
        }

        hash = h;
        seen = s;
        return pos;
    }

    /// <summary>ASCII upper case folds by setting bit 0x20, which is <see cref="CharClass.Upper"/> (4) shifted left by 3: no branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char FoldWordChar(char c, int cls) => c < 128 ? (char)(c | ((cls & CharClass.Upper) << 3)) : Hash64.Fold(c);
}
