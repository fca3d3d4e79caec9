using System.Text;
using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>Writes small exchange logs (a campaign among casual users) through the shared log writer into a temp directory.</summary>
internal sealed class ScanLogFixture : IDisposable
{
    public static readonly DateTime Start = new(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);

    public ScanLogFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "dg-scan-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string LogPath => Path.Combine(Directory, "exchanges.jsonl");

    public string AccountsPath => Path.Combine(Directory, "accounts.jsonl");

    public string Path2(string name) => Path.Combine(Directory, name);

    /// <summary>20 campaign accounts (shared payment, proxy block, client, templates) and 60 casual users over two days.</summary>
    public ScanLogFixture WriteScenario(params string[] extraLines)
    {
        var random = new Random(3);
        var exchanges = new List<Exchange>();
        var accounts = new List<AccountRecord>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"cmp_{i:D2}";
            accounts.Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddHours(-20 + i), SignupChannel = SignupChannel.Standard, PaymentFingerprint = $"pf_shared_{i % 2}", Verified = false });
            for (var k = 0; k < 80; k++)
            {
                var ts = Start.AddSeconds((k * 2160) + (i * 53) + random.Next(30));
                exchanges.Add(Make(ts, id, $"Solve the following problem. Think step by step and show every step of your reasoning before the final answer.\n\nProblem: {random.Next(1000)} apples and {random.Next(1000)} pears", $"203.0.113.{random.Next(1, 250)}", AsnType.Hosting, "python-httpx/0.27.0"));
            }
        }

        for (var i = 0; i < 60; i++)
        {
            var id = $"user_{i:D2}";
            accounts.Add(new AccountRecord { AccountId = id, CreatedAt = Start.AddDays(-100 - i), SignupChannel = SignupChannel.Standard, PaymentFingerprint = $"pf_{id}", Verified = true });
            for (var k = 0; k < 6; k++)
            {
                var ts = Start.AddHours(9 + random.Next(30)).AddSeconds(random.Next(3600));
                exchanges.Add(Make(ts, id, $"Could you suggest a name for my {Pick(random)} shop that sells {Pick(random)}?", $"10.{i}.3.{random.Next(1, 250)}", AsnType.Isp, "Mozilla/5.0"));
            }
        }

        exchanges.Sort((x, y) => x.Timestamp != y.Timestamp ? x.Timestamp.CompareTo(y.Timestamp) : string.CompareOrdinal(x.AccountId, y.AccountId));
        WriteLog(LogPath, exchanges, extraLines);
        WriteAccounts(AccountsPath, accounts);
        return this;
    }

    public static void WriteLog(string path, IEnumerable<Exchange> exchanges, IEnumerable<string>? extraLines = null)
    {
        using var stream = File.Create(path);
        foreach (var exchange in exchanges)
        {
            var request = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["model"] = "frontier-large-2",
                ["max_tokens"] = 2048,
                ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = exchange.Request.LastUserText } },
            });
            var response = """{"content":[{"type":"text","text":"Here is the answer."}],"stop_reason":"end_turn","usage":{"input_tokens":50,"output_tokens":400}}"""u8;
            using (var writer = new Utf8JsonWriter(stream))
            {
                ExchangeLogWriter.WriteExchange(writer, exchange, request, response);
            }

            stream.WriteByte((byte)'\n');
        }

        foreach (var line in extraLines ?? [])
        {
            stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
    }

    public static void WriteAccounts(string path, IEnumerable<AccountRecord> accounts)
    {
        using var stream = File.Create(path);
        foreach (var account in accounts)
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                ExchangeLogWriter.WriteAccount(writer, account);
            }

            stream.WriteByte((byte)'\n');
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    private static Exchange Make(DateTime ts, string account, string text, string ip, AsnType type, string ua) => new()
    {
        Timestamp = ts,
        AccountId = account,
        RequestId = $"req_{account}_{ts.Ticks}",
        Ip = ip,
        Asn = type == AsnType.Hosting ? 64500 : 7922,
        AsnType = type,
        Country = "SG",
        UserAgent = ua,
        TlsFingerprint = "ja3_" + ua.Length,
        Api = ApiShape.AnthropicMessages,
        Model = "frontier-large-2",
        Request = new ExchangeRequest { LastUserText = text, UserTurns = 1 },
    };

    private static string Pick(Random random) => new[] { "flower", "coffee", "book", "bike", "toy", "tea", "shoe", "cake" }[random.Next(8)];
}
