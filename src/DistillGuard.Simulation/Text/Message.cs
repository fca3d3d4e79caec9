namespace DistillGuard.Simulation.Text;

/// <summary>One message of a simulated conversation (reused between exchanges).</summary>
internal sealed class Message
{
    public bool FromUser { get; set; }
    public MessageKind Kind { get; set; }
    public string Text { get; set; } = string.Empty;
    public int Images { get; set; }
    public string? ToolName { get; set; }
    public string? ToolUseId { get; set; }

    /// <summary>Raw JSON of the tool call input (for <see cref="MessageKind.ToolUse"/>).</summary>
    public string? ToolInputJson { get; set; }
}
