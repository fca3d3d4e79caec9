namespace DistillGuard.Core.Analysis;

/// <summary>
/// Per-thread memo of recently analysed system prompts. System prompts repeat (an app's constant prompt, an agent
/// harness's multi-KB instructions on every tool turn), so re-tokenising them dominates those exchanges; comparing the
/// text with a cached copy is a vectorised memory compare instead. Four direct-mapped slots keyed by length and a
/// few characters; a hit is confirmed by full ordinal equality, so results are identical with or without the cache.
/// Entries are allocated once per thread and reused: no allocation per exchange.
/// </summary>
internal sealed class SystemPromptCache
{
    private const int Slots = 4;

    [ThreadStatic]
    private static SystemPromptCache? t_current;

    private readonly Entry[] _entries = [new(), new(), new(), new()];

    public static SystemPromptCache Current => t_current ??= new SystemPromptCache();

    /// <summary>Finds the entry for <paramref name="text"/> analysed under <paramref name="owner"/>'s options.</summary>
    public bool TryGet(object owner, ReadOnlySpan<char> text, out Entry entry)
    {
        entry = _entries[SlotOf(text)];
        return ReferenceEquals(entry.Owner, owner) && entry.Length == text.Length && entry.Text is { } cached
               && cached.AsSpan(0, entry.Length).SequenceEqual(text);
    }

    /// <summary>The slot to overwrite for <paramref name="text"/>.</summary>
    public Entry Slot(ReadOnlySpan<char> text) => _entries[SlotOf(text)];

    private static int SlotOf(ReadOnlySpan<char> text) =>
        (int)((uint)(text.Length * 31 + text[0] + (text[^1] * 7) + text[text.Length / 2]) % Slots);

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
