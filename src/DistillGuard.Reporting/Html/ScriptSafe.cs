using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistillGuard.Reporting.Html;

/// <summary>
/// Makes text safe to place inside a <c>&lt;script&gt;</c> element. The JSON encoder already escapes
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>; <see cref="Neutralise"/> is the second line for inlined library code,
/// where <c>&lt;/script</c> or <c>&lt;!--</c> would end or confuse the element.
/// </summary>
internal static class ScriptSafe
{
    public static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.Default, // escapes < > & ' + and all non-ASCII, so no markup survives
        Indented = false,
    };

    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer);
        }

        return Neutralise(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>
    /// Rewrites the sequences that end or alter a script element. Inside JavaScript strings and regular
    /// expressions <c>&lt;\/</c> and <c>&lt;\!</c> mean the same as the originals.
    /// </summary>
    public static string Neutralise(string script) =>
        script
            .Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
            .Replace("<!--", "<\\!--", StringComparison.Ordinal);
}
