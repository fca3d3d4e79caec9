namespace DistillGuard.Intel.Validation;

/// <summary>The object types STIX 2.1 defines, by category (§4-§7).</summary>
internal static class StixObjectKinds
{
    public static readonly HashSet<string> Domain = new(StringComparer.Ordinal)
    {
        "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
        "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
        "opinion", "report", "threat-actor", "tool", "vulnerability",
    };

    public static readonly HashSet<string> Relationship = new(StringComparer.Ordinal) { "relationship", "sighting" };

    public static readonly HashSet<string> Observable = new(StringComparer.Ordinal)
    {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
        "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
        "user-account", "windows-registry-key", "x509-certificate",
    };

    public static readonly HashSet<string> Meta = new(StringComparer.Ordinal) { "marking-definition", "language-content", "extension-definition" };

    /// <summary>Required properties beyond the common ones, per type.</summary>
    public static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["attack-pattern"] = ["name"],
        ["campaign"] = ["name"],
        ["course-of-action"] = ["name"],
        ["grouping"] = ["context", "object_refs"],
        ["identity"] = ["name"],
        ["incident"] = ["name"],
        ["indicator"] = ["pattern", "pattern_type", "valid_from"],
        ["infrastructure"] = ["name"],
        ["intrusion-set"] = ["name"],
        ["malware"] = ["is_family"],
        ["malware-analysis"] = ["product"],
        ["note"] = ["content", "object_refs"],
        ["observed-data"] = ["first_observed", "last_observed", "number_observed"],
        ["opinion"] = ["opinion", "object_refs"],
        ["report"] = ["name", "published", "object_refs"],
        ["threat-actor"] = ["name"],
        ["tool"] = ["name"],
        ["vulnerability"] = ["name"],
        ["relationship"] = ["relationship_type", "source_ref", "target_ref"],
        ["sighting"] = ["sighting_of_ref"],
        ["extension-definition"] = ["created_by_ref", "name", "schema", "version", "extension_types"],
        ["language-content"] = ["object_ref", "object_modified", "contents"],
        ["autonomous-system"] = ["number"],
        ["domain-name"] = ["value"],
        ["email-addr"] = ["value"],
        ["ipv4-addr"] = ["value"],
        ["ipv6-addr"] = ["value"],
        ["mac-addr"] = ["value"],
        ["mutex"] = ["name"],
        ["software"] = ["name"],
        ["url"] = ["value"],
        ["windows-registry-key"] = [],
    };

    /// <summary>Properties that hold timestamps wherever they appear at the top level of an object.</summary>
    public static readonly HashSet<string> TimestampProperties = new(StringComparer.Ordinal)
    {
        "created", "modified", "valid_from", "valid_until", "first_seen", "last_seen", "first_observed",
        "last_observed", "published", "start_time", "stop_time", "object_modified",
    };

    public static bool IsSdoLike(string type) => Domain.Contains(type) || (!Relationship.Contains(type) && !Observable.Contains(type) && !Meta.Contains(type));
}
