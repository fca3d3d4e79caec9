using System.Text.Json.Nodes;

namespace DistillGuard.Intel.Stix;

/// <summary>
/// The extension definition for signals STIX has no object for: a new SDO, <c>llm-abuse-fingerprint</c>,
/// carrying payment-instrument, prompt-template and client fingerprints as salted HMAC-SHA256 digests, and prompt
/// sketches as 64-bit SimHash values. A new SDO (not a property extension of <c>indicator</c>) because an indicator
/// must carry a STIX pattern, and the patterning language has no object these values could be compared against;
/// tools that do not know the extension skip the new objects and still get every standard indicator.
/// docs/intel.md is the human-readable copy of <see cref="Schema"/>; keep them in step, and bump
/// <see cref="Version"/> on any change.
/// </summary>
internal static class FingerprintExtension
{
    public const string Id = "extension-definition--eae3a704-8589-4660-a9bd-ad5cd017d676";
    public const string ObjectType = "llm-abuse-fingerprint";
    public const string Version = "1.0.0";
    public const string Created = "2026-11-23T00:00:00.000Z";

    /// <summary>The DistillGuard project identity that authors the extension (not the bundle's producer).</summary>
    public const string AuthorId = "identity--ae5d995f-1c4f-41e5-bd37-b7f1374b36e0";

    public const string AlgorithmHmac = "hmac-sha256";
    public const string AlgorithmSimHash = "simhash-64";

    public const string Schema =
        "llm-abuse-fingerprint (new SDO, extension_type new-sdo). Common SDO properties apply (created_by_ref, " +
        "confidence, object_marking_refs...). Required: name (string); fingerprint_type (payment-instrument | " +
        "prompt-template | prompt-sketch | client); algorithm (hmac-sha256 | simhash-64); values (non-empty list of " +
        "lowercase hex strings: 64 digits for hmac-sha256, 16 for simhash-64); valid_from (timestamp). Optional: " +
        "valid_until (timestamp, later than valid_from); hmac_salt (hex, at least 16 bytes, required with " +
        "hmac-sha256); canonicalization (string naming the bytes that were hashed); max_hamming_distance (integer " +
        "0-3, simhash-64 only, default 3). Hashed inputs (UTF-8): payment-instrument = the provider's " +
        "payment_fingerprint as in the exchange-log spec; prompt-template = the DistillGuard template id as 16 " +
        "lowercase hex digits; client = user_agent + '|' + tls_fingerprint (empty when absent). A value matches when " +
        "HMAC-SHA256(key = hmac_salt bytes, message = input) equals it; a sketch matches when the Hamming distance " +
        "of the 64-bit values is at most max_hamming_distance. Relationship: llm-abuse-fingerprint indicates campaign.";

    public static JsonObject CreateDefinition() => new()
    {
        ["type"] = "extension-definition",
        ["spec_version"] = "2.1",
        ["id"] = Id,
        ["created_by_ref"] = AuthorId,
        ["created"] = Created,
        ["modified"] = Created,
        ["name"] = "DistillGuard LLM abuse fingerprints",
        ["description"] = "Salted hashes and sketches of signals of LLM distillation campaigns that STIX has no object for, " +
            "so a peer can match its own traffic without learning the producer's customer data.",
        ["schema"] = Schema,
        ["version"] = Version,
        ["extension_types"] = new JsonArray("new-sdo"),
    };

    public static JsonObject CreateAuthor() => new()
    {
        ["type"] = "identity",
        ["spec_version"] = "2.1",
        ["id"] = AuthorId,
        ["created"] = Created,
        ["modified"] = Created,
        ["name"] = "DistillGuard project",
        ["identity_class"] = "organization",
    };

    /// <summary>The <c>extensions</c> value every <c>llm-abuse-fingerprint</c> object carries.</summary>
    public static JsonObject Marker() => new() { [Id] = new JsonObject { ["extension_type"] = "new-sdo" } };
}
