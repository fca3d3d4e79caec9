using System.IO.Compression;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class EvidenceCommandTests : IDisposable
{
    private readonly IntelCliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Evidence_WriteThenVerifyWithKey_Succeeds()
    {
        var pack = _fixture.File("case.zip");
        var key = _fixture.File("signing.pem");

        var write = await CliHarness.RunAsync("evidence", _fixture.FindingsPath, "--campaign", "cmp_0001", "--log", _fixture.LogPath, "-o", pack, "--key", key, "--sample", "5");
        File.WriteAllText(_fixture.File("public.pem"), ReadEntry(pack, "public-key.pem"));
        var verify = await CliHarness.RunAsync("evidence", "verify", pack, "--key", _fixture.File("public.pem"));

        Assert.Equal(0, write.ExitCode);
        Assert.Contains("generated a new signing key at " + key, write.Error, StringComparison.Ordinal);
        Assert.Contains("5 of 20 campaign exchanges", write.Error, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("signature valid, 4 files match the manifest", verify.Output, StringComparison.Ordinal);
        Assert.Contains("signed by the key given with --key", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceVerify_TamperedFile_ExitsOneNamingIt()
    {
        var pack = _fixture.File("case.zip");
        await CliHarness.RunAsync("evidence", _fixture.FindingsPath, "--campaign", "cmp_0001", "--log", _fixture.LogPath, "-o", pack, "--key", _fixture.File("k.pem"));
        using (var zip = ZipFile.Open(pack, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("campaign.json")!;
            using var stream = entry.Open();
            stream.Position = 10;
            stream.WriteByte((byte)'!');
        }

        var verify = await CliHarness.RunAsync("evidence", "verify", pack);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("FAIL campaign.json: changed", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_UnknownCampaign_InputError()
    {
        var run = await CliHarness.RunAsync("evidence", _fixture.FindingsPath, "--campaign", "cmp_404", "--log", _fixture.LogPath, "-o", _fixture.File("c.zip"), "--key", _fixture.File("k.pem"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no campaign 'cmp_404'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceVerify_NotAZip_ExitsOne()
    {
        File.WriteAllText(_fixture.File("fake.zip"), "not a zip");

        var run = await CliHarness.RunAsync("evidence", "verify", _fixture.File("fake.zip"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a readable zip archive", run.Output, StringComparison.Ordinal);
    }

    private static string ReadEntry(string zipPath, string name)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
