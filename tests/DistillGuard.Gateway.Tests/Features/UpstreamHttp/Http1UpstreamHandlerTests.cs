using System.Net;
using System.Text;
using DistillGuard.Gateway.Features.Proxy;
using DistillGuard.Gateway.Features.UpstreamHttp;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.UpstreamHttp;

/// <summary>The gateway's HTTP/1.1 upstream client against a server whose bytes the test writes.</summary>
public sealed class Http1UpstreamHandlerTests
{
    private const string Json = """{"id":"msg_1","type":"message"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_TwoRequests_ShareOneKeepAliveConnection()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                await connection.SendAsync($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Json.Length}\r\n\r\n{Json}");
            }
        });
        using var invoker = NewInvoker();

        for (var i = 0; i < 2; i++)
        {
            using var response = await invoker.SendAsync(Post(server, """{"model":"m"}"""), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Json.Length, response.Content.Headers.ContentLength);
            Assert.Equal(Json, await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(1, server.Accepted);
        var head = server.Heads[0];
        var port = new Uri(server.BaseUrl).Port;
        Assert.StartsWith($"POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nanthropic-version: 2023-06-01\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json\r\n", head, StringComparison.Ordinal);
        Assert.EndsWith("\r\nContent-Length: 13", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_HopByHopFields_AreNotForwarded()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTP/1.1 204 No Content\r\n\r\n");
        });
        using var invoker = NewInvoker();
        using var request = Post(server, "{}");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Headers.TryAddWithoutValidation("Transfer-Encoding", "chunked");
        request.Headers.TryAddWithoutValidation("Expect", "100-continue");
        request.Headers.TryAddWithoutValidation("x-kept", "yes");

        using var response = await invoker.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var head = Assert.Single(server.Heads);
        Assert.Contains("\r\nx-kept: yes\r\n", head, StringComparison.Ordinal);
        foreach (var field in new[] { "Keep-Alive", "TE:", "Transfer-Encoding", "Expect" })
        {
            Assert.DoesNotContain(field, head, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SendAsync_ControlCharacterInAField_IsRefusedBeforeAnythingIsSent()
    {
        await using var server = new ScriptedHttpServer(async connection => await connection.ReadRequestAsync());
        using var invoker = NewInvoker();
        using var request = Post(server, "{}");
        request.Headers.TryAddWithoutValidation("x-note", "a\r\nx-injected: 1");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(request, Ct));

        Assert.Contains("x-note", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Heads);
    }

    [Fact]
    public async Task SendAsync_ChunkedAnswer_EachChunkIsReadAsItArrivesAndTrailersAreKept()
    {
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n7;ext=1\r\ndata: a");
            // The rest goes only after the client has read the first chunk's bytes: a client that waited for more
            // than what had arrived would hang here.
            await firstRead.Task.WaitAsync(Ct);
            await connection.SendAsync("\r\n");
            await connection.SendAsync("B\r\n\n\ndata: b\n\n\r\n0\r\nx-trailer: done\r\n\r\n");
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        using var invoker = NewInvoker();

        using var response = await invoker.SendAsync(Post(server, "{}"), Ct);
        var stream = await response.Content.ReadAsStreamAsync(Ct);
        var buffer = new byte[256];
        var first = await stream.ReadAsync(buffer, Ct);
        Assert.Equal("data: a", Encoding.ASCII.GetString(buffer, 0, first));
        firstRead.SetResult();
        var rest = new MemoryStream();
        await stream.CopyToAsync(rest, Ct);

        Assert.Equal("\n\ndata: b\n\n", Encoding.ASCII.GetString(rest.ToArray()));
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal("done", Assert.Single(response.TrailingHeaders.GetValues("x-trailer")));
        using var second = await invoker.SendAsync(Post(server, "{}"), Ct);
        Assert.Equal("ok", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_AnswerWithoutLength_IsReadToTheCloseAndTheConnectionIsNotReused()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
            connection.Close();
        });
        using var invoker = NewInvoker();

        for (var i = 0; i < 2; i++)
        {
            using var response = await invoker.SendAsync(Post(server, "{}"), Ct);
            Assert.Equal("until the end", await response.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_ServerClosedTheIdleConnection_RequestGoesOutAgainOnANewOne()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync($"HTTP/1.1 200 OK\r\nContent-Length: {connection.Number + 1}\r\n\r\n{new string('x', connection.Number + 1)}");
            if (connection.Number == 0)
            {
                // A keep-alive timeout on the server's side: the connection is closed while it sits in the pool.
                connection.Close();
                closed.SetResult();
            }
        });
        using var invoker = NewInvoker();
        using (var first = await invoker.SendAsync(Post(server, "{}"), Ct))
        {
            Assert.Equal("x", await first.Content.ReadAsStringAsync(Ct));
        }

        await closed.Task.WaitAsync(Ct);
        using var second = await invoker.SendAsync(Post(server, "{}"), Ct);

        Assert.Equal("xx", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_ConnectionIdleForSeconds_IsCheckedAndNotReusedWhenTheServerSpokeOnIt()
    {
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            if (connection.Number == 0)
            {
                // What some servers send when a keep-alive connection times out, before they close it: taken for the
                // next request, it would be read as that request's answer.
                await firstRead.Task.WaitAsync(Ct);
                await connection.SendAsync("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
                timedOut.SetResult();
                await connection.ReadRequestAsync();
            }
        });
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        using var invoker = NewInvoker(time);
        using (var first = await invoker.SendAsync(Post(server, "{}"), Ct))
        {
            Assert.Equal("ok", await first.Content.ReadAsStringAsync(Ct));
        }

        firstRead.SetResult();
        await timedOut.Task.WaitAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(2));
        using var second = await invoker.SendAsync(Post(server, "{}"), Ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("ok", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task SendAsync_InterimAnswerFirst_ReturnsTheFinalAnswer()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        });
        using var invoker = NewInvoker();

        using var response = await invoker.SendAsync(Post(server, "{}"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_MalformedStatusLine_FailsNamingTheLine()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync("HTTX/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        });
        using var invoker = NewInvoker();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(Post(server, "{}"), Ct));

        Assert.Contains("\"HTTX/1.1 200 OK\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_HeadLongerThanTheBuffer_Fails()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.SendAsync($"HTTP/1.1 200 OK\r\nx-big: {new string('a', Http1Connection.BufferSize)}\r\nContent-Length: 0\r\n\r\n");
        });
        using var invoker = NewInvoker();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(Post(server, "{}"), Ct));

        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BodyCutShort_ReadingItFailsAndTheConnectionIsNotReused()
    {
        await using var server = new ScriptedHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            if (connection.Number == 0)
            {
                await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd");
                connection.Close();
                return;
            }

            await connection.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        using var invoker = NewInvoker();

        using (var cut = await invoker.SendAsync(Post(server, "{}"), Ct))
        {
            // Read as YARP reads it: the body stream copied to the client.
            var body = await cut.Content.ReadAsStreamAsync(Ct);
            var error = await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(Stream.Null, Ct));
            Assert.Contains("6 bytes before the end", error.Message, StringComparison.Ordinal);
        }

        using var next = await invoker.SendAsync(Post(server, "{}"), Ct);
        Assert.Equal("ok", await next.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, server.Accepted);
    }

    private static HttpMessageInvoker NewInvoker(TimeProvider? time = null) =>
        new(new Http1UpstreamHandler(new SocketsHttpHandler(), new Http1UpstreamOptions(), time ?? TimeProvider.System));

    private static HttpRequestMessage Post(ScriptedHttpServer server, string json)
    {
        var content = new BufferedBodyContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/v1/messages?beta=true") { Content = content };
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return request;
    }
}
