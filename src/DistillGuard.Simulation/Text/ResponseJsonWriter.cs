using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Simulation.Text;

/// <summary>Renders a <see cref="ResponsePlan"/> as a real response body of either API shape, with usage.</summary>
internal static class ResponseJsonWriter
{
    public static void Write(Utf8JsonWriter w, ApiShape api, string model, string id, ResponsePlan r)
    {
        if (api == ApiShape.OpenAIChat)
        {
            WriteOpenAi(w, model, id, r);
            return;
        }

        w.WriteStartObject();
        w.WriteString("id"u8, "msg_" + id);
        w.WriteString("type"u8, "message"u8);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("model"u8, model);
        w.WriteStartArray("content"u8);
        if (r.Thinking is { } thinking)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "thinking"u8);
            w.WriteString("thinking"u8, thinking);
            w.WriteEndObject();
        }

        if (r.Text.Length > 0)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "text"u8);
            w.WriteString("text"u8, r.Text);
            w.WriteEndObject();
        }

        if (r.ToolName is { } tool)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "tool_use"u8);
            w.WriteString("id"u8, r.ToolUseId);
            w.WriteString("name"u8, tool);
            w.WritePropertyName("input"u8);
            w.WriteRawValue(r.ToolInputJson ?? "{}", skipInputValidation: true);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("stop_reason"u8, r.StopReason);
        w.WriteStartObject("usage"u8);
        w.WriteNumber("input_tokens"u8, r.InputTokens);
        w.WriteNumber("output_tokens"u8, r.OutputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteOpenAi(Utf8JsonWriter w, string model, string id, ResponsePlan r)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, "chatcmpl-" + id);
        w.WriteString("object"u8, "chat.completion"u8);
        w.WriteString("model"u8, model);
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        w.WriteStartObject("message"u8);
        w.WriteString("role"u8, "assistant"u8);
        if (r.Text.Length > 0)
        {
            w.WriteString("content"u8, r.Text);
        }
        else
        {
            w.WriteNull("content"u8);
        }

        if (r.Thinking is { } thinking)
        {
            w.WriteString("reasoning_content"u8, thinking);
        }

        if (r.ToolName is { } tool)
        {
            w.WriteStartArray("tool_calls"u8);
            w.WriteStartObject();
            w.WriteString("id"u8, r.ToolUseId);
            w.WriteString("type"u8, "function"u8);
            w.WriteStartObject("function"u8);
            w.WriteString("name"u8, tool);
            w.WriteString("arguments"u8, r.ToolInputJson ?? "{}");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteString("finish_reason"u8, r.StopReason switch { "tool_use" => "tool_calls", "max_tokens" => "length", _ => "stop" });
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usage"u8);
        w.WriteNumber("prompt_tokens"u8, r.InputTokens);
        w.WriteNumber("completion_tokens"u8, r.OutputTokens);
        w.WriteNumber("total_tokens"u8, r.InputTokens + r.OutputTokens);
        if (r.ReasoningTokens > 0)
        {
            w.WriteStartObject("completion_tokens_details"u8);
            w.WriteNumber("reasoning_tokens"u8, r.ReasoningTokens);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
