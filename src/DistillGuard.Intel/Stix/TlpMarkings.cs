using System.Text.Json.Nodes;

namespace DistillGuard.Intel.Stix;

/// <summary>
/// The four TLP marking definitions STIX 2.1 predefines (§7.2.1.4). Their ids and content are fixed by the
/// specification: producers must use exactly these objects, never mint their own TLP markings.
/// </summary>
internal static class TlpMarkings
{
    public const string WhiteId = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
    public const string GreenId = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    public const string AmberId = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    public const string RedId = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
    public const string Created = "2017-01-20T00:00:00.000Z";

    public static string IdOf(TlpLevel level) => level switch
    {
        TlpLevel.White => WhiteId,
        TlpLevel.Green => GreenId,
        TlpLevel.Amber => AmberId,
        TlpLevel.Red => RedId,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string ColourOf(TlpLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The colour a predefined TLP id stands for, or null when <paramref name="id"/> is not one of them.</summary>
    public static string? ColourOf(string id) => id switch
    {
        WhiteId => "white",
        GreenId => "green",
        AmberId => "amber",
        RedId => "red",
        _ => null,
    };

    public static JsonObject Create(TlpLevel level) => new()
    {
        ["type"] = "marking-definition",
        ["spec_version"] = "2.1",
        ["id"] = IdOf(level),
        ["created"] = Created,
        ["definition_type"] = "tlp",
        ["name"] = "TLP:" + level.ToString().ToUpperInvariant(),
        ["definition"] = new JsonObject { ["tlp"] = ColourOf(level) },
    };
}
