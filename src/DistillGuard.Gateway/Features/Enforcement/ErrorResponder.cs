using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Enforcement;

/// <summary>
/// Writes gateway errors in the client's API's own error shape, so SDKs surface the message:
/// Anthropic <c>{"type":"error","error":{"type","message"}}</c>, OpenAI <c>{"error":{"message","type","param","code"}}</c>.
/// </summary>
internal static class ErrorResponder
{
    public static Task WriteAsync(HttpContext context, ApiShape shape, int status, string message, CancellationToken cancellationToken = default)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (shape == ApiShape.OpenAIChat)
            {
                writer.WriteStartObject("error"u8);
                writer.WriteString("message"u8, message);
                writer.WriteString("type"u8, OpenAIType(status));
                writer.WriteNull("param"u8);
                writer.WriteString("code"u8, OpenAICode(status));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("type"u8, "error"u8);
                writer.WriteStartObject("error"u8);
                writer.WriteString("type"u8, AnthropicType(status));
                writer.WriteString("message"u8, message);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).AsTask();
    }

    private static string AnthropicType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        503 or 529 => "overloaded_error",
        _ => "api_error",
    };

    private static string OpenAIType(int status) => status switch
    {
        400 or 404 or 413 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_denied",
        429 => "rate_limit_exceeded",
        _ => "server_error",
    };

    private static string OpenAICode(int status) => status switch
    {
        400 => "invalid_request",
        401 => "invalid_api_key",
        403 => "account_blocked",
        404 => "model_not_found",
        413 => "request_too_large",
        429 => "rate_limit_exceeded",
        503 => "service_unavailable",
        _ => "upstream_error",
    };
}
