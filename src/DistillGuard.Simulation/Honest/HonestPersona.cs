using DistillGuard.Core.Log;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Honest;

/// <summary>What an honest account asks and how: fixed at account creation, read on every exchange.</summary>
internal sealed class HonestPersona
{
    public ApiShape Api { get; init; }
    public required string Model { get; init; }

    /// <summary>When the account starts using the newly released model (adoption lag), or long.MaxValue.</summary>
    public long AdoptNewModelAtTicks { get; init; } = long.MaxValue;

    /// <summary>Share of traffic that moves once adopted.</summary>
    public double NewModelShare { get; init; } = 0.6;

    public required TaskKind[] Tasks { get; init; }
    public required double[] TaskWeights { get; init; }

    /// <summary>Constant system prompt (app backends, internal tools, coding agents), or null.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>System prompts of a reseller's many end customers (one per session), or null.</summary>
    public string[]? SystemPromptPool { get; init; }

    /// <summary>Benchmark item template of a research lab, or null.</summary>
    public string? BenchmarkTemplate { get; init; }

    /// <summary>End users behind the account (backends, resellers): 0 when the account is one person.</summary>
    public int EndUsers { get; init; }

    public double ThinkingShare { get; init; }
    public double ImageShare { get; init; }
    public double RealPromptShare { get; init; }
    public int MaxTokens { get; init; } = 1024;
    public double? Temperature { get; init; }
}
