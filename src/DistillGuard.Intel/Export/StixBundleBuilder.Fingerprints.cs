using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Export;

/// <summary>
/// The extension's fingerprint objects. Confidence: payment instruments carry the campaign's confidence (a
/// shared card is strong evidence), templates 90% of it, client fingerprints 50% (common SDK user agents are
/// shared by honest customers).
/// </summary>
internal sealed partial class StixBundleBuilder
{
    private const double TemplateFactor = 0.9;
    private const double ClientFactor = 0.5;

    private void AddFingerprints(CampaignScope scope)
    {
        var indicators = scope.Campaign.Indicators;
        var payments = new List<string>();
        foreach (var payment in indicators.PaymentFingerprints)
        {
            payments.Add(FingerprintHasher.HashHex(_salt, payment));
        }

        var templates = new List<string>();
        foreach (var template in indicators.TemplateIds)
        {
            // The analyzer's 64-bit id in canonical form, so importers hash exactly what ExchangeFeatures gives them.
            var input = TemplateIds.TryParse(template, out var templateId) ? FingerprintHasher.TemplateInput(templateId) : template;
            templates.Add(FingerprintHasher.HashHex(_salt, input));
        }

        var clients = new List<string>();
        foreach (var client in indicators.ClientFingerprints ?? [])
        {
            clients.Add(FingerprintHasher.HashHex(_salt, client));
        }

        Fingerprint(scope, FingerprintType.PaymentInstrument, payments, "utf8(payment_fingerprint)", 1.0);
        Fingerprint(scope, FingerprintType.PromptTemplate, templates, "utf8(lowercase 16-hex-digit template id)", TemplateFactor);
        Fingerprint(scope, FingerprintType.Client, clients, "utf8(user_agent + '|' + tls_fingerprint)", ClientFactor);
    }

    private void Fingerprint(CampaignScope scope, FingerprintType type, List<string> values, string canonicalization, double factor)
    {
        if (values.Count == 0)
        {
            return;
        }

        // Sorted so the list reveals nothing about the order of the producer's records.
        values.Sort(StringComparer.Ordinal);
        var wire = FingerprintTypeNames.ToWire(type);
        var id = StixIds.Create(FingerprintExtension.ObjectType, scope.Id + "|" + wire + "|" + _saltHex);
        var valueArray = new JsonArray();
        foreach (var value in values)
        {
            valueArray.Add((JsonNode?)JsonValue.Create(value));
        }

        var obj = Sdo(FingerprintExtension.ObjectType, id, scope.Created, scope.Modified,
            ("name", $"{values.Count} {wire} fingerprint{(values.Count == 1 ? string.Empty : "s")} of distillation campaign {scope.Campaign.CampaignId}"),
            ("fingerprint_type", wire),
            ("algorithm", FingerprintExtension.AlgorithmHmac),
            ("hmac_salt", _saltHex),
            ("canonicalization", canonicalization),
            ("values", valueArray),
            ("valid_from", StixTimestamp.Format(scope.Campaign.FirstSeen)),
            ("valid_until", StixTimestamp.Format(scope.ValidUntil)),
            ("confidence", Confidence(scope.Campaign.Confidence * factor)));
        obj["extensions"] = FingerprintExtension.Marker();
        Relate(scope, id, "indicates", scope.Id);
    }

    /// <summary>Example prompts per template, only with --include-prompts: prompt text may hold customers' data.</summary>
    private void AddPromptNote(CampaignScope scope)
    {
        var templates = scope.Campaign.Templates;
        if (templates is null || templates.Count == 0)
        {
            return;
        }

        var content = new StringBuilder();
        var any = false;
        foreach (var template in templates)
        {
            if (template.Example is null)
            {
                continue;
            }

            any = true;
            content.Append(CultureInfo.InvariantCulture, $"Template {template.TemplateId} ({template.Capability}, {template.Exchanges} exchanges from {template.Accounts} accounts):\n");
            content.Append(template.Example).Append("\n\n");
        }

        if (!any)
        {
            return;
        }

        Sdo("note", StixIds.Create("note", scope.Id + "|example-prompts"), scope.Created, scope.Modified,
            ("abstract", "Example prompts of distillation campaign " + scope.Campaign.CampaignId),
            ("content", content.ToString().TrimEnd()),
            ("object_refs", new JsonArray(scope.Id)));
    }
}
