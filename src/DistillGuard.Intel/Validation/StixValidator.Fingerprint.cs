using System.Text.Json;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Validation;

/// <summary>The <c>llm-abuse-fingerprint</c> SDO of our extension (schema in <see cref="FingerprintExtension.Schema"/>).</summary>
public sealed partial class StixValidator
{
    private static void ValidateFingerprint(ObjectContext context)
    {
        var obj = context.Object;
        if (!obj.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object
            || !extensions.TryGetProperty(FingerprintExtension.Id, out var marker) || marker.ValueKind != JsonValueKind.Object
            || !marker.TryGetProperty("extension_type", out var kind) || kind.GetString() != "new-sdo")
        {
            context.Report("extensions", $"must declare {{\"{FingerprintExtension.Id}\": {{\"extension_type\": \"new-sdo\"}}}}");
        }

        foreach (var required in new[] { "name", "fingerprint_type", "algorithm", "values", "valid_from" })
        {
            if (!obj.TryGetProperty(required, out _))
            {
                context.Report(required, $"missing required property of {FingerprintExtension.ObjectType}");
            }
        }

        CheckOrder(context, "valid_from", "valid_until", strictly: true);
        var typeText = context.String("fingerprint_type", required: true);
        if (typeText is not null && !FingerprintTypeNames.TryParse(typeText, out _))
        {
            context.Report("fingerprint_type", $"'{typeText}' is not payment-instrument, prompt-template, prompt-sketch or client");
        }

        var algorithm = context.String("algorithm", required: true);
        var digits = algorithm switch
        {
            FingerprintExtension.AlgorithmHmac => 64,
            FingerprintExtension.AlgorithmSimHash => 16,
            null => 0,
            _ => -1,
        };
        if (digits < 0)
        {
            context.Report("algorithm", $"'{algorithm}' is not {FingerprintExtension.AlgorithmHmac} or {FingerprintExtension.AlgorithmSimHash}");
        }
        else if (typeText is not null && (typeText == "prompt-sketch") != (algorithm == FingerprintExtension.AlgorithmSimHash))
        {
            context.Report("algorithm", "prompt-sketch values use simhash-64; every other fingerprint_type uses hmac-sha256");
        }

        if (algorithm == FingerprintExtension.AlgorithmHmac)
        {
            var salt = context.String("hmac_salt", required: true);
            if (salt is null)
            {
                context.Report("hmac_salt", "required with hmac-sha256");
            }
            else if (salt.Length < 32 || salt.Length % 2 != 0 || !IsLowerHex(salt))
            {
                context.Report("hmac_salt", "must be at least 16 bytes as lowercase hex");
            }
        }

        context.Integer("max_hamming_distance", 0, Import.SketchIndex.MaxDistance);
        if (context.StringList("values", required: true) is { } values && digits > 0)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Length != digits || !IsLowerHex(values[i]))
                {
                    context.Report($"values[{i}]", $"must be {digits} lowercase hex digits for {algorithm}");
                    break;
                }
            }
        }
    }

    private static bool IsLowerHex(string text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
