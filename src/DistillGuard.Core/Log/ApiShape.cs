namespace DistillGuard.Core.Log;

/// <summary>The API shape of an exchange's request and response bodies.</summary>
public enum ApiShape
{
    /// <summary>Not given and not recognisable from the request.</summary>
    Unknown = 0,

    /// <summary><c>anthropic.messages</c>.</summary>
    AnthropicMessages = 1,

    /// <summary><c>openai.chat</c>.</summary>
    OpenAIChat = 2,
}
