using System.Globalization;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>A whole number of days, hours or minutes as a user types it: <c>1d</c>, <c>12h</c>, <c>90m</c>.</summary>
internal static class IntervalText
{
    public static bool TryParse(string text, out TimeSpan interval)
    {
        interval = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        var unit = text[^1] switch
        {
            'd' => TimeSpan.FromDays(1),
            'h' => TimeSpan.FromHours(1),
            'm' => TimeSpan.FromMinutes(1),
            _ => TimeSpan.Zero,
        };
        if (unit == TimeSpan.Zero || count > TimeSpan.MaxValue.Ticks / unit.Ticks)
        {
            return false;
        }

        interval = unit * count;
        return true;
    }
}
