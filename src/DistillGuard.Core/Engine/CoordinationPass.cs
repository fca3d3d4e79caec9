using System.Numerics;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Builds the account linkage graph implicitly (each holder of a shared attribute links to the attribute's first
/// holder; only links at or above <see cref="LinkModel.LinkThreshold"/> count) and clusters it in two stages:
/// identity links (payment, e-mail domain, then template) with union-find, then infrastructure links (IP blocks,
/// client fingerprints) through <see cref="InfrastructureJoin"/>, which keeps operators renting the same proxies
/// apart. Then it measures each cluster's coordination. Deterministic: clusters come out sorted by their smallest
/// account id, members by id.
/// </summary>
internal sealed class CoordinationPass
{
    private const long BurstWindow = TimeSpan.TicksPerHour * 72;
    private readonly UnionFind _sets = new();
    private readonly Dictionary<AttributeStats, InfraHolders> _infra = new(ReferenceEqualityComparer.Instance);
    private readonly InfrastructureJoin _split = new();
    private readonly List<InfraHolders> _pool = [];
    private readonly List<AccountState> _marked = [];
    private readonly List<AccountState> _clustered = [];

    // Scratch for the template step of stage 1 (JoinTemplates): the qualifying template links, each template's one
    // core (or several), its distinct holders in cores, and per core how many members hold it.
    private readonly List<(int Holder, AttributeStats Template)> _templateLinks = [];
    private readonly Dictionary<AttributeStats, int> _templateCore = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<AttributeStats, int> _templateDenseCore = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(AttributeStats Template, int Holder)> _templateHolders = [];
    private readonly Dictionary<(AttributeStats Template, int Core), (int Holders, int Size)> _templateCoreHolders = [];

    // Scratch reused by every pass (a scan runs hundreds): the groups by union-find root, and creation times.
    private readonly Dictionary<int, List<AccountState>> _groups = [];
    private readonly List<long> _created = [];
    private int _poolUsed;
    private int _pass;

    /// <param name="accounts">Every account, by index.</param>
    /// <param name="linked">Indices of the accounts that hold a link first held by another account.</param>
    /// <param name="population">Accounts with traffic, against which attribute rarity is weighed.</param>
    /// <param name="nowTicks">Log time of the pass.</param>
    public List<ClusterFeatures> Run(List<AccountState> accounts, IndexBits linked, int population, long nowTicks)
    {
        _sets.Reset(accounts.Count);
        _infra.Clear();
        _poolUsed = 0;
        _pass++;
        foreach (var a in _marked)
        {
            a.LinkStrength = 0;
            a.LinkMask = 0;
            Array.Clear(a.LinkWeights);
        }

        _marked.Clear();
        _templateLinks.Clear();

        // Stage 1: identity links (payment instruments, e-mail domains; templates after them) join accounts outright.
        // Only holders of another account's attribute can link (the first holder is reached from the others' side),
        // so the walk visits the linked accounts in index order and, of each, the foreign links in slot order.
        foreach (var index in linked)
        {
            var a = accounts[index];
            for (var foreign = (uint)a.ForeignLinkMask; foreign != 0; foreign &= foreign - 1)
            {
                var link = a.Links[BitOperations.TrailingZeroCount(foreign)]!;
                var weight = WeightOf(link, population);
                if (Joins(link, weight) && Qualifies(a, link) && Qualifies(link.Anchor, link))
                {
                    link.JoinedInPass = _pass;
                    Mark(a, link, weight);
                    Mark(link.Anchor, link, weight);
                    if (link.Kind == AttributeKind.Template)
                    {
                        _templateLinks.Add((a.Index, link));
                    }
                    else if (link.Kind is AttributeKind.Payment or AttributeKind.EmailDomain)
                    {
                        _sets.Union(a.Index, link.Anchor.Index);
                    }
                    else
                    {
                        AddHolder(link, link.Anchor.Index, weight);
                        AddHolder(link, a.Index, weight);
                    }
                }
            }
        }

        JoinTemplates();
        _split.Join(_sets, accounts.Count, _infra);

        // Only marked accounts were joined to another, so only they can be in a cluster; the order they are grouped
        // in does not matter (members and clusters are sorted below).
        foreach (var a in _clustered)
        {
            a.Cluster = -1;
        }

        _clustered.Clear();
        var groups = _groups;
        groups.Clear();
        foreach (var a in _marked)
        {
            var size = _sets.SizeOf(a.Index);
            if (size < 2)
            {
                continue;
            }

            var root = _sets.Find(a.Index);
            if (!groups.TryGetValue(root, out var members))
            {
                // Sized to the set: every account joined into it was marked, so the list never grows.
                members = new List<AccountState>(size);
                groups.Add(root, members);
            }

            members.Add(a);
        }

        var clusters = new List<ClusterFeatures>(groups.Count);
        foreach (var members in groups.Values)
        {
            members.Sort(static (x, y) => string.CompareOrdinal(x.Id, y.Id));
            var features = Measure(members, nowTicks, _created);
            if (features.Active >= 2)
            {
                clusters.Add(features);
            }
        }

        clusters.Sort(static (x, y) => string.CompareOrdinal(x.Members[0].Id, y.Members[0].Id));
        for (var i = 0; i < clusters.Count; i++)
        {
            foreach (var m in clusters[i].Members)
            {
                m.Cluster = i;
                _clustered.Add(m);
            }
        }

        groups.Clear();
        return clusters;
    }

    /// <summary>
    /// A link joins accounts from <see cref="LinkModel.LinkThreshold"/>, and one that joined them at the last pass keeps
    /// joining them down to <see cref="LinkModel.KeepThreshold"/>. A client fingerprint's weight falls as it gains
    /// holders; without the margin a campaign member held by it dropped out of its cluster at one hourly pass and came
    /// back at a later one, its enforcement lapsing in between (docs/detection.md, "Lapses").
    /// </summary>
    internal static bool Joins(AttributeStats link, double weight) =>
        weight >= LinkModel.LinkThreshold || (link.JoinedLastPass && weight >= LinkModel.KeepThreshold);

    /// <summary>
    /// A template links an account only while it is a real part of that account's traffic: popular prompts are
    /// repeated now and then by many honest users, a harvesting pipeline's templates are most of what it sends.
    /// </summary>
    internal static bool Qualifies(AccountState account, AttributeStats link) =>
        link.Kind != AttributeKind.Template
        || account.Templates.CountOf(link.Key) is var count && count >= 2 && count * 20 >= account.Exchanges;

    /// <summary>
    /// Template links join after payment instruments and e-mail domains have. A template whose holders sit in one
    /// identity group of at least <see cref="InfrastructureJoin.CoreMin"/> accounts (a core) or in none joins its
    /// holders, as ever. One held in several cores may be a prompt set two operators both use (a public benchmark, a
    /// shared problem generator): it joins only the cores most of whose members hold it (one operator running one
    /// prompt set across several card groups), and no other holder, whose owner it cannot tell. Decided on the
    /// partition before any template joined, so no template's decision depends on another's.
    /// </summary>
    private void JoinTemplates()
    {
        const int SeveralCores = -2;
        _templateCore.Clear();
        _templateHolders.Clear();
        _templateCoreHolders.Clear();
        foreach (var (holder, template) in _templateLinks)
        {
            foreach (var index in (ReadOnlySpan<int>)[holder, template.Anchor.Index])
            {
                var size = _sets.SizeOf(index);
                if (size < InfrastructureJoin.CoreMin || !_templateHolders.Add((template, index)))
                {
                    continue;
                }

                var root = _sets.Find(index);
                var core = _templateCore.GetValueOrDefault(template, -1);
                _templateCore[template] = core == -1 || core == root ? root : SeveralCores;
                var (holders, _) = _templateCoreHolders.GetValueOrDefault((template, root));
                _templateCoreHolders[(template, root)] = (holders + 1, size);
            }
        }

        // A several-core template's dense cores join the first of them (cores in the order their holders were met).
        _templateDenseCore.Clear();
        foreach (var ((template, root), (holders, size)) in _templateCoreHolders)
        {
            if (_templateCore[template] != SeveralCores || holders < InfrastructureJoin.DenseShare * size)
            {
                continue;
            }

            if (_templateDenseCore.TryGetValue(template, out var first))
            {
                _sets.Union(first, root);
            }
            else
            {
                _templateDenseCore[template] = root;
            }
        }

        foreach (var (holder, template) in _templateLinks)
        {
            if (_templateCore.GetValueOrDefault(template, -1) != SeveralCores)
            {
                _sets.Union(holder, template.Anchor.Index);
            }
        }
    }

    private InfraHolders AddToPool()
    {
        var holders = new InfraHolders();
        _pool.Add(holders);
        return holders;
    }

    private void AddHolder(AttributeStats attribute, int index, double weight)
    {
        if (!_infra.TryGetValue(attribute, out var holders))
        {
            holders = _poolUsed < _pool.Count ? _pool[_poolUsed] : AddToPool();
            _poolUsed++;
            holders.Reset(weight);
            _infra.Add(attribute, holders);
        }

        if (holders.Accounts.Count == 0 || holders.Accounts[^1] != index)
        {
            if (index == attribute.Anchor.Index && holders.HasAnchor)
            {
                return;
            }

            holders.HasAnchor |= index == attribute.Anchor.Index;
            holders.Accounts.Add(index);
        }
    }

    /// <summary>An attribute's link weight, computed once per pass however many accounts hold it.</summary>
    private double WeightOf(AttributeStats attribute, int population)
    {
        if (attribute.WeighedInPass != _pass)
        {
            attribute.JoinedLastPass = attribute.JoinedInPass == _pass - 1;
            attribute.PassWeight = LinkModel.Weight(attribute, population);
            attribute.WeighedInPass = _pass;
        }

        return attribute.PassWeight;
    }

    private void Mark(AccountState account, AttributeStats link, double weight)
    {
        if (account.LinkMask == 0)
        {
            _marked.Add(account);
        }

        account.LinkStrength = Math.Max(account.LinkStrength, (float)weight);
        account.LinkMask |= (byte)(1 << (int)link.Kind);
        var k = (int)link.Kind;
        account.LinkWeights[k] = Math.Max(account.LinkWeights[k], (float)weight);
    }

    /// <summary>Measures one cluster's coordination; <paramref name="created"/> is scratch for the members' creation times.</summary>
    private static ClusterFeatures Measure(List<AccountState> members, long nowTicks, List<long> created)
    {
        var f = new ClusterFeatures { Members = members };
        int active = 0, pay = 0, block = 0, client = 0, template = 0, email = 0, pivot = 0;
        double behaviour = 0;
        ulong union = 0;
        long slotSum = 0;
        created.Clear();
        foreach (var m in members)
        {
            if (m.CreatedTicks != 0)
            {
                created.Add(m.CreatedTicks);
            }

            if (m.Exchanges == 0)
            {
                continue;
            }

            active++;
            behaviour += m.Score.Behaviour;
            pay += (m.LinkMask >> (int)AttributeKind.Payment) & 1;
            block += (m.LinkMask >> (int)AttributeKind.IpBlock) & 1;
            client += (m.LinkMask >> (int)AttributeKind.ClientFingerprint) & 1;
            template += (m.LinkMask >> (int)AttributeKind.Template) & 1;
            email += (m.LinkMask >> (int)AttributeKind.EmailDomain) & 1;
            if (m.EarlyNewModel >= 3 && m.EarlyNewModel * 10 >= m.Exchanges)
            {
                pivot++;
            }

            var slots = m.SlotsAt(nowTicks);
            union |= slots;
            slotSum += BitOperations.PopCount(slots);
        }

        f.Active = active;
        if (active == 0)
        {
            return f;
        }

        f.PaymentShare = (double)pay / active;
        f.BlockShare = (double)block / active;
        f.ClientShare = (double)client / active;
        f.TemplateShare = (double)template / active;
        f.EmailShare = (double)email / active;
        f.Pivot = (double)pivot / active;
        f.MeanBehaviour = behaviour / active;
        (f.CreationBurstAccounts, f.CreationBurst) = Burst(created, members.Count);
        f.Synchrony = Synchrony(members, nowTicks);
        var unionCount = BitOperations.PopCount(union);
        f.TurnTaking = active >= 3 && slotSum >= 8 && unionCount >= 8 ? Math.Clamp((double)unionCount / slotSum * 2 - 1, 0, 1) * Math.Min(1, unionCount / 32.0) : 0;
        f.Coordination = (ClusterFeatures.WPayment * f.PaymentShare) + (ClusterFeatures.WBlock * f.BlockShare)
            + (ClusterFeatures.WClient * f.ClientShare) + (ClusterFeatures.WTemplate * f.TemplateShare)
            + (ClusterFeatures.WCreation * f.CreationBurst) + (ClusterFeatures.WSynchrony * f.Synchrony)
            + (ClusterFeatures.WTurnTaking * f.TurnTaking) + (ClusterFeatures.WPivot * f.Pivot);
        return f;
    }

    private static (int Accounts, double Share) Burst(List<long> created, int members)
    {
        if (created.Count < 3 || created.Count * 2 < members)
        {
            return (0, 0);
        }

        created.Sort();
        var best = 1;
        var start = 0;
        for (var end = 0; end < created.Count; end++)
        {
            while (created[end] - created[start] > BurstWindow)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return (best, best < 3 ? 0 : (double)best / members);
    }

    private static double Synchrony(List<AccountState> members, long nowTicks)
    {
        // Consecutive pairs in id order: a fixed, cheap sample of pairs.
        double sum = 0;
        var pairs = 0;
        ulong previous = 0;
        var havePrevious = false;
        foreach (var m in members)
        {
            if (m.Exchanges == 0)
            {
                continue;
            }

            var slots = m.SlotsAt(nowTicks);
            if (havePrevious)
            {
                var or = BitOperations.PopCount(previous | slots);
                if (or > 0)
                {
                    sum += (double)BitOperations.PopCount(previous & slots) / or;
                    pairs++;
                }
            }

            previous = slots;
            havePrevious = true;
        }

        return pairs == 0 ? 0 : sum / pairs;
    }
}
