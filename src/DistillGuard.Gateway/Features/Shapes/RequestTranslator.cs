using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.Features.Shapes;

/// <summary>
/// Translates request bodies between <c>anthropic.messages</c> and <c>openai.chat</c> for failover to an
/// upstream of the other shape: messages, system prompt, tools and tool calls, output budget, reasoning, streaming.
/// </summary>
internal static partial class RequestTranslator
{
    public static JsonObject AnthropicToOpenAI(JsonObject source, string model)
    {
        var messages = new JsonArray();
        var target = new JsonObject { ["model"] = model, ["messages"] = messages };
        if (source["system"] is { } system && Text(system) is { Length: > 0 } systemText)
        {
            messages.Add((JsonNode)new JsonObject { ["role"] = "system", ["content"] = systemText });
        }

        if (source["messages"] is JsonArray input)
        {
            foreach (var node in input)
            {
                if (node is JsonObject message)
                {
                    AddOpenAIMessages(message, messages);
                }
            }
        }

        if (Int(source["max_tokens"]) is { } maxTokens)
        {
            target["max_completion_tokens"] = maxTokens;
        }

        CopyIfPresent(source, target, "temperature", "temperature");
        CopyIfPresent(source, target, "top_p", "top_p");
        CopyIfPresent(source, target, "stop_sequences", "stop");
        if (source["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming)
        {
            target["stream"] = true;
            target["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        if (source["tools"] is JsonArray tools)
        {
            var functions = new JsonArray();
            foreach (var tool in tools)
            {
                if (tool is JsonObject t)
                {
                    functions.Add((JsonNode)new JsonObject
                    {
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = t["name"]?.DeepClone(), ["description"] = t["description"]?.DeepClone(), ["parameters"] = t["input_schema"]?.DeepClone() ?? new JsonObject { ["type"] = "object" } },
                    });
                }
            }

            target["tools"] = functions;
        }

        if (source["tool_choice"] is JsonObject choice)
        {
            target["tool_choice"] = (string?)choice["type"] switch
            {
                "any" => "required",
                "tool" => new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = choice["name"]?.DeepClone() } },
                "none" => "none",
                _ => "auto",
            };
        }

        if (source["thinking"] is JsonObject thinking && (string?)thinking["type"] == "enabled")
        {
            var budget = Int(thinking["budget_tokens"]) ?? 4096;
            target["reasoning_effort"] = budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
        }

        if (source["metadata"] is JsonObject metadata && metadata["user_id"] is { } user)
        {
            target["user"] = user.DeepClone();
        }

        return target;
    }

    private static void AddOpenAIMessages(JsonObject message, JsonArray messages)
    {
        var role = (string?)message["role"];
        var content = message["content"];
        if (content is not JsonArray blocks)
        {
            messages.Add((JsonNode)new JsonObject { ["role"] = role, ["content"] = content?.DeepClone() });
            return;
        }

        var parts = new JsonArray();
        var text = new StringBuilder();
        var toolCalls = new JsonArray();
        foreach (var node in blocks)
        {
            if (node is not JsonObject block)
            {
                continue;
            }

            switch ((string?)block["type"])
            {
                case "text":
                    parts.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = block["text"]?.DeepClone() });
                    text.Append((string?)block["text"]);
                    break;
                case "image" when block["source"] is JsonObject source:
                    var url = (string?)source["type"] == "base64" ? $"data:{(string?)source["media_type"]};base64,{(string?)source["data"]}" : (string?)source["url"];
                    parts.Add((JsonNode)new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } });
                    break;
                case "tool_use":
                    toolCalls.Add((JsonNode)new JsonObject
                    {
                        ["id"] = block["id"]?.DeepClone(),
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = block["name"]?.DeepClone(), ["arguments"] = block["input"]?.ToJsonString() ?? "{}" },
                    });
                    break;
                case "tool_result":
                    messages.Add((JsonNode)new JsonObject { ["role"] = "tool", ["tool_call_id"] = block["tool_use_id"]?.DeepClone(), ["content"] = Text(block["content"]) ?? string.Empty });
                    break;
            }
        }

        if (role == "assistant")
        {
            var assistant = new JsonObject { ["role"] = "assistant", ["content"] = text.Length > 0 ? text.ToString() : null };
            if (toolCalls.Count > 0)
            {
                assistant["tool_calls"] = toolCalls;
            }

            messages.Add((JsonNode)assistant);
        }
        else if (parts.Count > 0)
        {
            messages.Add((JsonNode)new JsonObject { ["role"] = role, ["content"] = parts });
        }
    }

    /// <summary>A string, or the text blocks of a list joined by newlines.</summary>
    internal static string? Text(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var s))
        {
            return s;
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var part in array)
        {
            if (part is JsonObject p && (string?)p["type"] == "text")
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                sb.Append((string?)p["text"]);
            }
        }

        return sb.ToString();
    }

    private static void CopyIfPresent(JsonObject source, JsonObject target, string from, string to)
    {
        if (source[from] is { } value)
        {
            target[to] = value.DeepClone();
        }
    }

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var n) ? n : null;

    private static JsonNode ParseArguments(string? arguments)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments) ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }
}
