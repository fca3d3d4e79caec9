namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>Request bodies used across tests.</summary>
internal static class Bodies
{
    public static string Anthropic(string model = "claude-test", bool stream = false, bool think = false, string prompt = "What is 2+2?", string? tools = null, int maxTokens = 2048) =>
        "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens + (stream ? ",\"stream\":true" : string.Empty)
        + (think ? ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1500}" : string.Empty)
        + (tools is null ? string.Empty : ",\"tools\":[{\"name\":\"" + tools + "\",\"description\":\"d\",\"input_schema\":{\"type\":\"object\"}}]")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";

    public static string OpenAI(string model = "gpt-test", bool stream = false, bool think = false, string prompt = "What is 2+2?", string? tools = null) =>
        "{\"model\":\"" + model + "\"" + (stream ? ",\"stream\":true" : string.Empty)
        + (think ? ",\"reasoning_effort\":\"high\"" : string.Empty)
        + (tools is null ? string.Empty : ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"" + tools + "\",\"parameters\":{\"type\":\"object\"}}}]")
        + ",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
}
