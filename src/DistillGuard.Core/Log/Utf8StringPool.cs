using System.Runtime.InteropServices;
using System.Text;

namespace DistillGuard.Core.Log;

/// <summary>
/// Returns one shared <see cref="string"/> for equal short values, so repeated account ids, IPs, user agents,
/// models and system prompts do not allocate a new string per record. Bounded: when full it starts over.
/// Not thread-safe; each parser owns one.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int MaxEntries = 1 << 16;
    private const int MaxCharEntries = 1 << 12;
    private readonly Dictionary<byte[], string> _byBytes = new(1024, ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], string> _byChars = new(64, ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _bytesLookup;
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _charsLookup;
    private readonly int _maxBytes;
    private readonly int _maxChars;

    /// <param name="maxBytes">Longest UTF-8 value pooled; longer ones get a fresh string.</param>
    /// <param name="maxChars">Longest UTF-16 value pooled.</param>
    public Utf8StringPool(int maxBytes = 512, int maxChars = 16 * 1024)
    {
        _maxBytes = maxBytes;
        _maxChars = maxChars;
        _bytesLookup = _byBytes.GetAlternateLookup<ReadOnlySpan<byte>>();
        _charsLookup = _byChars.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > _maxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        if (_bytesLookup.TryGetValue(utf8, out var found))
        {
            return found;
        }

        if (_byBytes.Count >= MaxEntries)
        {
            _byBytes.Clear();
        }

        var value = Encoding.UTF8.GetString(utf8);
        _byBytes[utf8.ToArray()] = value;
        return value;
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return string.Empty;
        }

        if (chars.Length > _maxChars)
        {
            return new string(chars);
        }

        var bytes = MemoryMarshal.AsBytes(chars);
        if (_charsLookup.TryGetValue(bytes, out var found))
        {
            return found;
        }

        if (_byChars.Count >= MaxCharEntries)
        {
            _byChars.Clear();
        }

        var value = new string(chars);
        _byChars[bytes.ToArray()] = value;
        return value;
    }

    /// <summary>Compares byte-array keys by content, and lets a span look them up without allocating.</summary>
    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
