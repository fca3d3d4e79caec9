using System.Text.Json;
using DistillGuard.Intel.Import;
using DistillGuard.Intel.Patterns;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Validation;

/// <summary>Rules of individual object types beyond their required properties.</summary>
public sealed partial class StixValidator
{
    private static readonly string[] OpinionValues = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"];

    private static void ValidateTypeSpecific(ObjectContext context, string type)
    {
        switch (type)
        {
            case "indicator":
                ValidateIndicator(context);
                break;
            case "sighting":
                context.Integer("count", 0, 999_999_999);
                CheckOrder(context, "first_seen", "last_seen");
                break;
            case "relationship":
                ValidateRelationship(context);
                break;
            case "campaign" or "infrastructure" or "intrusion-set" or "threat-actor":
                CheckOrder(context, "first_seen", "last_seen");
                break;
            case "observed-data":
                context.Integer("number_observed", 1, 999_999_999);
                CheckOrder(context, "first_observed", "last_observed");
                break;
            case "malware":
                if (context.Object.TryGetProperty("is_family", out var family) && family.ValueKind == JsonValueKind.True && !context.Object.TryGetProperty("name", out _))
                {
                    context.Report("name", "required when is_family is true");
                }

                break;
            case "opinion":
                if (context.String("opinion", required: true) is { } opinion && !OpinionValues.Contains(opinion))
                {
                    context.Report("opinion", $"must be one of {string.Join(", ", OpinionValues)}");
                }

                break;
            case "location":
                if (!context.Object.TryGetProperty("region", out _) && !context.Object.TryGetProperty("country", out _)
                    && !(context.Object.TryGetProperty("latitude", out _) && context.Object.TryGetProperty("longitude", out _)))
                {
                    context.Report("region", "a location needs region, country, or latitude and longitude");
                }

                break;
            case "marking-definition":
                ValidateMarkingDefinition(context);
                break;
            case "extension-definition":
                ValidateExtensionDefinition(context);
                break;
            case "ipv4-addr" or "ipv6-addr":
                if (context.String("value", required: true) is { } address && !IpAddressText.TryParseBlock(address, type == "ipv6-addr", out _, out _))
                {
                    context.Report("value", $"'{address}' is not an {(type == "ipv6-addr" ? "IPv6" : "IPv4")} address or CIDR block");
                }

                break;
            case "autonomous-system":
                context.Integer("number", 0, uint.MaxValue);
                break;
            case FingerprintExtension.ObjectType:
                ValidateFingerprint(context);
                break;
        }

        foreach (var name in new[] { "name", "description" })
        {
            context.String(name, required: name == "name");
        }
    }

    private static void ValidateIndicator(ObjectContext context)
    {
        CheckOrder(context, "valid_from", "valid_until", strictly: true);
        context.StringList("indicator_types", required: true);
        var patternType = context.String("pattern_type", required: true);
        var pattern = context.String("pattern", required: true);
        if (patternType == "stix" && pattern is not null)
        {
            try
            {
                StixPatternParser.Parse(pattern);
            }
            catch (PatternSyntaxException ex)
            {
                context.Report("pattern", $"not a valid STIX pattern: {ex.Message}");
            }
        }
    }

    private static void ValidateRelationship(ObjectContext context)
    {
        if (context.String("relationship_type", required: true) is { } relationshipType && !StixTypeNames.IsValid(relationshipType))
        {
            context.Report("relationship_type", $"'{relationshipType}' must be lowercase letters, digits and hyphens (3-250 characters)");
        }

        CheckOrder(context, "start_time", "stop_time", strictly: true);
    }

    private static void ValidateMarkingDefinition(ObjectContext context)
    {
        var definitionType = context.String("definition_type", required: false);
        var hasDefinition = context.Object.TryGetProperty("definition", out var definition);
        if (!hasDefinition && !context.Object.TryGetProperty("extensions", out _))
        {
            context.Report("definition", "a marking definition needs definition (with definition_type) or extensions");
        }

        if (definitionType != "tlp" || context.Id is null)
        {
            return;
        }

        var colour = TlpMarkings.ColourOf(context.Id);
        if (colour is null)
        {
            context.Report("id", "TLP markings must use the ids STIX 2.1 predefines (TLP:WHITE/GREEN/AMBER/RED)");
        }
        else if (!hasDefinition || definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("tlp", out var tlp) || tlp.GetString() != colour)
        {
            context.Report("definition", $"the predefined marking {context.Id} is TLP:{colour.ToUpperInvariant()}, definition must be {{\"tlp\": \"{colour}\"}}");
        }
        else if (context.Object.TryGetProperty("created", out var created) && created.GetString() != TlpMarkings.Created)
        {
            context.Report("created", $"the predefined TLP markings were created {TlpMarkings.Created}");
        }
    }

    private static void ValidateExtensionDefinition(ObjectContext context)
    {
        if (context.StringList("extension_types", required: true) is not { } types)
        {
            return;
        }

        foreach (var extensionType in types)
        {
            if (!ExtensionTypes.Contains(extensionType))
            {
                context.Report("extension_types", $"'{extensionType}' is not one of {string.Join(", ", ExtensionTypes)}");
            }
        }

        if (types.Contains("toplevel-property-extension") && !context.Object.TryGetProperty("extension_properties", out _))
        {
            context.Report("extension_properties", "required when extension_types has toplevel-property-extension");
        }
    }

    private static void CheckOrder(ObjectContext context, string first, string last, bool strictly = false)
    {
        if (context.Object.TryGetProperty(first, out var a) && context.Object.TryGetProperty(last, out var b)
            && a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String
            && StixTimestamp.TryParse(a.GetString()!, out var from, out _) && StixTimestamp.TryParse(b.GetString()!, out var to, out _)
            && (strictly ? to <= from : to < from))
        {
            context.Report(last, $"must be {(strictly ? "later than" : "no earlier than")} {first}");
        }
    }
}
