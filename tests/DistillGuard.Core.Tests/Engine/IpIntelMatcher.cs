using DistillGuard.Core.Analysis;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>A peer's indicator list of exact IPs and payment fingerprints, at full confidence.</summary>
internal sealed class IpIntelMatcher(IReadOnlySet<string> ips, IReadOnlySet<string>? payments = null) : IIntelMatcher
{
    public IntelMatch? MatchExchange(Exchange exchange, in ExchangeFeatures features) =>
        exchange.Ip is { } ip && ips.Contains(ip) ? new IntelMatch("indicator--ip", "ip", "peer-lab", 1.0, $"IP {ip} seen in a distillation campaign") : null;

    public IntelMatch? MatchAccount(AccountRecord account, DateTime at) =>
        account.PaymentFingerprint is { } pf && payments?.Contains(pf) == true ? new IntelMatch("indicator--pf", "payment", "peer-lab", 1.0, $"payment {pf}") : null;
}
