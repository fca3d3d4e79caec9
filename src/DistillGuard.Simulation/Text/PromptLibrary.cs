namespace DistillGuard.Simulation.Text;

/// <summary>
/// Prompt template families per task. A family is one request written several ways (its paraphrase variants);
/// honest users pick any family and variant, a campaign fixes a few families and, depending on its paraphrase knob,
/// keeps the first wording or rotates through the variants.
/// </summary>
internal static partial class PromptLibrary
{
    public static string[][] Families(TaskKind kind) => kind switch
    {
        TaskKind.GeneralChat => GeneralChat,
        TaskKind.CreativeWriting => Creative,
        TaskKind.Coding => Coding,
        TaskKind.Debugging => Debugging,
        TaskKind.AgenticToolUse => Agentic,
        TaskKind.Reasoning => Reasoning,
        TaskKind.Grading => Grading,
        TaskKind.CensorshipRewrite => Censorship,
        TaskKind.Cybersecurity => Cyber,
        TaskKind.Vision => Vision,
        TaskKind.DataAnalysis => DataAnalysis,
        TaskKind.ComputerUse => ComputerUse,
        TaskKind.TraceReconstruction => TraceReconstruction,
        TaskKind.LongHorizonPlanning => Planning,
        TaskKind.Homework => Homework,
        TaskKind.Summarization => Summarization,
        TaskKind.Translation => Translation,
        _ => Support,
    };

    private static readonly string[][] GeneralChat =
    [
        ["Can you explain {topic} in simple terms?", "explain {topic} like I'm five", "I never really understood {topic}. What's the short version?"],
        ["What are some good tips for {topic}?", "any advice on {topic}? first time trying", "Give me your best practical tips for {topic}."],
        ["I'm visiting {city} for {n} days. What should I not miss?", "{n} days in {city} — what would you do?", "Plan a relaxed {n}-day itinerary for {city}."],
        ["Which is better for a beginner, a {product} from {company} or a cheaper one?", "is it worth paying more for a {product}?", "Help me choose a {product} under a tight budget."],
        ["My friend {name} says {sentence} Is that normal?", "{sentence} What would you do in my place?", "Quick question: {sentence} Thoughts?"],
        ["What's the difference between {topic} and {topic}?", "compare {topic} with {topic} please", "How do {topic} and {topic} relate?"],
        ["Write a polite message to my landlord about {topic}.", "help me word a text to my neighbour about {topic}", "Draft a short, friendly email about {topic} to {name}."],
    ];

    private static readonly string[][] Creative =
    [
        ["Write a {genre} about {topic}.", "Could you write me a {tone} {genre} on {topic}?", "I need a {genre} for {name}'s birthday, theme: {topic}."],
        ["Continue this story: {sentence}", "Write the next paragraph after: \"{sentence}\"", "Turn this into the opening of a mystery novel: {sentence}"],
        ["Give me {n} names for a café in {city}.", "brainstorm {n} catchy names for a {product} brand", "Suggest {n} titles for a podcast about {topic}."],
    ];

    private static readonly string[][] Coding =
    [
        ["Write a {lang} function to {func}.", "How do I {func} in {lang}?", "Implement code in {lang} that can {func}. Include tests.", "I need a {lang} snippet to {func}, idiomatic please."],
        ["Refactor this code to be more readable:\n{code}", "Can you clean up this code?\n{code}", "Improve naming and structure here:\n{code}"],
        ["What's the idiomatic way to {func} with {framework}?", "Using {framework}, how would you {func}?", "Show a {framework} example that can {func}."],
        ["Write unit tests for this function:\n{code}", "Add tests covering edge cases:\n{code}", "generate pytest/jest-style tests for\n{code}"],
        ["Explain what this code does line by line:\n{code}", "What does this do?\n{code}", "Walk me through this snippet:\n{code}"],
        ["Convert this to {lang}:\n{code}", "Port the following code to {lang}, keeping behaviour identical:\n{code}", "Rewrite in {lang}:\n{code}"],
        ["Design a REST API in {framework} for managing {company} orders with pagination and auth.", "Sketch the endpoints and data model for an order service built on {framework}.", "How would you structure a {framework} project for a multi-tenant SaaS?"],
    ];

    private static readonly string[][] Debugging =
    [
        ["I get this error: {error}\nHere is the code:\n{code}\nWhat's wrong?", "Why does this fail with `{error}`?\n{code}", "help!! {error}\n{code}"],
        ["This code has an off-by-one bug somewhere, find it:\n{code}", "Find the bug:\n{code}", "Something is wrong in this loop, can you spot it?\n{code}"],
        ["My {framework} app is slow when {func}. How do I profile it?", "How can I find out why {framework} gets slow when I {func}?", "Performance issue in {framework}: {sentence} Where to start?"],
    ];

    private static readonly string[][] Agentic =
    [
        ["Use the available tools to find the {n} most recent {column} anomalies in {dataset} and open a ticket for each.", "Investigate {dataset} with the tools you have and file tickets for anomalies in {column}.", "With the tools provided, check {dataset} for {column} outliers; create tickets as needed."],
        ["Book a meeting with {name} next week in {city} time and send the agenda by e-mail.", "Find a free slot with {name} next week and e-mail them an agenda.", "Schedule time with {name} and share an agenda, use the calendar and mail tools."],
        ["Search the repository for uses of the deprecated API, update them, and run the test suite.", "Find every call to the old client in the repo, migrate them, then run tests.", "Migrate the codebase off the deprecated API and confirm tests pass."],
        ["Fetch the latest prices for {product} from three vendors and put them in a comparison table.", "Compare {product} prices across vendors using the web tools and tabulate.", "Use search and fetch to collect {product} prices, then summarise in a table."],
        ["Plan and execute the steps to {func} in our service: read the code, make the change, run the checks.", "You're an autonomous agent. Goal: {func} in the project. Use tools step by step.", "Agent task: {func}. Explore the repo with tools, edit files, verify."],
    ];

    private static readonly string[][] Reasoning =
    [
        ["Solve: {problem}", "{problem}", "Problem: {problem}\nGive the final answer on its own line.", "Here's a puzzle. {problem}"],
        ["Is the following argument valid? {sentence} Therefore the conclusion follows. Explain.", "Evaluate the logic: {sentence} Does the conclusion hold?", "Check this reasoning for fallacies: {sentence}"],
        ["Estimate how many {product}s are sold in {city} per year. Show your assumptions.", "Fermi estimate: yearly {product} sales in {city}.", "Roughly how many {product} units does {city} buy a year? Reason it out."],
    ];

    private static readonly string[][] Grading =
    [
        ["You are a strict grader. Score the response below from 1 to 10 on {criterion}, then justify.\n\nPrompt: {problem}\n\nResponse: {text}\n\nReturn JSON: {\"score\": int, \"rationale\": str}", "Rate this answer 1-10 for {criterion}.\nQuestion: {problem}\nAnswer: {text}\nOutput JSON with score and rationale.", "Act as a reward model. Given the question and the candidate answer, output a scalar score for {criterion}.\nQ: {problem}\nA: {text}"],
        ["Compare response A and response B to the prompt and say which is better on {criterion}.\nPrompt: {problem}\nA: {text}\nB: {text}\nAnswer 'A' or 'B' then explain.", "Which response is preferable for {criterion}? Prompt: {problem}\n[A] {text}\n[B] {text}", "Pairwise preference: prompt {problem}; candidate A: {text}; candidate B: {text}. Pick one and justify."],
        ["Using this rubric — {criterion} (40%), {criterion} (30%), {criterion} (30%) — grade the following essay and give a weighted total.\n{text}", "Grade this essay against a three-part rubric ({criterion}, {criterion}, {criterion}):\n{text}", "Apply the rubric [{criterion}; {criterion}; {criterion}] to the text and compute the final grade:\n{text}"],
    ];

    private static readonly string[][] Censorship =
    [
        ["Rewrite the following answer about {sensitive} so that it avoids politically sensitive statements while remaining factually plausible:\n{text}", "Produce a version of this paragraph on {sensitive} that would pass strict content review:\n{text}", "Make this text about {sensitive} safe for publication under strict censorship rules:\n{text}"],
        ["A user asks about {sensitive}. Write a response that redirects the conversation without discussing specifics.", "How should an assistant respond to a question about {sensitive} in a way that avoids the topic?", "Give a neutral deflection for questions about {sensitive}."],
        ["List alternative phrasings for questions about {sensitive} that avoid trigger words.", "Suggest {n} sanitised ways to refer to {sensitive}.", "Paraphrase these questions about {sensitive} so they avoid sensitive keywords: {sentence}"],
    ];

    private static readonly string[][] Cyber =
    [
        ["Explain how {vuln} could arise in {software} and how to fix it.", "Audit {software} for {vuln}; describe the exploit path and a patch.", "Where would {vuln} hide in {software}? Show vulnerable and fixed code."],
        ["Write a proof-of-concept for {cve} affecting {software}.", "Reproduce {cve} in a lab: steps and exploit code for {software}.", "Give a working exploit outline for {cve} against {software}."],
        ["Review this code for security issues:\n{code}", "Any vulnerabilities here (think {vuln})?\n{code}", "Security review please, focus on {vuln}:\n{code}"],
        ["Write a Semgrep/CodeQL rule that detects {vuln} in {lang} code.", "Create a static-analysis rule for {vuln} in {lang}.", "How would you detect {vuln} automatically in a {lang} codebase?"],
    ];

    private static readonly string[][] Vision =
    [
        ["What is shown in this image? Describe every object and its position.", "Describe the image in detail.", "List everything visible in this picture with coordinates."],
        ["Extract all text from this screenshot and return it as Markdown.", "OCR this image, keep the table structure.", "Transcribe the text in the attached image."],
        ["This chart shows {column} over time. What trend do you see and what might explain it?", "Interpret this chart of {column}.", "Read the values off this plot of {column} and summarise."],
    ];

    private static readonly string[][] DataAnalysis =
    [
        ["I have {dataset} with columns {column}, {column} and {column}. How should I analyse what drives {column}?", "What analysis would you run on {dataset} to explain {column}?", "Suggest a modelling approach for {column} in {dataset}."],
        ["Write pandas code to compute the monthly growth of {column} in {dataset} and plot it.", "pandas: monthly {column} growth from {dataset}, with a chart", "Group {dataset} by month and compute {column} growth rates in Python."],
        ["Here are summary statistics: mean {num}, median {num}, std {num}. Is the distribution skewed? What test should I use?", "Given mean {num}, median {num} and sd {num}, what can I say about skew?", "Which statistical test fits a skewed sample with mean {num} and median {num}?"],
    ];

    private static readonly string[][] ComputerUse =
    [
        ["Open the browser, log in to the {company} portal and download last month's invoice.", "Using the computer, fetch last month's {company} invoice from their portal.", "Navigate to the {company} billing page and save the latest invoice."],
        ["Fill in the web form on the screen with the data from {dataset}.", "Complete the on-screen form using rows from {dataset}.", "Enter the values from {dataset} into the form you see."],
    ];

    private static readonly string[][] TraceReconstruction =
    [
        ["Here is a problem and its final answer. Reconstruct the complete step-by-step reasoning that leads from the problem to the answer, without skipping steps.\nProblem: {problem}\nFinal answer: {answer}", "Given the problem and the answer, write out the full chain of thought that produces the answer.\nProblem: {problem}\nAnswer: {answer}", "Reverse-engineer the detailed reasoning trace for: {problem} (answer: {answer}). Show every intermediate step."],
        ["The following solution is terse. Expand it into an explicit reasoning trace a student could follow:\n{code}", "Expand this terse solution into a full reasoning trace:\n{code}", "Write the hidden reasoning behind this code, step by step:\n{code}"],
    ];

    private static readonly string[][] Planning =
    [
        ["Create a detailed multi-week plan to migrate {company}'s monolith to services, with milestones, risks and rollback points.", "Plan a {n}-phase migration of {company}'s monolith to microservices with dependencies between steps.", "Long-horizon task: design the migration roadmap for {company} from a monolith to services."],
        ["Break down the goal '{func} across all our services' into tasks, order them, and estimate each.", "Decompose '{func} everywhere' into an ordered task graph with estimates.", "Produce a work breakdown and schedule for: {func} in every service."],
    ];

    private static readonly string[][] Homework =
    [
        ["Can you help me understand this {subject} question? {problem}", "I'm stuck on my {subject} homework: {problem}", "how do i even start this? ({subject}) {problem}"],
        ["Explain the main idea of {subject} week {n} in a few paragraphs.", "Summarise the key concepts for my {subject} exam.", "Make me flashcards for {subject}, chapter {n}."],
        ["Proofread my essay paragraph: {text}", "Can you improve the flow of this paragraph for my essay? {text}", "Give feedback on this paragraph: {text}"],
    ];

    private static readonly string[][] Summarization =
    [
        ["Summarise this in three bullet points: {text}", "TL;DR please: {text}", "Give me a one-line summary: {text}"],
        ["Turn these meeting notes into action items: {text}", "Extract action items and owners from: {text}", "What are the decisions and follow-ups here? {text}"],
    ];

    private static readonly string[][] Translation =
    [
        ["Translate into {hlang}: {sentence}", "How do you say this in {hlang}? {sentence}", "{hlang} translation please: \"{sentence}\""],
    ];

    private static readonly string[][] Support =
    [
        ["Hi, my order #{id} hasn't arrived yet. Can you check the status?", "where is my order {id}??", "Order {id} shows delivered but I never got it."],
        ["How do I reset my password? The link in the e-mail expired.", "I can't log in, password reset link doesn't work", "Password reset e-mail never arrives, what now?"],
        ["Can I return the {product} I bought {n} days ago?", "what's your return policy for a {product}?", "I want a refund for my {product}, it stopped working after {n} days."],
        ["Does the premium plan include {product} insurance?", "what's included in premium?", "Is there a discount if I upgrade to premium yearly?"],
    ];
}
