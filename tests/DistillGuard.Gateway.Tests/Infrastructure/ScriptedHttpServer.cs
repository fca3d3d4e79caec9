using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>
/// An HTTP/1.1 server on a plain TCP socket whose answers are written byte for byte by the test, so framing a real
/// server never produces (split chunks, interim answers, a close in the middle of a body) can be sent. Each accepted
/// connection runs <c>serve</c> with the connection's number (0, 1, ...).
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ScriptedConnection, Task> _serve;
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;

    public ScriptedHttpServer(Func<ScriptedConnection, Task> serve)
    {
        _serve = serve;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections the server has accepted.</summary>
    public int Accepted { get; private set; }

    /// <summary>Every request head received, in order.</summary>
    public List<string> Heads { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
        }

        foreach (var connection in _connections)
        {
            try
            {
                await connection;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            var connection = new ScriptedConnection(socket, Accepted++, this, _stop.Token);
            _connections.Add(Task.Run(async () =>
            {
                using (socket)
                {
                    await _serve(connection);
                }
            }));
        }
    }

    internal sealed class ScriptedConnection(Socket socket, int number, ScriptedHttpServer server, CancellationToken stop)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _count;

        public int Number { get; } = number;

        /// <summary>Reads one request (head and Content-Length body); null when the client closed the connection.</summary>
        public async Task<string?> ReadRequestAsync()
        {
            while (true)
            {
                var text = Encoding.Latin1.GetString(_buffer, 0, _count);
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    var head = text[..end];
                    var length = 0;
                    foreach (var line in head.Split("\r\n"))
                    {
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        {
                            length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        }
                    }

                    if (_count >= end + 4 + length)
                    {
                        var request = text[..(end + 4 + length)];
                        _count -= request.Length;
                        Buffer.BlockCopy(_buffer, request.Length, _buffer, 0, _count);
                        lock (server.Heads)
                        {
                            server.Heads.Add(head);
                        }

                        return request;
                    }
                }

                var read = await socket.ReceiveAsync(_buffer.AsMemory(_count), stop);
                if (read == 0)
                {
                    return null;
                }

                _count += read;
            }
        }

        public async Task SendAsync(string text) => await socket.SendAsync(Encoding.Latin1.GetBytes(text), stop);

        /// <summary>Closes the connection from the server's side (FIN, then the socket).</summary>
        public void Close()
        {
            socket.Shutdown(SocketShutdown.Both);
            socket.Close();
        }
    }
}
