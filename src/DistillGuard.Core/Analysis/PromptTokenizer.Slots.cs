namespace DistillGuard.Core.Analysis;

/// <summary>The look-ahead parts of the tokenizer: labels, colons, quotes, code and URLs/e-mails.</summary>
internal ref partial struct PromptTokenizer
{
    private const int MaxQuotedChars = 400;
    private const int MaxInlineCodeChars = 200;
    private const int MaxLabelWords = 3;

    /// <summary>At a line start: "Problem:", "**Input text:**", "- Code:" begin a payload after their colon.</summary>
    private void CheckLineStart(int index)
    {
        var text = _text;
        var i = index;
        while (i < text.Length && text[i] is ' ' or '\t' or '#' or '*' or '>' or '-')
        {
            i++;
        }

        var key = Hash64.SequenceSeed;
        for (var words = 1; ; words++)
        {
            var wordStart = i;
            var hash = Hash64.FnvOffset;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                hash = Hash64.Step(hash, Hash64.Fold(text[i]));
                i++;
            }

            if (i == wordStart)
            {
                return;
            }

            key = Hash64.Combine(key, Hash64.Mix(hash));
            if (words < MaxLabelWords && i + 1 < text.Length && text[i] == ' ' && char.IsLetter(text[i + 1]))
            {
                i++;
                continue;
            }

            break;
        }

        while (i < text.Length && text[i] is '*' or ' ')
        {
            i++;
        }

        if (i < text.Length && text[i] == ':')
        {
            if (PayloadLabels.Contains(key))
            {
                _payload = false;
                _labelColon = i;
                _labelLineOnly = false;
            }
            else if (!_payload && HasContentOnLine(i + 1))
            {
                // Any other short "Word:" label with text after it on the same line ("Solve: ...", "Translate: ...")
                // masks the rest of that line only: the next line may well be an instruction.
                _labelColon = i;
                _labelLineOnly = true;
            }
        }
    }

    private void OnColon(int index)
    {
        _sentenceStart = true;
        if (index == _labelColon)
        {
            _labelColon = -1;
            StartPayload();
            _payloadLineOnly = _labelLineOnly;
            return;
        }

        // A colon that ends a line introduces a block ("Solve the following problem:\n\n..."): the block is payload.
        var text = _text;
        var j = index + 1;
        while (j < text.Length && text[j] is ' ' or '\t' or '\r' or '*')
        {
            j++;
        }

        if (j < text.Length && text[j] == '\n')
        {
            StartPayload();
        }
    }

    private readonly bool HasContentOnLine(int index)
    {
        var text = _text;
        while (index < text.Length && text[index] is ' ' or '\t' or '*')
        {
            index++;
        }

        return index < text.Length && text[index] is not ('\n' or '\r');
    }

    private void StartPayload()
    {
        _payloadLineOnly = false;
        _payload = true;
        _payloadHasContent = false;
    }

    private void OnQuote(char open, int index)
    {
        if (index == _quoteEnd || !IsChunkStart(index) || index + 1 >= _text.Length)
        {
            return;
        }

        var closers = open switch
        {
            '"' => "\"\u201D",
            '\u201C' => "\u201D\"",
            '\u00AB' => "\u00BB",
            '\u201E' => "\u201C\u201D",
            _ => "'\u2019",
        };
        var start = index + 1;
        var window = _text.Slice(start, Math.Min(MaxQuotedChars, _text.Length - start));
        var offset = 0;
        while (true)
        {
            var k = window[offset..].IndexOfAny(closers);
            if (k < 0)
            {
                return;
            }

            var close = offset + k;

            // A single quote between letters is an apostrophe (don't), not the closing quote.
            var apostrophe = open is '\'' or '\u2018' && close + 1 < window.Length && char.IsLetter(window[close + 1]);
            if (!apostrophe)
            {
                if (close > 0 && window[..close].IndexOf("\n\n") < 0)
                {
                    _quoteEnd = start + close;
                }

                return;
            }

            offset = close + 1;
        }
    }

    private bool TryReadCode(out PromptToken token)
    {
        var text = _text;
        var rest = text[_pos..];
        if (rest.StartsWith("```"))
        {
            var tagStart = 3;
            var tagEnd = tagStart;
            while (tagEnd < rest.Length && (char.IsLetterOrDigit(rest[tagEnd]) || rest[tagEnd] is '+' or '#' or '-' or '_'))
            {
                tagEnd++;
            }

            var tag = tagEnd > tagStart ? Hash64.Word(rest[tagStart..tagEnd]) : 0;
            var close = rest[tagEnd..].IndexOf("```");
            var length = close < 0 ? rest.Length : tagEnd + close + 3;
            _pos += length;
            _payloadHasContent |= _payload;
            token = new PromptToken(PromptTokenKind.CodeBlock, tag, true, length);
            return true;
        }

        var window = rest[1..Math.Min(rest.Length, MaxInlineCodeChars + 1)];
        var end = window.IndexOfAny('`', '\n');
        if (end > 0 && window[end] == '`')
        {
            _pos += end + 2;
            _sentenceStart = false;
            _payloadHasContent |= _payload;
            token = new PromptToken(PromptTokenKind.InlineCode, 0, true, end + 2);
            return true;
        }

        token = default;
        return false;
    }

    /// <summary>
    /// After a word run: "https://..." (the run is followed by "://") is a URL and "name@host.tld" (the run starts
    /// a chunk and is followed by '@') an e-mail; either way the token extends to the next whitespace.
    /// </summary>
    private bool TryExtendToUrlOrEmail(int start, out PromptToken token)
    {
        var text = _text;
        token = default;
        if (_pos + 2 >= text.Length)
        {
            return false;
        }

        PromptTokenKind kind;
        var next = text[_pos];
        if (next == ':' && text[_pos + 1] == '/' && text[_pos + 2] == '/')
        {
            kind = PromptTokenKind.Url;
        }
        else if (next == '@' && IsChunkStart(start) && (CharClass.Of(text[_pos + 1]) & CharClass.LetterOrDigit) != 0)
        {
            kind = PromptTokenKind.Email;
        }
        else
        {
            return false;
        }

        var rest = text[start..];
        var end = rest.IndexOfAny(Whitespace);
        var chunk = end < 0 ? rest : rest[..end];
        if (kind == PromptTokenKind.Email && chunk[(_pos - start)..].IndexOf('.') < 0)
        {
            return false;
        }

        while (chunk.Length > 1 && chunk[^1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '"' or '\'' or '>')
        {
            chunk = chunk[..^1];
        }

        _pos = start + chunk.Length;
        _sentenceStart = false;
        _previousAllCaps = false;
        _payloadHasContent |= _payload;
        token = new PromptToken(kind, 0, true, chunk.Length);
        return true;
    }
}
