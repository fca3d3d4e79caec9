using DistillGuard.Core.Intel;

namespace DistillGuard.Intel;

/// <summary>Loads peers' STIX 2.1 bundles into an <see cref="IIntelMatcher"/> for <c>scan --intel</c>.</summary>
/// <remarks>PLACEHOLDER SURFACE: the intel issue implements it; the signature stays.</remarks>
public static class StixIntel
{
    /// <summary>Loads and validates bundles; throws <see cref="InvalidDataException"/> naming the file and object on a bad bundle.</summary>
    public static IIntelMatcher Load(IReadOnlyList<string> bundlePaths)
    {
        ArgumentNullException.ThrowIfNull(bundlePaths);
        throw new NotSupportedException("STIX import is not built yet.");
    }
}
