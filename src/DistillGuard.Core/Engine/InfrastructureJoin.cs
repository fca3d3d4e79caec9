namespace DistillGuard.Core.Engine;

/// <summary>
/// Second clustering stage (docs/detection.md). Identity groups (accounts joined by payment instruments and
/// templates, at least 2 accounts) merge through infrastructure (IP blocks, client fingerprints) only when the
/// overlap is dense: the members of each group that hold an attribute the other group also holds are at least
/// <see cref="DenseShare"/> of that group. Accounts with no identity link attach to the one group they share the
/// most link weight with, and small groups (under <see cref="CoreMin"/>) to the one core they share the most with,
/// unless they share nearly as much with the rest of the pool. Small groups that neither merged densely into a core nor
/// attached to one, and unattached accounts, join each other through the attributes they share: an operator with
/// small identity groups still comes out as one cluster, also when some of its groups grew into a core. Decisions use
/// the identity groups as they were before this stage, so one bridging account cannot chain operators together.
/// </summary>
internal sealed class InfrastructureJoin
{
    public const int CoreMin = 5;
    public const double DenseShare = 0.5;

    /// <summary>
    /// An account with no identity link (or a small group) joins a group (a core) only when it shares clearly more with
    /// it than with the pool (this many times).
    /// </summary>
    public const double AttachDominance = 2;

    /// <summary>Attributes seen in more groups than this are commodity infrastructure: they do not merge groups.</summary>
    private const int MaxGroupsPerAttribute = 64;

    private readonly Dictionary<int, int> _groupCounts = [];
    private readonly List<int> _groups = [];
    private readonly List<int> _singles = [];
    private readonly Dictionary<long, (int A, int B)> _pairs = [];
    private readonly Dictionary<long, double> _attach = [];
    private readonly Dictionary<int, (int Group, double Weight)> _best = [];
    private readonly Dictionary<int, double> _poolWeight = [];
    private readonly HashSet<int> _intoCore = [];
    private int[] _root = [];
    private int[] _size = [];

    public void Join(UnionFind sets, int count, Dictionary<AttributeStats, InfraHolders> infra)
    {
        if (_root.Length < count)
        {
            _root = new int[Math.Max(count, _root.Length * 2)];
            _size = new int[_root.Length];
        }

        for (var i = 0; i < count; i++)
        {
            _root[i] = sets.Find(i);
            _size[i] = sets.SizeOf(i);
        }

        _pairs.Clear();
        _attach.Clear();
        _best.Clear();
        _poolWeight.Clear();
        _intoCore.Clear();
        foreach (var holders in infra.Values)
        {
            _groupCounts.Clear();
            _singles.Clear();
            foreach (var index in holders.Accounts)
            {
                var root = _root[index];
                if (_size[index] >= 2)
                {
                    _groupCounts[root] = _groupCounts.GetValueOrDefault(root) + 1;
                }
                else
                {
                    _singles.Add(root);
                }
            }

            _groups.Clear();
            _groups.AddRange(_groupCounts.Keys);
            _groups.Sort();
            if (_groups.Count is >= 2 and <= MaxGroupsPerAttribute)
            {
                for (var x = 0; x < _groups.Count; x++)
                {
                    for (var y = x + 1; y < _groups.Count; y++)
                    {
                        var key = ((long)_groups[x] << 32) | (uint)_groups[y];
                        var (a, b) = _pairs.GetValueOrDefault(key);
                        _pairs[key] = (a + _groupCounts[_groups[x]], b + _groupCounts[_groups[y]]);
                    }
                }
            }

            var smalls = 0;
            foreach (var group in _groups)
            {
                smalls += _size[group] < CoreMin ? 1 : 0;
            }

            // The attribute is shared within the pool when it reaches two of its members (lone accounts, small groups).
            var inPool = _singles.Count + smalls >= 2;
            foreach (var single in _singles)
            {
                Weigh(single, holders.Weight, inPool, minTarget: 2);
            }

            // A small group weighs a core the way a lone account weighs any group.
            foreach (var small in _groups)
            {
                if (_size[small] < CoreMin)
                {
                    Weigh(small, holders.Weight, inPool, minTarget: CoreMin);
                }
            }
        }

        foreach (var (key, weight) in _attach)
        {
            var candidate = (int)(key >> 32);
            var group = (int)(key & 0xffffffff);
            if (!_best.TryGetValue(candidate, out var best) || weight > best.Weight || (weight == best.Weight && group < best.Group))
            {
                _best[candidate] = (group, weight);
            }
        }

        foreach (var (key, (sa, sb)) in _pairs)
        {
            var a = (int)(key >> 32);
            var b = (int)(key & 0xffffffff);
            if (sa >= DenseShare * _size[a] && sb >= DenseShare * _size[b])
            {
                sets.Union(a, b);
                if (_size[b] >= CoreMin)
                {
                    _intoCore.Add(a);
                }

                if (_size[a] >= CoreMin)
                {
                    _intoCore.Add(b);
                }
            }
        }

        foreach (var (candidate, best) in _best)
        {
            if (Attaches(best.Weight, candidate) && !_intoCore.Contains(candidate))
            {
                sets.Union(candidate, best.Group);
            }
        }

        // The pool: small groups neither merged into nor attached to a core, and accounts that attached nowhere, join
        // each other.
        foreach (var holders in infra.Values)
        {
            var first = -1;
            foreach (var index in holders.Accounts)
            {
                var root = _root[index];
                var pooled = _size[index] switch
                {
                    1 => !(_best.TryGetValue(root, out var best) && Attaches(best.Weight, root)),
                    < CoreMin => !_intoCore.Contains(root) && !(_best.TryGetValue(root, out var best) && Attaches(best.Weight, root)),
                    _ => false,
                };
                if (!pooled)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = root;
                }
                else
                {
                    sets.Union(first, root);
                }
            }
        }
    }

    /// <summary>
    /// Adds one attribute's weight to what <paramref name="candidate"/> (a lone account or a small group, by its root)
    /// shares with the pool and with each group of this attribute of at least <paramref name="minTarget"/> accounts.
    /// </summary>
    private void Weigh(int candidate, double weight, bool inPool, int minTarget)
    {
        if (inPool)
        {
            _poolWeight[candidate] = _poolWeight.GetValueOrDefault(candidate) + weight;
        }

        foreach (var group in _groups)
        {
            if (_size[group] >= minTarget)
            {
                var key = ((long)candidate << 32) | (uint)group;
                _attach[key] = _attach.GetValueOrDefault(key) + weight;
            }
        }
    }

    /// <summary>Whether a lone account or small group (by its root) shares clearly more with its best group than with the pool.</summary>
    private bool Attaches(double groupWeight, int candidate) => groupWeight > AttachDominance * _poolWeight.GetValueOrDefault(candidate);
}
