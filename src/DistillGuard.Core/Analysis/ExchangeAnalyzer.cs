using System.ComponentModel.DataAnnotations;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// The per-exchange analyser: one tokenizer pass per text field feeds the template fingerprint, the SimHash
/// sketch and the capability/CoT scorer at once. Allocation-free and stateless, so one instance serves all threads.
/// </summary>
public sealed class ExchangeAnalyzer : IExchangeAnalyzer
{
    private const ulong TemplateSeed = 0x243F6A8885A308D3UL;

    /// <summary>Shorter system prompts are cheaper to scan than to look up.</summary>
    private const int MinCachedSystemChars = 256;

    private readonly ExchangeAnalyzerOptions _options;
    private readonly int _effortRank;

    public ExchangeAnalyzer()
        : this(new ExchangeAnalyzerOptions())
    {
    }

    /// <exception cref="ValidationException">An option is out of range.</exception>
    public ExchangeAnalyzer(ExchangeAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _effortRank = ReasoningEffort.Rank(options.HighReasoningEffort);
    }

    public ExchangeFeatures Analyze(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var request = exchange.Request;
        var system = Cap(request.SystemPrompt);
        var user = Cap(request.LastUserChars);

        var scorer = new CapabilityScorer();
        var sketch = new SimHashSketch();
        var systemFrame = new TemplateFingerprint();
        var userFrame = new TemplateFingerprint();
        if (system.Length >= MinCachedSystemChars)
        {
            ScanSystemCached(request.SystemPrompt!, system, ref systemFrame, ref sketch, ref scorer, user.IsEmpty);
        }
        else
        {
            Scan(system, ref systemFrame, ref sketch, ref scorer, sketchIt: user.IsEmpty);
        }

        Scan(user, ref userFrame, ref sketch, ref scorer, sketchIt: true);
        if (request.UserTurns > 1 && request.FirstUserChars is { Length: > 0 } first)
        {
            // The first turn usually states the task of a multi-turn session; it counts toward capability only.
            var ignoredFrame = new TemplateFingerprint();
            Scan(Cap(first), ref ignoredFrame, ref sketch, ref scorer, sketchIt: false);
        }

        var toolsDeclared = request.ToolNames.Count > 0;
        var toolResults = request.ToolResultCount > 0;
        var images = request.ImageCount > 0;
        var (capability, confidence) = CapabilityClassifier.Decide(
            ref scorer, toolsDeclared, toolResults, images, _options.ShortChatWords);
        var cot = CotElicitationDetector.Detect(scorer, request, _options.LargeThinkingBudget, _effortRank);

        var systemId = system.IsEmpty ? 0 : systemFrame.Finish();
        var userId = userFrame.Finish();
        return new ExchangeFeatures
        {
            TemplateId = Hash64.Combine(Hash64.Combine(TemplateSeed, systemId), userId),
            UserTemplateId = userId,
            SystemPromptId = systemId,
            Sketch = sketch.Finish(),
            Capability = capability,
            CapabilityConfidence = confidence,
            CotElicitation = cot != CotSignals.None,
            CotSignals = cot,
            TraceReconstruction = (cot & CotSignals.TraceReconstruction) != 0,
            SingleTurn = request.UserTurns <= 1 && request.AssistantTurns == 0 && !toolResults,
            ToolsDeclared = toolsDeclared,
            ToolResultsPresent = toolResults,
            HasImages = images,
            UserTurns = request.UserTurns,
            MaxTokens = Math.Max(0, request.MaxTokens ?? 0),
            ThinkingBudget = Math.Max(0, request.ThinkingBudget ?? 0),
            PromptChars = (request.SystemPrompt?.Length ?? 0) + request.LastUserChars.Length,
            FrameWords = systemFrame.FrameWords + userFrame.FrameWords,
            SlotRuns = systemFrame.SlotRuns + userFrame.SlotRuns,
        };
    }

    private ReadOnlySpan<char> Cap(string? text) => Cap(text.AsSpan());

    private ReadOnlySpan<char> Cap(ReadOnlySpan<char> text) =>
        text.Length <= _options.MaxAnalyzedChars ? text : text[.._options.MaxAnalyzedChars];

    /// <summary>
    /// Scans a system prompt through the per-thread <see cref="SystemPromptCache"/>: on a hit the scorer, sketch and
    /// frame states are copied from the cache; on a miss the prompt is scanned (always into a sketch, so the entry
    /// serves exchanges with and without user text) and stored. <paramref name="full"/> is the uncut prompt string,
    /// kept by reference (strings are immutable).
    /// </summary>
    private void ScanSystemCached(
        string full, ReadOnlySpan<char> system, ref TemplateFingerprint frame, ref SimHashSketch sketch, ref CapabilityScorer scorer, bool sketchIt)
    {
        var cache = SystemPromptCache.Current;
        if (!cache.TryGet(this, system, out var entry))
        {
            entry.Owner = null;
            entry.Scorer = default;
            entry.Sketch = default;
            entry.Frame = new TemplateFingerprint();
            Scan(system, ref entry.Frame, ref entry.Sketch, ref entry.Scorer, sketchIt: true);
            entry.Text = full;
            entry.Length = system.Length;
            entry.Owner = this;
        }

        frame = entry.Frame;
        scorer = entry.Scorer;
        if (sketchIt)
        {
            sketch = entry.Sketch;
        }
    }

    private static void Scan(
        ReadOnlySpan<char> text, ref TemplateFingerprint frame, ref SimHashSketch sketch, ref CapabilityScorer scorer, bool sketchIt)
    {
        var tokenizer = new PromptTokenizer(text);
        while (tokenizer.TryNext(out var token))
        {
            frame.Add(token);
            scorer.Add(token);
            if (sketchIt)
            {
                sketch.Add(token, scorer.LastWasStopWord);
            }
        }
    }
}
