namespace DistillGuard.Core.Analysis;

/// <summary>Non-capability cues a lexicon phrase can carry: chain-of-thought requests and trace-reconstruction parts.</summary>
[Flags]
internal enum LexiconCue : ushort
{
    None = 0,

    /// <summary>An unambiguous request to write out reasoning ("show every step", "chain of thought").</summary>
    CotStrong = 1 << 0,

    /// <summary>A hint that needs company to count ("step by step", "in detail").</summary>
    CotWeak = 1 << 1,

    /// <summary>Asks for the answer only ("no explanation", "answer only").</summary>
    CotNegative = 1 << 2,

    /// <summary>"reconstruct", "work backwards", "retrace".</summary>
    TraceReconstruct = 1 << 3,

    /// <summary>The prompt supplies the answer ("final answer", "the correct answer is").</summary>
    TraceGivenAnswer = 1 << 4,

    /// <summary>"leads to", "arrive at", "derive".</summary>
    TraceLeadsTo = 1 << 5,

    /// <summary>What is to be written: "reasoning", "thought process", "derivation", "rationale".</summary>
    TraceReasoningObject = 1 << 6,

    /// <summary>Names the act outright ("reasoning trace", "reconstruct the reasoning").</summary>
    TraceExplicit = 1 << 7,
}
