namespace DistillGuard.Core.Log;

/// <summary>
/// The request of an exchange, normalised from either API shape to what detection needs.
/// Text fields hold the text as sent (not lower-cased); long text may be truncated by the reader.
/// </summary>
public sealed class ExchangeRequest
{
    /// <summary>Backing list reused across records by the readers (see <see cref="Exchange"/>'s lifetime rule).</summary>
    internal List<string> ToolNameBuffer { get; } = [];

    /// <summary>System prompt: Anthropic <c>system</c>, or OpenAI <c>system</c>/<c>developer</c> messages joined by a newline.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Text of the last user message (text blocks/parts joined by a newline); empty when there is none.</summary>
    public string LastUserText
    {
        get => LastUserSlot.Text ?? string.Empty;
        set => LastUserSlot.Text = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// <see cref="LastUserText"/> without making a string; valid until the exchange is reused (see
    /// <see cref="Exchange"/>'s lifetime rule).
    /// </summary>
    public ReadOnlySpan<char> LastUserChars => LastUserSlot.Span;

    /// <summary>Text of the first user message, when the conversation has more than one user turn.</summary>
    public string? FirstUserText
    {
        get => FirstUserSlot.Text;
        set => FirstUserSlot.Text = value;
    }

    /// <summary><see cref="FirstUserText"/> without making a string; empty when there is none.</summary>
    public ReadOnlySpan<char> FirstUserChars => FirstUserSlot.Span;

    internal TextSlot LastUserSlot { get; } = new() { Text = string.Empty };

    internal TextSlot FirstUserSlot { get; } = new();

    public int UserTurns { get; set; }
    public int AssistantTurns { get; set; }

    /// <summary>Tool results sent back to the model (Anthropic <c>tool_result</c> blocks, OpenAI <c>tool</c> messages).</summary>
    public int ToolResultCount { get; set; }

    /// <summary>Images in the conversation (Anthropic <c>image</c> blocks, OpenAI <c>image_url</c> parts).</summary>
    public int ImageCount { get; set; }

    /// <summary>Names of declared tools, in request order; empty when none.</summary>
    public IReadOnlyList<string> ToolNames { get; set; } = [];

    /// <summary><c>max_tokens</c> / <c>max_completion_tokens</c>.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Anthropic <c>thinking.budget_tokens</c> when thinking is enabled.</summary>
    public int? ThinkingBudget { get; set; }

    /// <summary>OpenAI <c>reasoning_effort</c>.</summary>
    public string? ReasoningEffort { get; set; }

    public double? Temperature { get; set; }

    /// <summary>Whether the client asked for a streamed response.</summary>
    public bool Stream { get; set; }

    internal void Reset()
    {
        SystemPrompt = null;
        LastUserText = string.Empty;
        FirstUserText = null;
        UserTurns = 0;
        AssistantTurns = 0;
        ToolResultCount = 0;
        ImageCount = 0;
        ToolNameBuffer.Clear();
        ToolNames = ToolNameBuffer;
        MaxTokens = null;
        ThinkingBudget = null;
        ReasoningEffort = null;
        Temperature = null;
        Stream = false;
    }
}
