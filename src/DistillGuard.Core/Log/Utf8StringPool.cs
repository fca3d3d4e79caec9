using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace DistillGuard.Core.Log;

/// <summary>
/// Returns one shared <see cref="string"/> for equal short values, so repeated account ids, IPs, user agents,
/// models and system prompts do not allocate a new string per record. A direct-mapped cache: a value whose slot
/// holds another value replaces it, so memory is bounded and a lookup is one hash and one comparison (a dictionary
/// lookup cost several times that per field, on the scan's hottest path). A slot keeps the value's hash beside the
/// string and compares the UTF-8 bytes with the string itself, so a hit reads one object, not a key array as well.
/// Not thread-safe; each parser owns one.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int ByteSlots = 1 << 15;
    private const int CharSlots = 1 << 12;
    private const int MaxStackChars = 512;
    private readonly (ulong Hash, string Value)[] _byBytes = new (ulong, string)[ByteSlots];
    private readonly string?[] _byChars = new string?[CharSlots];
    private readonly int _maxBytes;
    private readonly int _maxChars;

    /// <param name="maxBytes">Longest UTF-8 value pooled; longer ones get a fresh string.</param>
    /// <param name="maxChars">Longest UTF-16 value pooled.</param>
    public Utf8StringPool(int maxBytes = 512, int maxChars = 16 * 1024)
    {
        _maxBytes = maxBytes;
        _maxChars = maxChars;
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

        var hash = Hash(utf8);
        ref var slot = ref _byBytes[(int)(hash & (ByteSlots - 1))];
        if (slot.Hash == hash && slot.Value is { } held && Holds(held, utf8))
        {
            return held;
        }

        var value = Encoding.UTF8.GetString(utf8);
        slot = (hash, value);
        return value;
    }

    /// <summary>Whether <paramref name="value"/> is what <paramref name="utf8"/> decodes to.</summary>
    private static bool Holds(string value, ReadOnlySpan<byte> utf8)
    {
        if (value.Length == utf8.Length && Ascii.Equals(utf8, value))
        {
            return true;
        }

        // Not ASCII (or not equal): decode and compare. UTF-8 never decodes to more characters than it has bytes.
        if (value.Length > utf8.Length)
        {
            return false;
        }

        if (utf8.Length > MaxStackChars)
        {
            return Encoding.UTF8.GetString(utf8) == value;
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return chars[..length].SequenceEqual(value);
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

        ref var slot = ref _byChars[(int)(Hash(MemoryMarshal.AsBytes(chars)) & (CharSlots - 1))];
        if (slot is { } found && chars.SequenceEqual(found))
        {
            return found;
        }

        var value = new string(chars);
        slot = value;
        return value;
    }

    /// <summary>A fast 64-bit hash over eight bytes at a time; only slots depend on it, never output.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        var hash = (ulong)bytes.Length * Multiplier;
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            hash = (BitOperations.RotateLeft(hash, 29) ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Multiplier;
        }

        ulong tail = 0;
        for (var shift = 0; i < bytes.Length; i++, shift += 8)
        {
            tail |= (ulong)bytes[i] << shift;
        }

        hash = (BitOperations.RotateLeft(hash, 29) ^ tail) * Multiplier;
        return hash ^ (hash >> 32);
    }
}
