using System.Globalization;
using System.Text;
using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Text;

/// <summary>
/// Fills <c>{slot}</c> placeholders in a template. Slot values vary per call (numbers, names, code, quoted text),
/// which is exactly what a template fingerprint has to see through.
/// </summary>
internal static class SlotFiller
{
    public static void Render(string template, SimRandom random, StringBuilder into)
    {
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                into.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                into.Append(template, i, template.Length - i);
                break;
            }

            into.Append(template, i, open - i);
            Fill(template.AsSpan(open + 1, close - open - 1), random, into);
            i = close + 1;
        }
    }

    public static string Render(string template, SimRandom random)
    {
        var sb = new StringBuilder(template.Length + 128);
        Render(template, random, sb);
        return sb.ToString();
    }

    private static void Fill(ReadOnlySpan<char> slot, SimRandom r, StringBuilder sb)
    {
        switch (slot)
        {
            case "lang": sb.Append(r.Pick(Vocabulary.Languages)); break;
            case "framework": sb.Append(r.Pick(Vocabulary.Frameworks)); break;
            case "func": sb.Append(r.Pick(Vocabulary.Functions)); break;
            case "topic": sb.Append(r.Pick(Vocabulary.Topics)); break;
            case "name": sb.Append(r.Pick(Vocabulary.FirstNames)); break;
            case "city": sb.Append(r.Pick(Vocabulary.Cities)); break;
            case "company": sb.Append(r.Pick(Vocabulary.Companies)); break;
            case "product": sb.Append(r.Pick(Vocabulary.Products)); break;
            case "dataset": sb.Append(r.Pick(Vocabulary.Datasets)); break;
            case "column": sb.Append(r.Pick(Vocabulary.Columns)); break;
            case "vuln": sb.Append(r.Pick(Vocabulary.Vulnerabilities)); break;
            case "software": sb.Append(r.Pick(Vocabulary.Software)); break;
            case "sensitive": sb.Append(r.Pick(Vocabulary.SensitiveTopics)); break;
            case "subject": sb.Append(r.Pick(Vocabulary.Subjects)); break;
            case "criterion": sb.Append(r.Pick(Vocabulary.Criteria)); break;
            case "tone": sb.Append(r.Pick(Vocabulary.Tones)); break;
            case "genre": sb.Append(r.Pick(Vocabulary.Genres)); break;
            case "hlang": sb.Append(r.Pick(Vocabulary.LanguagesHuman)); break;
            case "n": sb.Append(r.Next(2, 12).ToString(CultureInfo.InvariantCulture)); break;
            case "num": sb.Append(r.Next(3, 9999).ToString(CultureInfo.InvariantCulture)); break;
            case "id": sb.Append(r.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)); break;
            case "cve": sb.Append(CultureInfo.InvariantCulture, $"CVE-202{r.Next(2, 7)}-{r.Next(1000, 52000)}"); break;
            case "sentence": sb.Append(r.Pick(Vocabulary.Sentences)); break;
            case "text": AppendParagraph(r, sb); break;
            case "code": CodeSnippets.Append(r, sb); break;
            case "problem": ProblemGenerator.Append(r, sb); break;
            case "answer": sb.Append(r.Next(2, 5000).ToString(CultureInfo.InvariantCulture)); break;
            case "error": sb.Append(r.Pick(Errors)); break;
            default: sb.Append('{').Append(slot).Append('}'); break;
        }
    }

    private static void AppendParagraph(SimRandom r, StringBuilder sb)
    {
        var count = r.Next(2, 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(r.Pick(Vocabulary.Sentences));
        }
    }

    private static readonly string[] Errors =
    [
        "TypeError: Cannot read properties of undefined (reading 'map')", "KeyError: 'user_id'", "panic: runtime error: index out of range [3] with length 3",
        "java.lang.NullPointerException at OrderService.java:142", "error[E0502]: cannot borrow `self.items` as mutable because it is also borrowed as immutable",
        "System.InvalidOperationException: Sequence contains no elements", "psycopg2.errors.DeadlockDetected: deadlock detected",
        "ModuleNotFoundError: No module named 'torch._C'", "fatal error: concurrent map writes", "Segmentation fault (core dumped)",
    ];
}
