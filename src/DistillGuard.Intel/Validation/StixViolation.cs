namespace DistillGuard.Intel.Validation;

/// <summary>
/// One way a bundle breaks STIX 2.1: where (<c>objects[3]</c>), which object (id and type when known), which
/// property, and what is wrong.
/// </summary>
public sealed record StixViolation(string Location, string? ObjectId, string? ObjectType, string? Property, string Message)
{
    public override string ToString()
    {
        var what = ObjectId is not null ? $" ({ObjectId})" : ObjectType is not null ? $" (type {ObjectType})" : string.Empty;
        var property = Property is not null ? $": property '{Property}'" : string.Empty;
        return $"{Location}{what}{property}: {Message}";
    }
}
