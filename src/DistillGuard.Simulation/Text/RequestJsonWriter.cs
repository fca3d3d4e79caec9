using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Simulation.Text;

/// <summary>Renders a <see cref="Conversation"/> as a real request body in the Anthropic Messages or OpenAI Chat shape.</summary>
internal static class RequestJsonWriter
{
    public static void Write(Utf8JsonWriter w, Conversation c, string imageData)
    {
        if (c.Api == ApiShape.OpenAIChat)
        {
            WriteOpenAi(w, c, imageData);
        }
        else
        {
            WriteAnthropic(w, c, imageData);
        }
    }

    private static void WriteAnthropic(Utf8JsonWriter w, Conversation c, string imageData)
    {
        w.WriteStartObject();
        w.WriteString("model"u8, c.Model);
        w.WriteNumber("max_tokens"u8, c.MaxTokens);
        if (c.System is { } system)
        {
            w.WriteString("system"u8, system);
        }

        if (c.ThinkingBudget is { } budget)
        {
            w.WriteStartObject("thinking"u8);
            w.WriteString("type"u8, "enabled"u8);
            w.WriteNumber("budget_tokens"u8, budget);
            w.WriteEndObject();
        }
        else if (c.Temperature is { } temperature)
        {
            w.WriteNumber("temperature"u8, temperature);
        }

        if (c.Tools.Count > 0)
        {
            w.WriteStartArray("tools"u8);
            foreach (var tool in c.Tools)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, tool.Name);
                w.WriteString("description"u8, tool.Description);
                w.WritePropertyName("input_schema"u8);
                w.WriteRawValue(tool.SchemaJson, skipInputValidation: true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (c.EndUser is { } endUser)
        {
            w.WriteStartObject("metadata"u8);
            w.WriteString("user_id"u8, endUser);
            w.WriteEndObject();
        }

        if (c.Stream)
        {
            w.WriteBoolean("stream"u8, true);
        }

        w.WriteStartArray("messages"u8);
        foreach (var m in c.Messages)
        {
            w.WriteStartObject();
            w.WriteString("role"u8, m.FromUser ? "user"u8 : "assistant"u8);
            switch (m.Kind)
            {
                case MessageKind.Text:
                    w.WriteString("content"u8, m.Text);
                    break;
                case MessageKind.TextWithImages:
                    w.WriteStartArray("content"u8);
                    for (var i = 0; i < m.Images; i++)
                    {
                        w.WriteStartObject();
                        w.WriteString("type"u8, "image"u8);
                        w.WriteStartObject("source"u8);
                        w.WriteString("type"u8, "base64"u8);
                        w.WriteString("media_type"u8, "image/png"u8);
                        w.WriteString("data"u8, imageData);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    WriteTextBlock(w, m.Text);
                    w.WriteEndArray();
                    break;
                case MessageKind.ToolUse:
                    w.WriteStartArray("content"u8);
                    if (m.Text.Length > 0)
                    {
                        WriteTextBlock(w, m.Text);
                    }

                    w.WriteStartObject();
                    w.WriteString("type"u8, "tool_use"u8);
                    w.WriteString("id"u8, m.ToolUseId);
                    w.WriteString("name"u8, m.ToolName);
                    w.WritePropertyName("input"u8);
                    w.WriteRawValue(m.ToolInputJson ?? "{}", skipInputValidation: true);
                    w.WriteEndObject();
                    w.WriteEndArray();
                    break;
                case MessageKind.ToolResult:
                    w.WriteStartArray("content"u8);
                    w.WriteStartObject();
                    w.WriteString("type"u8, "tool_result"u8);
                    w.WriteString("tool_use_id"u8, m.ToolUseId);
                    w.WriteString("content"u8, m.Text);
                    w.WriteEndObject();
                    if (m.Images > 0)
                    {
                        w.WriteStartObject();
                        w.WriteString("type"u8, "image"u8);
                        w.WriteStartObject("source"u8);
                        w.WriteString("type"u8, "base64"u8);
                        w.WriteString("media_type"u8, "image/png"u8);
                        w.WriteString("data"u8, imageData);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTextBlock(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, text);
        w.WriteEndObject();
    }

    private static void WriteOpenAi(Utf8JsonWriter w, Conversation c, string imageData)
    {
        w.WriteStartObject();
        w.WriteString("model"u8, c.Model);
        w.WriteNumber("max_completion_tokens"u8, c.MaxTokens);
        if (c.ReasoningEffort is { } effort)
        {
            w.WriteString("reasoning_effort"u8, effort);
        }
        else if (c.Temperature is { } temperature)
        {
            w.WriteNumber("temperature"u8, temperature);
        }

        if (c.EndUser is { } endUser)
        {
            w.WriteString("user"u8, endUser);
        }

        if (c.Stream)
        {
            w.WriteBoolean("stream"u8, true);
        }

        if (c.Tools.Count > 0)
        {
            w.WriteStartArray("tools"u8);
            foreach (var tool in c.Tools)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, tool.Name);
                w.WriteString("description"u8, tool.Description);
                w.WritePropertyName("parameters"u8);
                w.WriteRawValue(tool.SchemaJson, skipInputValidation: true);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("messages"u8);
        if (c.System is { } system)
        {
            w.WriteStartObject();
            w.WriteString("role"u8, "system"u8);
            w.WriteString("content"u8, system);
            w.WriteEndObject();
        }

        foreach (var m in c.Messages)
        {
            w.WriteStartObject();
            switch (m.Kind)
            {
                case MessageKind.Text:
                    w.WriteString("role"u8, m.FromUser ? "user"u8 : "assistant"u8);
                    w.WriteString("content"u8, m.Text);
                    break;
                case MessageKind.TextWithImages:
                    w.WriteString("role"u8, "user"u8);
                    w.WriteStartArray("content"u8);
                    w.WriteStartObject();
                    w.WriteString("type"u8, "text"u8);
                    w.WriteString("text"u8, m.Text);
                    w.WriteEndObject();
                    for (var i = 0; i < m.Images; i++)
                    {
                        w.WriteStartObject();
                        w.WriteString("type"u8, "image_url"u8);
                        w.WriteStartObject("image_url"u8);
                        w.WriteString("url"u8, "data:image/png;base64," + imageData);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    break;
                case MessageKind.ToolUse:
                    w.WriteString("role"u8, "assistant"u8);
                    if (m.Text.Length > 0)
                    {
                        w.WriteString("content"u8, m.Text);
                    }
                    else
                    {
                        w.WriteNull("content"u8);
                    }

                    w.WriteStartArray("tool_calls"u8);
                    w.WriteStartObject();
                    w.WriteString("id"u8, m.ToolUseId);
                    w.WriteString("type"u8, "function"u8);
                    w.WriteStartObject("function"u8);
                    w.WriteString("name"u8, m.ToolName);
                    w.WriteString("arguments"u8, m.ToolInputJson ?? "{}");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                    break;
                case MessageKind.ToolResult:
                    w.WriteString("role"u8, "tool"u8);
                    w.WriteString("tool_call_id"u8, m.ToolUseId);
                    w.WriteString("content"u8, m.Text);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
