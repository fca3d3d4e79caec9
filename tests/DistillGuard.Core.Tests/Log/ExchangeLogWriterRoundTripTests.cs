using System.Buffers;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class ExchangeLogWriterRoundTripTests
{
    [Fact]
    public void WriteExchange_ThenTryParse_GivesBackMetadataAndNormalisedBodies()
    {
        var written = new Exchange
        {
            Timestamp = new DateTime(2026, 4, 22, 3, 14, 7, 123, DateTimeKind.Utc),
            RequestId = "req_9",
            AccountId = "acct_9",
            ApiKeyId = "key_2",
            Ip = "2001:db8::7",
            Asn = 64501,
            AsnOrg = "Example Hosting",
            AsnType = AsnType.Proxy,
            Country = "DE",
            UserAgent = "curl/8.0",
            TlsFingerprint = "t13d_abc",
            Status = 200,
            LatencyMs = 1234.5,
            Api = ApiShape.OpenAIChat,
            Usage = new TokenUsage(11, 22, 33),
        };
        var request = """{"model":"frontier-small","messages":[{"role":"user","content":"Write a haiku"}]}"""u8;
        var response = """{"choices":[{"message":{"content":"Leaves fall"},"finish_reason":"stop"}]}"""u8;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ExchangeLogWriter.WriteExchange(writer, written, request, response);
        }

        var read = new Exchange();
        var ok = new ExchangeParser().TryParse(buffer.WrittenSpan, read, out var error);

        Assert.True(ok, error.Message + " in " + Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(
            (written.Timestamp, written.RequestId, written.AccountId, written.ApiKeyId, written.Ip, written.Asn, written.AsnOrg, written.AsnType, written.Country, written.UserAgent, written.TlsFingerprint, written.Status, written.LatencyMs, written.Api, written.Usage),
            (read.Timestamp, read.RequestId, read.AccountId, read.ApiKeyId, read.Ip, read.Asn, read.AsnOrg, read.AsnType, read.Country, read.UserAgent, read.TlsFingerprint, read.Status, read.LatencyMs, read.Api, read.Usage));
        Assert.Equal("frontier-small", read.Model);
        Assert.Equal("Write a haiku", read.Request.LastUserText);
        Assert.Equal("Leaves fall", read.Response!.Text);
        Assert.Equal("stop", read.Response.StopReason);
    }

    [Fact]
    public void WriteAccountAndModelRelease_ThenRead_RoundTrips()
    {
        using var dir = new TempLogDirectory();
        var account = new AccountRecord
        {
            AccountId = "acct_1",
            CreatedAt = new DateTime(2026, 4, 20, 11, 2, 0, DateTimeKind.Utc),
            SignupChannel = SignupChannel.Reseller,
            PaymentFingerprint = "pf_1",
            EmailDomain = "example.org",
            BillingCountry = "FR",
            Verified = true,
            OrgId = "org_7",
            EffectiveFrom = new DateTime(2026, 4, 23, 8, 15, 30, 125, DateTimeKind.Utc),
        };
        var accounts = dir.Write("accounts.jsonl", Serialize(w => ExchangeLogWriter.WriteAccount(w, account)));
        var models = dir.Write("models.jsonl", Serialize(w => ExchangeLogWriter.WriteModelRelease(w, new ModelRelease("m2", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc)))));
        var bad = new BadRecordLog();

        var readAccount = Assert.Single(AccountsFileReader.Read(accounts, bad));
        var readModel = Assert.Single(ModelReleasesFileReader.Read(models, bad));

        Assert.Equal(0, bad.Total);
        Assert.Equivalent(account, readAccount, strict: true);
        Assert.Equal(new ModelRelease("m2", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc)), readModel);
    }

    [Theory]
    [InlineData("block", "chargeback")]
    [InlineData(null, null)]
    public void WriteOverride_ThenRead_RoundTrips(string? verdict, string? reason)
    {
        using var dir = new TempLogDirectory();
        Verdict? parsed = verdict is null ? null : VerdictNames.TryParse(verdict, out var v) ? v : throw new ArgumentException(verdict);
        var entry = new OverrideRecord("acct_1", parsed, reason, new DateTime(2026, 4, 23, 8, 15, 30, 125, DateTimeKind.Utc));
        var path = dir.Write("overrides.jsonl", Serialize(w => ExchangeLogWriter.WriteOverride(w, entry)));
        var bad = new BadRecordLog(strict: true);

        Assert.Equal(entry, Assert.Single(OverridesFileReader.Read(path, bad)));
    }

    private static string Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
