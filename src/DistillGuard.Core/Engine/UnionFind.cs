namespace DistillGuard.Core.Engine;

/// <summary>Disjoint sets over account indexes with path halving and union by size; reused across ticks.</summary>
internal sealed class UnionFind
{
    private int[] _parent = [];
    private int[] _size = [];

    public void Reset(int count)
    {
        if (_parent.Length < count)
        {
            _parent = new int[Math.Max(count, _parent.Length * 2)];
            _size = new int[_parent.Length];
        }

        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
        {
            return;
        }

        if (_size[a] < _size[b])
        {
            (a, b) = (b, a);
        }

        _parent[b] = a;
        _size[a] += _size[b];
    }

    public int SizeOf(int x) => _size[Find(x)];
}
