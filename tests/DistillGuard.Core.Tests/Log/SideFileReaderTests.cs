using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class SideFileReaderTests
{
    [Fact]
    public void AccountsRead_SpecExampleAndVariants_ReadsAllFields()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write(
            "accounts.jsonl",
            """{"account_id":"acct_7f3a","created_at":"2026-04-20T11:02:00Z","signup_channel":"startup_program","payment_fingerprint":"pf_9c1e","email_domain":"mailbox.example","billing_country":"SG","verified":false}""",
            "",
            """{"account_id":"acct_2","created_at":"2026-04-20T13:02:00+02:00","signup_channel":"martian","verified":true,"org_id":"org_1","billing_country":"de","effective_from":"2026-04-23T10:15:30.125+02:00","future":[1]}""");
        var bad = new BadRecordLog();

        var accounts = AccountsFileReader.Read(path, bad);

        Assert.Equal(0, bad.Total);
        Assert.Equal(2, accounts.Count);
        var a = accounts[0];
        Assert.Equal("acct_7f3a", a.AccountId);
        Assert.Equal(new DateTime(2026, 4, 20, 11, 2, 0, DateTimeKind.Utc), a.CreatedAt);
        Assert.Equal(SignupChannel.StartupProgram, a.SignupChannel);
        Assert.Equal("pf_9c1e", a.PaymentFingerprint);
        Assert.Equal("mailbox.example", a.EmailDomain);
        Assert.Equal("SG", a.BillingCountry);
        Assert.False(a.Verified);
        Assert.Null(a.EffectiveFrom);
        var b = accounts[1];
        Assert.Equal(new DateTime(2026, 4, 20, 11, 2, 0, DateTimeKind.Utc), b.CreatedAt);
        Assert.Equal(SignupChannel.Unknown, b.SignupChannel);
        Assert.True(b.Verified);
        Assert.Equal("org_1", b.OrgId);
        Assert.Equal("DE", b.BillingCountry);
        Assert.Equal(new DateTime(2026, 4, 23, 8, 15, 30, 125, DateTimeKind.Utc), b.EffectiveFrom);
    }

    [Fact]
    public void AccountsRead_BadLines_AreReportedWithLineAndFieldAndSkipped()
    {
        using var dir = new TempLogDirectory();
        var path = dir.WriteGzip(
            "accounts.jsonl.gz",
            """{"account_id":"ok1"}""",
            """{"created_at":"2026-04-20T11:02:00Z"}""",
            """{"account_id":"a","created_at":"last tuesday"}""",
            """{"account_id":"a","verified":"yes"}""",
            """{"account_id":"a",""",
            """{"account_id":"a","effective_from":"2026-04-23 08:15"}""",
            """{"account_id":"ok2"}""");
        var bad = new BadRecordLog();

        var accounts = AccountsFileReader.Read(path, bad);

        Assert.Equal(["ok1", "ok2"], accounts.Select(a => a.AccountId));
        Assert.Equal(
            [(BadRecordKind.MissingField, 2L, (string?)"account_id"), (BadRecordKind.BadTimestamp, 3L, "created_at"), (BadRecordKind.WrongType, 4L, "verified"), (BadRecordKind.MalformedJson, 5L, null), (BadRecordKind.BadTimestamp, 6L, "effective_from")],
            bad.Samples.Select(s => (s.Kind, s.Line, s.Field)));
        Assert.All(bad.Samples, s => Assert.Equal(path, s.File));
    }

    [Fact]
    public void OverridesRead_SetAndClearedLinesKeptBadOnesReportedWithLineAndField()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write(
            "overrides.jsonl",
            """{"account_id":"a","verdict":"block","reason":"chargeback","effective_from":"2026-04-23T08:15:30.125Z"}""",
            """{"account_id":"a","verdict":null,"effective_from":"2026-04-24T00:00:00Z"}""",
            """{"account_id":"b","verdict":"banish"}""",
            """{"verdict":"allow"}""",
            """{"account_id":"c","verdict":"allow","effective_from":"yesterday"}""",
            """{"account_id":"d","verdict":"review"}""");
        var bad = new BadRecordLog();

        var lines = OverridesFileReader.Read(path, bad);

        Assert.Equal(
            [
                new OverrideRecord("a", Verdict.Block, "chargeback", new DateTime(2026, 4, 23, 8, 15, 30, 125, DateTimeKind.Utc)),
                new OverrideRecord("a", null, null, new DateTime(2026, 4, 24, 0, 0, 0, DateTimeKind.Utc)),
                new OverrideRecord("d", Verdict.Review, null, null),
            ],
            lines);
        Assert.Equal(
            [(BadRecordKind.WrongType, 3L, (string?)"verdict"), (BadRecordKind.MissingField, 4L, "account_id"), (BadRecordKind.BadTimestamp, 5L, "effective_from")],
            bad.Samples.Select(s => (s.Kind, s.Line, s.Field)));
    }

    [Fact]
    public void AccountsRead_StrictMode_ThrowsAtTheFirstBadLine()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write("accounts.jsonl", """{"account_id":"ok1"}""", """{"account_id":7}""");

        var error = Assert.Throws<BadRecordException>(() => AccountsFileReader.Read(path, new BadRecordLog(strict: true)));

        Assert.Equal((path, 2L, "account_id", BadRecordKind.WrongType), (error.File, error.Line, error.Field, error.Kind));
    }

    [Fact]
    public void ModelReleasesRead_ValidAndInvalidLines_KeepsValidOnes()
    {
        using var dir = new TempLogDirectory();
        var path = dir.Write(
            "models.jsonl",
            """{"model":"frontier-large-2","released_at":"2026-04-01T00:00:00Z"}""",
            """{"model":"frontier-large-3"}""",
            """{"released_at":"2026-04-01T00:00:00Z"}""",
            """{"model":"x","released_at":"April"}""",
            """{"model":"frontier-small-3","released_at":"2026-05-01T09:00:00+09:00"}""");
        var bad = new BadRecordLog();

        var releases = ModelReleasesFileReader.Read(path, bad);

        Assert.Equal(
            [new ModelRelease("frontier-large-2", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)), new ModelRelease("frontier-small-3", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc))],
            releases);
        Assert.Equal(
            [(BadRecordKind.MissingField, 2L, (string?)"released_at"), (BadRecordKind.MissingField, 3L, "model"), (BadRecordKind.BadTimestamp, 4L, "released_at")],
            bad.Samples.Select(s => (s.Kind, s.Line, s.Field)));
    }
}
