using DistillGuard.Cli.Infrastructure;
using DistillGuard.Intel.Evidence;

namespace DistillGuard.Cli.Commands.Evidence;

/// <summary>One execution of <c>evidence verify</c>: exit 0 when intact, 1 naming every problem, 3 when unreadable.</summary>
internal sealed class EvidenceVerifyRun(CliConsole console, string packPath, string? keyPath)
{
    public int Execute()
    {
        string? trustedKey = null;
        EvidenceVerification result;
        try
        {
            if (keyPath is not null)
            {
                trustedKey = File.ReadAllText(keyPath);
            }

            result = EvidencePack.Verify(packPath, trustedKey);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
            {
                console.Out.WriteLine($"FAIL {problem}");
            }

            console.Error.WriteLine($"{packPath}: verification failed ({result.Problems.Count} problem{(result.Problems.Count == 1 ? string.Empty : "s")}).");
            return ExitCodes.Failure;
        }

        console.Out.WriteLine($"OK {packPath}: signature valid, {result.FilesChecked} files match the manifest.");
        console.Out.WriteLine(result.KeyTrusted
            ? $"signed by the key given with --key ({result.KeyFingerprint})"
            : $"signed by the key inside the pack ({result.KeyFingerprint}); pass --key with the signer's public key to check who signed it.");
        return ExitCodes.Success;
    }
}
