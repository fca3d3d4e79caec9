using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.StandIn;

public static partial class StandInUpstream
{
    private static void WriteAnthropicResponse(Utf8JsonWriter w, StandInRequest request)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, "msg_standin");
        w.WriteString("type"u8, "message"u8);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("model"u8, request.Model);
        w.WriteStartArray("content"u8);
        if (request.Think)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "thinking"u8);
            w.WriteString("thinking"u8, Reasoning);
            w.WriteString("signature"u8, "sig_standin");
            w.WriteEndObject();
        }

        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, AnswerFor(request));
        w.WriteEndObject();
        if (request.LastTool is { } tool)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "tool_use"u8);
            w.WriteString("id"u8, "toolu_standin");
            w.WriteString("name"u8, tool);
            w.WriteStartObject("input"u8);
            w.WriteString("query"u8, "standin");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("stop_reason"u8, request.LastTool is null ? "end_turn" : "tool_use");
        w.WriteNull("stop_sequence"u8);
        w.WriteStartObject("usage"u8);
        w.WriteNumber("input_tokens"u8, 12);
        w.WriteNumber("output_tokens"u8, 34);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static async Task WriteAnthropicStreamAsync(HttpResponse response, StandInRequest request)
    {
        await WriteEventAsync(response, "message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject { ["id"] = "msg_standin", ["type"] = "message", ["role"] = "assistant", ["model"] = request.Model, ["content"] = new JsonArray(), ["stop_reason"] = null, ["usage"] = new JsonObject { ["input_tokens"] = 12, ["output_tokens"] = 1 } },
        }.ToJsonString()).ConfigureAwait(false);
        var index = 0;
        if (request.Think)
        {
            await BlockAsync(response, index++, new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty }, [("thinking_delta", "thinking", Reasoning[..20]), ("thinking_delta", "thinking", Reasoning[20..]), ("signature_delta", "signature", "sig_standin")]).ConfigureAwait(false);
        }

        var answer = AnswerFor(request);
        var half = answer.Length / 2;
        await BlockAsync(response, index++, new JsonObject { ["type"] = "text", ["text"] = string.Empty }, [("text_delta", "text", answer[..half]), ("text_delta", "text", answer[half..])]).ConfigureAwait(false);
        if (request.LastTool is { } tool)
        {
            await BlockAsync(response, index, new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_standin", ["name"] = tool, ["input"] = new JsonObject() }, [("input_json_delta", "partial_json", "{\"query\":"), ("input_json_delta", "partial_json", "\"standin\"}")]).ConfigureAwait(false);
        }

        await WriteEventAsync(response, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = request.LastTool is null ? "end_turn" : "tool_use", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 34 },
        }.ToJsonString()).ConfigureAwait(false);
        await WriteEventAsync(response, "message_stop", "{\"type\":\"message_stop\"}").ConfigureAwait(false);
    }

    private static async Task BlockAsync(HttpResponse response, int index, JsonObject block, (string Type, string Field, string Value)[] deltas)
    {
        await WriteEventAsync(response, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = block }.ToJsonString()).ConfigureAwait(false);
        foreach (var (type, field, value) in deltas)
        {
            await WriteEventAsync(response, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = type, [field] = value } }.ToJsonString()).ConfigureAwait(false);
            await response.Body.FlushAsync().ConfigureAwait(false);
        }

        await WriteEventAsync(response, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }.ToJsonString()).ConfigureAwait(false);
    }
}
