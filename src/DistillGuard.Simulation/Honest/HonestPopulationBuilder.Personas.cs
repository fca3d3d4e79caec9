using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Honest;

/// <summary>What each archetype asks for, which model it uses and how fast it adopts a new one.</summary>
internal static partial class HonestPopulationBuilder
{
    private static readonly TaskKind[] AppTasks = [TaskKind.CustomerSupport, TaskKind.Summarization, TaskKind.Translation, TaskKind.CreativeWriting, TaskKind.Homework, TaskKind.Coding];

    private static HonestPersona Persona(ScenarioPlan plan, string label, SimRandom random, string? benchmarkTemplate)
    {
        var api = random.Chance(label is HonestArchetypes.Reseller ? 0.3 : 0.65) ? ApiShape.AnthropicMessages : ApiShape.OpenAIChat;
        var model = random.Chance(0.55) ? "atlas-large-4" : "atlas-fast-4";
        var release = plan.NewRelease?.ReleasedAt.Ticks ?? long.MaxValue;

        // Adoption lag of a new model: most people take days to weeks; researchers, power users and resellers move within a day.
        long Adopt(double medianHours, double sigma) => release == long.MaxValue ? long.MaxValue : release + (long)(random.LogNormal(medianHours, sigma) * TimeSpan.TicksPerHour);

        switch (label)
        {
            case HonestArchetypes.CasualChat:
                return new HonestPersona
                {
                    Api = api, Model = model, AdoptNewModelAtTicks = Adopt(120, 1.2),
                    Tasks = [TaskKind.GeneralChat, TaskKind.CreativeWriting, TaskKind.Summarization, TaskKind.Translation, TaskKind.Homework, TaskKind.Coding, TaskKind.Reasoning, TaskKind.Vision],
                    TaskWeights = [0.45, 0.15, 0.1, 0.08, 0.05, 0.07, 0.05, 0.05],
                    ThinkingShare = 0.05, RealPromptShare = 0.4, MaxTokens = random.Chance(0.5) ? 1024 : 4096, ImageShare = 0.02, Temperature = random.Chance(0.3) ? 0.7 : null,
                };
            case HonestArchetypes.Developer:
                return new HonestPersona
                {
                    Api = api, Model = model, AdoptNewModelAtTicks = Adopt(72, 1.0),
                    Tasks = [TaskKind.Coding, TaskKind.Debugging, TaskKind.GeneralChat, TaskKind.DataAnalysis, TaskKind.Summarization, TaskKind.Reasoning, TaskKind.AgenticToolUse, TaskKind.Cybersecurity],
                    TaskWeights = [0.4, 0.2, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05],
                    ThinkingShare = 0.15, RealPromptShare = 0.2, MaxTokens = random.Chance(0.5) ? 4096 : 8192,
                };
            case HonestArchetypes.AppBackend:
                var appTask = random.Pick(AppTasks);
                return new HonestPersona
                {
                    Api = api, Model = model, AdoptNewModelAtTicks = Adopt(24 * 20, 0.8), NewModelShare = 1.0,
                    Tasks = [appTask, TaskKind.GeneralChat], TaskWeights = [0.92, 0.08],
                    SystemPrompt = SystemPrompts.ForApp(random.Pick(Vocabulary.Companies), appTask, random),
                    EndUsers = (int)Math.Clamp(random.LogNormal(5000, 1.2), 200, 200_000), RealPromptShare = 0.2, MaxTokens = 1024, Temperature = 0.3,
                };
            case HonestArchetypes.EnterpriseSeat:
                return new HonestPersona
                {
                    Api = api, Model = model, AdoptNewModelAtTicks = Adopt(24 * 10, 0.8),
                    Tasks = [TaskKind.Coding, TaskKind.Summarization, TaskKind.GeneralChat, TaskKind.DataAnalysis, TaskKind.CreativeWriting, TaskKind.Translation, TaskKind.Reasoning, TaskKind.Cybersecurity],
                    TaskWeights = [0.25, 0.2, 0.15, 0.15, 0.1, 0.05, 0.05, 0.05],
                    ThinkingShare = 0.1, RealPromptShare = 0.3, MaxTokens = 4096,
                };
            case HonestArchetypes.BenchmarkRunner:
                return new HonestPersona
                {
                    Api = api, Model = model, AdoptNewModelAtTicks = Adopt(10, 0.6), NewModelShare = 0.5,
                    Tasks = [TaskKind.Reasoning], TaskWeights = [1.0],
                    BenchmarkTemplate = benchmarkTemplate, ThinkingShare = 0.7, MaxTokens = 16000, Temperature = 0.0,
                };
            case HonestArchetypes.AgenticPowerUser:
                return new HonestPersona
                {
                    Api = ApiShape.AnthropicMessages, Model = "atlas-large-4", AdoptNewModelAtTicks = Adopt(30, 1.0), NewModelShare = 0.8,
                    Tasks = [TaskKind.AgenticToolUse, TaskKind.Coding, TaskKind.Debugging], TaskWeights = [0.4, 0.35, 0.25],
                    SystemPrompt = SystemPrompts.ForCodingAgent("Atlas Code"), ThinkingShare = 0.3, RealPromptShare = 0.2, MaxTokens = 16000,
                };
            case HonestArchetypes.CampusStudent:
                return new HonestPersona
                {
                    Api = api, Model = "atlas-fast-4", AdoptNewModelAtTicks = Adopt(24 * 7, 1.0), NewModelShare = 0.3,
                    Tasks = [TaskKind.Homework, TaskKind.Coding, TaskKind.CreativeWriting, TaskKind.Summarization, TaskKind.GeneralChat, TaskKind.Reasoning],
                    TaskWeights = [0.35, 0.2, 0.1, 0.1, 0.15, 0.1],
                    ThinkingShare = 0.05, RealPromptShare = 0.4, MaxTokens = 2048, ImageShare = 0.03,
                };
            default:
                return new HonestPersona
                {
                    Api = api, Model = model, AdoptNewModelAtTicks = Adopt(3, 0.5), NewModelShare = 0.3,
                    Tasks = [TaskKind.GeneralChat, TaskKind.Coding, TaskKind.CreativeWriting, TaskKind.Summarization, TaskKind.CustomerSupport, TaskKind.Translation, TaskKind.DataAnalysis, TaskKind.Reasoning, TaskKind.Debugging],
                    TaskWeights = [0.25, 0.2, 0.1, 0.1, 0.1, 0.05, 0.07, 0.08, 0.05],
                    SystemPromptPool = SystemPrompts.ResellerPool(random, 40), EndUsers = 100_000, ThinkingShare = 0.1, RealPromptShare = 0.3, MaxTokens = 4096,
                };
        }
    }
}
