namespace DistillGuard.Intel.Validation;

/// <summary>How strict <see cref="StixValidator"/> is beyond the specification's MUSTs.</summary>
public sealed class StixValidationOptions
{
    /// <summary>
    /// Every <c>_ref</c>/<c>_refs</c> must name an object in the same bundle (the predefined TLP markings
    /// excepted). STIX allows references to objects the consumer already has, so import leaves this off; our
    /// own exports are self-contained and the tests turn it on. Default false.
    /// </summary>
    public bool RequireResolvableReferences { get; set; }

    /// <summary>Stop after this many violations. Default 50.</summary>
    public int MaxViolations { get; set; } = 50;
}
