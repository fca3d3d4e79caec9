using System.Text.Json;
using DistillGuard.Intel.Validation;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class ExportCommandTests : IDisposable
{
    private readonly IntelCliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ExportStix_Findings_WritesValidBundleAndReports()
    {
        var bundle = _fixture.File("bundle.json");

        var run = await CliHarness.RunAsync("export", "stix", _fixture.FindingsPath, "-o", bundle, "--tlp", "green", "--producer", "Acme AI");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 campaign, 2 indicators", run.Error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(bundle));
        Assert.Empty(StixValidator.Validate(document.RootElement, new StixValidationOptions { RequireResolvableReferences = true }));
        var json = File.ReadAllText(bundle);
        Assert.Contains("\"name\": \"Acme AI\"", json, StringComparison.Ordinal);
        Assert.Contains("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", json, StringComparison.Ordinal);
        Assert.DoesNotContain("PROMPT-TEXT-MARKER", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportStix_IncludePrompts_BundleHasPromptText()
    {
        var bundle = _fixture.File("bundle.json");

        var run = await CliHarness.RunAsync("export", "stix", _fixture.FindingsPath, "-o", bundle, "--include-prompts");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("PROMPT-TEXT-MARKER", File.ReadAllText(bundle), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportStix_TwiceSameFindings_ByteIdentical()
    {
        await CliHarness.RunAsync("export", "stix", _fixture.FindingsPath, "-o", _fixture.File("a.json"));
        await CliHarness.RunAsync("export", "stix", _fixture.FindingsPath, "-o", _fixture.File("b.json"));

        Assert.Equal(File.ReadAllBytes(_fixture.File("a.json")), File.ReadAllBytes(_fixture.File("b.json")));
    }

    [Fact]
    public async Task ExportStix_UnknownTlp_UsageError()
    {
        var run = await CliHarness.RunAsync("export", "stix", _fixture.FindingsPath, "-o", _fixture.File("x.json"), "--tlp", "purple");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("purple", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportStix_MissingFindings_InputErrorNamingFile()
    {
        var missing = _fixture.File("nope.json");

        var run = await CliHarness.RunAsync("export", "stix", missing, "-o", _fixture.File("x.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_fixture.File("x.json")));
    }

    [Fact]
    public async Task ExportStix_UnknownCampaign_InputError()
    {
        var run = await CliHarness.RunAsync("export", "stix", _fixture.FindingsPath, "-o", _fixture.File("x.json"), "--campaign", "cmp_9");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("has no campaign cmp_9", run.Error, StringComparison.Ordinal);
    }
}
