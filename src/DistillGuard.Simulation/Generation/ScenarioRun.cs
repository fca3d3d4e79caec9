using DistillGuard.Core.Log;
using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.Text;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Generation;

/// <summary>
/// One generation of a scenario, in process. <see cref="Accounts"/> and <see cref="Models"/> are known up front;
/// <see cref="Exchanges"/> streams every exchange in time order (a priority queue holding one entry per actor, so
/// memory stays bounded by the number of accounts, never the number of exchanges); <see cref="BuildTruth"/> gives
/// the labels once the stream has been consumed.
/// </summary>
public sealed class ScenarioRun
{
    private readonly ScenarioPlan _plan;
    private readonly RealPromptData _prompts;
    private readonly Dictionary<int, Dictionary<string, long>> _campaignTasks = [];
    private readonly long[] _campaignFiller;
    private bool _enumerated;
    private long _exchanges;

    private ScenarioRun(ScenarioPlan plan, RealPromptData prompts)
    {
        _plan = plan;
        _prompts = prompts;
        _campaignFiller = new long[plan.Campaigns.Count];
        var sorted = new List<SimAccount>(plan.Accounts);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        SortedAccounts = sorted;
        Accounts = sorted.ConvertAll(a => a.Record);
        foreach (var account in Accounts)
        {
            // A provider knows an account from its sign-up: one that signs up during the log counts from then, as a live
            // gateway, whose store gets each account when it signs up, counts it. Without the stamp a scan of the log
            // would know every later sign-up on a card from the log's first exchange.
            if (account.CreatedAt > plan.Start)
            {
                account.EffectiveFrom = account.CreatedAt;
            }
        }
    }

    /// <summary>Plans a named scenario (see <see cref="ScenarioCatalog.Names"/>).</summary>
    public static ScenarioRun Create(string scenario, SimulationOptions? options = null) => Create(ScenarioCatalog.Get(scenario), options);

    /// <summary>Plans any scenario definition (tests build their own).</summary>
    public static ScenarioRun Create(ScenarioDefinition definition, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        options.Validate();
        var prompts = options.UseRealPrompts ? RealPromptData.Load(options.DataDirectory) : RealPromptData.None;
        return new ScenarioRun(ScenarioPlanner.Plan(definition, options), prompts);
    }

    public ScenarioDefinition Definition => _plan.Definition;
    public DateTime Start => _plan.Start;
    public DateTime End => _plan.End;

    /// <summary>
    /// The accounts file, sorted by account id (ids are hashes, so order reveals nothing about labels); an account that
    /// signs up after the scenario's start has <see cref="AccountRecord.EffectiveFrom"/> at its sign-up.
    /// </summary>
    public IReadOnlyList<AccountRecord> Accounts { get; }

    public IReadOnlyList<ModelRelease> Models => _plan.Models;

    /// <summary>Where the real prompts came from, or null when none were used.</summary>
    public string? PromptDataSource => _prompts.Source;

    internal IReadOnlyList<SimAccount> SortedAccounts { get; }

    /// <summary>Truth label of an account, or null when unknown.</summary>
    public string? LabelOf(string accountId)
    {
        var index = BinarySearch(accountId);
        return index >= 0 ? SortedAccounts[index].Label : null;
    }

    /// <summary>
    /// Every exchange in timestamp order (ties broken deterministically). The returned instance and its buffers are
    /// reused: copy what you keep. Can be enumerated once per <see cref="ScenarioRun"/>.
    /// </summary>
    public IEnumerable<SimulatedExchange> Exchanges()
    {
        if (_enumerated)
        {
            throw new InvalidOperationException("a ScenarioRun streams its exchanges once; create another run to stream again");
        }

        _enumerated = true;
        return Stream();
    }

    private IEnumerable<SimulatedExchange> Stream()
    {
        var context = new GenerationContext(_plan, _prompts);
        var queue = new PriorityQueue<Actor, (long Ticks, int Order)>(_plan.Actors.Count);
        foreach (var actor in _plan.Actors)
        {
            if (actor.Start(context))
            {
                queue.Enqueue(actor, (actor.NextTicks, actor.Order));
            }
        }

        var output = new SimulatedExchange();
        while (queue.TryDequeue(out var actor, out _))
        {
            actor.Emit(context, output);
            _exchanges++;
            if (actor is CampaignActor campaign)
            {
                Count(_plan.CampaignActors.IndexOf(campaign), output);
            }

            yield return output;
            if (actor.Advance(context))
            {
                queue.Enqueue(actor, (actor.NextTicks, actor.Order));
            }
        }
    }

    private void Count(int index, SimulatedExchange output)
    {
        if (output.IsFiller)
        {
            _campaignFiller[index]++;
            return;
        }

        if (!_campaignTasks.TryGetValue(index, out var tasks))
        {
            tasks = [];
            _campaignTasks[index] = tasks;
        }

        tasks[output.Task] = tasks.GetValueOrDefault(output.Task) + 1;
    }

    /// <summary>The labels and per-campaign metadata; counts are complete once <see cref="Exchanges"/> has been consumed.</summary>
    public TruthDocument BuildTruth() => TruthBuilder.Build(_plan, SortedAccounts, _prompts.Source, _exchanges, _campaignTasks, _campaignFiller);

    private int BinarySearch(string id)
    {
        int lo = 0, hi = SortedAccounts.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(SortedAccounts[mid].Id, id);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
