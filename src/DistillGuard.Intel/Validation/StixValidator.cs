using System.Text.Json;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Validation;

/// <summary>
/// Checks a bundle against the STIX 2.1 rules we rely on: the bundle shape, ids (<c>type--UUID</c>, type prefix
/// matching <c>type</c>), <c>spec_version</c>, timestamps (format, millisecond precision of created/modified,
/// ordering), required properties per type, the common properties' types and ranges, references (id syntax, the
/// types each reference may point to, and optionally that they resolve), TLP markings, extension definitions and
/// our <c>llm-abuse-fingerprint</c> objects, and STIX pattern syntax. Used by the tests on our own exports and by
/// import on peers' bundles.
/// </summary>
public sealed partial class StixValidator
{
    private readonly StixValidationOptions _options;
    private readonly List<StixViolation> _violations = [];

    private StixValidator(StixValidationOptions options) => _options = options;

    /// <summary>Validates a parsed bundle; returns the violations found (empty when valid).</summary>
    public static IReadOnlyList<StixViolation> Validate(JsonElement bundle, StixValidationOptions? options = null)
    {
        var validator = new StixValidator(options ?? new StixValidationOptions());
        try
        {
            validator.ValidateBundle(bundle);
        }
        catch (TooManyViolationsException)
        {
            // The cap was reached; what we have is enough to act on.
        }

        return validator._violations;
    }

    private void Report(string location, string? id, string? type, string? property, string message)
    {
        _violations.Add(new StixViolation(location, id, type, property, message));
        if (_violations.Count >= _options.MaxViolations)
        {
            throw new TooManyViolationsException();
        }
    }

    private void ValidateBundle(JsonElement bundle)
    {
        if (bundle.ValueKind != JsonValueKind.Object)
        {
            Report("bundle", null, null, null, "the top level must be a JSON object (a STIX bundle)");
            return;
        }

        if (!bundle.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "bundle")
        {
            Report("bundle", null, null, "type", "must be \"bundle\"");
        }

        if (!bundle.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !StixIds.TryParse(id.GetString()!, out var idType) || idType != "bundle")
        {
            Report("bundle", null, null, "id", "must be \"bundle--<RFC 4122 UUID>\"");
        }

        if (bundle.TryGetProperty("spec_version", out _))
        {
            Report("bundle", null, null, "spec_version", "a STIX 2.1 bundle has no spec_version (this looks like STIX 2.0)");
        }

        if (!bundle.TryGetProperty("objects", out var objects))
        {
            return;
        }

        if (objects.ValueKind != JsonValueKind.Array || objects.GetArrayLength() == 0)
        {
            Report("bundle", null, null, "objects", "must be a non-empty list of STIX objects");
            return;
        }

        var index = new BundleIndex();
        var i = 0;
        foreach (var obj in objects.EnumerateArray())
        {
            ValidateObject($"objects[{i}]", obj, index);
            i++;
        }

        if (_options.RequireResolvableReferences)
        {
            ResolveReferences(index);
        }
    }

    /// <summary>What the reference pass needs: the ids present and every reference seen.</summary>
    private sealed class BundleIndex
    {
        public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);

        public HashSet<(string Id, string Modified)> Versions { get; } = [];

        public List<(string Location, string SourceId, string SourceType, string Property, string Target)> References { get; } = [];
    }

    private sealed class TooManyViolationsException : Exception;
}
