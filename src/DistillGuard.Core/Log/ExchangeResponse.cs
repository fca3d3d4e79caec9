namespace DistillGuard.Core.Log;

/// <summary>The response of an exchange, normalised from either API shape.</summary>
public sealed class ExchangeResponse
{
    /// <summary>Visible answer text (may be truncated by the reader).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Length in characters of the full answer text before any truncation.</summary>
    public int TextLength { get; set; }

    /// <summary>Whether raw reasoning came back (Anthropic <c>thinking</c> blocks, OpenAI <c>reasoning_content</c>).</summary>
    public bool HasReasoning { get; set; }

    public int ToolCallCount { get; set; }

    public string? StopReason { get; set; }

    internal void Reset()
    {
        Text = string.Empty;
        TextLength = 0;
        HasReasoning = false;
        ToolCallCount = 0;
        StopReason = null;
    }
}
