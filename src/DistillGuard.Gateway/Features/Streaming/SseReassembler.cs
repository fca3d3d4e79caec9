using System.Buffers;
using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>
/// Turns a streamed response (SSE) back into the non-streamed response body of the same API shape, so the log
/// holds one response object per exchange whether or not the client streamed.
/// </summary>
internal static class SseReassembler
{
    public static void Reassemble(ReadOnlySpan<byte> sse, ApiShape shape, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        if (shape == ApiShape.OpenAIChat)
        {
            ReassembleOpenAI(sse, writer);
        }
        else
        {
            ReassembleAnthropic(sse, writer);
        }
    }

    private static void ReassembleAnthropic(ReadOnlySpan<byte> sse, Utf8JsonWriter writer)
    {
        var message = new AssistantMessage();
        var reader = new SseEventReader(sse);
        while (reader.MoveNext())
        {
            if (!TryParse(reader.Data, out var doc))
            {
                continue;
            }

            using (doc)
            {
                message.ApplyAnthropicEvent(doc.RootElement);
            }
        }

        message.WriteAnthropic(writer);
    }

    private static void ReassembleOpenAI(ReadOnlySpan<byte> sse, Utf8JsonWriter writer)
    {
        var message = new AssistantMessage();
        var reader = new SseEventReader(sse);
        while (reader.MoveNext())
        {
            if (reader.Data.SequenceEqual("[DONE]"u8) || !TryParse(reader.Data, out var doc))
            {
                continue;
            }

            using (doc)
            {
                message.ApplyOpenAIChunk(doc.RootElement);
            }
        }

        message.WriteOpenAI(writer);
    }

    private static bool TryParse(ReadOnlySpan<byte> data, out JsonDocument doc)
    {
        try
        {
            doc = JsonDocument.Parse(data.ToArray());
            return true;
        }
        catch (JsonException)
        {
            doc = null!;
            return false;
        }
    }
}
