namespace DistillGuard.Intel.Stix;

/// <summary>STIX 2.1 type and property name rules (§3.1): ASCII, lowercase letters, digits and hyphen (types) or underscore (properties), 3-250 characters.</summary>
internal static class StixTypeNames
{
    public static bool IsValid(string type)
    {
        if (type.Length is < 3 or > 250 || type[0] == '-' || type[^1] == '-' || type.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in type)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidPropertyName(string name)
    {
        if (name.Length is < 3 or > 250)
        {
            return name is "id"; // the only two-letter name the spec defines
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
