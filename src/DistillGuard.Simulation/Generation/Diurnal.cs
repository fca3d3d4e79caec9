namespace DistillGuard.Simulation.Generation;

/// <summary>Relative activity by local hour for each <see cref="DiurnalShape"/>, with a day-of-week factor.</summary>
internal static class Diurnal
{
    private static readonly double[] Work = Build(h => h switch { >= 9 and < 12 => 1.0, >= 12 and < 13 => 0.7, >= 13 and < 18 => 1.0, >= 7 and < 9 => 0.35, >= 18 and < 21 => 0.35, >= 21 => 0.12, _ => 0.03 });
    private static readonly double[] Evening = Build(h => h switch { < 7 => 0.05, < 12 => 0.35, < 14 => 0.6, < 18 => 0.45, < 23 => 1.0, _ => 0.4 });
    private static readonly double[] Flat = Build(h => h switch { < 6 => 0.5, < 9 => 0.7, < 22 => 1.0, _ => 0.75 });
    private static readonly double[] Student = Build(h => h switch { < 2 => 0.5, < 8 => 0.05, < 10 => 0.3, < 17 => 0.7, _ => 1.0 });

    /// <summary>Relative rate in [0, 1] at <paramref name="utcTicks"/> for a user at <paramref name="utcOffsetHours"/>.</summary>
    public static double Weight(DiurnalShape shape, long utcTicks, double utcOffsetHours)
    {
        var local = new DateTime(utcTicks, DateTimeKind.Utc).AddHours(utcOffsetHours);
        var table = Table(shape);
        var weight = table[local.Hour];
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (weekend)
        {
            weight *= shape switch { DiurnalShape.Work => 0.12, DiurnalShape.Evening => 1.0, DiurnalShape.Flat => 0.85, _ => 0.75 };
        }

        return weight;
    }

    /// <summary>Mean of the weekday curve (to turn "per day" rates into "per second at peak").</summary>
    public static double Mean(DiurnalShape shape) => Table(shape)[24];

    private static double[] Table(DiurnalShape shape) => shape switch
    {
        DiurnalShape.Work => Work,
        DiurnalShape.Evening => Evening,
        DiurnalShape.Flat => Flat,
        _ => Student,
    };

    private static double[] Build(Func<int, double> byHour)
    {
        var table = new double[25];
        var sum = 0.0;
        for (var h = 0; h < 24; h++)
        {
            table[h] = byHour(h);
            sum += table[h];
        }

        table[24] = sum / 24;
        return table;
    }
}
