using System.Security.Cryptography;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Intel.Evidence;

namespace DistillGuard.Cli.Commands.Evidence;

/// <summary>One execution of <c>evidence</c>: write the pack.</summary>
internal sealed class EvidenceRun(CliConsole console, string findingsPath, EvidencePackOptions options)
{
    public int Execute()
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        try
        {
            var findings = FindingsSerializer.ReadFile(findingsPath);
            var result = EvidencePack.Write(findings, options);
            if (result.KeyCreated)
            {
                console.Error.WriteLine($"generated a new signing key at {result.KeyPath} (keep it private; share public-key.pem)");
            }

            if (result.BadRecords > 0)
            {
                console.Error.WriteLine($"warning: {result.BadRecords} log lines could not be read and were skipped.");
            }

            console.Error.WriteLine(
                $"wrote {result.OutputPath}: {result.Files.Count} files, {result.ExchangesSampled} of {result.ExchangesFound} campaign exchanges, signed by key {result.KeyFingerprint[..16]}...");
            return ExitCodes.Success;
        }
        catch (BadRecordException ex)
        {
            console.Error.WriteLine($"error: {ex.Record}");
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }
    }
}
