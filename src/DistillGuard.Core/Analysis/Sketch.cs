using System.Numerics;

namespace DistillGuard.Core.Analysis;

/// <summary>Comparing <see cref="ExchangeFeatures.Sketch"/> values (64-bit SimHash).</summary>
public static class Sketch
{
    /// <summary>
    /// Hamming distance at or below which two sketches count as the same paraphrase family. Unrelated prompts
    /// sit around 32 (half the bits): on the 175 self-instruct seed tasks (15,225 unrelated pairs) the mean is 31.5
    /// and 0.09 % of pairs fall at or below 16, while word-level paraphrases of one prompt measure 5–15.
    /// </summary>
    public const int NearDuplicateDistance = 16;

    /// <summary>Number of differing bits, 0..64.</summary>
    public static int Hamming(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>1 for identical sketches, about 0.5 for unrelated text, 0 for complementary sketches.</summary>
    public static double Similarity(ulong a, ulong b) => 1.0 - (Hamming(a, b) / 64.0);

    /// <summary>Whether two sketches are within <see cref="NearDuplicateDistance"/>.</summary>
    public static bool AreNearDuplicates(ulong a, ulong b) => Hamming(a, b) <= NearDuplicateDistance;
}
