using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Tests.Options;

public sealed class GatewayAnnotationValidatorTests
{
    [Fact]
    public void Validate_OutOfRangeAndMissingValues_FailuresNamedByConfigurationKey()
    {
        var options = new GatewayOptions();
        options.Policy.ThrottleRisk = 2;
        options.Store.Path = string.Empty;
        options.Upstreams.Add(new UpstreamOptions { Name = string.Empty, Api = "openai.chat", BaseUrl = "http://127.0.0.1:1" });

        var result = new GatewayAnnotationValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Policy:ThrottleRisk must be between 0 and 1", result.Failures);
        Assert.Contains("Gateway:Store:Path is required", result.Failures);
        Assert.Contains("Gateway:Upstreams:0:Name is required", result.Failures);
        Assert.DoesNotContain(result.Failures, f => f.Contains("GatewayOptions", StringComparison.Ordinal));
    }

    [Fact]
    public void Rename_MessageOfAnotherShape_LeftAsItIs()
    {
        Assert.Equal("Gateway:Policy: 0 < ReviewRisk must hold", GatewayAnnotationValidator.Rename("Gateway:Policy: 0 < ReviewRisk must hold"));
    }
}
