using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Gateway.Features.Shapes;

/// <summary>
/// A rewritten body as UTF-8 JSON or as a <see cref="JsonElement"/>, written by the node itself: the serializer's
/// generic entry points reflect over the value's type, which a native build cannot.
/// </summary>
internal static class JsonNodeText
{
    public static byte[] ToUtf8(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JsonElement ToElement(JsonNode node)
    {
        var reader = new Utf8JsonReader(ToUtf8(node));
        return JsonElement.ParseValue(ref reader);
    }
}
