using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Tests.Dashboard;

/// <summary>
/// Two days of traffic: a campaign sharing payment instruments, a hosting /24 and one client, with templated
/// single-turn prompts, beside honest accounts on their own networks.
/// </summary>
internal sealed class CampaignTraffic
{
    public static readonly DateTime Start = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    private readonly Random _random = new(11);

    public List<AccountRecord> Accounts { get; } = [];

    public List<Exchange> Exchanges { get; } = [];

    public DateTime End { get; private set; }

    public static CampaignTraffic Create(int campaignAccounts = 8, int honestAccounts = 6, int perDay = 60, int days = 2)
    {
        var traffic = new CampaignTraffic();
        for (var i = 0; i < campaignAccounts; i++)
        {
            var id = $"acct_cmp_{i:D2}";
            traffic.Accounts.Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddHours(-20).AddMinutes(i * 3), SignupChannel = SignupChannel.Standard, PaymentFingerprint = $"pf_ring_{i % 2}", Verified = false });
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < perDay; k++)
                {
                    var ts = Start.AddDays(d).AddSeconds((86400.0 / perDay * k) + (i * 41) + traffic._random.Next(60));
                    traffic.Exchanges.Add(Make(ts, id, $"Solve the following problem step by step: {traffic._random.Next(100000)} + {traffic._random.Next(100000)}", $"203.0.113.{traffic._random.Next(1, 250)}", 64500, AsnType.Hosting, "SG", "python-httpx/0.27.0", "ja3_cmp"));
                }
            }
        }

        for (var i = 0; i < honestAccounts; i++)
        {
            var id = $"acct_honest_{i:D2}";
            traffic.Accounts.Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddDays(-200 + (i * 17)), SignupChannel = SignupChannel.Standard, PaymentFingerprint = $"pf_{id}", Verified = true });
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < 12; k++)
                {
                    var ts = Start.AddDays(d).AddHours(8 + traffic._random.Next(10)).AddSeconds(traffic._random.Next(3600));
                    traffic.Exchanges.Add(Make(ts, id, $"please help with my {traffic._random.Next(1000)} garden letter", $"10.{i}.0.{1 + traffic._random.Next(200)}", 7922, AsnType.Isp, "US", "Mozilla/5.0", "ja3_browser", turns: 1 + traffic._random.Next(3)));
                }
            }
        }

        traffic.Exchanges.Sort(static (a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : string.CompareOrdinal(a.AccountId, b.AccountId));
        traffic.End = Start.AddDays(days);
        return traffic;
    }

    /// <summary>The accounts in the admin API's accounts format.</summary>
    public List<Dictionary<string, object?>> AccountsJson() => Accounts.ConvertAll(static a => new Dictionary<string, object?>
    {
        ["account_id"] = a.AccountId,
        ["created_at"] = LogNames.FormatTime(a.CreatedAt!.Value),
        ["signup_channel"] = "standard",
        ["payment_fingerprint"] = a.PaymentFingerprint,
        ["verified"] = a.Verified,
    });

    private static Exchange Make(DateTime ts, string account, string text, string ip, int asn, AsnType asnType, string country, string ua, string tls, int turns = 1) => new()
    {
        Timestamp = ts,
        AccountId = account,
        Ip = ip,
        Asn = asn,
        AsnOrg = $"AS{asn} Org",
        AsnType = asnType,
        Country = country,
        UserAgent = ua,
        TlsFingerprint = tls,
        Api = ApiShape.AnthropicMessages,
        Model = "frontier-large-2",
        Request = new ExchangeRequest { LastUserText = text, UserTurns = turns, AssistantTurns = turns - 1, MaxTokens = 4096 },
        Usage = new TokenUsage(100 + (text.Length / 4), 800, 0),
    };
}
