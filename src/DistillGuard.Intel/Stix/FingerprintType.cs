namespace DistillGuard.Intel.Stix;

/// <summary>What an <c>llm-abuse-fingerprint</c> holds; wire names in <see cref="FingerprintTypeNames"/>.</summary>
internal enum FingerprintType
{
    PaymentInstrument,
    PromptTemplate,
    PromptSketch,
    Client,
}
