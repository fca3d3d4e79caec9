using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Honest;

/// <summary>
/// One honest account. Sessions arrive as a Poisson process modulated by the archetype's diurnal shape in the
/// account's own time zone (thinning), on days that are active for this account; within a session requests follow
/// each other after log-normal think times.
/// </summary>
internal sealed partial class HonestActor : Actor
{
    private const double TicksPerSecond = TimeSpan.TicksPerSecond;

    private readonly SimAccount _account;
    private readonly ArchetypeProfile _profile;
    private readonly HonestPersona _persona;
    private readonly SimRandom _random;
    private readonly double _sessionsPerDay;
    private readonly ulong _daySeed;
    private readonly Conversation _conversation = new();
    private int _remaining;
    private bool _inSession;
    private TaskKind _sessionTask;

    public HonestActor(SimAccount account, ArchetypeProfile profile, HonestPersona persona, SimRandom random)
    {
        _account = account;
        _profile = profile;
        _persona = persona;
        _random = random;
        _sessionsPerDay = random.LogNormal(profile.SessionsPerDayMedian, profile.SessionsSigma);
        _daySeed = random.NextUInt64();
    }

    public override bool Start(GenerationContext context)
    {
        var from = Math.Max(_account.ActiveFromTicks, context.Plan.StartTicks);
        NextTicks = NextSessionStart(from, context);
        return NextTicks < Math.Min(context.Plan.EndTicks, _account.ActiveUntilTicks);
    }

    public override bool Advance(GenerationContext context)
    {
        var end = Math.Min(context.Plan.EndTicks, _account.ActiveUntilTicks);
        if (_inSession)
        {
            NextTicks += (long)(Math.Max(0.2, _random.LogNormal(_profile.GapSecondsMedian, 0.6)) * TicksPerSecond);
        }
        else
        {
            NextTicks = NextSessionStart(NextTicks + (long)(5 * TicksPerSecond), context);
        }

        return NextTicks < end;
    }

    public override void Emit(GenerationContext context, SimulatedExchange output)
    {
        if (!_inSession)
        {
            _inSession = true;
            _remaining = _profile.RequestsPerSessionMean <= 1 ? 1 : _random.Geometric(_profile.RequestsPerSessionMean);
            _sessionTask = _persona.Tasks[_random.PickWeighted(_persona.TaskWeights)];
            BeginSession(context);
        }
        else
        {
            ContinueSession(context);
        }

        _remaining--;
        var last = _remaining <= 0;
        var toolCall = _conversation.Tools.Count > 0 && !last;
        var thinking = _conversation.ThinkingBudget is not null || _conversation.ReasoningEffort is not null;
        ResponseShaper.Fill(context.Response, _sessionTask, thinking, toolCall, toolCall ? _random.Pick(_conversation.Tools).Name : null, _random, _conversation.MaxTokens);
        context.Compose(output, _account, NextTicks, _conversation, CurrentEndpoint(), _random, TaskKindNames.ToName(_sessionTask), _persona.BenchmarkTemplate is null ? null : "bench:" + _account.Group, filler: false);
        RememberResponse(context.Response);
        if (last)
        {
            _inSession = false;
        }
    }

    private Endpoint CurrentEndpoint()
    {
        var host = _account.HostBase + (_account.HostSpread > 1 ? _random.Next(_account.HostSpread) : 0);
        var ip = _account.UsesIpv6 ? IpSpace.V6(_account.Asn.Number, _account.Block, host) : IpSpace.V4(_account.Asn.Number, _account.Block, host);
        return new Endpoint(ip, _account.Asn, _account.Asn.Country);
    }

    private long NextSessionStart(long fromTicks, GenerationContext context)
    {
        var end = Math.Min(context.Plan.EndTicks, _account.ActiveUntilTicks);
        var maxRatePerSecond = _sessionsPerDay / Diurnal.Mean(_profile.Shape) / 86400.0;
        var t = (double)fromTicks;
        for (var guard = 0; guard < 100_000; guard++)
        {
            t += _random.Exponential(1.0 / maxRatePerSecond) * TicksPerSecond;
            if (t >= end)
            {
                return long.MaxValue;
            }

            var localDay = (long)((t / TicksPerSecond / 3600.0) + _account.UtcOffsetHours) / 24;
            if (!ActiveDay(localDay))
            {
                // Skip to the next local midnight.
                t = (((localDay + 1) * 24) - _account.UtcOffsetHours) * 3600.0 * TicksPerSecond;
                continue;
            }

            if (_random.NextDouble() < Diurnal.Weight(_profile.Shape, (long)t, _account.UtcOffsetHours))
            {
                return (long)t;
            }
        }

        return long.MaxValue;
    }

    private bool ActiveDay(long localDay) =>
        _profile.ActiveDayProbability >= 1 || (StableHash.Mix(_daySeed, (ulong)localDay) >> 11) * (1.0 / (1UL << 53)) < _profile.ActiveDayProbability;
}
