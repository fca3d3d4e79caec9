namespace DistillGuard.Intel.Stix;

/// <summary>Traffic Light Protocol level of an exported bundle (the STIX 2.1 predefined TLP 1.0 markings).</summary>
public enum TlpLevel
{
    White,
    Green,
    Amber,
    Red,
}
