using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_SmallScale_WritesEveryOutputAndScoresIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dg-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = await CliHarness.RunAsync("demo", "--out", folder, "--scale", "0.05");

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.NotEmpty(FindingsSerializer.ReadFile(Path.Combine(folder, "findings.json")).Campaigns);
            Assert.Contains("<html", await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
            Assert.True(File.Exists(Path.Combine(folder, "sim", "truth.json")));
            Assert.NotEqual(RiskCoefficients.Default[RiskTerm.Bias], RiskModelFile.Read(Path.Combine(folder, "risk-model.json"))[RiskTerm.Bias]);
            Assert.Contains("precision", run.Output, StringComparison.Ordinal);
            Assert.Contains("Honest accounts' risk", run.Output, StringComparison.Ordinal);
            Assert.Contains("Coefficients", run.Output, StringComparison.Ordinal);
            Assert.Contains($"refitted risk model in {Path.Combine(folder, "risk-model.json")}", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
