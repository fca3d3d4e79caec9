using System.Text.Json;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Validation;

/// <summary>Properties every object shares (§3): type, id, spec_version, timestamps, markings, references.</summary>
public sealed partial class StixValidator
{
    private void ValidateObject(string location, JsonElement obj, BundleIndex index)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            Report(location, null, null, null, "must be a JSON object");
            return;
        }

        var type = obj.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : null;
        var id = obj.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : null;
        var context = new ObjectContext(this, location, id, type, obj);
        if (type is null)
        {
            context.Report("type", "missing required property (a string)");
            return;
        }

        if (!StixTypeNames.IsValid(type))
        {
            context.Report("type", $"'{type}' is not a valid type name (3-250 characters: a-z, 0-9, single hyphens)");
            return;
        }

        if (id is null)
        {
            context.Report("id", "missing required property");
        }
        else if (!StixIds.TryParse(id, out var idType))
        {
            context.Report("id", $"'{id}' is not '{type}--<RFC 4122 UUID>' (lowercase)");
        }
        else if (idType != type)
        {
            context.Report("id", $"prefix '{idType}' does not match type '{type}'");
        }
        else
        {
            index.Types.TryAdd(id, type);
        }

        var isObservable = StixObjectKinds.Observable.Contains(type) || HasExtensionType(obj, "new-sco");
        ValidateSpecVersion(context, isObservable);
        ValidatePropertyNames(context);
        ValidateTimestamps(context, type, isObservable, index);
        ValidateCommonProperties(context, index);
        ValidateRequired(context, type);
        ValidateTypeSpecific(context, type);
    }

    private static void ValidateSpecVersion(ObjectContext context, bool isObservable)
    {
        if (!context.Object.TryGetProperty("spec_version", out var version))
        {
            if (!isObservable)
            {
                context.Report("spec_version", "missing required property (must be \"2.1\")");
            }

            return;
        }

        if (version.ValueKind != JsonValueKind.String || version.GetString() != "2.1")
        {
            context.Report("spec_version", $"must be \"2.1\", found {version.GetRawText()}");
        }
    }

    private static void ValidatePropertyNames(ObjectContext context)
    {
        foreach (var property in context.Object.EnumerateObject())
        {
            if (!StixTypeNames.IsValidPropertyName(property.Name))
            {
                context.Report(property.Name, "property names must be 3-250 ASCII letters, digits or underscores");
            }
        }
    }

    private static void ValidateTimestamps(ObjectContext context, string type, bool isObservable, BundleIndex index)
    {
        var needsCreated = !isObservable;
        var needsModified = !isObservable && type != "marking-definition";
        var created = context.Timestamp("created", needsCreated, millisecondPrecision: true);
        var modified = context.Timestamp("modified", needsModified, millisecondPrecision: true);
        if (created is { } c && modified is { } m && m < c)
        {
            context.Report("modified", "must not be earlier than created");
        }

        if (context.Id is not null && context.Object.TryGetProperty("modified", out var modifiedText) && modifiedText.ValueKind == JsonValueKind.String
            && !index.Versions.Add((context.Id, modifiedText.GetString()!)))
        {
            context.Report("id", "another object in this bundle has the same id and modified time");
        }

        foreach (var property in context.Object.EnumerateObject())
        {
            if (property.Name is not ("created" or "modified") && StixObjectKinds.TimestampProperties.Contains(property.Name))
            {
                context.Timestamp(property.Name, required: false, millisecondPrecision: false);
            }
        }
    }

    private static void ValidateCommonProperties(ObjectContext context, BundleIndex index)
    {
        var obj = context.Object;
        if (obj.TryGetProperty("confidence", out var confidence)
            && (confidence.ValueKind != JsonValueKind.Number || !confidence.TryGetInt32(out var value) || value is < 0 or > 100))
        {
            context.Report("confidence", $"must be an integer from 0 to 100, found {confidence.GetRawText()}");
        }

        if (obj.TryGetProperty("revoked", out var revoked) && revoked.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            context.Report("revoked", "must be a boolean");
        }

        context.StringList("labels", required: false);
        if (obj.TryGetProperty("external_references", out var references))
        {
            ValidateExternalReferences(context, references);
        }

        if (obj.TryGetProperty("granular_markings", out var granular))
        {
            ValidateGranularMarkings(context, granular, index);
        }

        if (obj.TryGetProperty("extensions", out var extensions))
        {
            ValidateExtensions(context, extensions);
        }

        CollectReferences(context, index);
    }

    private static void ValidateExternalReferences(ObjectContext context, JsonElement references)
    {
        if (references.ValueKind != JsonValueKind.Array || references.GetArrayLength() == 0)
        {
            context.Report("external_references", "must be a non-empty list");
            return;
        }

        var i = 0;
        foreach (var reference in references.EnumerateArray())
        {
            var property = $"external_references[{i++}]";
            if (reference.ValueKind != JsonValueKind.Object || !reference.TryGetProperty("source_name", out var source) || source.ValueKind != JsonValueKind.String)
            {
                context.Report(property, "each external reference needs a source_name string");
                continue;
            }

            if (!reference.TryGetProperty("description", out _) && !reference.TryGetProperty("url", out _) && !reference.TryGetProperty("external_id", out _))
            {
                context.Report(property, "needs at least one of description, url or external_id");
            }
        }
    }

    private static void ValidateGranularMarkings(ObjectContext context, JsonElement granular, BundleIndex index)
    {
        if (granular.ValueKind != JsonValueKind.Array || granular.GetArrayLength() == 0)
        {
            context.Report("granular_markings", "must be a non-empty list");
            return;
        }

        var i = 0;
        foreach (var marking in granular.EnumerateArray())
        {
            var property = $"granular_markings[{i++}]";
            if (marking.ValueKind != JsonValueKind.Object || !marking.TryGetProperty("selectors", out var selectors)
                || selectors.ValueKind != JsonValueKind.Array || selectors.GetArrayLength() == 0)
            {
                context.Report(property, "needs a non-empty selectors list");
                continue;
            }

            var hasRef = marking.TryGetProperty("marking_ref", out var markingRef);
            if (hasRef == marking.TryGetProperty("lang", out _))
            {
                context.Report(property, "needs exactly one of marking_ref or lang");
            }
            else if (hasRef)
            {
                context.CheckReference(property, markingRef, ["marking-definition"], index);
            }
        }
    }

    private static void ValidateExtensions(ObjectContext context, JsonElement extensions)
    {
        if (extensions.ValueKind != JsonValueKind.Object)
        {
            context.Report("extensions", "must be a dictionary");
            return;
        }

        foreach (var extension in extensions.EnumerateObject())
        {
            var isDefinitionRef = StixIds.TryParse(extension.Name, out var refType) && refType == "extension-definition";
            if (!isDefinitionRef && !extension.Name.EndsWith("-ext", StringComparison.Ordinal))
            {
                context.Report("extensions", $"key '{extension.Name}' must be an extension-definition id or a predefined '-ext' name");
            }

            if (extension.Value.ValueKind != JsonValueKind.Object)
            {
                context.Report("extensions", $"'{extension.Name}' must map to an object");
                continue;
            }

            if (isDefinitionRef && extension.Value.TryGetProperty("extension_type", out var extensionType)
                && (extensionType.ValueKind != JsonValueKind.String || !ExtensionTypes.Contains(extensionType.GetString()!)))
            {
                context.Report("extensions", $"'{extension.Name}': extension_type must be one of {string.Join(", ", ExtensionTypes)}");
            }
        }
    }

    private static readonly string[] ExtensionTypes = ["new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension"];

    private static bool HasExtensionType(JsonElement obj, string extensionType)
    {
        if (!obj.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var extension in extensions.EnumerateObject())
        {
            if (extension.Value.ValueKind == JsonValueKind.Object && extension.Value.TryGetProperty("extension_type", out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() == extensionType)
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateRequired(ObjectContext context, string type)
    {
        if (!StixObjectKinds.Required.TryGetValue(type, out var required))
        {
            return;
        }

        foreach (var property in required)
        {
            if (!context.Object.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                context.Report(property, $"missing required property of {type}");
            }
        }
    }
}
