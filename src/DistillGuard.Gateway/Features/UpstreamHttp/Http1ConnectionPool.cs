using System.Net.Sockets;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// The idle keep-alive connections to one upstream host and port, newest last: the most recently used connection is
/// reused first, so under light load the older ones age out.
/// </summary>
internal sealed class Http1ConnectionPool : IDisposable
{
    /// <summary>A connection idle longer than this is checked for a close from the server before it is reused (one
    /// system call; under load connections come back within milliseconds and skip it).</summary>
    private static readonly TimeSpan CheckAfterIdle = TimeSpan.FromSeconds(1);

    private readonly string _host;
    private readonly int _port;
    private readonly Http1UpstreamOptions _options;
    private readonly TimeProvider _time;
    private readonly List<Http1Connection> _idle = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public Http1ConnectionPool(string host, int port, Http1UpstreamOptions options, TimeProvider time)
    {
        _host = host;
        _port = port;
        _options = options;
        _time = time;
    }

    /// <summary>An idle connection (<c>Reused</c>) or a new one.</summary>
    public async ValueTask<(Http1Connection Connection, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (TakeIdle() is { } idle)
        {
            if (_time.GetElapsedTime(idle.IdleSince) < CheckAfterIdle || !idle.IsUnusable())
            {
                return (idle, true);
            }

            idle.Dispose();
        }

        return (await ConnectAsync(cancellationToken).ConfigureAwait(false), false);
    }

    public void Return(Http1Connection connection)
    {
        var now = _time.GetTimestamp();
        connection.IdleSince = now;
        Http1Connection? expired = null;
        lock (_lock)
        {
            if (_disposed || _idle.Count >= _options.MaxIdleConnectionsPerServer)
            {
                expired = connection;
            }
            else
            {
                _idle.Add(connection);
                // The oldest connection is first; retire at most one per return, which keeps up with any load.
                if (_time.GetElapsedTime(_idle[0].IdleSince, now) > _options.IdleTimeout)
                {
                    expired = _idle[0];
                    _idle.RemoveAt(0);
                }
            }
        }

        expired?.Dispose();
    }

    public void Dispose()
    {
        Http1Connection[] idle;
        lock (_lock)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }

    private Http1Connection? TakeIdle()
    {
        lock (_lock)
        {
            while (_idle.Count > 0)
            {
                var connection = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                if (_time.GetElapsedTime(connection.IdleSince) <= _options.IdleTimeout)
                {
                    return connection;
                }

                // Everything below it is older still.
                connection.Dispose();
                foreach (var older in _idle)
                {
                    older.Dispose();
                }

                _idle.Clear();
            }

            return null;
        }
    }

    private async Task<Http1Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_host, _port, timeout.Token).ConfigureAwait(false);
            return new Http1Connection(socket, this);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to {_host}:{_port} timed out after {_options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to {_host}:{_port} failed: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
