using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Detection;

public sealed class RiskModelConfigTests
{
    [Fact]
    public async Task Start_PolicyNamingARiskModelFile_TheLiveEngineScoresWithIt()
    {
        var model = Path.Combine(Directory.CreateTempSubdirectory("dg-risk-model-").FullName, "risk-model.json");
        await File.WriteAllTextAsync(model, """{ "format": "distillguard.risk-model/v1", "coefficients": { "cot": 0.9, "w_payment": 3.1 } }""", TestContext.Current.CancellationToken);

        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Policy:RiskModel"] = model);

        var coefficients = fixture.Service<DetectionEngine>().Options.RiskModel;
        Assert.Equal(0.9, coefficients[RiskTerm.Cot]);
        Assert.Equal(3.1, coefficients[RiskTerm.Payment]);
        Assert.Equal(RiskCoefficients.Default[RiskTerm.Young], coefficients[RiskTerm.Young]);
    }
}
