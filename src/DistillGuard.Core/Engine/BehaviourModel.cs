using System.Numerics;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Turns an account's counters into <see cref="AccountScore"/>. Weights are documented in docs/detection.md;
/// behaviour alone never flags an account (honest benchmark runners look like this), it decides together with
/// coordination in <see cref="RiskModel"/>.
/// </summary>
internal static class BehaviourModel
{
    public const float WTemplated = 1.2f;
    public const float WCot = 1.0f;
    public const float WSingleTurn = 0.5f;
    public const float WTargeted = 0.8f;
    public const float WHosting = 0.6f;
    public const float WYoung = 0.5f;
    public const float WUnverified = 0.3f;
    public const float WRegular = 0.4f;
    public const float WAroundTheClock = 0.4f;
    public const float WOutputHeavy = 0.3f;
    public const float WNetworkDiversity = 0.4f;
    public const float WVouched = 1.0f;

    /// <summary>Addresses an account may use before many addresses per exchange read as rotation: a /28 egress pool.</summary>
    public const int NatPoolAddresses = 16;

    /// <summary>Exchanges at which the behaviour score carries half its weight.</summary>
    public const int ShrinkExchanges = 8;

    private const float TotalWeight = WTemplated + WCot + WSingleTurn + WTargeted + WHosting + WYoung + WUnverified
        + WRegular + WAroundTheClock + WOutputHeavy + WNetworkDiversity;

    public static AccountScore Score(AccountState a)
    {
        if (a.Exchanges == 0)
        {
            return default;
        }

        var n = a.Exchanges;
        var templated = (float)a.Share((int)Math.Min(int.MaxValue, a.Templates.Covered(3)));
        var top = a.TopCapability(out var topCount);
        var targeted = top is Capability.GeneralChat or Capability.CreativeWriting or Capability.Other ? 0f : (float)a.Share(topCount);
        var young = a.CreatedTicks == 0 ? 0.3f : a.FirstTicks - a.CreatedTicks < TimeSpan.TicksPerDay * 2 ? 1f
            : a.FirstTicks - a.CreatedTicks < TimeSpan.TicksPerDay * 14 ? 0.4f : 0f;
        var unverified = a.Verified switch { false => 1f, null => 0.5f, _ => 0f };
        var regular = 0f;
        if (a.Gaps >= 10)
        {
            var sd = Math.Sqrt(a.GapM2 / (a.Gaps - 1));
            regular = (float)Math.Clamp(1 - (sd / 0.8), 0, 1);
        }

        var aroundTheClock = n >= 48 ? (float)Math.Clamp((HourEntropy(a.Hours, n) - 0.8) / 0.2, 0, 1) : 0f;
        var outputHeavy = a.InputTokens <= 0 ? 0f
            : (float)Math.Clamp((((double)a.OutputTokens + a.ReasoningTokens) / a.InputTokens - 1) / 4, 0, 1);
        var diversity = NetworkDiversity(a);
        var vouched = a.Channel switch
        {
            SignupChannel.Enterprise when a.Verified == true => 1f,
            SignupChannel.Enterprise or SignupChannel.ResearchProgram or SignupChannel.Reseller => 0.5f,
            SignupChannel.Education => 0.3f,
            _ => a.Verified == true ? 0.3f : 0f,
        };

        var sum = (WTemplated * templated) + (WCot * (float)a.Share(a.Cot)) + (WSingleTurn * (float)a.Share(a.SingleTurn))
            + (WTargeted * targeted) + (WHosting * (float)a.Share(a.HostingLike)) + (WYoung * young)
            + (WUnverified * unverified) + (WRegular * regular) + (WAroundTheClock * aroundTheClock)
            + (WOutputHeavy * outputHeavy) + (WNetworkDiversity * diversity) - (WVouched * vouched);
        var behaviour = Math.Clamp(sum / TotalWeight, 0f, 1f) * n / (n + ShrinkExchanges);
        return new AccountScore
        {
            Templated = templated,
            Cot = (float)a.Share(a.Cot),
            SingleTurn = (float)a.Share(a.SingleTurn),
            TargetedCapability = targeted,
            Hosting = (float)a.Share(a.HostingLike),
            Young = young,
            Unverified = unverified,
            Regular = regular,
            AroundTheClock = aroundTheClock,
            OutputHeavy = outputHeavy,
            NetworkDiversity = diversity,
            Vouched = vouched,
            Behaviour = behaviour,
        };
    }

    /// <summary>Normalised entropy of the hour-of-day histogram: 1 means evenly spread over 24 h.</summary>
    private static double HourEntropy(ushort[] hours, long n)
    {
        n = 0;
        foreach (var c in hours)
        {
            n += c;
        }

        var h = 0.0;
        foreach (var c in hours)
        {
            if (c > 0)
            {
                var p = (double)c / n;
                h -= p * Math.Log(p);
            }
        }

        return h / Math.Log(24);
    }

    private static float NetworkDiversity(AccountState a)
    {
        if (a.Exchanges < 10)
        {
            return 0;
        }

        // Rotating proxies: many IPs per exchange, several countries or ASNs for one account.
        // Addresses per exchange count only past a NAT pool's worth: an office behind a /28 shows a dozen addresses
        // over its first dozen exchanges, which reads as rotation until the account has sent many more.
        var ipRate = a.Ips.Seen <= NatPoolAddresses ? 0 : Math.Clamp((a.Ips.Seen / (double)a.Exchanges - 0.2) / 0.5, 0, 1);
        var countries = Math.Clamp((a.Countries.Seen - 1) / 3.0, 0, 1);
        var asns = Math.Clamp((a.Asns.Seen - 2) / 4.0, 0, 1);
        return (float)Math.Max(ipRate, Math.Max(countries, asns));
    }

    internal static int PopCount(ulong bits) => BitOperations.PopCount(bits);
}
