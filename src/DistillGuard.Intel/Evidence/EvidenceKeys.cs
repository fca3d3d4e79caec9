using System.Security.Cryptography;

namespace DistillGuard.Intel.Evidence;

/// <summary>
/// The ECDSA P-256 key evidence packs are signed with. Generated on first use and kept as a PKCS#8 PEM file
/// readable only by its owner; by default under the user's configuration directory so every pack one analyst
/// signs carries the same public key.
/// </summary>
public static class EvidenceKeys
{
    /// <summary>
    /// <c>$DISTILLGUARD_EVIDENCE_KEY</c> when set, else <c>$XDG_CONFIG_HOME/distillguard/evidence-signing-key.pem</c>
    /// (<c>~/.config/...</c> when XDG_CONFIG_HOME is unset).
    /// </summary>
    public static string DefaultKeyPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DISTILLGUARD_EVIDENCE_KEY") is { Length: > 0 } explicitPath)
            {
                return explicitPath;
            }

            var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(config, "distillguard", "evidence-signing-key.pem");
        }
    }

    /// <summary>Loads the private key at <paramref name="path"/>, or creates one there; <paramref name="created"/> tells which.</summary>
    public static ECDsa LoadOrCreate(string path, out bool created)
    {
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            created = false;
            try
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            catch (ArgumentException ex)
            {
                key.Dispose();
                throw new InvalidDataException($"{path}: not a PEM EC private key ({ex.Message})", ex);
            }

            if (key.KeySize != 256)
            {
                key.Dispose();
                throw new InvalidDataException($"{path}: the key is {key.KeySize}-bit; evidence packs are signed with P-256");
            }

            return key;
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            writer.Write('\n');
        }

        created = true;
        return key;
    }

    /// <summary>The public key as SubjectPublicKeyInfo PEM (what <c>openssl</c> reads).</summary>
    public static string PublicKeyPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>SHA-256 of the DER public key, hex: a short name to compare keys out of band.</summary>
    public static string Fingerprint(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    /// <summary>Reads a public key PEM (a private key PEM works too: its public half is used).</summary>
    public static ECDsa ImportPublic(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (ArgumentException ex)
        {
            key.Dispose();
            throw new InvalidDataException($"{source}: not a PEM EC key ({ex.Message})", ex);
        }
    }
}
