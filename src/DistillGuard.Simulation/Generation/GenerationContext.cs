using System.Buffers;
using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Generation;

/// <summary>
/// Shared state of one generation run: the plan, real prompt data, and the reusable JSON buffers every actor writes
/// its exchange into (one exchange at a time, so one set of buffers is enough).
/// </summary>
internal sealed class GenerationContext
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _request = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _response = new(8 * 1024);
    private readonly Utf8JsonWriter _requestWriter;
    private readonly Utf8JsonWriter _responseWriter;
    private readonly string[] _images;
    private long _counter;

    public GenerationContext(ScenarioPlan plan, RealPromptData prompts)
    {
        Plan = plan;
        Prompts = prompts;
        _requestWriter = new Utf8JsonWriter(_request, WriterOptions);
        _responseWriter = new Utf8JsonWriter(_response, WriterOptions);
        var random = SimRandom.For(plan.Seed, "images");
        _images = new string[16];
        for (var i = 0; i < _images.Length; i++)
        {
            _images[i] = FakePng(random);
        }
    }

    public ScenarioPlan Plan { get; }
    public RealPromptData Prompts { get; }
    public ResponsePlan Response { get; } = new();

    /// <summary>Fills <paramref name="output"/> from the actor's conversation and response plan.</summary>
    public void Compose(SimulatedExchange output, SimAccount account, long ticks, Conversation conversation, in Endpoint endpoint, SimRandom random, string task, string? templateId, bool filler)
    {
        var id = StableHash.Hex(StableHash.Mix(Plan.Seed, (ulong)_counter++), 16);
        _request.ResetWrittenCount();
        _requestWriter.Reset(_request);
        RequestJsonWriter.Write(_requestWriter, conversation, _images[random.Next(_images.Length)]);
        _requestWriter.Flush();

        var r = Response;
        var imageTokens = 0;
        foreach (var m in conversation.Messages)
        {
            imageTokens += m.Images * 1500;
        }

        r.InputTokens = (_request.WrittenCount / 4) + imageTokens - (imageTokens > 0 ? ImageBytes(conversation) / 4 : 0);
        _response.ResetWrittenCount();
        _responseWriter.Reset(_response);
        ResponseJsonWriter.Write(_responseWriter, conversation.Api, conversation.Model, id, r);
        _responseWriter.Flush();

        var e = output.Exchange;
        e.Timestamp = new DateTime(ticks, DateTimeKind.Utc);
        e.RequestId = "req_" + id;
        e.AccountId = account.Id;
        e.ApiKeyId = account.ApiKeys > 1 ? KeyName(account, random) : account.Id.Replace("acct_", "key_", StringComparison.Ordinal) + "_1";
        e.Ip = endpoint.Ip;
        e.Asn = endpoint.Asn.Number;
        e.AsnOrg = endpoint.Asn.Org;
        e.AsnType = endpoint.Asn.Type;
        e.Country = endpoint.Country;
        e.UserAgent = account.Client.UserAgent;
        e.TlsFingerprint = account.Client.TlsFingerprint;
        e.Api = conversation.Api;
        e.Model = conversation.Model;
        e.Status = 200;
        e.LatencyMs = 350 + (r.OutputTokens * 14.0) + (r.ReasoningTokens * 9.0) + random.Exponential(250);
        e.Usage = new TokenUsage(r.InputTokens, r.OutputTokens, r.ReasoningTokens);
        output.RequestJson = _request.WrittenMemory;
        output.ResponseJson = _response.WrittenMemory;
        output.Label = account.Label;
        output.IsFiller = filler;
        output.Task = task;
        output.TemplateId = templateId;

        if (account.Exchanges == 0)
        {
            account.FirstExchangeTicks = ticks;
        }

        account.Exchanges++;
        account.LastExchangeTicks = ticks;
    }

    private static int ImageBytes(Conversation conversation)
    {
        var n = 0;
        foreach (var m in conversation.Messages)
        {
            n += m.Images * 400;
        }

        return n;
    }

    private static string KeyName(SimAccount account, SimRandom random) =>
        account.Id.Replace("acct_", "key_", StringComparison.Ordinal) + "_" + (1 + random.Next(account.ApiKeys)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Not a decodable PNG: a PNG signature and header followed by noise, about 400 bytes of base64 — enough for
    // readers to see an image block without bloating the log with real pixels.
    private static string FakePng(SimRandom random)
    {
        var bytes = new byte[300];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }

        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return Convert.ToBase64String(bytes);
    }
}
