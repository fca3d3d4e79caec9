using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections.Features;

namespace DistillGuard.Gateway.Features.Auth;

/// <summary>
/// Remembers, per client connection, the key that connection last presented and the entry it was found under, so a
/// keep-alive connection that sends the same key on every request pays for the key's HMAC once, not per request (it
/// was the largest DistillGuard item on the gateway's profile under load). The key is held no longer than the
/// connection that sent it, compared in constant time, and trusted only while the index has not changed since.
/// Only HTTP/1 connections remember; on HTTP/2 and 3 every request is looked up.
/// </summary>
internal sealed class ConnectionKeyCache(ApiKeyIndex index)
{
    private static readonly object ItemKey = new();

    public bool TryFind(HttpContext context, ReadOnlySpan<char> presentedKey, out ApiKeyEntry entry)
    {
        // An HTTP/1 connection carries one request at a time. HTTP/2 and 3 run a connection's streams at once, and the
        // connection's items are a plain dictionary: those requests are looked up in the index every time.
        var protocol = context.Request.Protocol;
        var items = HttpProtocol.IsHttp11(protocol) || HttpProtocol.IsHttp10(protocol) ? context.Features.Get<IConnectionItemsFeature>()?.Items : null;
        if (items is null)
        {
            return index.TryFind(presentedKey, out entry);
        }

        // Read before the lookup: a key removed during it must leave an entry that is already out of date.
        var version = index.Version;
        if (items.TryGetValue(ItemKey, out var value) && value is Remembered remembered
            && remembered.Version == version
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presentedKey), MemoryMarshal.AsBytes(remembered.Key.AsSpan())))
        {
            entry = remembered.Entry;
            return true;
        }

        if (!index.TryFind(presentedKey, out entry))
        {
            return false;
        }

        items[ItemKey] = new Remembered(presentedKey.ToString(), entry, version);
        return true;
    }

    private sealed record Remembered(string Key, ApiKeyEntry Entry, int Version);
}
