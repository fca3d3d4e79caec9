using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

public sealed class EngineStructuresTests
{
    [Fact]
    public void Joins_ALinkThatJoinedAtTheLastPass_KeepsJoiningJustBelowTheThresholdAndNoFurther()
    {
        var link = new AttributeStats(AttributeKind.ClientFingerprint, 1, null, new AccountState("anchor", 0));

        Assert.True(CoordinationPass.Joins(link, LinkModel.LinkThreshold));
        Assert.False(CoordinationPass.Joins(link, LinkModel.LinkThreshold - 0.01));
        link.JoinedLastPass = true;
        Assert.True(CoordinationPass.Joins(link, LinkModel.LinkThreshold - 0.01));
        Assert.True(CoordinationPass.Joins(link, LinkModel.KeepThreshold));
        Assert.False(CoordinationPass.Joins(link, LinkModel.KeepThreshold - 0.001));
    }

    [Fact]
    public void TopTemplates_HeavyHitterAmongNoise_KeptWithCount()
    {
        var top = new TopTemplates();
        for (var i = 0; i < 1000; i++)
        {
            top.Add(i % 2 == 0 ? 42UL : (ulong)(1000 + i));
        }

        Assert.True(top.Covered(3) >= 400, $"covered {top.Covered(3)}");
        Assert.Equal(1, top.Distinct(100));
    }

    [Fact]
    public void ChunkedList_AcrossChunks_ReadsBackInOrderAndIsReusableAfterClear()
    {
        var list = new ChunkedList<(int Value, string Label)>();
        for (var i = 0; i < 2500; i++)
        {
            list.Add((i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(2500, list.Count);
        var expected = 0;
        foreach (ref readonly var item in list)
        {
            Assert.Equal(expected, item.Value);
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Label);
            expected++;
        }

        Assert.Equal(2500, expected);
        list.Clear();
        Assert.Equal(0, list.Count);
        foreach (var item in list)
        {
            Assert.Fail($"a cleared list yielded {item}");
        }

        list.Add((7, "seven"));
        list.TrimExcess();
        var single = new List<(int, string)>();
        foreach (var item in list)
        {
            single.Add(item);
        }

        Assert.Equal([(7, "seven")], single);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1025)] // a full chunk and one item of the next: Clear empties only the used part of the last chunk
    public void ChunkedList_Clear_HoldsNoReferenceToWhatItHeld(int count)
    {
        var list = new ChunkedList<object?>();
        var (first, last) = AddUnreachable(list, count);
        list.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.TryGetTarget(out _));
        Assert.False(last.TryGetTarget(out _));

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static (WeakReference<object> First, WeakReference<object> Last) AddUnreachable(ChunkedList<object?> list, int count)
        {
            var items = new object[count];
            for (var i = 0; i < count; i++)
            {
                items[i] = new object();
                list.Add(items[i]);
            }

            return (new WeakReference<object>(items[0]), new WeakReference<object>(items[^1]));
        }
    }

    [Fact]
    public void ChunkedList_CompactedInPlaceAcrossChunks_KeepsOrderAndDropsTheRest()
    {
        var list = new ChunkedList<(int Value, object? Payload)>();
        var dropped = AddAndCompact(list);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Every third item of 2,500 stays, moved down in order; the slots behind them hold nothing any more.
        Assert.Equal(834, list.Count);
        var expected = 0;
        foreach (var item in list)
        {
            Assert.Equal(expected, item.Value);
            expected += 3;
        }

        Assert.False(dropped.TryGetTarget(out _), "a slot after the kept items still held an item");
        Assert.Throws<ArgumentOutOfRangeException>(() => list[834]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Truncate(835));

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        static WeakReference<object> AddAndCompact(ChunkedList<(int Value, object? Payload)> list)
        {
            var dropped = new object(); // item 2,498, dropped (2,499 is kept and moves down)
            for (var i = 0; i < 2500; i++)
            {
                list.Add((i, i == 2498 ? dropped : new object()));
            }

            var kept = 0;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Value % 3 == 0)
                {
                    list[kept++] = list[i];
                }
            }

            list.Truncate(kept);
            return new WeakReference<object>(dropped);
        }
    }

    [Fact]
    public void ExampleTexts_MultiByteAndLongPrompts_ComeBackAsTheirExamplesAfterCompaction()
    {
        var texts = new ExampleTexts();
        var longPrompt = string.Concat(Enumerable.Repeat("Schreibe Schritt für Schritt 😀 ", 20));
        var first = texts.Add("dropped before the others move");
        var kept = texts.Add("Объясни, шаг за шагом: ∑ x²");
        var cut = texts.Add(longPrompt);

        texts.StartCompaction();
        var keptStart = texts.MoveDown(kept.Start, kept.Length);
        var cutStart = texts.MoveDown(cut.Start, cut.Length);
        texts.FinishCompaction();

        Assert.Equal(0, keptStart);
        Assert.Equal(kept.Length + cut.Length, texts.Used);
        Assert.Equal("Объясни, шаг за шагом: ∑ x²", texts.Example(keptStart, kept.Length));
        Assert.Equal(string.Concat(longPrompt.AsSpan(0, ExampleTexts.ExampleChars), "…"), texts.Example(cutStart, cut.Length));
        Assert.True(first.Length > 0);
    }

    [Fact]
    public void ExampleTexts_AtTheirBound_DropTextsUntilCompactionMakesRoom()
    {
        // 40 ASCII characters take 40 bytes, but room for three bytes a character (120) must be free to add one.
        var texts = new ExampleTexts(maxBytes: 200);
        var prompt = new string('x', 40);
        var first = texts.Add(prompt);
        texts.Add(prompt);
        var third = texts.Add(prompt);

        var dropped = texts.Add(prompt);

        Assert.Equal((0, ExampleTexts.Dropped), dropped);
        Assert.Null(texts.Example(dropped.Start, dropped.Length));
        Assert.Equal(120, texts.Used);

        // Only the first and third are still needed; the dropped one moves nowhere.
        texts.StartCompaction();
        var firstStart = texts.MoveDown(first.Start, first.Length);
        var thirdStart = texts.MoveDown(third.Start, third.Length);
        Assert.Equal(dropped.Start, texts.MoveDown(dropped.Start, dropped.Length));
        texts.FinishCompaction();

        var again = texts.Add(prompt);
        Assert.Equal((80, 40), again);
        Assert.Equal(prompt, texts.Example(firstStart, first.Length));
        Assert.Equal(prompt, texts.Example(thirdStart, third.Length));
        Assert.Equal(prompt, texts.Example(again.Start, again.Length));
    }

    [Fact]
    public void ExampleTexts_InSmallChunks_KeepEveryTextWholeThroughRoundsOfCompaction()
    {
        // 64-byte chunks: a text never spans two, so the tail of a chunk is left unused and moving down may cross into
        // an earlier chunk. Each round adds texts (ASCII and multi-byte), then keeps a random half in order.
        var texts = new ExampleTexts(maxBytes: 1 << 20, chunkBytes: 64);
        var random = new Random(7);
        string[] words = ["alpha", "βήτα", "гамма", "delta 😀", "ε", "zeta zeta zeta"];
        var held = new List<(string Text, int Start, int Length)>();
        for (var round = 0; round < 50; round++)
        {
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                var text = string.Join(' ', Enumerable.Range(0, random.Next(0, 4)).Select(_ => words[random.Next(words.Length)]));
                var (start, length) = texts.Add(text);
                Assert.True(start % 64 + length <= 64, $"'{text}' spans two chunks at {start}");
                held.Add((text, start, length));
            }

            texts.StartCompaction();
            held = [.. held.Where(_ => random.Next(2) == 0).Select(h => h with { Start = texts.MoveDown(h.Start, h.Length) })];
            texts.FinishCompaction();

            Assert.Equal(held.Sum(h => h.Length), texts.Used);
            Assert.All(held, h => Assert.Equal(h.Text, texts.Example(h.Start, h.Length)));
        }
    }

    [Fact]
    public void ExampleTexts_AsciiPrompt_TakesOneBytePerCharacter()
    {
        var texts = new ExampleTexts();

        var (start, length) = texts.Add("Summarise the causes of the French Revolution in three sentences.");

        Assert.Equal(65, length);
        Assert.Equal("Summarise the causes of the French Revolution in three sentences.", texts.Example(start, length));
    }

    [Fact]
    public void IndexBits_SetAndClearedAcrossWords_EnumeratesSetIndicesAscending()
    {
        var bits = new IndexBits();
        int[] indices = [5000, 0, 63, 64, 1025, 130];
        foreach (var i in indices)
        {
            bits.Set(i, true);
        }

        bits.Set(64, false);
        bits.Set(9999, false); // past the end: nothing to clear

        var seen = new List<int>();
        foreach (var i in bits)
        {
            seen.Add(i);
        }

        Assert.Equal([0, 63, 130, 1025, 5000], seen);
    }

    [Fact]
    public void KeySet_MoreKeysThanCapacity_EstimatesTheDistinctCountAndKeepsNewest()
    {
        var set = new KeySet(4);
        for (ulong k = 1; k <= 4; k++)
        {
            Assert.True(set.Add(k));
        }

        Assert.Equal(4, set.Seen);
        for (ulong k = 5; k <= 10; k++)
        {
            Assert.True(set.Add(k));
        }

        Assert.False(set.Add(10));
        Assert.InRange(set.Seen, 8, 12);
        Assert.Equal(4, set.Count);
        Assert.True(set.Contains(10));
        Assert.False(set.Contains(1));
    }

    [Fact]
    public void KeySet_KeysCycledThroughASmallerSet_CountedOnce()
    {
        // An office's 8 NAT addresses, drawn at random for 500 requests, through a set that keeps 4.
        var set = new KeySet(4);
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            set.Add(0x5EED0000UL + (ulong)random.Next(8));
        }

        Assert.InRange(set.Seen, 6, 10);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(20_000)]
    public void KeySet_ManyDistinctKeys_EstimatedWithinHyperLogLogError(int distinct)
    {
        var set = new KeySet(4);
        for (var i = 1; i <= distinct; i++)
        {
            set.Add((ulong)i * 0x9E3779B97F4A7C15UL);
        }

        Assert.InRange(set.Seen, distinct * 0.6, distinct * 1.4);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.200", "203.0.113.0/24")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:ffff::9", "2001:db8:1::/48")]
    public void IpBlocks_AddressesInOneBlock_SameHashAndLabel(string a, string b, string label)
    {
        Assert.Equal(IpBlocks.BlockHash(a), IpBlocks.BlockHash(b));
        Assert.NotEqual(0UL, IpBlocks.BlockHash(a));
        Assert.Equal(label, IpBlocks.BlockLabel(a));
        Assert.NotEqual(IpBlocks.BlockHash(a), IpBlocks.BlockHash("198.51.100.7"));
    }

    [Fact]
    public void LinkModel_PopularAttribute_LinksWeakerThanRareOne()
    {
        var anchor = new AccountState("a", 0);
        var rare = new AttributeStats(AttributeKind.ClientFingerprint, 1, "x", anchor) { Accounts = 20 };
        var popular = new AttributeStats(AttributeKind.ClientFingerprint, 2, "y", anchor) { Accounts = 3000 };

        Assert.True(LinkModel.Weight(rare, 5000) >= LinkModel.LinkThreshold);
        Assert.True(LinkModel.Weight(popular, 5000) < LinkModel.LinkThreshold);
    }

    [Fact]
    public void LinkModel_PaymentSharedWithinOneOrg_Explained()
    {
        var anchor = new AccountState("a", 0) { OrgKey = 7 };
        var sameOrg = new AttributeStats(AttributeKind.Payment, 1, "pf", anchor) { Accounts = 40, SameOrgAccounts = 40 };
        var noOrg = new AttributeStats(AttributeKind.Payment, 2, "pf2", new AccountState("b", 1)) { Accounts = 40 };

        Assert.Equal(0, LinkModel.Weight(sameOrg, 5000));
        Assert.Equal(1, LinkModel.Weight(noOrg, 5000));
    }

    [Theory]
    [InlineData(2, 1 / 3.0)]
    [InlineData(3, 2 / 3.0)]
    [InlineData(4, 1.0)]
    [InlineData(500, 1.0)]
    public void LinkModel_CardOfTwo_LinksAtAThirdOfAnOperatorsCard(int holders, double expected)
    {
        var card = new AttributeStats(AttributeKind.Payment, 1, "pf", new AccountState("a", 0)) { Accounts = holders };

        Assert.Equal(expected, LinkModel.Weight(card, 5000), 12);
        Assert.True(LinkModel.Weight(card, 5000) >= LinkModel.LinkThreshold, "a pair's card must still pass a block on to a replacement");
    }

    [Fact]
    public void LinkModel_SharedEmailDomain_WeighsTheSameHoweverPopularUnlessAnOrgExplainsIt()
    {
        var anchor = new AccountState("a", 0) { OrgKey = 7 };
        var few = new AttributeStats(AttributeKind.EmailDomain, 1, "tinyco.dev", new AccountState("b", 1)) { Accounts = 3 };
        var many = new AttributeStats(AttributeKind.EmailDomain, 2, "mail51a1.com", new AccountState("c", 2)) { Accounts = 3000 };
        var org = new AttributeStats(AttributeKind.EmailDomain, 3, "acme.example", anchor) { Accounts = 40, SameOrgAccounts = 40 };

        Assert.Equal(LinkModel.EmailDomainBase, LinkModel.Weight(few, 5000));
        Assert.Equal(LinkModel.EmailDomainBase, LinkModel.Weight(many, 5000));
        Assert.Equal(0, LinkModel.Weight(org, 5000));
    }

    [Fact]
    public void LinkModel_EducationNetworkBlock_BelowThreshold()
    {
        var block = new AttributeStats(AttributeKind.IpBlock, 1, "192.0.2.0/24", new AccountState("a", 0)) { Accounts = 50, AsnType = AsnType.Education };

        Assert.True(LinkModel.Weight(block, 5000) < LinkModel.LinkThreshold);
    }

    [Fact]
    public void BehaviourModel_TemplatedCotSingleTurnHosting_ScoresHigherThanChat()
    {
        var traffic = new TrafficBuilder().Campaign("c", 1, 60, 1).Casual(1, 20, 3);
        var engine = EngineRun.Feed(traffic);
        engine.BuildFindings(0, EngineRun.GeneratedAt);

        Assert.True(engine.GetStatus("c_000")!.Risk > engine.GetStatus("casual_0000")!.Risk);
    }
}
