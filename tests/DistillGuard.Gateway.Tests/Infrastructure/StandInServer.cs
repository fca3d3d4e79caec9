using DistillGuard.Gateway.StandIn;
using Microsoft.AspNetCore.Builder;

namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>A running stand-in model server on a free loopback port.</summary>
internal sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInServer(WebApplication app, StandInState state)
    {
        _app = app;
        State = state;
    }

    public StandInState State { get; }

    public string BaseUrl => _app.Urls.First();

    public static async Task<StandInServer> StartAsync()
    {
        var state = new StandInState();
        var app = StandInUpstream.Build(["http://127.0.0.1:0"], state);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new StandInServer(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
