using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Analysis;

/// <summary>One score per <see cref="Capability"/>, inline so a scorer lives on the stack.</summary>
[InlineArray(CapabilityNames.Count)]
internal struct CapabilityScores
{
    private float _element0;
}
