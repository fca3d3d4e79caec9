using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.StandIn;

public static partial class StandInUpstream
{
    private static void WriteOpenAIResponse(Utf8JsonWriter w, StandInRequest request)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, "chatcmpl-standin");
        w.WriteString("object"u8, "chat.completion"u8);
        w.WriteNumber("created"u8, 1_700_000_000);
        w.WriteString("model"u8, request.Model);
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        w.WriteStartObject("message"u8);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("content"u8, AnswerFor(request));
        if (request.Think)
        {
            w.WriteString("reasoning_content"u8, Reasoning);
        }

        if (request.LastTool is { } tool)
        {
            w.WriteStartArray("tool_calls"u8);
            w.WriteStartObject();
            w.WriteString("id"u8, "call_standin");
            w.WriteString("type"u8, "function"u8);
            w.WriteStartObject("function"u8);
            w.WriteString("name"u8, tool);
            w.WriteString("arguments"u8, "{\"query\":\"standin\"}");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteString("finish_reason"u8, request.LastTool is null ? "stop" : "tool_calls");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usage"u8);
        w.WriteNumber("prompt_tokens"u8, 12);
        w.WriteNumber("completion_tokens"u8, 34);
        w.WriteNumber("total_tokens"u8, 46);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static async Task WriteOpenAIStreamAsync(HttpResponse response, StandInRequest request)
    {
        await ChunkAsync(response, request, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null).ConfigureAwait(false);
        if (request.Think)
        {
            await ChunkAsync(response, request, new JsonObject { ["reasoning_content"] = Reasoning[..20] }, null).ConfigureAwait(false);
            await ChunkAsync(response, request, new JsonObject { ["reasoning_content"] = Reasoning[20..] }, null).ConfigureAwait(false);
        }

        var answer = AnswerFor(request);
        var half = answer.Length / 2;
        await ChunkAsync(response, request, new JsonObject { ["content"] = answer[..half] }, null).ConfigureAwait(false);
        await ChunkAsync(response, request, new JsonObject { ["content"] = answer[half..] }, null).ConfigureAwait(false);
        if (request.LastTool is { } tool)
        {
            await ChunkAsync(response, request, new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = "call_standin", ["type"] = "function", ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = string.Empty } }) }, null).ConfigureAwait(false);
            await ChunkAsync(response, request, new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = "{\"query\":\"standin\"}" } }) }, null).ConfigureAwait(false);
        }

        await ChunkAsync(response, request, new JsonObject(), request.LastTool is null ? "stop" : "tool_calls").ConfigureAwait(false);
        await WriteEventAsync(response, null, new JsonObject
        {
            ["id"] = "chatcmpl-standin",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 34, ["total_tokens"] = 46 },
        }.ToJsonString()).ConfigureAwait(false);
        await WriteEventAsync(response, null, "[DONE]").ConfigureAwait(false);
    }

    private static async Task ChunkAsync(HttpResponse response, StandInRequest request, JsonObject delta, string? finish)
    {
        await WriteEventAsync(response, null, new JsonObject
        {
            ["id"] = "chatcmpl-standin",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        }.ToJsonString()).ConfigureAwait(false);
        await response.Body.FlushAsync().ConfigureAwait(false);
    }
}
