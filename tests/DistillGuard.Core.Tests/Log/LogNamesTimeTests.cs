using System.Globalization;
using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class LogNamesTimeTests
{
    [Theory]
    [InlineData("2026-02-02T00:00:00.0000000Z", "2026-02-02T00:00:00.000Z")]
    [InlineData("2026-12-31T23:59:59.9999999Z", "2026-12-31T23:59:59.999Z")] // milliseconds truncated, not rounded
    [InlineData("0999-01-09T07:05:03.0420000Z", "0999-01-09T07:05:03.042Z")] // a year below 1000 keeps four digits
    public void FormatTime_KnownInstants_Rfc3339WithMilliseconds(string instant, string expected)
    {
        var utc = DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        Assert.Equal(expected, LogNames.FormatTime(utc));
    }

    [Fact]
    public void FormatTime_ManyInstants_SameAsTheCustomFormatString()
    {
        var random = new Random(7);
        Span<byte> bytes = stackalloc byte[LogNames.TimeLength];
        for (var i = 0; i < 20_000; i++)
        {
            var utc = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            var expected = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

            LogNames.FormatTime(utc, bytes);

            Assert.Equal(expected, Encoding.ASCII.GetString(bytes));
        }
    }
}
