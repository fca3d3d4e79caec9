namespace DistillGuard.Intel.Stix;

/// <summary>One MITRE ATLAS technique: id, name, and why a distillation campaign uses it.</summary>
internal sealed record AtlasTechnique(string Id, string Name, string Description)
{
    public string Url => "https://atlas.mitre.org/techniques/" + Id;
}
