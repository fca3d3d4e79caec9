using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Tests.Engine;

public sealed class InfrastructureJoinTests
{
    // Accounts 0–5: a core (one identity group of 6). 6–7 and 8–9: small groups (two accounts on one card each). 10: alone.
    private static UnionFind Groups()
    {
        var sets = new UnionFind();
        sets.Reset(11);
        for (var i = 1; i < 6; i++)
        {
            sets.Union(0, i);
        }

        sets.Union(6, 7);
        sets.Union(8, 9);
        return sets;
    }

    private static Dictionary<AttributeStats, InfraHolders> Infra(params (double Weight, int[] Accounts)[] attributes)
    {
        var infra = new Dictionary<AttributeStats, InfraHolders>(ReferenceEqualityComparer.Instance);
        var anchor = new AccountState("anchor", 0);
        for (var k = 0; k < attributes.Length; k++)
        {
            var holders = new InfraHolders().Reset(attributes[k].Weight);
            holders.Accounts.AddRange(attributes[k].Accounts);
            infra.Add(new AttributeStats(AttributeKind.ClientFingerprint, (ulong)k + 1, null, anchor), holders);
        }

        return infra;
    }

    [Fact]
    public void Join_SmallGroupSharingClearlyMoreWithACoreThanWithThePool_JoinsTheCore()
    {
        var sets = Groups();

        // The small group 6–7 shares two attributes with the core (too sparse a share of the core to merge densely),
        // and one weaker one with the lone account 10.
        new InfrastructureJoin().Join(sets, 11, Infra((0.6, [0, 6]), (0.5, [1, 7]), (0.3, [7, 10])));

        Assert.Equal(sets.Find(0), sets.Find(6));
        Assert.NotEqual(sets.Find(0), sets.Find(10));
        Assert.NotEqual(sets.Find(0), sets.Find(8));
    }

    [Fact]
    public void Join_SmallGroupSharingAsMuchWithThePoolAsWithACore_StaysInThePool()
    {
        var sets = Groups();

        new InfrastructureJoin().Join(sets, 11, Infra((0.6, [0, 6]), (0.6, [7, 10])));

        Assert.NotEqual(sets.Find(0), sets.Find(6));
        Assert.Equal(sets.Find(6), sets.Find(10));
    }

    [Fact]
    public void Join_LoneAccountSharingOnlyWithACore_Attaches()
    {
        var sets = Groups();

        new InfrastructureJoin().Join(sets, 11, Infra((0.6, [0, 10])));

        Assert.Equal(sets.Find(0), sets.Find(10));
    }
}
