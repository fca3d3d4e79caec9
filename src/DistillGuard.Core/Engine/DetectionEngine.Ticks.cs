using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    internal const int ExampleChars = 240;

    /// <summary>Shortest log-time step between two applications inside a tick (each one walks the whole buffer).</summary>
    private static readonly long MinApplyStep = TimeSpan.FromMinutes(1).Ticks;

    private void AdvanceTo(long ticks)
    {
        var tick = Options.Tick.Ticks;
        if (_tickEnd < 0)
        {
            _tickEnd = ((ticks / tick) + 1) * tick;
            return;
        }

        var tolerance = Options.ReorderTolerance.Ticks;
        while (ticks >= _tickEnd + tolerance)
        {
            CloseTick(_tickEnd, _tickEnd);
            _tickEnd += tick;
            var start = ticks / tick * tick;
            if (_pending.Count == 0 && start > _tickEnd)
            {
                // Quiet stretch: jump to the tick holding the new exchange instead of closing empty ticks one by one.
                _tickEnd = start;
            }
        }

        // Inside the open tick, what lies more than the tolerance behind the newest exchange is applied already (in
        // the same canonical order, so no outcome changes): the buffer holds a few minutes of traffic instead of a
        // whole tick's, about 0.7 KB an exchange (630 MB a tick at 1,000 requests/s in front of a busy API).
        var watermark = ticks - tolerance;
        if (watermark >= _appliedBefore + Math.Max(tolerance, MinApplyStep))
        {
            ApplyBefore(watermark);
            _appliedBefore = watermark;
        }
    }

    /// <summary>Applies the exchanges before <paramref name="end"/> in canonical order and re-evaluates at <paramref name="end"/>.</summary>
    private void CloseTick(long end, long evaluateAt, bool recluster = false)
    {
        ApplyBefore(end);
        if (_appliedSinceEvaluation > 0 || _evaluationDue)
        {
            Evaluate(evaluateAt, recluster);
        }
    }

    /// <summary>Applies the buffered exchanges before <paramref name="end"/>, in canonical order; later ones stay buffered.</summary>
    private void ApplyBefore(long end)
    {
        _spare.Clear();
        _apply.Clear();
        _nextExamples.Clear();
        foreach (var p in _pending)
        {
            if (p.Ticks < end)
            {
                _apply.Add(p);
            }
            else
            {
                // Still buffered: its example text moves to the buffer the next application uses.
                _spare.Add(MoveExample(p));
            }
        }

        (_pending, _spare) = (_spare, _pending);
        _apply.Sort(PendingOrder.Instance);
        foreach (var p in _apply)
        {
            Apply(p);
        }

        (_examples, _nextExamples) = (_nextExamples, _examples);
        _appliedSinceEvaluation += _apply.Count;
        _apply.Clear();
    }

    private PendingExchange MoveExample(in PendingExchange p)
    {
        var (start, length) = _nextExamples.Add(_examples.Get(p.PromptStart, p.PromptLength));
        return p with { PromptStart = start, PromptLength = length };
    }

    /// <summary>Closes everything buffered and evaluates (re-clustering) at the last exchange's time.</summary>
    private void Flush()
    {
        if (_pending.Count > 0 || (_evaluationDue && _exchanges > 0))
        {
            CloseTick(long.MaxValue, _toTicks, recluster: true);
        }

        // Nothing is buffered now: the per-tick buffers, sized by the busiest tick, are not kept for a replay that ended.
        _pending.TrimExcess();
        _spare.TrimExcess();
        _apply.TrimExcess();
        _examples.Release();
        _nextExamples.Release();
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

        if (account.Exchanges == 0)
        {
            _activeAccounts++;
        }

        account.Apply(p);
        CountTimeline(account, ticks);

        var education = account.IsEducation || p.AsnType == AsnType.Education;
        if (p.BlockHash != 0)
        {
            var key = StableHash.Mix(p.BlockHash, (ulong)(ticks / (TimeSpan.TicksPerDay * 7)));
            var block = Held(account, AttributeKind.IpBlock, key)
                ?? Register(account, AttributeKind.IpBlock, key, null, education, p);
            block.Exchanges++;
            block.LastTicks = ticks;
        }

        if (p.ClientHash != 0)
        {
            var client = Held(account, AttributeKind.ClientFingerprint, p.ClientHash)
                ?? Register(account, AttributeKind.ClientFingerprint, p.ClientHash, $"{p.UserAgent}|{p.TlsFingerprint}", education);
            client.Exchanges++;
            client.LastTicks = ticks;
        }

        // The user message's frame, not the system prompt's: every user of one agentic tool or app shares its system
        // prompt, while a harvesting pipeline's templates live in the user turn.
        var templateId = p.Features.UserTemplateId != 0 ? p.Features.UserTemplateId : p.Features.TemplateId;
        if (templateId != 0 && !p.Features.ToolResultsPresent && account.Templates.Add(templateId) >= 2)
        {
            var template = Held(account, AttributeKind.Template, templateId)
                ?? Register(account, AttributeKind.Template, templateId, null, education, p);
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

    private AttributeStats Register(AccountState account, AttributeKind kind, ulong key, string? label, bool education, in PendingExchange p = default)
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
                attribute.Example = ExampleOf(_examples.Get(p.PromptStart, p.PromptLength));
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

        if (education)
        {
            attribute.EducationAccounts++;
        }

        var forgotten = LinkSlots.Hold(account, attribute);
        _linked.Set(account.Index, account.ForeignLinkMask != 0);
        if (forgotten is { HeldBy: 0, Kind: not AttributeKind.Payment })
        {
            // Rotating exits and one-off templates would otherwise grow the index with the log; nobody links through it now.
            _attributes.Remove((forgotten.Kind, forgotten.Key));
        }

        return attribute;
    }

    private static string ExampleOf(ReadOnlySpan<char> kept) =>
        kept.Length <= ExampleChars ? new string(kept) : string.Concat(kept[..ExampleChars], "…");

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
