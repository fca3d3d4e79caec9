namespace DistillGuard.Core.Log;

/// <summary>
/// Clues to which API shape a body has, gathered while it is read (fields and block types that exist in only one
/// shape). Used when a record does not say its <c>api</c>.
/// </summary>
internal struct ShapeEvidence
{
    public int Anthropic;
    public int OpenAI;

    public readonly ApiShape Verdict =>
        Anthropic > OpenAI ? ApiShape.AnthropicMessages
        : OpenAI > Anthropic ? ApiShape.OpenAIChat
        : ApiShape.Unknown;
}
