using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Tests.Html;

public sealed class ScriptSafeTests
{
    [Theory]
    [InlineData("var s = \"</script><b>\";", "var s = \"<\\/script><b>\";")]
    [InlineData("var s = \"</SCRIPT>\";", "var s = \"<\\/script>\";")]
    [InlineData("x = '<!-- c';", "x = '<\\!-- c';")]
    [InlineData("a < b && c > d", "a < b && c > d")]
    public void Neutralise_ScriptText_RemovesElementEndingSequences(string input, string expected) =>
        Assert.Equal(expected, ScriptSafe.Neutralise(input));

    [Fact]
    public void Json_HostileString_HasNoMarkupCharacters()
    {
        var json = ScriptSafe.Json(w => w.WriteStringValue("</script><!--&'\u2028"));

        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.DoesNotContain(">", json, StringComparison.Ordinal);
        Assert.DoesNotContain("&", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2028", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_AllSpecialCharacters_Encoded() =>
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;", HtmlWriter.Escape("<a href=\"x\">&'</a>"));
}
