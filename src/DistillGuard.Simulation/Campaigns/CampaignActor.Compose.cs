using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Campaigns;

/// <summary>What a campaign sends: templated, capability-targeted harvesting prompts, plus filler.</summary>
internal sealed partial class CampaignActor
{
    private static readonly TaskKind[] FillerTasks = [TaskKind.GeneralChat, TaskKind.CreativeWriting, TaskKind.Summarization, TaskKind.Translation, TaskKind.CustomerSupport, TaskKind.Coding];

    private static readonly string[] TrajectoryNotes = ["I'll look at the relevant files first.", "Let me run the tests to see the current state.", "Checking the data before changing anything.", string.Empty];

    private string[]? _customerSystemPrompts;

    public override void Emit(GenerationContext context, SimulatedExchange output)
    {
        var account = _current!;
        var c = _conversation;
        c.Reset();
        c.Api = _random.Chance(_t.OpenAiShare) ? ApiShape.OpenAIChat : ApiShape.AnthropicMessages;
        c.Model = NextTicks >= _pivotTicks && _random.Chance(_t.PivotShare) ? _t.PivotModel! : "atlas-large-4";
        var endpoint = Endpoint(account);
        if (_random.Chance(_t.FillerShare))
        {
            var fillerTask = ComposeFiller(context);
            ResponseShaper.Fill(context.Response, fillerTask, thinking: false, toolCall: false, null, _random, c.MaxTokens);
            context.Compose(output, account.Account, NextTicks, c, endpoint, _random, TaskKindNames.ToName(fillerTask), null, filler: true);
            return;
        }

        var task = PickTask();
        var families = _infra.Families(task);
        var familyIndex = families[_random.Next(families.Length)];
        var family = PromptLibrary.Families(task)[familyIndex];
        var paraphrase = _random.Chance(_t.ParaphraseShare);
        var body = SlotFiller.Render(paraphrase ? family[_random.Next(family.Length)] : family[0], _random);
        var wrapper = paraphrase ? _infra.Wrapper[_random.Next(_infra.Wrapper.Length)] : _infra.Wrapper[0];
        var text = SlotFiller.Render(wrapper, _random).Replace("{body}", body, StringComparison.Ordinal);
        var cot = _random.Chance(_t.CotShare);
        if (cot)
        {
            text = text + "\n\n" + _infra.Cot[_random.Next(_infra.Cot.Length)];
            if (c.Api == ApiShape.OpenAIChat)
            {
                c.ReasoningEffort = "high";
            }
            else
            {
                c.ThinkingBudget = _random.Chance(0.5) ? 16000 : 32000;
            }
        }

        c.System = _infra.SystemPrompt;
        c.MaxTokens = cot && c.ThinkingBudget is { } budget ? budget + 8000 : (_random.Chance(0.5) ? 8192 : 16000);
        c.Temperature = cot ? null : (_random.Chance(0.5) ? 1.0 : 0.7);
        var agentic = task is TaskKind.AgenticToolUse or TaskKind.ComputerUse or TaskKind.LongHorizonPlanning;
        var images = task == TaskKind.Vision ? 1 + _random.Next(3) : (_random.Chance(_t.ImageShare) ? 1 : 0);
        var first = c.Add(true, images > 0 ? MessageKind.TextWithImages : MessageKind.Text, text);
        first.Images = images;
        var toolCall = false;
        if (agentic)
        {
            c.Tools = task == TaskKind.ComputerUse ? ToolCatalog.ComputerUse : (task == TaskKind.LongHorizonPlanning ? ToolCatalog.Assistant : (_random.Chance(0.5) ? ToolCatalog.CodingAgent : ToolCatalog.Assistant));

            // Harvesting whole trajectories: the prompt already carries synthetic tool calls and results.
            var steps = _random.Next(0, 4);
            for (var i = 0; i < steps; i++)
            {
                var tool = _random.Pick(c.Tools);
                var useId = "toolu_" + StableHash.Hex(_random.NextUInt64(), 12);
                var use = c.Add(false, MessageKind.ToolUse, _random.Pick(TrajectoryNotes));
                use.ToolName = tool.Name;
                use.ToolUseId = useId;
                use.ToolInputJson = tool.Name == "computer" ? "{\"action\":\"screenshot\"}" : "{\"path\":\"src/main.py\"}";
                var result = c.Add(true, MessageKind.ToolResult, SlotFiller.Render("{code}", _random));
                result.ToolUseId = useId;
                result.Images = tool.Name == "computer" ? 1 : 0;
            }

            toolCall = _random.Chance(0.6);
        }

        ResponseShaper.Fill(context.Response, task, cot, toolCall, toolCall ? _random.Pick(c.Tools).Name : null, _random, c.MaxTokens);
        var templateId = _infra.Slug + ":" + TaskKindNames.ToName(task) + ":" + familyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Compose(output, account.Account, NextTicks, c, endpoint, _random, TaskKindNames.ToName(task), templateId, filler: false);
    }

    private TaskKind PickTask()
    {
        if (_laterTasks is not null && NextTicks >= _startTicks + (long)((_endTicks - _startTicks) * _t.LaterPhaseStartsAt))
        {
            return _laterTasks[_random.PickWeighted(_laterWeights!)];
        }

        return _tasks[_random.PickWeighted(_taskWeights)];
    }

    private TaskKind ComposeFiller(GenerationContext context)
    {
        var c = _conversation;
        var task = _random.Pick(FillerTasks);
        string text;
        if (context.Prompts.Instructions.Count > 0 && _random.Chance(0.4))
        {
            text = _random.Pick(context.Prompts.Instructions);
        }
        else
        {
            text = SlotFiller.Render(_random.Pick(_random.Pick(PromptLibrary.Families(task))), _random);
        }

        if (_t.FillerIsResoldCustomers)
        {
            // A reseller's real customers: their own system prompts, end-user ids, temperatures.
            _customerSystemPrompts ??= SystemPrompts.ResellerPool(new SimRandom(StableHash.Of(_t.Operator + ":customers")), 60);
            c.System = _random.Chance(0.7) ? _random.Pick(_customerSystemPrompts) : null;
            c.EndUser = "eu_" + StableHash.Hex(StableHash.Mix(StableHash.Of(_t.Operator), (ulong)_random.Next(50_000)), 10);
            c.Temperature = _random.Chance(0.5) ? 0.7 : null;
            c.Model = _random.Chance(0.5) ? "atlas-fast-4" : c.Model;
        }

        c.MaxTokens = _random.Chance(0.5) ? 1024 : 4096;
        c.Add(true, MessageKind.Text, text);
        return task;
    }

    private Endpoint Endpoint(CampaignAccount account)
    {
        switch (account.Exit)
        {
            case ExitKind.Hosting:
                return _infra.HostingEndpoint(account.PoolIndex, account.Host + _random.Next(3));
            case ExitKind.ProxyOrVpn:
                return _infra.ProxyEndpoint(account.PoolIndex + (_random.Chance(0.2) ? _random.Next(200) : 0));
            default:
                // Residential proxies: sticky sessions of ~10-40 minutes, then a fresh exit from the shared pool.
                if (account.ResidentialExit < 0 || NextTicks >= account.ResidentialUntilTicks)
                {
                    account.ResidentialExit = _random.Next(_residentialExits);
                    account.ResidentialUntilTicks = NextTicks + (long)(_random.Uniform(10, 40) * TimeSpan.TicksPerMinute);
                }

                return _infra.ResidentialEndpoint(account.ResidentialExit, _t.ExitCountries);
        }
    }
}
