using System.Runtime.InteropServices;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>Shortest log-time step between two applications inside a tick (each one walks the whole buffer).</summary>
    private static readonly long MinApplyStep = TimeSpan.FromMinutes(1).Ticks;

    private void AdvanceTo(long ticks)
    {
        _logNow = Math.Max(_logNow, ticks);
        var tick = Options.Tick.Ticks;
        if (_tickEnd < 0)
        {
            _tickEnd = ((ticks / tick) + 1) * tick;
            return;
        }

        var tolerance = Options.ReorderTolerance.Ticks;
        while (ticks >= _tickEnd + tolerance)
        {
            // The tick's evidence ends at its end; the engine closes it the reorder tolerance later.
            CloseTick(_tickEnd, _tickEnd, _tickEnd + tolerance);
            _tickEnd += tick;
            var start = ticks / tick * tick;
            if (_pending.Count == 0 && start > _tickEnd)
            {
                // Quiet stretch: jump to the tick holding the new exchange instead of closing empty ticks one by one, but
                // not past the tick of an account record waiting for its time: that tick closes and evaluates as live.
                _tickEnd = Math.Max(_tickEnd, Math.Min(start, NextLaterChangeTicks / tick * tick));
            }
        }

        // Inside the open tick, what lies more than the tolerance behind the newest exchange is applied already (in
        // the same canonical order, so no outcome changes): the buffer holds a few minutes of traffic instead of a
        // whole tick's (0.5–0.9 KB an exchange; a tick at 1,000 requests/s in front of a busy API is 900,000 of them).
        var watermark = ticks - tolerance;
        if (watermark >= _appliedBefore + Math.Max(tolerance, MinApplyStep))
        {
            ApplyBefore(watermark);
            _appliedBefore = watermark;
        }

        // A record timed at the end of the last application waited through it (and the tick's evaluation, when that is
        // where it ended); its place has come, where a live engine given it now would apply it.
        if (NextLaterChangeTicks <= _appliedThrough)
        {
            ApplyChangesThrough(_appliedThrough);
        }
    }

    /// <summary>
    /// Applies the exchanges before <paramref name="end"/> in canonical order and re-evaluates as of
    /// <paramref name="evaluateAt"/>, the decision taken at log time <paramref name="decidedAt"/>.
    /// </summary>
    private void CloseTick(long end, long evaluateAt, long decidedAt, bool recluster = false)
    {
        ApplyBefore(end);
        if (_appliedSinceEvaluation > 0 || _evaluationDue)
        {
            Evaluate(evaluateAt, decidedAt, recluster);
        }
    }

    /// <summary>Applies the buffered exchanges before <paramref name="end"/>, in canonical order; later ones stay buffered.</summary>
    private void ApplyBefore(long end)
    {
        if (end != long.MaxValue)
        {
            _appliedThrough = Math.Max(_appliedThrough, end);
        }

        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Ticks < end)
            {
                _apply.Add(i);
            }
        }

        CollectionsMarshal.AsSpan(_apply).Sort(new PendingOrder(_pending));
        foreach (var index in _apply)
        {
            ref readonly var p = ref _pending[index];
            if (p.Ticks >= NextLaterChangeTicks)
            {
                // An account record timed at or before this exchange comes first in the canonical order.
                ApplyChangesThrough(p.Ticks);
            }

            Apply(in p);
        }

        // A record timed exactly at the end waits: a live caller given it now would apply it after this tick's evaluation.
        ApplyChangesThrough(end - 1);
        if (_apply.Count == 0)
        {
            return;
        }

        _appliedSinceEvaluation += _apply.Count;
        _apply.Clear();

        // The exchanges still buffered move down in place, their example texts with them (both in the order they
        // were added), once the applied ones no longer need their texts: one buffer of each, not two.
        _examples.StartCompaction();
        var kept = 0;
        for (var i = 0; i < _pending.Count; i++)
        {
            ref readonly var p = ref _pending[i];
            if (p.Ticks >= end)
            {
                _pending[kept++] = p with { PromptStart = _examples.MoveDown(p.PromptStart, p.PromptLength) };
            }
        }

        _pending.Truncate(kept);
        _examples.FinishCompaction();
    }

    /// <summary>Closes everything buffered and evaluates (re-clustering) at the last exchange's time.</summary>
    private void Flush()
    {
        var recordsWait = NextLaterChangeTicks != long.MaxValue;
        if (_pending.Count > 0 || ((_evaluationDue || recordsWait) && _exchanges > 0))
        {
            CloseTick(long.MaxValue, _toTicks, _toTicks, recluster: true);
        }

        // Without traffic there is nothing to evaluate, but every record is put in force.
        ApplyChangesThrough(long.MaxValue);

        // Nothing is buffered now: the per-tick buffers, sized by the busiest tick, are not kept for a replay that ended.
        _pending.TrimExcess();
        _apply.TrimExcess();
        _examples.Release();
    }

    private void Apply(in PendingExchange p)
    {
        var account = p.Account;
        var ticks = p.Ticks;
        if (p.Model is { } model)
        {
            if (!model.ReleaseKnown && ticks < model.ReleaseTicks)
            {
                model.ReleaseTicks = ticks;
            }

            model.Exchanges++;
            if (ticks - model.ReleaseTicks < TimeSpan.TicksPerDay && account.Exchanges > 0 && account.FirstTicks < model.ReleaseTicks)
            {
                account.EarlyNewModel++;
            }

            CountModel(account, model);
        }

        var first = account.Exchanges == 0;
        if (first)
        {
            _activeAccounts++;
        }

        account.Apply(p);
        _dirty.Set(account.Index, true);
        CountTimeline(account, ticks);
        if (first)
        {
            if ((Options.PaymentBanEvasion || Options.SignupDomainBanEvasion) && account.Override is null)
            {
                InheritAtFirstExchange(account, ticks);
            }

            RemoveNewcomer(account);
        }

        if (p.BlockHash != 0)
        {
            var key = StableHash.Mix(p.BlockHash, (ulong)(ticks / (TimeSpan.TicksPerDay * 7)));
            var block = Held(account, AttributeKind.IpBlock, key)
                ?? Register(account, AttributeKind.IpBlock, key, null, p);
            block.Exchanges++;
            block.LastTicks = ticks;
        }

        if (p.ClientHash != 0)
        {
            var client = Held(account, AttributeKind.ClientFingerprint, p.ClientHash)
                ?? Register(account, AttributeKind.ClientFingerprint, p.ClientHash, $"{p.UserAgent}|{p.TlsFingerprint}", p);
            client.Exchanges++;
            client.LastTicks = ticks;
        }

        var templateId = LinkedTemplate(p.Features);
        if (templateId != 0 && account.Templates.Add(templateId) >= 2)
        {
            var template = Held(account, AttributeKind.Template, templateId)
                ?? Register(account, AttributeKind.Template, templateId, null, p);
            if (template.Example is null && p.PromptLength != ExampleTexts.Dropped)
            {
                // The first exchange's text was dropped (the example buffer was at its bound): the next one with text gives it.
                template.Example = _examples.Example(p.PromptStart, p.PromptLength);
            }

            template.Exchanges++;
            template.LastTicks = ticks;
        }
    }

    private static AttributeStats? Held(AccountState account, AttributeKind kind, ulong key)
    {
        var (start, length, _) = LinkSlots.Range(kind);
        for (var i = start; i < start + length; i++)
        {
            if (account.Links[i] is { } held && held.Key == key)
            {
                return held;
            }
        }

        return null;
    }

    /// <summary>
    /// Counts the account among the attribute's holders, registering the attribute on its first; <paramref name="p"/> is
    /// the exchange that gave it (none for an account record's card or domain), whose network may make the account an
    /// education holder whatever its sign-up channel.
    /// </summary>
    private AttributeStats Register(AccountState account, AttributeKind kind, ulong key, string? label, in PendingExchange p = default)
    {
        if (!_attributes.TryGetValue((kind, key), out var attribute))
        {
            attribute = new AttributeStats(kind, key, label, account) { FirstTicks = p.Ticks };
            if (kind == AttributeKind.IpBlock)
            {
                attribute.Asn = p.Asn;
                attribute.AsnOrg = p.AsnOrg;
                attribute.AsnType = p.AsnType;
                attribute.Country = p.Country;
                attribute.SampleIps = [p.Ip!];
            }
            else if (kind == AttributeKind.Template)
            {
                attribute.Capability = p.Features.Capability;
                attribute.Example = _examples.Example(p.PromptStart, p.PromptLength);
            }

            _attributes.Add((kind, key), attribute);
        }
        else if (kind == AttributeKind.IpBlock && attribute.SampleIps is { Length: < 4 } ips && Array.IndexOf(ips, p.Ip) < 0)
        {
            attribute.SampleIps = [.. ips, p.Ip!];
        }

        attribute.Accounts++;
        if (attribute.OrgKey != 0 && account.OrgKey == attribute.OrgKey)
        {
            attribute.SameOrgAccounts++;
        }

        var educationNetwork = p.AsnType == AsnType.Education;
        var education = account.IsEducation || educationNetwork;
        if (education)
        {
            attribute.EducationAccounts++;
        }

        var forgotten = LinkSlots.Hold(account, attribute, education, educationNetwork);
        _linked.Set(account.Index, account.ForeignLinkMask != 0);
        if (forgotten is { HeldBy: 0, Kind: not AttributeKind.Payment })
        {
            // Rotating exits and one-off templates would otherwise grow the index with the log; nobody links through it now.
            _attributes.Remove((forgotten.Kind, forgotten.Key));
        }

        return attribute;
    }

    /// <summary>
    /// The template an exchange can link its account by, or 0 (exchanges carrying tool results are not templated). The
    /// user message's frame, not the system prompt's: every user of one agentic tool or app shares its system prompt,
    /// while a harvesting pipeline's templates live in the user turn.
    /// </summary>
    private static ulong LinkedTemplate(in ExchangeFeatures features) =>
        features.ToolResultsPresent ? 0 : features.UserTemplateId != 0 ? features.UserTemplateId : features.TemplateId;

    private static void CountModel(AccountState account, ModelState model)
    {
        for (var i = 0; i < account.Models.Length; i++)
        {
            if (account.Models[i] is null)
            {
                account.Models[i] = model;
            }

            if (ReferenceEquals(account.Models[i], model))
            {
                account.ModelCounts[i]++;
                return;
            }
        }
    }

    private void CountTimeline(AccountState account, long ticks)
    {
        var bucket = _timeline.BucketOf(ticks, out var widened);
        if (widened)
        {
            foreach (var a in _accounts)
            {
                if (a.Timeline is not null)
                {
                    TimelineBuckets.Merge(a.Timeline);
                }
            }
        }

        _timeline.Totals[bucket]++;
        account.Timeline ??= new ushort[TimelineBuckets.Count];
        if (account.Timeline[bucket] < ushort.MaxValue)
        {
            account.Timeline[bucket]++;
        }
    }
}
