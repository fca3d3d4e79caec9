namespace DistillGuard.Core.Engine;

/// <summary>
/// Second clustering stage (docs/detection.md): identity groups (accounts joined by payment instruments and
/// templates) of at least <see cref="CoreMin"/> accounts are cores. Infrastructure (IP blocks, client fingerprints)
/// merges two cores only when the overlap is dense: the members of each core that hold an attribute the other
/// core also holds are at least <see cref="DenseShare"/> of that core. Smaller groups attach to the single core
/// they share the most link weight with, unless they share more with other small groups: those join each other. Decisions
/// use the identity groups as they were before this stage, so one bridging account cannot chain operators.
/// </summary>
internal sealed class InfrastructureJoin
{
    public const int CoreMin = 5;
    public const double DenseShare = 0.5;

    /// <summary>Attributes seen in more cores than this are commodity infrastructure: they do not merge cores.</summary>
    private const int MaxCoresPerAttribute = 64;

    private readonly Dictionary<int, int> _coreCounts = [];
    private readonly List<int> _cores = [];
    private readonly List<int> _loose = [];
    private readonly Dictionary<long, (int A, int B)> _pairs = [];
    private readonly Dictionary<long, double> _attach = [];
    private readonly Dictionary<int, (int Core, double Weight)> _best = [];
    private readonly Dictionary<int, double> _looseWeight = [];
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
        _looseWeight.Clear();
        foreach (var holders in infra.Values)
        {
            _coreCounts.Clear();
            _loose.Clear();
            foreach (var index in holders.Accounts)
            {
                var root = _root[index];
                if (_size[index] >= CoreMin)
                {
                    _coreCounts[root] = _coreCounts.GetValueOrDefault(root) + 1;
                }
                else if (!_loose.Contains(root))
                {
                    _loose.Add(root);
                }
            }

            _cores.Clear();
            _cores.AddRange(_coreCounts.Keys);
            _cores.Sort();
            if (_cores.Count is >= 2 and <= MaxCoresPerAttribute)
            {
                for (var x = 0; x < _cores.Count; x++)
                {
                    for (var y = x + 1; y < _cores.Count; y++)
                    {
                        var key = ((long)_cores[x] << 32) | (uint)_cores[y];
                        var (a, b) = _pairs.GetValueOrDefault(key);
                        _pairs[key] = (a + _coreCounts[_cores[x]], b + _coreCounts[_cores[y]]);
                    }
                }
            }

            foreach (var loose in _loose)
            {
                if (_loose.Count >= 2)
                {
                    _looseWeight[loose] = _looseWeight.GetValueOrDefault(loose) + holders.Weight;
                }

                foreach (var core in _cores)
                {
                    var key = ((long)loose << 32) | (uint)core;
                    _attach[key] = _attach.GetValueOrDefault(key) + holders.Weight;
                }
            }
        }

        foreach (var (key, weight) in _attach)
        {
            var loose = (int)(key >> 32);
            var core = (int)(key & 0xffffffff);
            if (!_best.TryGetValue(loose, out var best) || weight > best.Weight || (weight == best.Weight && core < best.Core))
            {
                _best[loose] = (core, weight);
            }
        }

        foreach (var (key, (sa, sb)) in _pairs)
        {
            var a = (int)(key >> 32);
            var b = (int)(key & 0xffffffff);
            if (sa >= DenseShare * _size[a] && sb >= DenseShare * _size[b])
            {
                sets.Union(a, b);
            }
        }

        foreach (var (loose, best) in _best)
        {
            if (best.Weight > _looseWeight.GetValueOrDefault(loose))
            {
                sets.Union(loose, best.Core);
            }
        }

        // Groups with no core in reach cluster among themselves.
        foreach (var holders in infra.Values)
        {
            var first = -1;
            foreach (var index in holders.Accounts)
            {
                var root = _root[index];
                if (_size[index] >= CoreMin || (_best.TryGetValue(root, out var best) && best.Weight > _looseWeight.GetValueOrDefault(root)))
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
}
