using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>
/// An upstream on a plain TCP socket that counts, for each request, the TCP segments carrying its data (Linux's
/// <c>TCP_INFO</c>): how the sender cut the request into writes is visible here and nowhere in an HTTP server.
/// Answers every request with one Messages response and closes the connection.
/// </summary>
internal sealed class RawHttpUpstream : IAsyncDisposable
{
    // struct tcp_info (linux/tcp.h): tcpi_data_segs_in, a __u32 at byte 152, counts segments that carried data.
    private const int SolTcp = 6;
    private const int TcpInfo = 11;
    private const int DataSegmentsInOffset = 152;

    private const string Answer = """{"id":"msg_raw","type":"message","role":"assistant","model":"claude-test","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":1}}""";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RawHttpUpstream()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Each request as received, with the number of data segments it came in, in order of arrival.</summary>
    public List<(byte[] Request, int DataSegments)> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            await ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var total = 0;
        while (!IsComplete(buffer.AsSpan(0, total)))
        {
            var more = await socket.ReceiveAsync(buffer.AsMemory(total), _stop.Token);
            if (more == 0)
            {
                return;
            }

            total += more;
        }

        var info = new byte[DataSegmentsInOffset + 4];
        socket.GetRawSocketOption(SolTcp, TcpInfo, info);
        lock (Requests)
        {
            Requests.Add((buffer[..total], BitConverter.ToInt32(info, DataSegmentsInOffset)));
        }

        var body = Encoding.UTF8.GetBytes(Answer);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(head.Concat(body).ToArray(), _stop.Token);
        socket.Shutdown(SocketShutdown.Both);
    }

    /// <summary>Whether <paramref name="request"/> holds its whole header block and as many body bytes as it declares.</summary>
    private static bool IsComplete(ReadOnlySpan<byte> request)
    {
        var end = request.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var head = Encoding.ASCII.GetString(request[..end]);
        var length = 0;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return request.Length >= end + 4 + length;
    }
}
