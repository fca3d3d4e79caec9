using System.Text;

namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>One part of an assistant message: visible text, raw reasoning or a tool call.</summary>
internal sealed class AssistantBlock(AssistantBlockKind kind)
{
    public AssistantBlockKind Kind { get; } = kind;

    /// <summary>Text, reasoning text, or a tool call's arguments as JSON text.</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>Tool call id.</summary>
    public string? Id { get; set; }

    /// <summary>Tool name.</summary>
    public string? Name { get; set; }

    /// <summary>Anthropic thinking signature, kept for the Anthropic shape only.</summary>
    public string? Signature { get; set; }
}
