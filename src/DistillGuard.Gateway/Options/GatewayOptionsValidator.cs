using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Core.Net;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Options;

/// <summary>
/// Checks what data annotations cannot (shapes, URLs, names, fallbacks, CIDRs and threshold order) and lengths
/// (the <c>MinLength</c> attribute reflects over the value's type, which a native build cannot).
/// </summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        if (options.AdminToken is { Length: < 16 })
        {
            errors.Add("Gateway:AdminToken must be at least 16 characters");
        }

        if (options.Upstreams.Count == 0)
        {
            errors.Add("Gateway:Upstreams must name at least one upstream");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Upstreams.Count; i++)
        {
            var u = options.Upstreams[i];
            var at = $"Gateway:Upstreams:{i}";
            if (string.IsNullOrWhiteSpace(u.Name) || !names.Add(u.Name))
            {
                errors.Add($"{at}:Name '{u.Name}' is empty or not unique");
            }

            if (LogNames.ParseApi(u.Api) == ApiShape.Unknown)
            {
                errors.Add($"{at}:Api '{u.Api}' must be '{LogNames.AnthropicMessages}' or '{LogNames.OpenAIChat}'");
            }

            if (!Uri.TryCreate(u.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"{at}:BaseUrl '{u.BaseUrl}' must be an absolute http(s) URL");
            }

            if (u.Models.Count == 0)
            {
                errors.Add($"{at}:Models must name at least one model");
            }

            // A suspension of a model the upstream does not list would never apply: its traffic would go on.
            for (var j = 0; j < u.SuspendedModels.Count; j++)
            {
                if (!u.Models.Contains(u.SuspendedModels[j]))
                {
                    errors.Add($"{at}:SuspendedModels:{j} '{u.SuspendedModels[j]}' is not one of this upstream's Models");
                }
            }
        }

        for (var i = 0; i < options.Upstreams.Count; i++)
        {
            var u = options.Upstreams[i];
            if (u.Fallback is not { } fallback)
            {
                continue;
            }

            // Checked here rather than found out at the first failover.
            var target = options.Upstreams.Find(o => o.Name == fallback.Upstream);
            if (target is null)
            {
                errors.Add($"Gateway:Upstreams:{i}:Fallback:Upstream '{fallback.Upstream}' is not a configured upstream");
            }
            else if (ReferenceEquals(target, u))
            {
                errors.Add($"Gateway:Upstreams:{i}:Fallback:Upstream '{fallback.Upstream}' is this upstream itself; name a second source");
            }
            else if (fallback.Model is { } model && !target.Models.Contains(model))
            {
                errors.Add($"Gateway:Upstreams:{i}:Fallback:Model '{model}' is not one of upstream '{target.Name}''s Models");
            }
        }

        if (!DetectionOptions.ThresholdsInOrder(options.Policy.ReviewRisk, options.Policy.ThrottleRisk, options.Policy.BlockRisk))
        {
            errors.Add("Gateway:Policy: 0 < ReviewRisk <= ThrottleRisk <= BlockRisk must hold");
        }

        var engine = new DetectionOptions();
        if (!engine.AllowsReorderTolerance(options.Policy.ReorderTolerance))
        {
            errors.Add($"Gateway:Policy:ReorderTolerance must be at least 00:00:00 and under the engine's tick ({engine.Tick:c})");
        }

        for (var i = 0; i < options.Policy.SharedEgress.Count; i++)
        {
            try
            {
                DetectionOptions.CheckSharedEgress(options.Policy.SharedEgress[i]);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"Gateway:Policy:{ex.Message.Replace("SharedEgress: ", $"SharedEgress:{i}: ", StringComparison.Ordinal)}");
            }
        }

        if (options.Policy.RiskModel is { } riskModel)
        {
            try
            {
                _ = PolicyOptions.ReadRiskModel(riskModel);
            }
            catch (InvalidDataException ex)
            {
                errors.Add(ex.Message);
            }
        }

        if (options.Store.KeyPepper.Length < 16)
        {
            errors.Add("Gateway:Store:KeyPepper must be at least 16 characters (it keys the API-key hashes)");
        }

        if (string.IsNullOrWhiteSpace(options.Store.Path) || string.IsNullOrWhiteSpace(options.Log.Directory))
        {
            errors.Add("Gateway:Store:Path and Gateway:Log:Directory must be set");
        }

        if (options.Log.FlushInterval < TimeSpan.FromMilliseconds(10) || options.Log.FlushInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add("Gateway:Log:FlushInterval must be between 00:00:00.010 and 00:10:00");
        }

        if (options.Log.ReplayWindow is { } window && window <= TimeSpan.Zero)
        {
            errors.Add($"Gateway:Log:ReplayWindow must be positive (it was {window}); leave it unset to replay every file");
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            CheckNetwork(options.TrustedProxies[i], $"Gateway:TrustedProxies:{i}", errors);
        }

        CheckRegion(options.Region, errors);

        CheckTls(options, errors);
        CheckDecoyToolNames(options.Countermeasures.Review, "Review", errors);
        CheckDecoyToolNames(options.Countermeasures.Throttle, "Throttle", errors);
        foreach (var url in options.Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                errors.Add($"Gateway:Urls: '{url}' is not an absolute URL");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTls(GatewayOptions options, List<string> errors)
    {
        var tls = options.Tls;
        if (tls.CertificatePath is null && options.Urls.Any(static u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("Gateway:Tls:CertificatePath: an https:// listen URL needs a certificate (PKCS#12 or PEM file)");
        }

        foreach (var (path, at) in new[] { (tls.CertificatePath, "CertificatePath"), (tls.KeyPath, "KeyPath") })
        {
            if (path is not null && !File.Exists(path))
            {
                errors.Add($"Gateway:Tls:{at}: file '{path}' does not exist");
            }
        }
    }

    /// <summary>
    /// A misspelt network type or country would match no client: a deny rule that silently denies nothing, a table row
    /// whose network is never flagged. So each is checked here, where the operator sees it.
    /// </summary>
    private static void CheckRegion(RegionOptions region, List<string> errors)
    {
        for (var i = 0; i < region.DenyCountries.Count; i++)
        {
            CheckCountry(region.DenyCountries[i], $"Gateway:Region:DenyCountries:{i}", errors);
        }

        foreach (var (types, at) in new[] { (region.DenyAsnTypes, "DenyAsnTypes"), (region.FlagAsnTypes, "FlagAsnTypes") })
        {
            for (var i = 0; i < types.Count; i++)
            {
                if (RegionOptions.ParseNetworkType(types[i]) == AsnType.Unknown)
                {
                    errors.Add($"Gateway:Region:{at}:{i}: '{types[i]}' is not a network type ({RegionOptions.NetworkTypes})");
                }
            }
        }

        for (var i = 0; i < region.IpTable.Count; i++)
        {
            var row = region.IpTable[i];
            CheckNetwork(row.Cidr, $"Gateway:Region:IpTable:{i}:Cidr", errors);
            if (row.Country is { } country)
            {
                CheckCountry(country, $"Gateway:Region:IpTable:{i}:Country", errors);
            }

            if (row.AsnType is { } type && RegionOptions.ParseNetworkType(type) == AsnType.Unknown && !type.Equals("unknown", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Gateway:Region:IpTable:{i}:AsnType: '{type}' is not a network type ({RegionOptions.NetworkTypes} or unknown)");
            }
        }
    }

    /// <summary>
    /// A decoy is added to a suspect's request as a tool definition, so a name the upstream refuses would turn every
    /// such request into the upstream's 400 — for accounts at review, most of them customers. Both APIs accept
    /// 1–64 letters, digits, '_' and '-', and a request's tool names must differ.
    /// </summary>
    private static void CheckDecoyToolNames(CountermeasureSet set, string verdict, List<string> errors)
    {
        for (var i = 0; i < set.DecoyToolNames.Count; i++)
        {
            var name = set.DecoyToolNames[i];
            var at = $"Gateway:Countermeasures:{verdict}:DecoyToolNames:{i}";
            if (name.Length is 0 or > 64 || !name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                errors.Add($"{at} '{name}' is not a tool name both APIs accept (1 to 64 letters, digits, '_' or '-')");
            }
            else if (set.DecoyToolNames.IndexOf(name) < i)
            {
                errors.Add($"{at} '{name}' is named twice");
            }
        }
    }

    private static void CheckCountry(string value, string at, List<string> errors)
    {
        if (value.Length != 2 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1]))
        {
            errors.Add($"{at}: '{value}' is not an ISO 3166-1 alpha-2 code (such as SG)");
        }
    }

    private static void CheckNetwork(string value, string at, List<string> errors)
    {
        if (!IpNetworkText.TryParse(value, out _, out var problem))
        {
            errors.Add($"{at}: '{value}' {problem}");
        }
    }
}
