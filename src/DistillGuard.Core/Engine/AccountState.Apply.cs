using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

internal sealed partial class AccountState
{
    /// <summary>Updates the per-account counters with one exchange (the tick's canonical order).</summary>
    public void Apply(in PendingExchange p)
    {
        var ticks = p.Ticks;
        if (Exchanges == 0)
        {
            FirstTicks = ticks;
            SlotBase = ticks / (TimeSpan.TicksPerMinute * SlotMinutes);
        }
        else
        {
            var gapSeconds = Math.Max(0.5, (ticks - LastTicks) / (double)TimeSpan.TicksPerSecond);
            var x = Math.Log10(gapSeconds);
            Gaps++;
            var delta = x - GapMean;
            GapMean += delta / Gaps;
            GapM2 += delta * (x - GapMean);
        }

        Exchanges++;
        LastTicks = Math.Max(LastTicks, ticks);
        CountDay(ticks);
        CountHour((int)(ticks / TimeSpan.TicksPerHour % 24));
        MarkSlot(ticks);

        var f = p.Features;
        Capabilities[(int)f.Capability]++;
        if (f.CotElicitation)
        {
            Cot++;
        }

        if (f.TraceReconstruction)
        {
            Trace++;
        }

        if (f.SingleTurn)
        {
            SingleTurn++;
        }

        if (f.ToolsDeclared)
        {
            Tools++;
        }

        if (f.ToolResultsPresent)
        {
            ToolResults++;
        }

        if (f.HasImages)
        {
            Images++;
        }

        InputTokens += p.Usage.InputTokens;
        OutputTokens += p.Usage.OutputTokens;
        ReasoningTokens += p.Usage.ReasoningTokens;
        if (p.AsnType is AsnType.Hosting or AsnType.Proxy or AsnType.Vpn)
        {
            HostingLike++;
        }

        Ips.Add(p.IpHash);
        if (p.Asn != 0)
        {
            Asns.Add((ulong)p.Asn);
        }

        Countries.Add(p.CountryHash);
        if (p.Intel is not null)
        {
            IntelHits++;
            ExchangeIntel ??= p.Intel;
        }
    }

    private void CountHour(int hour)
    {
        if (Hours[hour] == ushort.MaxValue)
        {
            // Halve all hours: the diurnal shape is what matters, and it survives.
            for (var i = 0; i < Hours.Length; i++)
            {
                Hours[i] /= 2;
            }
        }

        Hours[hour]++;
    }

    private void CountDay(long ticks)
    {
        var day = ticks / TimeSpan.TicksPerDay;
        if (day == CurrentDay)
        {
            CurrentDayCount++;
        }
        else if (day > CurrentDay)
        {
            CurrentDay = day;
            CurrentDayCount = 1;
            ActiveDays++;
        }

        MaxDayCount = Math.Max(MaxDayCount, CurrentDayCount);
    }

    private void MarkSlot(long ticks)
    {
        var slot = ticks / (TimeSpan.TicksPerMinute * SlotMinutes);
        var shift = slot - SlotBase - 63;
        if (shift > 0)
        {
            Slots = shift >= 64 ? 0 : Slots >> (int)shift;
            SlotBase += shift;
        }

        var bit = slot - SlotBase;
        if (bit >= 0)
        {
            Slots |= 1UL << (int)bit;
        }
    }

    /// <summary>The activity bitmap aligned so bit 63 is the slot holding <paramref name="ticks"/>.</summary>
    public ulong SlotsAt(long ticks)
    {
        var slot = ticks / (TimeSpan.TicksPerMinute * SlotMinutes);
        var shift = slot - SlotBase - 63;
        return shift <= -64 ? 0 : shift <= 0 ? Slots << (int)-shift : shift >= 64 ? 0 : Slots >> (int)shift;
    }

    public double Share(int count) => Exchanges == 0 ? 0 : (double)count / Exchanges;

    public Capability TopCapability(out int count)
    {
        var best = 0;
        for (var i = 1; i < Capabilities.Length; i++)
        {
            if (Capabilities[i] > Capabilities[best])
            {
                best = i;
            }
        }

        count = Capabilities[best];
        return (Capability)best;
    }
}
