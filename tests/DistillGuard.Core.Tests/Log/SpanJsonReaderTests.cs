using System.Text;
using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

/// <summary>
/// <see cref="SpanJsonReader"/> stands in for <see cref="Utf8JsonReader"/> in the log readers, so it must accept,
/// reject and decode exactly what <see cref="Utf8JsonReader"/> does: checked here against it on mutated texts.
/// </summary>
public sealed class SpanJsonReaderTests
{
    private static readonly string[] Seeds =
    [
        LogLines.SpecExample,
        """{"a":[1,-0,0.5,-12.25e+3,1E-2,2147483648,1e400,{"b":null,"c":true,"d":false}],"e":{},"f":[],"g":[[[]]]}""",
        """{"s":"tab\tq\"b\\s\/n\nr\ru\u00e9\u20ac smile \ud83d\ude00 end","\u0074s":"x","lone":"\ud800x","low":"\udc00"}""",
        "{ \"sp\" : [ 1 , \"two\" ,\r\n\t{ \"three\" : 3 } ] , \"é\":\"ü€😀\" }",
        """[{"role":"user","content":[{"type":"text","text":"hi"}]},"x",3,null]""",
    ];

    private static readonly byte[] Interesting =
        [.. "{}[]\":,\\/0123456789-+.eEtrufalsnub \n\t\r"u8, 0x01, 0x1F, 0x7F, 0xC3, 0xA9, 0xE2, 0x82, 0xF0, 0xFF];

    [Fact]
    public void Read_MutatedTexts_AcceptsRejectsAndDecodesExactlyAsUtf8JsonReader()
    {
        var random = new Random(20261123);
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var text = TextMutator.Mutate(Encoding.UTF8.GetBytes(Seeds[i % Seeds.Length]), random, Interesting, cutNearEnd: true);
            var expected = Utf8Tokens(text);
            var actual = SpanTokens(text);
            Assert.True(expected.SequenceEqual(actual),
                $"text: {Encoding.UTF8.GetString(text)}\nUtf8JsonReader: {string.Join(" ", expected)}\nSpanJsonReader: {string.Join(" ", actual)}");
            if (expected[^1] == "END")
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        // Both outcomes must have been exercised in volume for the comparison to mean anything.
        Assert.InRange(accepted, 2_000, 38_000);
        Assert.InRange(rejected, 2_000, 38_000);
    }

    [Fact]
    public void Read_UnmutatedSeeds_DecodeAsUtf8JsonReaderDoes()
    {
        foreach (var seed in Seeds)
        {
            var text = Encoding.UTF8.GetBytes(seed);
            var tokens = SpanTokens(text);
            Assert.Equal(Utf8Tokens(text), tokens);
            Assert.True(tokens.Count > 10);
        }
    }

    [Fact]
    public void Skip_FromPropertyNameAndFromContainerStart_PassesOverTheWholeValue()
    {
        var reader = new SpanJsonReader("""{"a":{"b":[1,{"c":2}],"d":"e"},"f":[[1],[2]],"g":3}"""u8);
        reader.Read();
        reader.Read();
        Assert.True(reader.ValueTextEquals("a"u8));
        reader.Skip();
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        reader.Read();
        Assert.True(reader.ValueTextEquals("f"u8));
        reader.Read();
        Assert.Equal(JsonTokenType.StartArray, reader.TokenType);
        reader.Skip();
        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
        reader.Read();
        Assert.True(reader.ValueTextEquals("g"u8));
        reader.Read();
        Assert.True(reader.TryGetInt32(out var g));
        Assert.Equal(3, g);
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.False(reader.Read());
    }

    [Fact]
    public void CopyString_EscapesAndSurrogatePairs_DecodeToUtf16AndUtf8()
    {
        var reader = new SpanJsonReader("""["a\n\"\u00e9\ud83d\ude00\/z"]"""u8);
        reader.Read();
        reader.Read();
        Assert.True(reader.ValueIsEscaped);
        var chars = new char[reader.ValueSpan.Length];
        Assert.Equal("a\n\"é😀/z", new string(chars, 0, reader.CopyString(chars)));
        Assert.Equal("a\n\"é😀/z".Length, reader.StringLength());
        var bytes = new byte[reader.ValueSpan.Length];
        Assert.Equal("a\n\"é😀/z", Encoding.UTF8.GetString(bytes, 0, reader.CopyString(bytes)));
        Assert.True(reader.ValueTextEquals("a\n\"é😀/z"u8));
        Assert.False(reader.ValueTextEquals("a\n\"é😀/"u8));
    }

    [Theory]
    [InlineData("""{"a":1,}""", "trailing comma", 7)]
    [InlineData("""[1,2,]""", "trailing comma", 5)]
    [InlineData("""{"a":01}""", "leading zero", 6)]
    [InlineData("{\"a\":\"x\u0001\"}", "control character 0x01", 7)]
    [InlineData("""{"a":"\x"}""", "not a JSON escape", 7)]
    [InlineData("""{"a":1} {}""", "after the end of the JSON value", 8)]
    [InlineData("""{"a" 1}""", "expected ':'", 5)]
    [InlineData("""{"a":tru}""", "expected 'true'", 5)]
    [InlineData("""{"a":[1}""", "expected ',' or ']'", 7)]
    [InlineData("""{"a":"open""", "not closed", 10)]
    public void Read_MalformedText_ThrowsNamingWhatAndWhere(string text, string what, int bytePosition)
    {
        var exception = Assert.Throws<JsonException>(() => ReadToEnd(Encoding.UTF8.GetBytes(text), 64));
        Assert.Contains(what, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"(at byte offset {bytePosition})", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestingPastTheLimit_Throws()
    {
        var atLimit = Encoding.UTF8.GetBytes(new string('[', 5) + new string(']', 5));
        ReadToEnd(atLimit, 5);
        var deeper = Encoding.UTF8.GetBytes(new string('[', 6) + new string(']', 6));
        var exception = Assert.Throws<JsonException>(() => ReadToEnd(deeper, 5));
        Assert.Contains("deeper than 5 levels", exception.Message, StringComparison.Ordinal);

        var deepest = Encoding.UTF8.GetBytes(new string('[', SpanJsonReader.DepthLimit) + new string(']', SpanJsonReader.DepthLimit));
        ReadToEnd(deepest, SpanJsonReader.DepthLimit);
    }

    [Fact]
    public void GetString_InvalidUtf8OrBrokenSurrogate_ThrowsInvalidOperation()
    {
        byte[] invalidUtf8 = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        var copied = Assert.Throws<InvalidOperationException>(() => new SpanJsonReader(invalidUtf8).ReadAndGetString());
        Assert.Contains("invalid UTF-8", copied.Message, StringComparison.Ordinal);
        var surrogate = Assert.Throws<InvalidOperationException>(() => new SpanJsonReader("\"\\ud800x\""u8).ReadAndGetString());
        Assert.Contains("surrogate", surrogate.Message, StringComparison.Ordinal);
    }

    private static void ReadToEnd(byte[] text, int maxDepth)
    {
        var reader = new SpanJsonReader(text, maxDepth);
        while (reader.Read())
        {
        }
    }

    // Each token as text: its type and what the readers decode from it; "MALFORMED" where reading throws.
    private static List<string> Utf8Tokens(byte[] text)
    {
        var tokens = new List<string>();
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                tokens.Add(Describe(ref reader));
            }

            tokens.Add("END");
        }
        catch (JsonException)
        {
            tokens.Add("MALFORMED");
        }

        return tokens;
    }

    private static List<string> SpanTokens(byte[] text)
    {
        var tokens = new List<string>();
        var reader = new SpanJsonReader(text, 64);
        try
        {
            while (reader.Read())
            {
                tokens.Add(Describe(ref reader));
            }

            tokens.Add("END");
        }
        catch (JsonException)
        {
            tokens.Add("MALFORMED");
        }

        return tokens;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => $"{reader.TokenType}={Decode(ref reader)}",
        JsonTokenType.Number => $"Number={Encoding.ASCII.GetString(reader.ValueSpan)}/{(reader.TryGetInt32(out var i) ? i : "-")}/{(reader.TryGetDouble(out var d) ? d : "-")}",
        _ => reader.TokenType.ToString(),
    };

    private static string Describe(ref SpanJsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => $"{reader.TokenType}={Decode(ref reader)}",
        JsonTokenType.Number => $"Number={Encoding.ASCII.GetString(reader.ValueSpan)}/{(reader.TryGetInt32(out var i) ? i : "-")}/{(reader.TryGetDouble(out var d) ? d : "-")}",
        _ => reader.TokenType.ToString(),
    };

    private static string Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "<undecodable>";
        }
    }

    private static string Decode(ref SpanJsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "<undecodable>";
        }
    }
}

internal static class SpanJsonReaderTestExtensions
{
    public static string? ReadAndGetString(this SpanJsonReader reader)
    {
        reader.Read();
        return reader.GetString();
    }
}
