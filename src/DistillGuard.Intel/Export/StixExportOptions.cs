using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Export;

/// <summary>Options of <c>export stix</c>.</summary>
public sealed class StixExportOptions
{
    /// <summary>TLP marking on every shared object. Default <see cref="TlpLevel.Amber"/>: share with peers' security teams only.</summary>
    public TlpLevel Tlp { get; set; } = TlpLevel.Amber;

    /// <summary>Include example prompt text (a <c>note</c> per campaign). Default false: prompts may hold customer data.</summary>
    public bool IncludePrompts { get; set; }

    /// <summary>Name of the producing organisation (the bundle's identity; importers show it as the source). Default "DistillGuard".</summary>
    public string Producer { get; set; } = "DistillGuard";

    /// <summary>
    /// HMAC salt for the fingerprint hashes (at least 16 bytes). Default null: derived from the exported findings,
    /// so the same findings give the same bundle while different campaigns get different salts.
    /// </summary>
    public byte[]? Salt { get; set; }

    /// <summary>How long indicators stay valid after the campaign was last seen (<c>valid_until</c>). Default 90 days.</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Export only these campaign ids. Default empty: every campaign.</summary>
    public IReadOnlyList<string> CampaignIds { get; set; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Producer))
        {
            throw new ArgumentException("producer must not be empty", nameof(Producer));
        }

        if (Salt is { Length: < FingerprintHasher.SaltBytes })
        {
            throw new ArgumentException($"salt must be at least {FingerprintHasher.SaltBytes} bytes", nameof(Salt));
        }

        if (ValidFor <= TimeSpan.Zero)
        {
            throw new ArgumentException("validity must be positive", nameof(ValidFor));
        }
    }
}
