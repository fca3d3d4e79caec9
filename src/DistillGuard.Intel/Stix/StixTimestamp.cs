using System.Globalization;
using System.Text.RegularExpressions;

namespace DistillGuard.Intel.Stix;

/// <summary>
/// STIX timestamps (§3.2): RFC 3339 in UTC with a literal <c>Z</c>, <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>.
/// <c>created</c> and <c>modified</c> must be precise to the millisecond, so we always write three digits.
/// </summary>
internal static partial class StixTimestamp
{
    public static string Format(DateTime value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a STIX timestamp; <paramref name="fractionDigits"/> tells its precision.</summary>
    public static bool TryParse(string text, out DateTime value, out int fractionDigits)
    {
        value = default;
        fractionDigits = 0;
        var match = Shape().Match(text);
        if (!match.Success)
        {
            return false;
        }

        fractionDigits = match.Groups[1].Success ? match.Groups[1].Length - 1 : 0;
        // .NET parses up to 7 fraction digits; STIX allows more, which carry no meaning past 100 ns.
        var trimmed = fractionDigits > 7 ? text[..(20 + 7)] + "Z" : text;
        if (!DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
        {
            return false; // shape right, calendar wrong (e.g. February 30)
        }

        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
