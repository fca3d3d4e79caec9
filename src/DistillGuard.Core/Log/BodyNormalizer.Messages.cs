using System.Text.Json;

namespace DistillGuard.Core.Log;

internal sealed partial class BodyNormalizer
{
    private enum Role
    {
        None,
        User,
        Assistant,
        System,
        Tool,
    }

    private void ReadMessages(ref SpanJsonReader reader, ExchangeRequest request, ref ShapeEvidence evidence)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadMessage(ref reader, request, ref evidence);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// One message. Its content is read into <c>_message</c> first and assigned by role at the end, so the order of
    /// <c>role</c> and <c>content</c> in the object does not matter.
    /// </summary>
    private void ReadMessage(ref SpanJsonReader reader, ExchangeRequest request, ref ShapeEvidence evidence)
    {
        var role = Role.None;
        var counts = default(ContentCounts);
        _message.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                // An assistant's or tool's text is never used, only its blocks counted; skipping it spares decoding
                // about a third of a multi-turn request (when the role comes first, as clients write it).
                ReadContent(ref reader, ref counts, ref evidence, keepText: role is not (Role.Assistant or Role.Tool));
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                role = ReadRole(ref reader, ref evidence);
            }
            else if (reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("tool_call_id"u8))
            {
                evidence.OpenAI++;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        request.ImageCount += counts.Images;
        request.ToolResultCount += counts.ToolResults;
        switch (role)
        {
            case Role.User:
                // A user message that only carries tool results is the client's tool output, not a user turn.
                if (counts.ToolResults > 0 && counts.Texts == 0 && counts.Images == 0 && counts.Other == 0)
                {
                    break;
                }

                request.UserTurns++;
                _message.SwapWith(_lastUser);
                if (request.UserTurns == 1)
                {
                    _firstUser.CopyFrom(_lastUser);
                }

                break;
            case Role.Assistant:
                request.AssistantTurns++;
                break;
            case Role.System:
                AppendSystem();
                break;
            case Role.Tool:
                request.ToolResultCount++;
                break;
        }
    }

    private static Role ReadRole(ref SpanJsonReader reader, ref ShapeEvidence evidence)
    {
        Span<byte> value = stackalloc byte[16];
        var kind = value[..KindValue(ref reader, value)];
        reader.Skip();
        if (kind.SequenceEqual("user"u8))
        {
            return Role.User;
        }

        if (kind.SequenceEqual("assistant"u8))
        {
            return Role.Assistant;
        }

        if (kind.SequenceEqual("system"u8) || kind.SequenceEqual("developer"u8))
        {
            evidence.OpenAI++;
            return Role.System;
        }

        if (kind.SequenceEqual("tool"u8) || kind.SequenceEqual("function"u8))
        {
            evidence.OpenAI++;
            return Role.Tool;
        }

        return Role.None;
    }

    /// <summary>
    /// Message (or system) content: a string, or a list of Anthropic blocks / OpenAI parts. Text goes to
    /// <c>_message</c>, joined by newlines; other blocks are counted.
    /// </summary>
    private void ReadContent(ref SpanJsonReader reader, ref ContentCounts counts, ref ShapeEvidence evidence, bool keepText = true)
    {
        var text = keepText ? _message : null;
        if (reader.TokenType == JsonTokenType.String)
        {
            AppendText(ref reader, text);
            counts.Texts++;
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadBlock(ref reader, text, ref counts, ref evidence);
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                AppendText(ref reader, text);
                counts.Texts++;
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Appends a text value to <paramref name="text"/>, joined by a newline; with no buffer the value is skipped.</summary>
    private static void AppendText(ref SpanJsonReader reader, TextBuffer? text)
    {
        if (text is not null)
        {
            text.Separate();
            text.AppendJsonString(ref reader);
        }
    }

    /// <summary>
    /// One content block or part. Its <c>text</c> is appended to <paramref name="text"/> (when given) as it is met and
    /// taken back if the block turns out not to be a text block (the <c>type</c> may come after <c>text</c>).
    /// </summary>
    private static void ReadBlock(ref SpanJsonReader reader, TextBuffer? text, ref ContentCounts counts, ref ShapeEvidence evidence)
    {
        var mark = text?.Mark() ?? default;
        var hasText = false;
        Span<byte> typeBuffer = stackalloc byte[24];
        var typeLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                typeLength = KindValue(ref reader, typeBuffer);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    AppendText(ref reader, text);
                    hasText = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        var type = typeBuffer[..typeLength];
        if (type.IsEmpty || type.SequenceEqual("text"u8))
        {
            if (hasText)
            {
                counts.Texts++;
            }

            return;
        }

        if (hasText)
        {
            text?.Rollback(mark);
        }

        CountBlock(type, ref counts, ref evidence);
    }

    private static void CountBlock(ReadOnlySpan<byte> type, ref ContentCounts counts, ref ShapeEvidence evidence)
    {
        if (type.SequenceEqual("image"u8))
        {
            evidence.Anthropic++;
            counts.Images++;
        }
        else if (type.SequenceEqual("image_url"u8))
        {
            evidence.OpenAI++;
            counts.Images++;
        }
        else if (type.SequenceEqual("tool_result"u8))
        {
            evidence.Anthropic++;
            counts.ToolResults++;
        }
        else if (type.SequenceEqual("tool_use"u8))
        {
            evidence.Anthropic++;
            counts.ToolUses++;
        }
        else if (type.SequenceEqual("thinking"u8) || type.SequenceEqual("redacted_thinking"u8))
        {
            evidence.Anthropic++;
            counts.Reasoning++;
        }
        else if (type.SequenceEqual("document"u8))
        {
            evidence.Anthropic++;
            counts.Other++;
        }
        else if (type.SequenceEqual("input_audio"u8) || type.SequenceEqual("file"u8) || type.SequenceEqual("refusal"u8))
        {
            evidence.OpenAI++;
            counts.Other++;
        }
        else
        {
            counts.Other++;
        }
    }
}
