using System.Text.Json;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Validation;

public sealed partial class StixValidator
{
    /// <summary>The object being checked, with typed accessors that report what they find wrong.</summary>
    private sealed class ObjectContext(StixValidator validator, string location, string? id, string? type, JsonElement obj)
    {
        public string? Id { get; } = id;

        public string? Type { get; } = type;

        public JsonElement Object { get; } = obj;

        public void Report(string? property, string message) => validator.Report(location, Id, Type, property, message);

        public string Location => location;

        public string? String(string name, bool required)
        {
            if (!Object.TryGetProperty(name, out var value))
            {
                return null; // required-ness is reported once, by ValidateRequired
            }

            if (value.ValueKind != JsonValueKind.String || (required && value.GetString()!.Length == 0))
            {
                Report(name, $"must be a{(required ? " non-empty" : string.Empty)} string");
                return null;
            }

            return value.GetString();
        }

        public List<string>? StringList(string name, bool required)
        {
            if (!Object.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array || (required && value.GetArrayLength() == 0))
            {
                Report(name, $"must be a{(required ? " non-empty" : string.Empty)} list of strings");
                return null;
            }

            var items = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    Report(name, $"must hold only strings, found {item.GetRawText()}");
                    return null;
                }

                items.Add(item.GetString()!);
            }

            return items;
        }

        public long? Integer(string name, long min, long max)
        {
            if (!Object.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
            {
                Report(name, $"must be an integer from {min} to {max}, found {value.GetRawText()}");
                return null;
            }

            return number;
        }

        public DateTime? Timestamp(string name, bool required, bool millisecondPrecision)
        {
            if (!Object.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Report(name, "missing required timestamp");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || !StixTimestamp.TryParse(value.GetString()!, out var time, out var digits))
            {
                Report(name, $"{value.GetRawText()} is not a STIX timestamp (RFC 3339 UTC, YYYY-MM-DDTHH:mm:ss[.s+]Z)");
                return null;
            }

            if (millisecondPrecision && digits < 3)
            {
                Report(name, $"'{value.GetString()}' must be precise to the millisecond (e.g. 2026-04-22T03:14:07.000Z)");
            }

            return time;
        }

        public void CheckReference(string property, JsonElement value, IReadOnlyCollection<string>? allowed, BundleIndex index)
        {
            if (value.ValueKind != JsonValueKind.String || !StixIds.TryParse(value.GetString()!, out var targetType))
            {
                Report(property, $"{value.GetRawText()} is not a STIX identifier (type--UUID)");
                return;
            }

            if (allowed is not null && !allowed.Contains(targetType))
            {
                Report(property, $"may not point to a {targetType} (allowed: {string.Join(", ", allowed)})");
                return;
            }

            index.References.Add((location, Id ?? "?", Type ?? "?", property, value.GetString()!));
        }
    }
}
