using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Detection;

public sealed class ConversationalUseConfigTests
{
    [Fact]
    public async Task Start_DefaultPolicy_TheLiveEngineHoldsConversationalUseAtReview()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        Assert.True(fixture.Service<DetectionEngine>().Options.HoldConversationalUse);
    }

    [Fact]
    public async Task Start_PolicyTurningTheHoldOff_TheLiveEngineDoesNotHold()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Policy:HoldConversationalUse"] = "false");

        Assert.False(fixture.Service<DetectionEngine>().Options.HoldConversationalUse);
    }
}
