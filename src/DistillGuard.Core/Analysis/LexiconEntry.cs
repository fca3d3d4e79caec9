namespace DistillGuard.Core.Analysis;

/// <summary>What one lexicon phrase contributes: weight toward a capability and/or cue flags.</summary>
internal readonly record struct LexiconEntry(Capability Capability, float Weight, LexiconCue Cue);
