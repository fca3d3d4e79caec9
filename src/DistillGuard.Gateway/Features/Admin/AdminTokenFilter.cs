using System.Security.Cryptography;
using System.Text;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Admin;

/// <summary>Lets an admin request through only with the configured token (Bearer or <c>X-Admin-Token</c>), compared in constant time.</summary>
internal sealed class AdminTokenFilter(IOptions<GatewayOptions> options) : IEndpointFilter
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(options.Value.AdminToken);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        IsAuthorized(context.HttpContext.Request)
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(new Dictionary<string, string> { ["error"] = "admin token required" }, GatewayJsonContext.Default.DictionaryStringString, statusCode: 401));

    public bool IsAuthorized(HttpRequest request)
    {
        var presented = request.Headers["X-Admin-Token"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (presented.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization[7..].Trim();
        }

        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
    }
}
