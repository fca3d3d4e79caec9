using System.Globalization;
using System.Text;
using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Text;

/// <summary>Math and logic problems with fresh numbers: the raw material of reasoning distillation.</summary>
internal static class ProblemGenerator
{
    private static readonly string[] Shapes =
    [
        "A train leaves {0} at {1} km/h and another leaves {2} minutes later at {3} km/h on the same track. How long until the second train catches up?",
        "Find all integers n between 1 and {4} such that n^2 + {1} is divisible by {5}.",
        "A bag contains {1} red and {3} blue marbles. Three marbles are drawn without replacement. What is the probability that exactly two are red?",
        "Prove that for every positive integer n, the sum 1 + 3 + ... + (2n-1) equals n^2, and use it to compute the sum of the first {1} odd numbers.",
        "Let f(x) = x^3 - {5}x + {1}. Find the number of real roots of f and approximate the largest one to two decimals.",
        "{6} invests {4} dollars at {5}% compounded monthly. After how many months does the balance first exceed {7} dollars?",
        "In triangle ABC, AB = {5}, BC = {1}, and angle B = 60 degrees. Compute AC and the area of the triangle.",
        "Five people must be seated around a round table so that {6} and {8} are not adjacent. In how many ways can this be done? Generalise to {5} people.",
        "A sequence is defined by a_1 = {5}, a_(n+1) = 2a_n - {1}. Find a closed form and compute a_{5}.",
        "How many {5}-digit numbers have digits that sum to {1}?",
        "Three friends, {6}, {8} and {9}, each either always lie or always tell the truth. {6} says '{8} lies'. {8} says '{6} and {9} are the same type'. Who is a truth-teller?",
    ];

    public static void Append(SimRandom r, StringBuilder sb)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendFormat(inv, r.Pick(Shapes), r.Pick(Vocabulary.Cities), r.Next(40, 180), r.Next(5, 90), r.Next(60, 220), r.Next(100, 5000), r.Next(2, 13),
            r.Pick(Vocabulary.FirstNames), r.Next(6000, 90000), r.Pick(Vocabulary.FirstNames), r.Pick(Vocabulary.FirstNames));
    }

    public static string Make(SimRandom r)
    {
        var sb = new StringBuilder(200);
        Append(r, sb);
        return sb.ToString();
    }
}
