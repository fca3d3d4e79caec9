using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Honest;

/// <summary>What an honest account says: a first prompt per session, then follow-ups or tool results.</summary>
internal sealed partial class HonestActor
{
    private static readonly string[] FollowUps =
    [
        "thanks! can you make it shorter?", "What about {topic}?", "Can you give me a concrete example?", "That didn't work, I get: {error}",
        "Now add error handling and logging.", "I don't get the second step, explain it again?", "ok, and how would that look in {lang}?",
        "Could you make it more {tone}?", "Great. What are the trade-offs?", "Can you double-check that? {sentence}", "perfect, one more thing: {sentence}",
    ];

    private static readonly string[] ToolOutputs =
    [
        "{code}", "===== 41 passed, 2 failed in 3.2s =====\nFAILED tests/test_orders.py::test_refund_rounding - AssertionError", "src/api/client.py:88: legacy_client.fetch(...)\nsrc/jobs/sync.py:14: legacy_client.fetch(...)",
        "Traceback (most recent call last):\n  File \"app.py\", line {n}, in <module>\n{error}", "[{\"id\": {id}, \"status\": \"open\"}, {\"id\": {id}, \"status\": \"closed\"}]",
        "Results: 1. {company} release notes 2. {company} changelog 3. Forum thread on {topic}", "OK", "     {column}  count  mean\n0    {num}    {num}   {num}",
    ];

    private string _lastText = string.Empty;
    private string? _lastTool;
    private string? _lastToolId;
    private string? _lastToolInput;

    private void BeginSession(GenerationContext context)
    {
        var c = _conversation;
        c.Reset();
        c.Api = _persona.Api;
        c.Model = ChooseModel(context);
        c.System = _persona.SystemPromptPool is { } pool ? _random.Pick(pool) : _persona.SystemPrompt;
        c.MaxTokens = _persona.MaxTokens;
        c.Temperature = _persona.Temperature;
        c.Stream = _random.Chance(0.3);
        if (_persona.EndUsers > 0)
        {
            c.EndUser = "eu_" + StableHash.Hex(StableHash.Mix(_daySeed, (ulong)_random.Next(_persona.EndUsers)), 10);
        }

        if (_random.Chance(_persona.ThinkingShare))
        {
            if (c.Api == ApiShape.OpenAIChat)
            {
                c.ReasoningEffort = _random.Chance(0.5) ? "medium" : (_random.Chance(0.5) ? "high" : "low");
            }
            else
            {
                c.ThinkingBudget = _random.Chance(0.5) ? 8000 : (_random.Chance(0.5) ? 16000 : 4000);
                c.MaxTokens = Math.Max(c.MaxTokens, c.ThinkingBudget.Value + 4000);
            }
        }

        if (_account.Label == HonestArchetypes.AgenticPowerUser || _sessionTask is TaskKind.AgenticToolUse or TaskKind.ComputerUse)
        {
            c.Tools = _sessionTask == TaskKind.ComputerUse ? ToolCatalog.ComputerUse
                : _account.Label == HonestArchetypes.AgenticPowerUser ? ToolCatalog.CodingAgent
                : ToolCatalog.Assistant;
        }
        else if (_sessionTask == TaskKind.DataAnalysis && _random.Chance(0.3))
        {
            c.Tools = ToolCatalog.Data;
        }

        var text = FirstPrompt(context);
        var withImage = _sessionTask == TaskKind.Vision || _random.Chance(_persona.ImageShare);
        var message = c.Add(true, withImage ? MessageKind.TextWithImages : MessageKind.Text, text);
        if (withImage)
        {
            message.Images = 1;
        }
    }

    private void ContinueSession(GenerationContext context)
    {
        var c = _conversation;
        if (_lastTool is not null)
        {
            var use = c.Add(false, MessageKind.ToolUse, _lastText);
            use.ToolName = _lastTool;
            use.ToolUseId = _lastToolId;
            use.ToolInputJson = _lastToolInput;
            var result = c.Add(true, MessageKind.ToolResult, SlotFiller.Render(_random.Pick(ToolOutputs), _random));
            result.ToolUseId = _lastToolId;
            result.Images = _lastTool == "computer" ? 1 : 0;
        }
        else
        {
            c.Add(false, MessageKind.Text, _lastText.Length > 0 ? _lastText : "Done.");
            c.Add(true, MessageKind.Text, _random.Chance(0.3) && _persona.BenchmarkTemplate is null ? FirstPrompt(context) : SlotFiller.Render(_random.Pick(FollowUps), _random));
        }

        c.Trim(_account.Label == HonestArchetypes.AgenticPowerUser ? 14 : 10);
        if (_persona.BenchmarkTemplate is not null)
        {
            // Benchmark harnesses send every item as a fresh single-turn request.
            c.Reset();
            c.Api = _persona.Api;
            c.Model = ChooseModel(context);
            c.MaxTokens = _persona.MaxTokens;
            c.Temperature = _persona.Temperature;
            if (_random.Chance(_persona.ThinkingShare))
            {
                if (c.Api == ApiShape.OpenAIChat)
                {
                    c.ReasoningEffort = "high";
                }
                else
                {
                    c.ThinkingBudget = 16000;
                    c.MaxTokens = 24000;
                }
            }

            c.Add(true, MessageKind.Text, FirstPrompt(context));
        }
    }

    private void RememberResponse(ResponsePlan response)
    {
        _lastText = response.Text;
        _lastTool = response.ToolName;
        _lastToolId = response.ToolUseId;
        _lastToolInput = response.ToolInputJson;
    }

    private string ChooseModel(GenerationContext context)
    {
        if (context.Plan.NewRelease is { } release && NextTicks >= _persona.AdoptNewModelAtTicks && NextTicks >= release.ReleasedAt.Ticks && _random.Chance(_persona.NewModelShare))
        {
            return release.Model;
        }

        return _persona.Model;
    }

    private string FirstPrompt(GenerationContext context)
    {
        if (_persona.BenchmarkTemplate is { } template)
        {
            return SlotFiller.Render(template, _random);
        }

        var prompts = context.Prompts;
        if (_sessionTask is TaskKind.AgenticToolUse && prompts.ToolQueries.Count > 0 && _random.Chance(_persona.RealPromptShare))
        {
            return _random.Pick(prompts.ToolQueries);
        }

        if (_sessionTask is TaskKind.GeneralChat or TaskKind.CreativeWriting or TaskKind.Summarization or TaskKind.Homework or TaskKind.CustomerSupport
            && prompts.Instructions.Count > 0 && _random.Chance(_persona.RealPromptShare))
        {
            return _random.Pick(prompts.Instructions);
        }

        var families = PromptLibrary.Families(_sessionTask);
        var family = _random.Pick(families);
        var text = SlotFiller.Render(_random.Pick(family), _random);
        if (_account.Label is HonestArchetypes.CasualChat or HonestArchetypes.CampusStudent && _random.Chance(0.3))
        {
            text = text.ToLowerInvariant();
        }

        return text;
    }
}
