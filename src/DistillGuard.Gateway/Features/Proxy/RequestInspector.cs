using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>
/// Validates a request body in one forward pass (no DOM): it must be one JSON object with a string <c>model</c>
/// and a <c>messages</c> array; reads <c>stream</c>. Anything else is a 400 that never reaches an upstream.
/// </summary>
internal static class RequestInspector
{
    public static bool TryInspect(ReadOnlySpan<byte> body, ApiShape shape, out RequestInfo info, out string error)
    {
        info = default;
        error = string.Empty;
        if (body.IsEmpty)
        {
            error = "request body is empty; expected a JSON object";
            return false;
        }

        string? model = null;
        var stream = false;
        var hasMessages = false;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "request body must be a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "field 'model' must be a string";
                        return false;
                    }

                    model = reader.GetString();
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                    {
                        error = "field 'stream' must be a boolean";
                        return false;
                    }

                    stream = reader.TokenType == JsonTokenType.True;
                }
                else if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        error = "field 'messages' must be an array";
                        return false;
                    }

                    hasMessages = true;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                error = "unexpected data after the JSON object";
                return false;
            }
        }
        catch (JsonException ex)
        {
            error = $"request body is not valid JSON: {ex.Message}";
            return false;
        }

        if (string.IsNullOrEmpty(model))
        {
            error = "missing required field 'model'";
            return false;
        }

        if (!hasMessages)
        {
            error = "missing required field 'messages'";
            return false;
        }

        _ = shape;
        info = new RequestInfo(model, stream);
        return true;
    }
}
