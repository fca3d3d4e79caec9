using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests;

/// <summary>
/// This suite runs in the socket mode the <c>gateway</c> verb gives its process (gateway.runsettings): completions on
/// the runtime's event threads, one per core. Were the setting lost, every other test here would still pass while
/// no longer covering the mode the gateway is deployed in; this test says so instead.
/// </summary>
public sealed class SocketModeTests
{
    [Fact]
    public async Task TestProcess_RunsSocketCompletionsOnOneEventThreadPerCore()
    {
        Assert.Equal("1", Environment.GetEnvironmentVariable(GatewayHost.InlineSocketCompletionsVariable));
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts the runtime's socket threads in /proc (Linux only)");

        // A listening server makes sure the runtime's socket engines exist.
        await using var server = await StandInServer.StartAsync();
        var eventThreads = RuntimeThreads.CountNamed("/proc/self/task", RuntimeThreads.SocketEventThread);

        Assert.Equal(Environment.ProcessorCount, eventThreads);
    }
}
