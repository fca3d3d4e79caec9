using System.Text;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.Features.Shapes;

internal static partial class RequestTranslator
{
    /// <summary>Anthropic needs an output budget; this one is used when the OpenAI request gives none.</summary>
    private const int DefaultMaxTokens = 4096;

    public static JsonObject OpenAIToAnthropic(JsonObject source, string model)
    {
        var messages = new JsonArray();
        var target = new JsonObject { ["model"] = model };
        var system = new StringBuilder();
        if (source["messages"] is JsonArray input)
        {
            foreach (var node in input)
            {
                if (node is not JsonObject message)
                {
                    continue;
                }

                switch ((string?)message["role"])
                {
                    case "system" or "developer":
                        if (system.Length > 0)
                        {
                            system.Append('\n');
                        }

                        system.Append(Text(message["content"]));
                        break;
                    case "assistant":
                        Append(messages, "assistant", AssistantBlocks(message));
                        break;
                    case "tool":
                        Append(messages, "user", [(JsonNode)new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = message["tool_call_id"]?.DeepClone(), ["content"] = Text(message["content"]) ?? string.Empty }]);
                        break;
                    default:
                        Append(messages, "user", UserBlocks(message["content"]));
                        break;
                }
            }
        }

        if (system.Length > 0)
        {
            target["system"] = system.ToString();
        }

        target["messages"] = messages;
        var maxTokens = Int(source["max_completion_tokens"]) ?? Int(source["max_tokens"]) ?? DefaultMaxTokens;
        if (source["reasoning_effort"] is JsonValue effort && effort.TryGetValue<string>(out var level))
        {
            var budget = level switch { "low" or "minimal" => 1024, "high" => 16384, _ => 4096 };
            maxTokens = Math.Max(maxTokens, budget + 1024);
            target["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = budget };
        }

        target["max_tokens"] = maxTokens;
        CopyIfPresent(source, target, "temperature", "temperature");
        CopyIfPresent(source, target, "top_p", "top_p");
        if (source["stop"] is { } stop)
        {
            target["stop_sequences"] = stop is JsonArray ? stop.DeepClone() : new JsonArray(stop.DeepClone());
        }

        if (source["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streaming) && streaming)
        {
            target["stream"] = true;
        }

        if (source["tools"] is JsonArray tools)
        {
            var converted = new JsonArray();
            foreach (var tool in tools)
            {
                if (tool is JsonObject t && t["function"] is JsonObject f)
                {
                    converted.Add((JsonNode)new JsonObject { ["name"] = f["name"]?.DeepClone(), ["description"] = f["description"]?.DeepClone(), ["input_schema"] = f["parameters"]?.DeepClone() ?? new JsonObject { ["type"] = "object" } });
                }
            }

            target["tools"] = converted;
        }

        if (source["tool_choice"] is { } choice)
        {
            JsonNode? mapped = choice switch
            {
                JsonObject o => new JsonObject { ["type"] = "tool", ["name"] = (o["function"] as JsonObject)?["name"]?.DeepClone() },
                JsonValue v when (string?)v == "required" => new JsonObject { ["type"] = "any" },
                JsonValue v when (string?)v == "auto" => new JsonObject { ["type"] = "auto" },
                _ => null,
            };
            if (mapped is not null)
            {
                target["tool_choice"] = mapped;
            }
        }

        if (source["user"] is { } user)
        {
            target["metadata"] = new JsonObject { ["user_id"] = user.DeepClone() };
        }

        return target;
    }

    /// <summary>Anthropic wants alternating roles: consecutive messages of one role are merged.</summary>
    private static void Append(JsonArray messages, string role, JsonArray blocks)
    {
        if (messages.Count > 0 && messages[^1] is JsonObject last && (string?)last["role"] == role && last["content"] is JsonArray existing)
        {
            foreach (var block in blocks.ToArray())
            {
                blocks.Remove(block);
                existing.Add(block);
            }

            return;
        }

        messages.Add((JsonNode)new JsonObject { ["role"] = role, ["content"] = blocks });
    }

    private static JsonArray UserBlocks(JsonNode? content)
    {
        if (content is JsonValue)
        {
            return [(JsonNode)new JsonObject { ["type"] = "text", ["text"] = content.DeepClone() }];
        }

        var blocks = new JsonArray();
        if (content is JsonArray parts)
        {
            foreach (var node in parts)
            {
                if (node is not JsonObject part)
                {
                    continue;
                }

                if ((string?)part["type"] == "text")
                {
                    blocks.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = part["text"]?.DeepClone() });
                }
                else if ((string?)part["type"] == "image_url" && (string?)(part["image_url"] as JsonObject)?["url"] is { } url)
                {
                    blocks.Add((JsonNode)ImageBlock(url));
                }
            }
        }

        return blocks;
    }

    private static JsonObject ImageBlock(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal) && url.IndexOf(";base64,", StringComparison.Ordinal) is var marker and > 5)
        {
            return new JsonObject
            {
                ["type"] = "image",
                ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = url[5..marker], ["data"] = url[(marker + 8)..] },
            };
        }

        return new JsonObject { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "url", ["url"] = url } };
    }

    private static JsonArray AssistantBlocks(JsonObject message)
    {
        var blocks = new JsonArray();
        if (Text(message["content"]) is { Length: > 0 } text)
        {
            blocks.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = text });
        }

        if (message["tool_calls"] is JsonArray calls)
        {
            foreach (var node in calls)
            {
                if (node is JsonObject call && call["function"] is JsonObject function)
                {
                    blocks.Add((JsonNode)new JsonObject { ["type"] = "tool_use", ["id"] = call["id"]?.DeepClone(), ["name"] = function["name"]?.DeepClone(), ["input"] = ParseArguments((string?)function["arguments"]) });
                }
            }
        }

        return blocks;
    }
}
