using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Benchmarks.Log;

/// <summary>
/// Deterministic exchange-log lines with realistic sizes for the log benchmarks: both API shapes, system prompts,
/// multi-turn and tool-using requests, user prompts of a few hundred bytes to a few KB, responses up to ~2 KB,
/// a few thousand accounts. Written through <see cref="ExchangeLogWriter"/> like the simulator and gateway.
/// </summary>
internal static class SyntheticExchangeLog
{
    private static readonly string[] Words =
        "the of and to in is that for it as with was on be by this are or from at an which function return value code error test data model step reason explain write python list number file user server request response cache query table index sort merge tree graph node edge input output result string parse json array loop class method object type thread async await task memory buffer stream".Split(' ');

    private static readonly string[] SystemPrompts =
    [
        "You are a helpful assistant.",
        "You are an expert software engineer. Answer with working code and a short explanation.",
        "You are the support bot of Example Corp. Only answer questions about our products; be polite and concise.",
    ];

    public static byte[][] Lines(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc);
        var lines = new byte[count][];
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var writer = new Utf8JsonWriter(buffer);
        for (var i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            WriteOne(writer, random, start.AddMilliseconds((i * 7L) + random.Next(0, 5)));
            writer.Flush();
            lines[i] = buffer.WrittenSpan.ToArray();
        }

        return lines;
    }

    /// <summary>Writes <paramref name="files"/> gzip files of <paramref name="perFile"/> lines each; returns their paths.</summary>
    public static List<string> WriteGzipFiles(string directory, int files, int perFile)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        for (var f = 0; f < files; f++)
        {
            var path = Path.Combine(directory, $"exchanges-{f:D2}.jsonl.gz");
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Optimal); // gzip's default level, as the simulator writes
            foreach (var line in Lines(perFile, seed: 1000 + f))
            {
                gzip.Write(line);
                gzip.WriteByte((byte)'\n');
            }

            paths.Add(path);
        }

        return paths;
    }

    private static void WriteOne(Utf8JsonWriter writer, Random random, DateTime ts)
    {
        var openai = random.Next(3) == 0;
        var account = random.Next(3000);
        var exchange = new Exchange
        {
            Timestamp = ts,
            RequestId = "req_" + random.NextInt64().ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            AccountId = "acct_" + account.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ApiKeyId = "key_" + (account % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Ip = $"203.0.{account % 200}.{account % 250}",
            Asn = 64500 + (account % 40),
            AsnType = account % 5 == 0 ? AsnType.Hosting : AsnType.Isp,
            Country = account % 2 == 0 ? "US" : "SG",
            UserAgent = account % 4 == 0 ? "python-httpx/0.27.0" : "anthropic-sdk-typescript/0.30.1",
            TlsFingerprint = "t13d1516h2_8daaf6152771_" + (account % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Api = openai ? ApiShape.OpenAIChat : ApiShape.AnthropicMessages,
            Status = 200,
            LatencyMs = random.Next(300, 30000),
            Usage = new TokenUsage(random.Next(50, 2000), random.Next(50, 3000), random.Next(0, 1000)),
        };
        var request = openai ? OpenAIRequest(random) : AnthropicRequest(random);
        var response = openai ? OpenAIResponse(random) : AnthropicResponse(random);
        ExchangeLogWriter.WriteExchange(writer, exchange, request, response);
    }

    private static string Prose(Random random, int minBytes, int maxBytes)
    {
        var target = random.Next(minBytes, maxBytes);
        var text = new StringBuilder(target + 16);
        while (text.Length < target)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return text.ToString();
    }

    private static byte[] AnthropicRequest(Random random)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        using var w = new Utf8JsonWriter(body);
        w.WriteStartObject();
        w.WriteString("model", "frontier-large-2");
        w.WriteNumber("max_tokens", 4096);
        if (random.Next(2) == 0)
        {
            w.WriteString("system", SystemPrompts[random.Next(SystemPrompts.Length)]);
        }

        if (random.Next(4) == 0)
        {
            w.WriteStartObject("thinking");
            w.WriteString("type", "enabled");
            w.WriteNumber("budget_tokens", 8000);
            w.WriteEndObject();
        }

        w.WriteStartArray("messages");
        var turns = random.Next(4) == 0 ? 3 : 1;
        for (var t = 0; t < turns; t++)
        {
            if (t > 0)
            {
                w.WriteStartObject();
                w.WriteString("role", "assistant");
                w.WriteString("content", Prose(random, 100, 600));
                w.WriteEndObject();
            }

            w.WriteStartObject();
            w.WriteString("role", "user");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", Prose(random, 200, 3000));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return body.WrittenSpan.ToArray();
    }

    private static byte[] AnthropicResponse(Random random)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        using var w = new Utf8JsonWriter(body);
        w.WriteStartObject();
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", Prose(random, 200, 2000));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteEndObject();
        w.Flush();
        return body.WrittenSpan.ToArray();
    }

    private static byte[] OpenAIRequest(Random random)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        using var w = new Utf8JsonWriter(body);
        w.WriteStartObject();
        w.WriteString("model", "frontier-large-2");
        w.WriteNumber("max_completion_tokens", 4096);
        w.WriteStartArray("messages");
        w.WriteStartObject();
        w.WriteString("role", "system");
        w.WriteString("content", SystemPrompts[random.Next(SystemPrompts.Length)]);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("role", "user");
        w.WriteString("content", Prose(random, 200, 3000));
        w.WriteEndObject();
        w.WriteEndArray();
        if (random.Next(3) == 0)
        {
            w.WriteStartArray("tools");
            foreach (var name in new[] { "search", "read_file", "run_tests" })
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", name);
                w.WriteString("description", "Tool " + name);
                w.WriteStartObject("parameters");
                w.WriteString("type", "object");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.Flush();
        return body.WrittenSpan.ToArray();
    }

    private static byte[] OpenAIResponse(Random random)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        using var w = new Utf8JsonWriter(body);
        w.WriteStartObject();
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", Prose(random, 200, 2000));
        w.WriteEndObject();
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return body.WrittenSpan.ToArray();
    }
}
