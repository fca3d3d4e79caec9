using System.Text;
using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>
/// Parses one exchange-log line (shared/spec/exchange-log.md) into a reused <see cref="Exchange"/> with
/// <see cref="SpanJsonReader"/>: no DOM, pooled strings for repeated short values (account ids, IPs, agents,
/// models, system prompts). Required: <c>ts</c> (RFC 3339 with offset, any offset, stored as UTC),
/// <c>account_id</c>, <c>request</c> (object). Envelope fields are typed strictly (a known field of the wrong type
/// makes a bad record); bodies leniently; unknown fields are skipped.
/// Not thread-safe: use one parser per thread.
/// </summary>
public sealed class ExchangeParser
{
    private const int MaxDepth = SpanJsonReader.DepthLimit;
    private readonly BodyNormalizer _bodies;

    /// <param name="maxTextChars">Characters kept per text field (see <see cref="LogReaderOptions.MaxTextChars"/>).</param>
    /// <param name="maxResponseTextChars">Characters of response text kept; null means <paramref name="maxTextChars"/> (see <see cref="LogReaderOptions.MaxResponseTextChars"/>).</param>
    public ExchangeParser(int maxTextChars = 16 * 1024, int? maxResponseTextChars = null)
    {
        _bodies = new BodyNormalizer(maxTextChars, maxResponseTextChars);
    }

    internal ExchangeParser(LogReaderOptions options)
        : this(options.MaxTextChars, options.MaxResponseTextChars)
    {
    }

    /// <summary>
    /// Parses <paramref name="line"/> (one UTF-8 JSON object, without its newline) into <paramref name="target"/>,
    /// overwriting all of it. On false, <paramref name="error"/> says why and <paramref name="target"/> holds
    /// garbage.
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> line, Exchange target, out ParseError error)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Reset();
        target.PooledStrings = true;
        try
        {
            Parse(line, target);
            error = default;
            return true;
        }
        catch (RecordFormatException e)
        {
            error = new ParseError(e.Kind, e.Field, e.Message);
        }
        catch (JsonException e)
        {
            error = new ParseError(BadRecordKind.MalformedJson, null, "malformed JSON: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            // The reader refuses to decode a string holding invalid UTF-8 or a broken surrogate escape: the line is not valid JSON text.
            error = new ParseError(BadRecordKind.MalformedJson, null, "malformed JSON: " + e.Message);
        }

        return false;
    }

    private void Parse(ReadOnlySpan<byte> line, Exchange target)
    {
        var reader = new SpanJsonReader(line, MaxDepth);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordFormatException(BadRecordKind.MalformedJson, null, "record is not a JSON object");
        }

        var state = default(EnvelopeState);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadField(ref reader, target, ref state);
        }

        // A second value on the same line makes the reader throw here (malformed).
        if (reader.Read())
        {
            throw new RecordFormatException(BadRecordKind.MalformedJson, null, "unexpected content after the record's object");
        }

        Complete(target, ref state);
    }

    private static void Complete(Exchange target, ref EnvelopeState state)
    {
        if (!state.HasTimestamp)
        {
            throw JsonValues.Missing("ts");
        }

        if (!state.HasAccount)
        {
            throw JsonValues.Missing("account_id");
        }

        if (!state.HasRequest)
        {
            throw JsonValues.Missing("request");
        }

        var api = state.DeclaredApi;
        if (api == ApiShape.Unknown)
        {
            api = state.RequestEvidence.Verdict;
            if (api == ApiShape.Unknown)
            {
                api = state.ResponseEvidence.Verdict;
            }

            if (api == ApiShape.Unknown)
            {
                throw new RecordFormatException(BadRecordKind.UnknownApiShape, "api",
                    "field 'api' is absent and the request matches neither anthropic.messages nor openai.chat");
            }
        }

        target.Api = api;
        target.Model = state.RequestModel ?? state.ResponseModel;
        target.Usage = state.EnvelopeUsage ?? state.ResponseUsage ?? default;
    }

    private void ReadField(ref SpanJsonReader reader, Exchange target, ref EnvelopeState state)
    {
        var field = EnvelopeFields.Of(ref reader);
        if (field == EnvelopeField.Ts)
        {
            reader.Read();
            if (JsonValues.IsStringStrict(ref reader, "ts"))
            {
                var value = _bodies.Utf8Value(ref reader);
                if (!Rfc3339.TryParse(value, out var utc))
                {
                    throw new RecordFormatException(BadRecordKind.BadTimestamp, "ts",
                        $"field 'ts' is not an RFC 3339 timestamp with an offset: \"{Shorten(value)}\"");
                }

                target.Timestamp = utc;
                state.HasTimestamp = true;
            }
        }
        else if (field == EnvelopeField.AccountId)
        {
            reader.Read();
            if (JsonValues.IsStringStrict(ref reader, "account_id"))
            {
                target.AccountId = _bodies.PooledString(ref reader);
                state.HasAccount = target.AccountId.Length > 0;
            }
        }
        else if (field == EnvelopeField.Request)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw JsonValues.WrongType(ref reader, "request", "an object");
            }

            _bodies.ReadRequest(ref reader, target.Request, ref state.RequestEvidence, out state.RequestModel);
            state.HasRequest = true;
        }
        else if (field == EnvelopeField.Response)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw JsonValues.WrongType(ref reader, "response", "an object");
            }

            _bodies.ReadResponse(ref reader, target.UseResponse(), ref state.ResponseEvidence, out state.ResponseUsage, out state.ResponseModel);
        }
        else
        {
            ReadOptionalField(ref reader, target, ref state, field);
        }
    }

    private void ReadOptionalField(ref SpanJsonReader reader, Exchange target, ref EnvelopeState state, EnvelopeField field)
    {
        if (field == EnvelopeField.Ip)
        {
            target.Ip = PooledOrNull(ref reader, "ip");
        }
        else if (field == EnvelopeField.RequestId)
        {
            reader.Read();
            if (JsonValues.IsStringStrict(ref reader, "request_id"))
            {
                // Unescaped, a JSON string never has more UTF-16 characters than it has bytes.
                var slot = target.RequestIdSlot;
                slot.Commit(reader.CopyString(slot.Reserve(reader.ValueSpan.Length)));
            }
            else
            {
                target.RequestId = null;
            }
        }
        else if (field == EnvelopeField.ApiKeyId)
        {
            target.ApiKeyId = PooledOrNull(ref reader, "api_key_id");
        }
        else if (field == EnvelopeField.Asn)
        {
            reader.Read();
            target.Asn = JsonValues.IntStrict(ref reader, "asn");
        }
        else if (field == EnvelopeField.AsnOrg)
        {
            target.AsnOrg = PooledOrNull(ref reader, "asn_org");
        }
        else if (field == EnvelopeField.AsnType)
        {
            reader.Read();
            target.AsnType = JsonValues.IsStringStrict(ref reader, "asn_type") ? LogNames.ParseAsnType(_bodies.Utf8Value(ref reader)) : AsnType.Unknown;
        }
        else if (field == EnvelopeField.Country)
        {
            reader.Read();
            target.Country = JsonValues.IsStringStrict(ref reader, "country") ? _bodies.CountryCode(ref reader) : null;
        }
        else if (field == EnvelopeField.UserAgent)
        {
            target.UserAgent = PooledOrNull(ref reader, "user_agent");
        }
        else if (field == EnvelopeField.TlsFingerprint)
        {
            target.TlsFingerprint = PooledOrNull(ref reader, "tls_fingerprint");
        }
        else if (field == EnvelopeField.Status)
        {
            reader.Read();
            target.Status = JsonValues.IntStrict(ref reader, "status");
        }
        else if (field == EnvelopeField.LatencyMs)
        {
            reader.Read();
            target.LatencyMs = JsonValues.DoubleStrict(ref reader, "latency_ms");
        }
        else if (field == EnvelopeField.Api)
        {
            reader.Read();
            if (JsonValues.IsStringStrict(ref reader, "api"))
            {
                state.DeclaredApi = ParseApi(_bodies.Utf8Value(ref reader));
            }
        }
        else if (field == EnvelopeField.Usage)
        {
            reader.Read();
            state.EnvelopeUsage = BodyNormalizer.ReadUsage(ref reader, strict: true);
        }
        else
        {
            reader.Skip();
        }
    }

    private string? PooledOrNull(ref SpanJsonReader reader, string field)
    {
        reader.Read();
        return JsonValues.IsStringStrict(ref reader, field) ? _bodies.PooledString(ref reader) : null;
    }

    private static ApiShape ParseApi(ReadOnlySpan<byte> value)
    {
        if (value.SequenceEqual("anthropic.messages"u8))
        {
            return ApiShape.AnthropicMessages;
        }

        if (value.SequenceEqual("openai.chat"u8))
        {
            return ApiShape.OpenAIChat;
        }

        throw new RecordFormatException(BadRecordKind.UnknownApiShape, "api",
            $"field 'api' is \"{Shorten(value)}\", expected \"{LogNames.AnthropicMessages}\" or \"{LogNames.OpenAIChat}\"");
    }

    private static string Shorten(ReadOnlySpan<byte> value) =>
        Encoding.UTF8.GetString(value[..Math.Min(value.Length, 64)]) + (value.Length > 64 ? "…" : string.Empty);

    /// <summary>What the envelope has said so far; checked when the object ends.</summary>
    private struct EnvelopeState
    {
        public bool HasTimestamp;
        public bool HasAccount;
        public bool HasRequest;
        public ApiShape DeclaredApi;
        public ShapeEvidence RequestEvidence;
        public ShapeEvidence ResponseEvidence;
        public string? RequestModel;
        public string? ResponseModel;
        public TokenUsage? EnvelopeUsage;
        public TokenUsage? ResponseUsage;
    }
}
