using System.Text.Json;

namespace DistillGuard.Intel.Validation;

/// <summary>Reference properties (<c>*_ref</c>, <c>*_refs</c>): syntax, allowed target types, resolution.</summary>
public sealed partial class StixValidator
{
    private static readonly string[] IdentityOnly = ["identity"];
    private static readonly string[] MarkingOnly = ["marking-definition"];
    private static readonly string[] WhereSighted = ["identity", "location"];
    private static readonly string[] ObservedDataOnly = ["observed-data"];

    private static void CollectReferences(ObjectContext context, BundleIndex index)
    {
        foreach (var property in context.Object.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith("_ref", StringComparison.Ordinal))
            {
                CheckTarget(context, name, property.Value, index);
            }
            else if (name.EndsWith("_refs", StringComparison.Ordinal))
            {
                if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
                {
                    context.Report(name, "must be a non-empty list of identifiers");
                    continue;
                }

                foreach (var item in property.Value.EnumerateArray())
                {
                    CheckTarget(context, name, item, index);
                }
            }
        }
    }

    private static void CheckTarget(ObjectContext context, string property, JsonElement value, BundleIndex index)
    {
        IReadOnlyCollection<string>? allowed = property switch
        {
            "created_by_ref" => IdentityOnly,
            "object_marking_refs" => MarkingOnly,
            "where_sighted_refs" => WhereSighted,
            "observed_data_refs" => ObservedDataOnly,
            _ => null,
        };
        context.CheckReference(property, value, allowed, index);
        if (value.ValueKind != JsonValueKind.String || !Stix.StixIds.TryParse(value.GetString()!, out var targetType))
        {
            return;
        }

        if (property == "sighting_of_ref" && !StixObjectKinds.IsSdoLike(targetType))
        {
            context.Report(property, $"must point to a domain object (SDO), not a {targetType}");
        }
        else if (property is "source_ref" or "target_ref" && (StixObjectKinds.Relationship.Contains(targetType) || StixObjectKinds.Meta.Contains(targetType)))
        {
            context.Report(property, $"a relationship connects domain or observable objects, not a {targetType}");
        }
    }

    private void ResolveReferences(BundleIndex index)
    {
        foreach (var (location, sourceId, sourceType, property, target) in index.References)
        {
            if (!index.Types.ContainsKey(target) && Stix.TlpMarkings.ColourOf(target) is null)
            {
                Report(location, sourceId, sourceType, property, $"points to {target}, which is not in the bundle");
            }
        }
    }
}
