namespace DistillGuard.Gateway.Features.Streaming;

internal enum AssistantBlockKind
{
    Text = 0,
    Thinking = 1,
    ToolCall = 2,
}
