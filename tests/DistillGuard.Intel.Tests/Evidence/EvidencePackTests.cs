using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Intel.Evidence;

namespace DistillGuard.Intel.Tests.Evidence;

public sealed class EvidencePackTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_ThenVerify_PackIsValidAndHoldsTheCase()
    {
        var (result, logLines) = WritePack(sample: 10);

        var verification = EvidencePack.Verify(result.OutputPath, File.ReadAllText(_temp.File("key.pem")));

        Assert.True(verification.IsValid, string.Join("\n", verification.Problems));
        Assert.True(verification.KeyTrusted);
        Assert.Equal(4, verification.FilesChecked);
        Assert.Equal(["manifest.json", "manifest.sig", "campaign.json", "exchanges.jsonl", "public-key.pem", "summary.md"], result.Files);
        Assert.True(result.KeyCreated);
        Assert.Equal(0, result.BadRecords);
        Assert.Equal(40, result.ExchangesFound); // 2 member accounts x 20; the honest account's 20 are not the campaign's
        var sampled = ReadEntry(result.OutputPath, "exchanges.jsonl").TrimEnd('\n').Split('\n');
        Assert.Equal(10, sampled.Length);
        Assert.All(sampled, line => Assert.Contains(line, logLines)); // verbatim
        Assert.DoesNotContain(sampled, line => line.Contains("acct_honest", StringComparison.Ordinal));
        var summary = ReadEntry(result.OutputPath, "summary.md");
        Assert.Contains("## Reasons", summary, StringComparison.Ordinal);
        Assert.Contains("- E-mail domains (1): mail51a1.com", summary, StringComparison.Ordinal);
        Assert.Contains("\"campaign_id\": \"cmp_0001\"", ReadEntry(result.OutputPath, "campaign.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Twice_SameContentExceptSignature()
    {
        var (first, _) = WritePack(sample: 5, output: "a.zip");
        var (second, _) = WritePack(sample: 5, output: "b.zip");

        Assert.False(second.KeyCreated);
        Assert.Equal(first.KeyFingerprint, second.KeyFingerprint);
        foreach (var name in first.Files.Where(f => f != "manifest.sig"))
        {
            Assert.Equal(ReadEntry(first.OutputPath, name), ReadEntry(second.OutputPath, name));
        }
    }

    [Fact]
    public void Verify_OneByteOfOneFileChanged_FailsNamingTheFile()
    {
        var (result, _) = WritePack(sample: 10);
        RewriteEntry(result.OutputPath, "exchanges.jsonl", bytes => bytes[5] ^= 0x01);

        var verification = EvidencePack.Verify(result.OutputPath);

        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("exchanges.jsonl: changed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ByteFlippedInsideTheZip_FailsNamingTheFile()
    {
        var (result, _) = WritePack(sample: 10);
        var zip = File.ReadAllBytes(result.OutputPath);
        var offset = DataOffset(zip, "summary.md");
        zip[offset + 20] ^= 0x40;
        File.WriteAllBytes(result.OutputPath, zip);

        var verification = EvidencePack.Verify(result.OutputPath);

        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.StartsWith("summary.md: changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_ManifestEditedToMatchATamperedFile_SignatureFails()
    {
        var (result, _) = WritePack(sample: 10);
        byte[] tampered = [];
        RewriteEntry(result.OutputPath, "summary.md", bytes => { bytes[0] = (byte)'X'; tampered = bytes; });
        var manifest = ReadEntry(result.OutputPath, "manifest.json");
        var oldHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ReadEntry(result.OutputPath, "summary.md").Replace("X", "#", StringComparison.Ordinal))));
        RewriteEntry(result.OutputPath, "manifest.json", _ => { }, Encoding.UTF8.GetBytes(manifest.Replace(oldHash, Convert.ToHexStringLower(SHA256.HashData(tampered)), StringComparison.Ordinal)));

        var verification = EvidencePack.Verify(result.OutputPath);

        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("manifest.json: the signature in manifest.sig does not verify", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FileAddedAndFileRemoved_NamesBoth()
    {
        var (result, _) = WritePack(sample: 10);
        using (var zip = ZipFile.Open(result.OutputPath, ZipArchiveMode.Update))
        {
            zip.GetEntry("campaign.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("extra.txt").Open());
            writer.Write("planted");
        }

        var verification = EvidencePack.Verify(result.OutputPath);

        Assert.Equal(["campaign.json: listed in the manifest but missing from the pack", "extra.txt: added (not in the manifest)"], verification.Problems);
    }

    [Fact]
    public void Verify_WithAnotherPartysKey_Fails()
    {
        var (result, _) = WritePack(sample: 3);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var verification = EvidencePack.Verify(result.OutputPath, other.ExportSubjectPublicKeyInfoPem());

        Assert.Contains(verification.Problems, p => p.StartsWith("public-key.pem: is not the key given with --key", StringComparison.Ordinal));
        Assert.Contains(verification.Problems, p => p.StartsWith("manifest.json: the signature", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_UnknownCampaign_ThrowsNamingCampaigns()
    {
        var options = new EvidencePackOptions { CampaignId = "cmp_9999", OutputPath = _temp.File("x.zip"), KeyPath = _temp.File("key.pem") };

        var ex = Assert.Throws<InvalidDataException>(() => EvidencePack.Write(TestFindings.Create(), options));

        Assert.Equal("the findings have no campaign 'cmp_9999' (campaigns: cmp_0001)", ex.Message);
    }

    private (EvidencePackResult Result, HashSet<string> LogLines) WritePack(int sample, string output = "case.zip")
    {
        var log = _temp.File("log.jsonl");
        var lines = new List<string>();
        var start = TestFindings.FirstSeen;
        for (var i = 0; i < 60; i++)
        {
            var account = (i % 3) switch { 0 => "acct_7f3a", 1 => "acct_7f3b", _ => "acct_honest" };
            var ts = start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            lines.Add($$$"""{"ts":"{{{ts}}}","request_id":"req_{{{i}}}","account_id":"{{{account}}}","ip":"203.0.113.{{{i}}}","api":"anthropic.messages","request":{"model":"m","max_tokens":1024,"messages":[{"role":"user","content":"Solve problem {{{i}}} step by step"}]}}""");
        }

        if (!File.Exists(log))
        {
            File.WriteAllText(log, string.Join('\n', lines) + "\n");
        }

        File.WriteAllText(_temp.File("accounts.jsonl"), """{"account_id":"acct_7f3a","payment_fingerprint":"pf_9c1e"}""" + "\n");
        var options = new EvidencePackOptions
        {
            CampaignId = "cmp_0001",
            LogPaths = [_temp.Path], // the folder: its accounts.jsonl is a side file, not exchanges
            OutputPath = _temp.File(output),
            KeyPath = _temp.File("key.pem"),
            SampleSize = sample,
        };
        return (EvidencePack.Write(TestFindings.Create(), options), [.. lines]);
    }

    private static string ReadEntry(string zipPath, string name)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static void RewriteEntry(string zipPath, string name, Action<byte[]> change, byte[]? replacement = null)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        var entry = zip.GetEntry(name)!;
        byte[] bytes;
        using (var stream = entry.Open())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        change(bytes);
        using var write = entry.Open();
        write.SetLength(0);
        write.Write(replacement ?? bytes);
    }

    /// <summary>Offset of an entry's data in the archive: after its local file header (30 bytes + name + extra field).</summary>
    private static int DataOffset(byte[] zip, string name)
    {
        var header = zip.AsSpan().IndexOf("PK\u0003\u0004"u8);
        while (header >= 0)
        {
            var nameLength = BitConverter.ToUInt16(zip, header + 26);
            var extraLength = BitConverter.ToUInt16(zip, header + 28);
            if (Encoding.UTF8.GetString(zip, header + 30, nameLength) == name)
            {
                return header + 30 + nameLength + extraLength;
            }

            var next = zip.AsSpan(header + 4).IndexOf("PK\u0003\u0004"u8);
            header = next < 0 ? -1 : header + 4 + next;
        }

        throw new InvalidOperationException($"{name} not found");
    }
}
