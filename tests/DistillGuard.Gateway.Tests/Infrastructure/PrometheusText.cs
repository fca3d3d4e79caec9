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
}
