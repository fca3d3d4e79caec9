namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>Reads figures out of the gateway's <c>/metrics</c> text.</summary>
internal static class PrometheusText
{
    /// <summary>The whole-number value of the unlabelled metric <paramref name="name"/>; fails the test when it is missing.</summary>
    public static long Value(string text, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, $@"(?m)^{name} (\d+)$");
        Assert.True(match.Success, $"{name} missing from /metrics");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The exposition format's grouping rule: each family's HELP and TYPE once, before its samples, and its samples
    /// in one run (a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> belong to its family).
    /// </summary>
    public static void AssertFamiliesGrouped(string text)
    {
        var closed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var family = line.StartsWith("# TYPE ", StringComparison.Ordinal) ? line.Split(' ')[2] : line.StartsWith('#') ? null : FamilyOf(line);
            if (family is null || family == current)
            {
                continue;
            }

            Assert.True(closed.Add(family), $"samples of {family} are split by other families (line: {line})");
            if (current is not null && !line.StartsWith('#'))
            {
                Assert.Fail($"sample of {family} before its TYPE line");
            }

            current = family;
        }
    }

    private static string FamilyOf(string sample)
    {
        var name = sample[..sample.IndexOfAny(['{', ' '])];
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
