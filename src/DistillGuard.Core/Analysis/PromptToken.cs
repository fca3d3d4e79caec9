namespace DistillGuard.Core.Analysis;

/// <summary>One token of a prompt, produced by <see cref="PromptTokenizer"/> without copying any text.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Hash">Case-folded hash of the token's text (see <see cref="Hash64.Word"/>); 0 for breaks.</param>
/// <param name="IsSlot">Part of a template's variable content (a number, name, quote, code, labelled payload) rather than its frame.</param>
/// <param name="Length">Characters the token covers.</param>
internal readonly record struct PromptToken(PromptTokenKind Kind, ulong Hash, bool IsSlot, int Length)
{
    public bool IsBreak => Kind >= PromptTokenKind.SentenceEnd;
}
