using DistillGuard.Core.Intel;
using DistillGuard.Intel.Import;

namespace DistillGuard.Intel;

/// <summary>Loads peers' STIX 2.1 bundles into an <see cref="IIntelMatcher"/> for <c>scan --intel</c>.</summary>
public static class StixIntel
{
    /// <summary>
    /// Loads and validates bundles; throws <see cref="InvalidDataException"/> naming the file, the object (index,
    /// id, type) and the property on a bad bundle, and <see cref="FileNotFoundException"/> for a missing file.
    /// Indicators whose patterns one exchange cannot satisfy alone (AND, FOLLOWEDBY, qualifiers) are skipped.
    /// </summary>
    public static IIntelMatcher Load(IReadOnlyList<string> bundlePaths)
    {
        ArgumentNullException.ThrowIfNull(bundlePaths);
        var builder = new IntelIndexBuilder();
        foreach (var path in bundlePaths)
        {
            using var document = StixBundleReader.Read(path);
            builder.AddBundle(document.RootElement, Path.GetFileName(path));
        }

        return builder.Build();
    }

    /// <summary>What <paramref name="matcher"/> (from <see cref="Load"/>) holds, or null for another matcher.</summary>
    public static IntelLoadSummary? Describe(IIntelMatcher matcher) => (matcher as StixIntelMatcher)?.Summary;
}
