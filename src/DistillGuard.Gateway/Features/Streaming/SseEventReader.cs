namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>
/// Walks the events of a server-sent-events byte stream held in memory: each event's <c>event:</c> name and
/// its <c>data:</c> payload (both model APIs send one data line per event). Allocates nothing.
/// </summary>
internal ref struct SseEventReader(ReadOnlySpan<byte> stream)
{
    private ReadOnlySpan<byte> _rest = stream;

    public ReadOnlySpan<byte> EventName { get; private set; }

    public ReadOnlySpan<byte> Data { get; private set; }

    /// <summary>Moves to the next complete event; an unterminated event at the end counts only if it has data.</summary>
    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            EventName = default;
            Data = default;
            var sawField = false;
            while (!_rest.IsEmpty)
            {
                var newline = _rest.IndexOf((byte)'\n');
                var line = newline < 0 ? _rest : _rest[..newline];
                _rest = newline < 0 ? default : _rest[(newline + 1)..];
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (line.IsEmpty)
                {
                    break;
                }

                sawField = true;
                if (line.StartsWith("data:"u8))
                {
                    Data = TrimSpace(line[5..]);
                }
                else if (line.StartsWith("event:"u8))
                {
                    EventName = TrimSpace(line[6..]);
                }
            }

            if (sawField && !Data.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> TrimSpace(ReadOnlySpan<byte> value) =>
        !value.IsEmpty && value[0] == (byte)' ' ? value[1..] : value;
}
