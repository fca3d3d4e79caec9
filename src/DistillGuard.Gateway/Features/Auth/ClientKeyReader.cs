
namespace DistillGuard.Gateway.Features.Auth;

/// <summary>Reads the client's API key from <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
internal static class ClientKeyReader
{
    public static ReadOnlySpan<char> Read(HttpRequest request)
    {
        var apiKey = request.Headers["x-api-key"];
        if (apiKey.Count == 1 && !string.IsNullOrEmpty(apiKey[0]))
        {
            return apiKey[0].AsSpan().Trim();
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value.AsSpan(7).Trim();
        }

        return default;
    }
}
