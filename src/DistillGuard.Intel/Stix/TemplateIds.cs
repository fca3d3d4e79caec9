using System.Globalization;

namespace DistillGuard.Intel.Stix;

/// <summary>
/// Reads the template ids of a findings file back into the analyzer's 64-bit <c>TemplateId</c>, so export hashes
/// the same canonical 16-hex-digit text that import computes from <c>ExchangeFeatures.TemplateId</c>.
/// Accepts <c>tpl_</c>/<c>0x</c> prefixes and 1-16 hex digits.
/// </summary>
internal static class TemplateIds
{
    public static bool TryParse(string text, out ulong templateId)
    {
        var span = text.AsSpan().Trim();
        if (span.StartsWith("tpl_", StringComparison.OrdinalIgnoreCase) || span.StartsWith("tpl-", StringComparison.OrdinalIgnoreCase))
        {
            span = span[4..];
        }
        else if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        templateId = 0;
        return span.Length is > 0 and <= 16 && ulong.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out templateId);
    }
}
