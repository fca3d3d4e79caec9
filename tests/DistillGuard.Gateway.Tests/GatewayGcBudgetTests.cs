using System.Text;

namespace DistillGuard.Gateway.Tests;

/// <summary>
/// How the <c>gateway</c> verb reads its own command line to start itself again with a gen0 budget (the restart
/// itself is covered as a process in DistillGuard.Cli.Tests, GatewayProcessTests).
/// </summary>
public sealed class GatewayGcBudgetTests
{
    [Fact]
    public void ReadCommandLine_NulEndedArguments_KeepsEachOneEmptyOnesAndUtf8Included()
    {
        var cmdline = Encoding.UTF8.GetBytes("dotnet\0/opt/dg/distillguard.dll\0gateway\0--config\0\0/srv/gä teway.json\0");

        var arguments = GatewayGcBudget.ReadCommandLine(cmdline);

        Assert.Equal(["dotnet", "/opt/dg/distillguard.dll", "gateway", "--config", "", "/srv/gä teway.json"], arguments);
    }

    [Fact]
    public void ReadCommandLine_LastArgumentWithoutNul_IsKept()
    {
        Assert.Equal(["distillguard", "gateway"], GatewayGcBudget.ReadCommandLine("distillguard\0gateway"u8));
    }
}
