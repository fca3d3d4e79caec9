namespace DistillGuard.Core.Analysis;

/// <summary>
/// Turns lexicon scores plus request structure into one capability and a confidence. Structure outweighs
/// words: declared tools or tool results add <see cref="StructureWeight"/> to agentic tool use, images to vision.
/// Confidence = winner's share of all evidence × (1 − e^(−winner/4)), so a lone weak hit stays unsure.
/// </summary>
internal static class CapabilityClassifier
{
    /// <summary>Weight of a structural signal: more than any single phrase, less than a prompt full of them.</summary>
    public const float StructureWeight = 6f;

    /// <summary>Below this winning score the prompt is treated as carrying no capability evidence.</summary>
    public const float MinEvidence = 2f;

    public const float NoEvidenceChatConfidence = 0.4f;
    public const float NoEvidenceOtherConfidence = 0.25f;

    public static (Capability Capability, float Confidence) Decide(
        ref CapabilityScorer scorer, bool toolsDeclared, bool toolResults, bool images, int shortChatWords)
    {
        if (toolsDeclared)
        {
            scorer.Boost(Capability.AgenticToolUse, StructureWeight);
        }

        if (toolResults)
        {
            scorer.Boost(Capability.AgenticToolUse, StructureWeight);
        }

        if (images)
        {
            scorer.Boost(Capability.Vision, StructureWeight);
        }

        var best = Capability.Other;
        float bestScore = 0, total = 0;
        for (var i = 0; i < CapabilityNames.Count; i++)
        {
            var score = scorer[(Capability)i];
            total += score;
            if (score > bestScore)
            {
                bestScore = score;
                best = (Capability)i;
            }
        }

        if (bestScore < MinEvidence)
        {
            return scorer.Words <= shortChatWords
                ? (Capability.GeneralChat, NoEvidenceChatConfidence)
                : (Capability.Other, NoEvidenceOtherConfidence);
        }

        var share = bestScore / (total + 1f);
        var strength = 1f - MathF.Exp(-bestScore / 4f);
        return (best, Math.Clamp(share * strength, 0f, 1f));
    }
}
