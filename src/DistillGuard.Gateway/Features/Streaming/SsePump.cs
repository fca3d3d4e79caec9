using System.Text;

namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>
/// Reads an upstream SSE stream event by event, runs it through a chain of <see cref="ISseTransform"/>s and
/// writes the result to the client, flushing after every upstream event so streaming stays live.
/// Used only for suspects' and failed-over traffic; honest same-shape streams are copied by YARP untouched.
/// </summary>
internal static class SsePump
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task RunAsync(Stream upstream, Stream client, IReadOnlyList<ISseTransform> transforms, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(upstream, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    await EmitAsync(new SseEvent(name, data), client, transforms, cancellationToken).ConfigureAwait(false);
                }

                name = null;
                data = null;
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line.AsSpan(5).TrimStart(' ').ToString();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line.AsSpan(6).TrimStart(' ').ToString();
            }
        }

        if (data is not null)
        {
            await EmitAsync(new SseEvent(name, data), client, transforms, cancellationToken).ConfigureAwait(false);
        }

        var closing = new List<SseEvent>();
        for (var i = 0; i < transforms.Count; i++)
        {
            var produced = new List<SseEvent>();
            foreach (var e in closing)
            {
                transforms[i].Transform(e, produced);
            }

            transforms[i].Complete(produced);
            closing = produced;
        }

        await WriteAsync(closing, client, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EmitAsync(SseEvent input, Stream client, IReadOnlyList<ISseTransform> transforms, CancellationToken cancellationToken)
    {
        var current = new List<SseEvent> { input };
        foreach (var transform in transforms)
        {
            var next = new List<SseEvent>(current.Count + 2);
            foreach (var e in current)
            {
                transform.Transform(e, next);
            }

            current = next;
        }

        await WriteAsync(current, client, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(List<SseEvent> events, Stream client, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var sb = new StringBuilder();
        foreach (var e in events)
        {
            if (e.Name is not null)
            {
                sb.Append("event: ").Append(e.Name).Append('\n');
            }

            sb.Append("data: ").Append(e.Data).Append("\n\n");
        }

        await client.WriteAsync(Utf8.GetBytes(sb.ToString()), cancellationToken).ConfigureAwait(false);
        await client.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
