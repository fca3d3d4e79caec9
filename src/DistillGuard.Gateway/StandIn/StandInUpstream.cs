using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Gateway.StandIn;

/// <summary>
/// A small, deterministic stand-in for a model API, serving both shapes (<c>/v1/messages</c>,
/// <c>/v1/chat/completions</c>), streamed and not, plus <c>/health</c>. It answers with reasoning when asked to
/// think, and calls the last declared tool when tools are declared, so countermeasures have something to act on.
/// Used by the gateway tests and the bench (<c>distillguard gateway --stand-in-upstream</c>).
/// </summary>
public static partial class StandInUpstream
{
    public static WebApplication Build(IEnumerable<string> urls, StandInState state)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(static k => k.AddServerHeader = false);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGet("/health", (StandInState s) => s.Failing ? Results.StatusCode(503) : Results.Text("ok"));
        app.MapPost("/v1/messages", (HttpContext context, StandInState s) => HandleAsync(context, s, openAI: false));
        app.MapPost("/v1/chat/completions", (HttpContext context, StandInState s) => HandleAsync(context, s, openAI: true));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, StandInState state, bool openAI)
    {
        if (state.Failing)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("{\"error\":\"stand-in failing\"}").ConfigureAwait(false);
            return;
        }

        var body = await ReadAllAsync(context.Request.Body).ConfigureAwait(false);
        if (state.RecordRequests)
        {
            state.Received.Enqueue((context.Request.Path.Value ?? string.Empty, body));
            state.Arrivals.Release();
        }

        if (state.AnswerGate is { } gate)
        {
            await gate.ConfigureAwait(false);
        }

        StandInRequest request;
        try
        {
            request = StandInRequest.Parse(body, openAI, state.AnswerPadding);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("{\"error\":\"bad json\"}").ConfigureAwait(false);
            return;
        }

        if (request.Stream)
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await (openAI ? WriteOpenAIStreamAsync(context.Response, request) : WriteAnthropicStreamAsync(context.Response, request)).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            if (openAI)
            {
                WriteOpenAIResponse(writer, request);
            }
            else
            {
                WriteAnthropicResponse(writer, request);
            }
        }

        context.Response.ContentLength = output.WrittenCount;
        await context.Response.Body.WriteAsync(output.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>The answer text for a prompt: deterministic, so tests can compare bodies.</summary>
    internal static string AnswerFor(StandInRequest request) =>
        "Answer to: " + (request.Prompt.Length > 80 ? request.Prompt[..80] : request.Prompt) + new string('.', request.AnswerPadding);

    internal const string Reasoning = "Step 1: read the problem. Step 2: work it out carefully.";

    private static async Task<byte[]> ReadAllAsync(Stream body)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Task WriteEventAsync(HttpResponse response, string? name, string data)
    {
        var text = name is null ? $"data: {data}\n\n" : $"event: {name}\ndata: {data}\n\n";
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();
    }
}
