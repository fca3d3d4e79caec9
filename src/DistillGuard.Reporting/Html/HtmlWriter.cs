namespace DistillGuard.Reporting.Html;

/// <summary>
/// Writes HTML to a <see cref="TextWriter"/>. Everything that comes from the findings goes through
/// <see cref="Text(string?)"/> or <see cref="Attr(string, string?)"/>: prompts and account ids are attacker-controlled.
/// </summary>
internal sealed class HtmlWriter(TextWriter output)
{
    public TextWriter Output { get; } = output;

    /// <summary>Markup the caller wrote itself (tags, constants); never data.</summary>
    public HtmlWriter Raw(string markup)
    {
        Output.Write(markup);
        return this;
    }

    /// <summary>Escaped text content.</summary>
    public HtmlWriter Text(string? text)
    {
        WriteEscaped(Output, text);
        return this;
    }

    /// <summary>Writes <c> name="value"</c> with the value escaped.</summary>
    public HtmlWriter Attr(string name, string? value)
    {
        Output.Write(' ');
        Output.Write(name);
        Output.Write("=\"");
        WriteEscaped(Output, value);
        Output.Write('"');
        return this;
    }

    /// <summary>An element holding only escaped text: <c>&lt;tag class="cls"&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? cssClass, string? text)
    {
        Output.Write('<');
        Output.Write(tag);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        Output.Write('>');
        WriteEscaped(Output, text);
        Output.Write("</");
        Output.Write(tag);
        Output.Write('>');
        return this;
    }

    public static string Escape(string? text)
    {
        using var writer = new StringWriter();
        WriteEscaped(writer, text);
        return writer.ToString();
    }

    private static void WriteEscaped(TextWriter output, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            var next = span.IndexOfAny(Special);
            if (next < 0)
            {
                output.Write(span);
                return;
            }

            output.Write(span[..next]);
            output.Write(span[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "\uFFFD", // a NUL has no business in a report
            });
            span = span[(next + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("&<>\"'\0");
}
