using System.Globalization;

namespace DistillGuard.Reporting.Views;

/// <summary>Culture-invariant formatting, so the same findings give the same bytes on every machine.</summary>
internal static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("#,0", Invariant);

    public static string Percent(double share) => (share * 100).ToString("0.#", Invariant) + "%";

    public static string Decimal(double value, string format = "0.00") => value.ToString(format, Invariant);

    public static string Number(double value) => value.ToString("R", Invariant);

    public static string Time(DateTime? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant) : "—";

    public static string IsoTime(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);

    public static string Hours(TimeSpan span) =>
        span.TotalHours < 48
            ? span.TotalHours.ToString("0.0", Invariant) + " h"
            : span.TotalHours.ToString("0", Invariant) + " h (" + span.TotalDays.ToString("0.0", Invariant) + " days)";

    /// <summary>Spec names such as <c>agentic_tool_use</c> read as "agentic tool use".</summary>
    public static string Label(string name) => name.Replace('_', ' ');

    /// <summary>Entries of a share or count map, largest first, ties by name (dictionary order is not stable).</summary>
    public static List<KeyValuePair<string, T>> Ranked<T>(IReadOnlyDictionary<string, T>? map)
        where T : IComparable<T>
    {
        var entries = map is null ? [] : new List<KeyValuePair<string, T>>(map);
        entries.Sort(static (a, b) =>
        {
            var byValue = b.Value.CompareTo(a.Value);
            return byValue != 0 ? byValue : string.CompareOrdinal(a.Key, b.Key);
        });
        return entries;
    }
}
