namespace DistillGuard.Core.Tests.Log;

/// <summary>Random damage to a valid text, for robustness tests: one to three byte edits drawn from an alphabet, or a cut.</summary>
internal static class TextMutator
{
    /// <param name="seed">The valid text; not changed.</param>
    /// <param name="random">The test's seeded generator, so a failure can be replayed.</param>
    /// <param name="alphabet">Bytes to write and insert: the ones the code under test treats specially.</param>
    /// <param name="cutNearEnd">Cut within the last 8 bytes (most of the text survives) instead of anywhere.</param>
    public static byte[] Mutate(byte[] seed, Random random, byte[] alphabet, bool cutNearEnd = false)
    {
        var text = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && text.Count > 0; e++)
        {
            var at = random.Next(text.Count);
            switch (random.Next(4))
            {
                case 0:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 1:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2:
                    text.RemoveAt(at);
                    break;
                default:
                    var from = cutNearEnd ? Math.Max(at, text.Count - 8) : at;
                    text.RemoveRange(from, text.Count - from);
                    break;
            }
        }

        return [.. text];
    }
}
