namespace DistillGuard.Intel.Import;

/// <summary>What a set of bundles contributed: matchable values per kind and what could not be used.</summary>
public sealed record IntelLoadSummary(int Bundles, int Indicators, int IpValues, int Asns, int HashedFingerprints, int Sketches, int UnsupportedPatterns, int Revoked)
{
    /// <summary>Sign-up e-mail domains (<c>domain-name</c> indicators), matched against the accounts file.</summary>
    public int EmailDomains { get; init; }
}
