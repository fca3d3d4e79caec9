using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Analysis;

/// <summary>Character classes as bit flags: one table load per ASCII character instead of several char.IsXxx calls.</summary>
internal static class CharClass
{
    public const int Letter = 1;
    public const int Digit = 2;
    public const int Upper = 4;
    public const int Lower = 8;
    public const int Underscore = 16;
    public const int LetterOrDigit = Letter | Digit;

    /// <summary>Derived by the tokenizer, never in the table: an upper-case letter followed a lower-case one (camelCase).</summary>
    public const int Camel = 32;

    /// <summary>Derived by the tokenizer, never in the table: an upper-case letter after a word's first character.</summary>
    public const int UpperAfterFirst = 64;

    /// <summary>Characters that continue a word run.</summary>
    public const int WordChar = Letter | Digit | Underscore;

    private static readonly byte[] Ascii = BuildAscii();

    /// <summary>The ASCII table itself, for loops that index it directly.</summary>
    public static ReadOnlySpan<byte> AsciiTable => Ascii;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(char c) => c < 128 ? Ascii[c] : OfNonAscii(c);

    private static int OfNonAscii(char c)
    {
        if (char.IsLetter(c))
        {
            return Letter | (char.IsUpper(c) ? Upper : char.IsLower(c) ? Lower : 0);
        }

        return char.IsDigit(c) ? Digit : 0;
    }

    private static byte[] BuildAscii()
    {
        var table = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = Letter | Lower;
            table[c - 32] = Letter | Upper;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = Digit;
        }

        table['_'] = Underscore;
        return table;
    }
}
