namespace DistillGuard.Core.Analysis;

/// <summary>What one lexicon key contributes: weight toward a capability and/or cue flags.</summary>
/// <param name="Capability">Capability the weight goes to (ignored for cues and prefixes).</param>
/// <param name="Weight">Added to the capability's score per occurrence.</param>
/// <param name="Cue">Chain-of-thought / trace cue flags, or <see cref="LexiconCue.None"/>.</param>
/// <param name="IsPrefix">The key is the first words of a longer phrase: the n-gram window keeps it so the phrase can complete.</param>
/// <param name="IsStopWord">The key is a stop word (<see cref="StopWords"/>): the sketch does not count it as a unigram.</param>
internal readonly record struct LexiconEntry(Capability Capability, float Weight, LexiconCue Cue, bool IsPrefix = false, bool IsStopWord = false);
