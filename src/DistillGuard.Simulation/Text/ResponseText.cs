using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Text;

/// <summary>
/// Short, plausible answer text per task. Answers are clipped the way a log writer truncates long bodies; the token
/// counts in usage carry the real length.
/// </summary>
internal static class ResponseText
{
    private static readonly string[] Openers = ["Sure — here's", "Here is", "Good question. Here's", "Below is", "Happy to help. Here's", "Okay, here is"];

    private static readonly string[] Thinking =
    [
        "Let me restate the problem and identify what is being asked. First I'll set up the quantities, then check edge cases before computing the answer.",
        "I need to be careful here. Break it into sub-problems: understand the constraints, try a small example, generalise, then verify the result against the example.",
        "Start from the definitions. The key step is to find an invariant; once I have it the rest follows by induction. Let me double-check the base case.",
        "The user wants working code. I should consider input validation, complexity, and tests. Plan: outline the approach, write the function, then walk through an example.",
    ];

    private static readonly string[] Reasoning =
    [
        "Step 1: define the unknowns. Step 2: write the constraint as an equation. Step 3: solve and check against the original statement. Final answer: {answer}.",
        "Let x be the quantity we want. From the statement we get two relations; eliminating one variable gives a single equation whose positive root is {answer}. Checking it in both relations confirms it.",
        "We proceed by cases. Case 1 fails because it contradicts the second condition; case 2 works, so the answer is {answer}.",
    ];

    private static readonly string[] General =
    [
        "{opener} a short overview with a few practical suggestions you can try this week.",
        "Great question! In short: start small, be consistent, and review what works after a couple of weeks. A few specifics: {sentence}",
        "There are three things to keep in mind. First, the basics matter more than the details. Second, {sentence} Third, ask someone who has done it before.",
        "It depends a bit on your situation, but most people find that a simple plan works best. {sentence}",
    ];

    private static readonly string[] Agentic =
    [
        "I'll start by inspecting the current state, then make the change and verify it.",
        "Let me look at the relevant files first.",
        "Running the tests to see what fails before changing anything.",
        "The change is done and the checks pass. Summary: updated the call sites, added a regression test.",
    ];

    public static string For(TaskKind kind, SimRandom r) => kind switch
    {
        TaskKind.Coding or TaskKind.Debugging => r.Pick(Openers) + " an implementation that handles the edge cases:\n\n" + CodeText(r) + "\n\nThe loop runs in linear time; the tests below cover empty input and duplicates.",
        TaskKind.Reasoning or TaskKind.Homework or TaskKind.TraceReconstruction => SlotFiller.Render(r.Pick(Reasoning), r),
        TaskKind.Grading => "{\"score\": " + r.Next(1, 11).ToString(System.Globalization.CultureInfo.InvariantCulture) + ", \"rationale\": \"The response addresses the main point but omits a justification for the second step and contains a minor factual slip.\"}",
        TaskKind.CensorshipRewrite => "Here is a neutral version that focuses on widely reported general facts and avoids contested characterisations: the topic has been the subject of differing official and international accounts.",
        TaskKind.Cybersecurity => "The issue is that untrusted input reaches the sink without validation. Fix: validate and canonicalise the input, use parameterised APIs, and add a regression test. Severity: high.",
        TaskKind.AgenticToolUse or TaskKind.ComputerUse or TaskKind.LongHorizonPlanning => r.Pick(Agentic),
        TaskKind.DataAnalysis => "Start with a time-indexed groupby on {column}, then compare month-over-month growth; a log scale helps because the distribution is right-skewed.".Replace("{column}", r.Pick(Vocabulary.Columns), StringComparison.Ordinal),
        TaskKind.Vision => "The image shows a dashboard with a line chart in the upper left, a table of recent orders on the right and a navigation bar at the top.",
        TaskKind.CreativeWriting => "The kettle sang before dawn, and the whole street seemed to lean toward the sound, as if the morning had been waiting for permission.",
        TaskKind.Summarization => "- Revenue dipped because of shipping delays\n- Support backlog grew over the holidays\n- Next step: prioritise the checkout latency fix",
        TaskKind.Translation => "Voici la traduction demandée, en gardant le ton d'origine.",
        TaskKind.CustomerSupport => "Thanks for reaching out! I've checked your order and it is on its way; you should receive it within two business days.",
        _ => SlotFiller.Render(r.Pick(General), r).Replace("{opener}", r.Pick(Openers), StringComparison.Ordinal),
    };

    public static string ThinkingText(SimRandom r) => r.Pick(Thinking);

    private static string CodeText(SimRandom r)
    {
        var sb = new System.Text.StringBuilder(256);
        CodeSnippets.Append(r, sb);
        return sb.ToString();
    }
}
