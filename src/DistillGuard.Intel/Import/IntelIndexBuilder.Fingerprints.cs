using System.Globalization;
using System.Text.Json;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Import;

internal sealed partial class IntelIndexBuilder
{
    private void AddFingerprint(JsonElement obj, CommonFields common)
    {
        FingerprintTypeNames.TryParse(obj.GetProperty("fingerprint_type").GetString(), out var type);
        var values = obj.GetProperty("values");
        if (type == FingerprintType.PromptSketch)
        {
            var distance = obj.TryGetProperty("max_hamming_distance", out var d) ? d.GetInt32() : SketchIndex.MaxDistance;
            var entry = common.Entry("template");
            foreach (var value in values.EnumerateArray())
            {
                _sketches.Add((ulong.Parse(value.GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), distance, entry));
            }

            return;
        }

        var saltHex = obj.GetProperty("hmac_salt").GetString()!;
        if (!_salts.TryGetValue(saltHex, out var group))
        {
            _salts[saltHex] = group = (Convert.FromHexString(saltHex), [], [], []);
        }

        var (table, kind) = type switch
        {
            FingerprintType.PaymentInstrument => (group.Payment, "payment"),
            FingerprintType.PromptTemplate => (group.Template, "template"),
            _ => (group.Client, "client_fingerprint"),
        };
        var shared = common.Entry(kind);
        foreach (var value in values.EnumerateArray())
        {
            if (Hash256.TryParseHex(value.GetString()!, out var hash))
            {
                Add(table, hash, shared);
                _hashed++;
            }
        }
    }
}
