using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Options;

/// <summary>
/// The generated data-annotation checks (<see cref="GatewayOptionsAnnotations"/>), their failures named by
/// configuration key as every other check names them: "Gateway:Policy:ThrottleRisk must be between 0 and 1" rather
/// than "ThrottleRisk: The field GatewayOptions.Policy.ThrottleRisk must be between 0 and 1."
/// </summary>
internal sealed partial class GatewayAnnotationValidator : IValidateOptions<GatewayOptions>
{
    private readonly GatewayOptionsAnnotations _generated = new();

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var result = _generated.Validate(name, options);
        return result.Failed ? ValidateOptionsResult.Fail(result.Failures.Select(Rename)) : result;
    }

    /// <summary>One generated failure with its member path as a configuration key.</summary>
    internal static string Rename(string failure)
    {
        var match = Generated().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var key = "Gateway" + match.Groups["path"].Value.Replace("[", ":", StringComparison.Ordinal)
            .Replace("]", string.Empty, StringComparison.Ordinal).Replace('.', ':');
        return $"{key} {match.Groups["rest"].Value.TrimEnd('.')}";
    }

    // "Member: The field GatewayOptions.A.B must be …" and "Member: The GatewayOptions.A[0].B field is required."
    [GeneratedRegex(@"^\w+: The (?:field GatewayOptions(?<path>[\w.\[\]]+) |GatewayOptions(?<path>[\w.\[\]]+) field )(?<rest>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Generated();
}
