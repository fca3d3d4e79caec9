namespace DistillGuard.Core.Log;

/// <summary>
/// Parses RFC 3339 timestamps (<c>2026-04-22T03:14:07.123Z</c>, <c>2026-04-22 05:14:07+02:00</c>) to UTC without
/// allocating. An offset is required: a time without one does not say when it happened.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTime utc)
    {
        utc = default;
        // yyyy-mm-ddThh:mm:ssZ is the shortest valid form (20 bytes).
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        var sep = s[10];
        if (sep != 'T' && sep != 't' && sep != ' ')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fractionTicks += (s[i] - '0') * scale;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        long offsetTicks;
        var zone = s[i];
        if ((zone == 'Z' || zone == 'z') && i + 1 == s.Length)
        {
            offsetTicks = 0;
        }
        else if ((zone == '+' || zone == '-') && i + 6 == s.Length && s[i + 3] == ':'
            && TryDigits(s, i + 1, 2, out var offsetHours) && TryDigits(s, i + 4, 2, out var offsetMinutes)
            && offsetHours <= 23 && offsetMinutes <= 59)
        {
            offsetTicks = ((offsetHours * 60L) + offsetMinutes) * TimeSpan.TicksPerMinute * (zone == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        // A leap second (:60) is held at the last tick of :59; DateTime has no room for it.
        var ticks = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc).Ticks + fractionTicks;
        if (second == 60)
        {
            ticks += TimeSpan.TicksPerSecond - 1 - fractionTicks;
        }

        ticks -= offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
