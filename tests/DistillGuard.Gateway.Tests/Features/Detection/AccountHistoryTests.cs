using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Tests.Features.Detection;

/// <summary>What a start appends to the side files when the store holds what they do not end with.</summary>
public sealed class AccountHistoryTests
{
    private static readonly DateTime At = new(2026, 4, 22, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NotInFile_Overrides_TheStoresWhereTheFilesLastLineDiffersAndAClearingWhereOnlyTheFileSetsOne()
    {
        List<OverrideRecord> file =
        [
            new("a", Verdict.Block, null, At), new("b", Verdict.Throttle, null, At), new("c", Verdict.Block, null, At),
            new("c", null, null, At.AddMinutes(1)), new("d", Verdict.Block, null, At),
        ];
        List<VerdictOverride> store = [new("a", Verdict.Block, "r", At), new("b", Verdict.Allow, "support", At), new("e", Verdict.Review, null, At)];

        var lacking = AccountHistory.NotInFile(file, store);

        Assert.Equal(
            [new OverrideRecord("b", Verdict.Allow, "support", null), new OverrideRecord("e", Verdict.Review, null, null), new OverrideRecord("d", null, null, null)],
            lacking);
    }

    [Fact]
    public void NotInFile_Accounts_ComparedAsTheFileHoldsThemAndOnlyWithTheLastLine()
    {
        var created = At.AddTicks(1_234);
        List<AccountRecord> file =
        [
            new() { AccountId = "a", CreatedAt = At, PaymentFingerprint = "pf_old", BillingCountry = "DE" },
            new() { AccountId = "a", CreatedAt = At, PaymentFingerprint = "pf_new", BillingCountry = "DE", EffectiveFrom = At },
            new() { AccountId = "b", PaymentFingerprint = "pf_b" },
        ];
        List<AccountRecord> store =
        [
            new() { AccountId = "a", CreatedAt = created, PaymentFingerprint = "pf_new", BillingCountry = "de" },
            new() { AccountId = "b", PaymentFingerprint = "pf_b2" },
            new() { AccountId = "c" },
        ];

        Assert.Equal(["b", "c"], AccountHistory.NotInFile(file, store).Select(static a => a.AccountId));
    }

    [Fact]
    public void StampAfter_TheEnginesPlaceUnlessTheFileHoldsALaterStamp()
    {
        Assert.Equal(At, AccountHistory.StampAfter(At, At.AddMinutes(-5)));
        Assert.Equal(At.AddMinutes(5), AccountHistory.StampAfter(At, At.AddMinutes(5)));
        Assert.Equal(At, AccountHistory.StampAfter(null, At));
        Assert.Equal(At, AccountHistory.StampAfter(At, null));
        Assert.Null(AccountHistory.StampAfter(null, AccountHistory.LatestStamp([null, null])));
        Assert.Equal(At.AddMinutes(2), AccountHistory.LatestStamp([At, null, At.AddMinutes(2), At.AddMinutes(1)]));
    }
}
