using DistillGuard.Core.Log;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// Decides whether a request elicits chain of thought, from the cues the scorer collected and the request's
/// thinking budget and reasoning effort. An explicit request is one strong cue ("show every step", "chain of
/// thought"), or two weak ones ("step by step" + "in detail") when nothing asks for the answer only.
/// Trace reconstruction is an explicit phrase ("reconstruct the thought process"), or a reasoning object
/// ("reasoning", "thought process") with either a reconstruct verb or a supplied answer plus "leads to"/"arrive at".
/// </summary>
internal static class CotElicitationDetector
{
    public const int WeakCuesForRequest = 2;

    public static CotSignals Detect(in CapabilityScorer scorer, ExchangeRequest request, int largeThinkingBudget, int effortRank)
    {
        var signals = CotSignals.None;
        var cues = scorer.Cues;
        var answerOnly = (cues & LexiconCue.CotNegative) != 0;
        if (scorer.CotStrongHits > 0 || (scorer.CotWeakHits >= WeakCuesForRequest && !answerOnly))
        {
            signals |= CotSignals.ExplicitRequest;
        }

        if (request.ThinkingBudget >= largeThinkingBudget)
        {
            signals |= CotSignals.LargeThinkingBudget;
        }

        if (ReasoningEffort.Rank(request.ReasoningEffort) >= effortRank)
        {
            signals |= CotSignals.HighReasoningEffort;
        }

        if (IsTraceReconstruction(cues))
        {
            signals |= CotSignals.TraceReconstruction;
        }

        return signals;
    }

    private static bool IsTraceReconstruction(LexiconCue cues)
    {
        if ((cues & LexiconCue.TraceExplicit) != 0)
        {
            return true;
        }

        if ((cues & LexiconCue.TraceReasoningObject) == 0)
        {
            return false;
        }

        const LexiconCue answerAndPath = LexiconCue.TraceGivenAnswer | LexiconCue.TraceLeadsTo;
        return (cues & LexiconCue.TraceReconstruct) != 0 || (cues & answerAndPath) == answerAndPath;
    }
}
