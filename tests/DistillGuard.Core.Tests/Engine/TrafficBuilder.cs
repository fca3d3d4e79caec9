using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>Hand-built labelled traffic: campaigns and honest archetypes with exactly the attributes a test needs.</summary>
internal sealed class TrafficBuilder
{
    public static readonly DateTime Start = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Words =
    [
        "garden", "invoice", "travel", "recipe", "poem", "meeting", "budget", "history", "python", "essay",
        "email", "summary", "weather", "music", "letter", "plan", "story", "review", "health", "career",
    ];

    private readonly Random _random;

    public TrafficBuilder(int seed = 7) => _random = new Random(seed);

    public List<AccountRecord> Accounts { get; } = [];

    public List<Exchange> Exchanges { get; } = [];

    /// <summary>Truth: account id → label ("honest:..." or "campaign:...").</summary>
    public Dictionary<string, string> Labels { get; } = [];

    public TrafficBuilder Campaign(string name, int accounts, int perDay, int days, bool sharePayment = true,
        bool shareBlock = true, bool shareClient = true, string template = "Solve the following problem step by step",
        string? emailDomain = null, bool shareTemplate = true, string? borrowedTemplate = null, int borrowingAccounts = 0,
        string? ownBlocks = null)
    {
        for (var i = 0; i < accounts; i++)
        {
            var id = $"{name}_{i:D3}";
            Add(new AccountRecord
            {
                AccountId = id,
                CreatedAt = Start.AddHours(-30 + (i % 20)),
                SignupChannel = SignupChannel.Standard,
                PaymentFingerprint = sharePayment ? $"pf_{name}_{i % 3}" : $"pf_{id}",
                EmailDomain = emailDomain,
                Verified = false,
            }, "campaign:" + name);
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < perDay; k++)
                {
                    var ts = Start.AddDays(d).AddSeconds((86400.0 / perDay * k) + (i * 37) + _random.Next(60));
                    // Without a shared block, addresses are drawn at random from a /10, or each account keeps a /24 of its own under ownBlocks (a /16).
                    var ip = shareBlock ? $"203.0.113.{_random.Next(1, 250)}"
                        : ownBlocks is null ? $"100.{_random.Next(64, 127)}.{_random.Next(256)}.{_random.Next(256)}"
                        : $"{ownBlocks}.{i}.{_random.Next(1, 250)}";
                    // The first borrowing accounts send every other prompt from another prompt set.
                    var set = i < borrowingAccounts && k % 2 == 1 ? borrowedTemplate : template;
                    var text = shareTemplate ? $"{set}: {_random.Next(100000)} + {_random.Next(100000)}" : $"{Chat()} Think step by step.";
                    Exchanges.Add(Make(ts, id, text, ip, 64500,
                        AsnType.Hosting, "SG", shareClient ? "python-httpx/0.27.0" : $"client-{i}", shareClient ? "ja3_cmp" : $"ja3_{i}"));
                }
            }
        }

        return this;
    }

    public TrafficBuilder Casual(int accounts, int perDay, int days)
    {
        for (var i = 0; i < accounts; i++)
        {
            var id = $"casual_{i:D4}";
            Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddDays(-200 + i % 150), SignupChannel = SignupChannel.Standard, PaymentFingerprint = $"pf_{id}", Verified = i % 2 == 0 }, "honest:casual");
            var ip = $"10.{i % 200}.{i / 200}.{_random.Next(1, 250)}";
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < perDay; k++)
                {
                    var ts = Start.AddDays(d).AddHours(8 + _random.Next(12)).AddSeconds(_random.Next(3600));
                    Exchanges.Add(Make(ts, id, Chat(), ip, 7922, AsnType.Isp, "US", "Mozilla/5.0", "ja3_browser", turns: 1 + _random.Next(3)));
                }
            }
        }

        return this;
    }

    /// <summary>Enterprise seats: one payment instrument, one org, one corporate /24, provisioned the same hour.</summary>
    public TrafficBuilder Enterprise(string org, int seats, int perDay, int days)
    {
        for (var i = 0; i < seats; i++)
        {
            var id = $"{org}_seat{i:D3}";
            Add(new AccountRecord
            {
                AccountId = id, CreatedAt = Start.AddDays(-3).AddMinutes(i), SignupChannel = SignupChannel.Enterprise,
                PaymentFingerprint = $"pf_{org}", EmailDomain = $"{org}.example", OrgId = org, Verified = true,
            }, "honest:enterprise");
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < perDay; k++)
                {
                    var ts = Start.AddDays(d).AddHours(9 + _random.Next(8)).AddSeconds(_random.Next(3600));
                    Exchanges.Add(Make(ts, id, Chat(), $"198.18.7.{_random.Next(1, 250)}", 65010, AsnType.Business, "DE", "corp-sdk/1.0", "ja3_corp", turns: 1 + _random.Next(4)));
                }
            }
        }

        return this;
    }

    /// <summary>
    /// A startup's developers: each signed up alone (no org_id) with the company's e-mail domain, within a day of each
    /// other, and works from the office's business /24 with the same SDK, in multi-turn chats. Each pays with a card of
    /// their own, or with <paramref name="companyCard"/> all with the company's one; <paramref name="org"/> is the
    /// workspace the provider knows them by, if it does. With <paramref name="singleTurn"/> (every prompt a fresh
    /// question) or <paramref name="rotatingExits"/> (each exchange through another residential network) it is a small
    /// operator dressed as a team.
    /// </summary>
    public TrafficBuilder StartupTeam(string domain, int members, int perDay, int days, bool companyCard = false, string? org = null,
        bool singleTurn = false, bool rotatingExits = false, int signedUpDaysBefore = 20)
    {
        for (var i = 0; i < members; i++)
        {
            var id = $"team_{domain}_{i:D2}";
            Add(new AccountRecord
            {
                AccountId = id, CreatedAt = Start.AddDays(-signedUpDaysBefore).AddHours(i), SignupChannel = SignupChannel.Standard,
                PaymentFingerprint = companyCard ? $"pf_{domain}" : $"pf_{id}", EmailDomain = domain, Verified = i % 2 == 0, OrgId = org,
            }, "honest:startup_team");
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < perDay; k++)
                {
                    var ts = Start.AddDays(d).AddHours(9 + _random.Next(9)).AddSeconds(_random.Next(3600));
                    var turns = singleTurn ? 1 : 2 + _random.Next(4);
                    Exchanges.Add(rotatingExits
                        ? Make(ts, id, Chat(), $"100.{64 + _random.Next(60)}.{_random.Next(256)}.{_random.Next(1, 250)}", 64600 + _random.Next(40), AsnType.Isp, "US", "anthropic-sdk-python/0.40", "ja3_sdk", turns)
                        : Make(ts, id, Chat(), $"198.19.4.{_random.Next(1, 250)}", 65020, AsnType.Business, "US", "anthropic-sdk-python/0.40", "ja3_sdk", turns));
                }
            }
        }

        return this;
    }

    /// <summary>Students: education sign-ups in one week behind one campus NAT address, diverse prompts.</summary>
    public TrafficBuilder Students(int students, int perDay, int days)
    {
        for (var i = 0; i < students; i++)
        {
            var id = $"student_{i:D3}";
            Add(new AccountRecord
            {
                AccountId = id, CreatedAt = Start.AddDays(-5).AddHours(i * 3), SignupChannel = SignupChannel.Education,
                PaymentFingerprint = $"pf_{id}", EmailDomain = "uni.example", Verified = false,
            }, "honest:student");
            for (var d = 0; d < days; d++)
            {
                for (var k = 0; k < perDay; k++)
                {
                    var ts = Start.AddDays(d).AddHours(10 + _random.Next(10)).AddSeconds(_random.Next(3600));
                    Exchanges.Add(Make(ts, id, Chat(), "192.0.2.10", 65020, AsnType.Education, "GB", "Mozilla/5.0", "ja3_browser", turns: 1 + _random.Next(3)));
                }
            }
        }

        return this;
    }

    /// <summary>A research group running a benchmark: templated, CoT-heavy, bursty, from cloud machines — but alone.</summary>
    public TrafficBuilder BenchmarkRunner(string id, int perBurst, int days)
    {
        Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddDays(-1), SignupChannel = SignupChannel.ResearchProgram, PaymentFingerprint = $"pf_{id}", Verified = false }, "honest:benchmark");
        for (var d = 0; d < days; d++)
        {
            for (var k = 0; k < perBurst; k++)
            {
                var ts = Start.AddDays(d).AddHours(14).AddSeconds(k * 3);
                Exchanges.Add(Make(ts, id, $"GSM8K item, think step by step: {k}", $"34.1.{d}.{k % 200}", 15169, AsnType.Hosting, "US", "lm-eval/0.4", "ja3_eval"));
            }
        }

        return this;
    }

    /// <summary>
    /// An app's backend: a new unverified account calling around the clock, single-turn and evenly paced, from a cloud
    /// /24 of its own, with the SDK build <paramref name="client"/>: on behaviour alone it looks like a harvester.
    /// </summary>
    public TrafficBuilder AppBackend(string id, int perDay, int days, string client, int? sharedBlock = null, int ageDays = 1)
    {
        Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddDays(-ageDays), SignupChannel = SignupChannel.Standard, PaymentFingerprint = $"pf_{id}", Verified = false }, "honest:app_backend");
        var block = sharedBlock ?? Accounts.Count;
        for (var d = 0; d < days; d++)
        {
            for (var k = 0; k < perDay; k++)
            {
                var ts = Start.AddDays(d).AddSeconds((86400.0 / perDay * k) + _random.Next(30));
                Exchanges.Add(Make(ts, id, Chat(), $"35.{block}.7.{_random.Next(1, 250)}", 396982, AsnType.Hosting, "US", client, "ja3_" + client));
            }
        }

        return this;
    }

    /// <summary>
    /// One account that looks like a person on its own (home ISP address, browser, chat prompts a few times an hour
    /// from <paramref name="from"/>), paying with <paramref name="payment"/>: what a banned operator's replacement
    /// or a card's second honest user sends at first.
    /// </summary>
    public TrafficBuilder Quiet(string id, string payment, DateTime createdAt, DateTime from, int exchanges, string label, string? org = null, string? emailDomain = null)
    {
        Add(new AccountRecord { AccountId = id, CreatedAt = createdAt, SignupChannel = SignupChannel.Standard, PaymentFingerprint = payment, OrgId = org, EmailDomain = emailDomain, Verified = false }, label);
        for (var k = 0; k < exchanges; k++)
        {
            Exchanges.Add(Make(from.AddMinutes(k * 20), id, Chat(), "100.70.3.9", 7922, AsnType.Isp, "US", "Mozilla/5.0", "ja3_browser", turns: 2));
        }

        return this;
    }

    public static Exchange Make(DateTime ts, string account, string text, string ip, int asn, AsnType asnType, string country, string ua, string tls, int turns = 1, string model = "frontier-large-2") => new()
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
        Model = model,
        Request = new ExchangeRequest { LastUserText = text, UserTurns = turns, AssistantTurns = turns - 1, MaxTokens = 4096 },
        Usage = new TokenUsage(100 + text.Length / 4, 800, 0),
    };

    private void Add(AccountRecord record, string label)
    {
        Accounts.Add(record);
        Labels[record.AccountId] = label;
    }

    private string Chat()
    {
        var n = 4 + _random.Next(6);
        var words = new string[n];
        for (var i = 0; i < n; i++)
        {
            words[i] = Words[_random.Next(Words.Length)];
        }

        return "please help with " + string.Join(' ', words) + " " + _random.Next(1000);
    }
}
