using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;

namespace DistillGuard.Intel.Evidence;

/// <summary>
/// Writes the case file: campaign.json (the findings restricted to the campaign and its accounts), summary.md,
/// exchanges.jsonl (a reproducible sample, verbatim), public-key.pem, manifest.json and manifest.sig. Everything
/// but the signature (ECDSA signing is randomised) is byte-identical for the same inputs.
/// </summary>
internal static class EvidencePackWriter
{
    private const string CampaignFile = "campaign.json";
    private const string SummaryFile = "summary.md";
    private const string ExchangesFile = "exchanges.jsonl";

    public static EvidencePackResult Write(FindingsDocument findings, EvidencePackOptions options)
    {
        options.Validate();
        var campaign = findings.Campaigns.Find(c => c.CampaignId == options.CampaignId)
            ?? throw new InvalidDataException($"the findings have no campaign '{options.CampaignId}' (campaigns: {string.Join(", ", findings.Campaigns.Select(c => c.CampaignId).DefaultIfEmpty("none"))})");
        var memberIds = new HashSet<string>(campaign.AccountIds, StringComparer.Ordinal);
        var members = findings.Accounts
            .Where(a => a.CampaignId == campaign.CampaignId || memberIds.Contains(a.AccountId))
            .OrderByDescending(a => a.Risk).ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
        foreach (var member in members)
        {
            memberIds.Add(member.AccountId);
        }

        var (lines, found, badRecords) = SampleExchanges(options, memberIds);
        var keyPath = options.KeyPath ?? EvidenceKeys.DefaultKeyPath;
        using var key = EvidenceKeys.LoadOrCreate(keyPath, out var keyCreated);

        var caseFindings = new FindingsDocument
        {
            GeneratedAt = findings.GeneratedAt,
            Input = findings.Input,
            Accounts = members,
            Campaigns = [campaign],
        };
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [CampaignFile] = Encoding.UTF8.GetBytes(FindingsSerializer.ToJson(caseFindings) + "\n"),
            [SummaryFile] = Encoding.UTF8.GetBytes(EvidenceSummary.Markdown(findings, campaign, members, found, lines.Count)),
            [ExchangesFile] = Encoding.UTF8.GetBytes(lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n"),
            [EvidenceManifest.PublicKeyName] = Encoding.ASCII.GetBytes(EvidenceKeys.PublicKeyPem(key)),
        };
        var manifest = new EvidenceManifest(campaign.CampaignId, [.. files.Select(f => new EvidenceFile(f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(f.Value))))]);
        var manifestBytes = manifest.ToBytes();
        var signature = key.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var entries = new List<(string Name, byte[] Bytes)> { (EvidenceManifest.FileName, manifestBytes), (EvidenceManifest.SignatureName, signature) };
        entries.AddRange(files.Select(f => (f.Key, f.Value)));
        WriteZip(options.OutputPath, entries, campaign.LastSeen);
        return new EvidencePackResult(options.OutputPath, [.. entries.Select(e => e.Name)], found, lines.Count, badRecords, keyPath, keyCreated, EvidenceKeys.Fingerprint(key));
    }

    private static (List<string> Lines, long Found, long BadRecords) SampleExchanges(EvidencePackOptions options, HashSet<string> accounts)
    {
        if (options.LogPaths.Count == 0)
        {
            return ([], 0, 0);
        }

        var sampler = new ExchangeSampler(accounts, options.SampleSize);
        using var reader = new MergedExchangeReader(ExchangeFiles(options.LogPaths));
        foreach (var exchange in reader)
        {
            sampler.Offer(exchange);
        }

        var sample = sampler.Result();
        return (LogLineCopier.Copy(reader.Files, sample), sampler.Seen, reader.BadRecords.Total);
    }

    /// <summary>
    /// The log files, as <c>scan</c> takes them: a simulator or gateway folder also holds side files
    /// (<see cref="LogNames.IsSideFile"/>: accounts, model releases, overrides), not exchanges, unless named explicitly.
    /// </summary>
    private static List<LogFile> ExchangeFiles(IReadOnlyList<string> paths)
    {
        var explicitFiles = new HashSet<string>(paths.Where(File.Exists).Select(Path.GetFullPath), StringComparer.Ordinal);
        var files = new List<LogFile>();
        foreach (var file in LogInputs.Discover(paths))
        {
            var full = Path.GetFullPath(file.Path);
            if (!LogNames.IsSideFile(Path.GetFileName(full)) || explicitFiles.Contains(full))
            {
                files.Add(file with { Index = files.Count });
            }
        }

        return files;
    }

    private static void WriteZip(string path, List<(string Name, byte[] Bytes)> entries, DateTime logTime)
    {
        // Entry times come from the log, not the clock, so the archive is reproducible.
        var stamp = new DateTimeOffset(logTime.Year < 1980 ? new DateTime(1980, 1, 1) : DateTime.SpecifyKind(logTime, DateTimeKind.Unspecified), TimeSpan.Zero);
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var entryStream = entry.Open();
                entryStream.Write(bytes);
            }
        }

        File.Move(temp, path, overwrite: true);
    }
}
