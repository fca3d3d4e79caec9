using DistillGuard.Core.Log;
using DistillGuard.Core.Tests.Engine;

namespace DistillGuard.Gateway.Tests.Dashboard;

/// <summary>
/// Traffic to seed a gateway's engine through the admin API: a campaign sharing payment instruments, a hosting /24
/// and one client, with templated single-turn prompts, beside casual honest accounts on their own networks
/// (<see cref="TrafficBuilder"/>, the engine tests' builder), in time order.
/// </summary>
internal sealed class CampaignTraffic
{
    private CampaignTraffic(TrafficBuilder traffic, int days)
    {
        Accounts = traffic.Accounts;
        Exchanges = [.. traffic.Exchanges.OrderBy(static e => e.Timestamp).ThenBy(static e => e.AccountId, StringComparer.Ordinal)];
        End = TrafficBuilder.Start.AddDays(days);
    }

    public List<AccountRecord> Accounts { get; }

    public List<Exchange> Exchanges { get; }

    public DateTime End { get; }

    public static CampaignTraffic Create(int campaignAccounts = 8, int honestAccounts = 6, int perDay = 60, int days = 2) =>
        new(new TrafficBuilder(seed: 11).Campaign("acct_cmp", campaignAccounts, perDay, days).Casual(honestAccounts, perDay: 12, days), days);

    /// <summary>The accounts in the admin API's accounts format.</summary>
    public List<Dictionary<string, object?>> AccountsJson() => Accounts.ConvertAll(static a => new Dictionary<string, object?>
    {
        ["account_id"] = a.AccountId,
        ["created_at"] = LogNames.FormatTime(a.CreatedAt!.Value),
        ["signup_channel"] = LogNames.ToWire(a.SignupChannel),
        ["payment_fingerprint"] = a.PaymentFingerprint,
        ["verified"] = a.Verified,
    });
}
