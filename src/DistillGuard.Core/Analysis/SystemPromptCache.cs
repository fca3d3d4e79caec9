namespace DistillGuard.Core.Analysis;

/// <summary>
/// Per-thread memo of recently analysed system prompts. System prompts repeat (an app's constant prompt, an agent
/// harness's multi-KB instructions on every tool turn), so re-tokenising them dominates those exchanges; comparing the
/// text with a cached copy is a vectorised memory compare instead. 64 direct-mapped slots keyed by length and a few
/// characters: traffic interleaves the prompts of many apps and agents (the default scenario: about 160 distinct
/// system prompts a day, the two commonest carrying half of all system-prompted exchanges), which four slots kept
/// evicting. A hit is confirmed by full ordinal equality, so results are identical with or without the cache.
/// Entries are allocated on first use per thread and reused: no allocation per exchange.
/// </summary>
internal sealed class SystemPromptCache
{
    private const int Slots = 64;

    [ThreadStatic]
    private static SystemPromptCache? t_current;

    private readonly Entry?[] _entries = new Entry?[Slots];

    public static SystemPromptCache Current => t_current ??= new SystemPromptCache();

    /// <summary>
    /// Finds the entry for <paramref name="text"/> analysed under <paramref name="owner"/>'s options; on false,
    /// <paramref name="entry"/> is the slot to overwrite for it.
    /// </summary>
    public bool TryGet(object owner, ReadOnlySpan<char> text, out Entry entry)
    {
        entry = _entries[SlotOf(text)] ??= new Entry();
        return ReferenceEquals(entry.Owner, owner) && entry.Length == text.Length && entry.Text is { } cached
               && cached.AsSpan(0, entry.Length).SequenceEqual(text);
    }

    private static int SlotOf(ReadOnlySpan<char> text)
    {
        // Apps' prompts often share a preamble and differ in a name or a number: sample along the whole text.
        var n = text.Length;
        var h = (uint)n * 0x9E3779B1u;
        h = (h ^ text[0]) * 0x85EBCA6Bu;
        h = (h ^ text[n / 4]) * 0x85EBCA6Bu;
        h = (h ^ text[n / 2]) * 0x85EBCA6Bu;
        h = (h ^ text[(3 * n) / 4]) * 0x85EBCA6Bu;
        h = (h ^ text[n - 1]) * 0x85EBCA6Bu;
        return (int)((h ^ (h >> 15)) % Slots);
    }

    /// <summary>What scanning one system prompt produced: the scorer and sketch states after it and its frame.</summary>
    internal sealed class Entry
    {
        public object? Owner;

        /// <summary>The prompt string as received (kept by reference, never copied); only its first <see cref="Length"/> characters were analysed.</summary>
        public string? Text;
        public int Length;
        public CapabilityScorer Scorer;
        public SimHashSketch Sketch;
        public TemplateFingerprint Frame;
    }
}
