namespace DistillGuard.Intel.Stix;

/// <summary>The MITRE ATLAS techniques a distillation campaign uses, as exported attack patterns.</summary>
internal static class AtlasTechniques
{
    public const string SourceName = "mitre-atlas";

    public static readonly AtlasTechnique ExtractModel = new(
        "AML.T0024.002",
        "Extract AI Model",
        "Adversaries extract a functional copy of a model by querying its inference API and training on the answers " +
        "(sub-technique of AML.T0024 Exfiltration via AI Inference API). Distillation campaigns harvest millions of " +
        "responses through many accounts to train a rival model.");

    public static readonly AtlasTechnique InferenceApiAccess = new(
        "AML.T0040",
        "AI Model Inference API Access",
        "Adversaries gain access to a model through its legitimate inference API, here through fraudulent accounts " +
        "routed over proxy networks to stay under per-account limits.");

    public static IReadOnlyList<AtlasTechnique> All { get; } = [ExtractModel, InferenceApiAccess];
}
