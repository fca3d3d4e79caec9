using System.Buffers;
using System.Text.Json;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>The side files beside the exchange log (accounts, overrides): JSON Lines, written whole or appended to.</summary>
internal static class JsonLinesFile
{
    public static void Write<T>(string path, FileMode mode, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var item in items)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer, item);
            }

            stream.Write(buffer.WrittenSpan);
            stream.WriteByte((byte)'\n');
        }
    }
}
