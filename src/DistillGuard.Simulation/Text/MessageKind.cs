namespace DistillGuard.Simulation.Text;

/// <summary>What one simulated message carries.</summary>
internal enum MessageKind
{
    /// <summary>Plain text from the user or the assistant.</summary>
    Text,

    /// <summary>A user message with text and <see cref="Message.Images"/> images.</summary>
    TextWithImages,

    /// <summary>An assistant tool call.</summary>
    ToolUse,

    /// <summary>The result of a tool call, sent back by the client.</summary>
    ToolResult,
}
