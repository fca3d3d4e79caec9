namespace DistillGuard.Simulation.Tests.Shape;

/// <summary>What the shape tests need to know about one generated exchange.</summary>
internal sealed record ObservedExchange(
    DateTime Timestamp,
    string Model,
    bool Cot,
    bool Tools,
    int ToolResults,
    int Images,
    string? SystemPrompt,
    string? EndUser,
    string? TemplateId,
    string Task,
    bool Filler,
    string Ip,
    string Country,
    int UserTurns);
