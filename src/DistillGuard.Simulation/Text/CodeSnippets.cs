using System.Text;
using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Text;

/// <summary>Small, plausible code snippets with varied identifiers and constants, in several languages.</summary>
internal static class CodeSnippets
{
    private static readonly string[] Shapes =
    [
        "```python\ndef process_{0}({0}, limit={1}):\n    result = []\n    for item in {0}:\n        if item.get(\"{2}\") is None:\n            continue\n        result.append(item[\"{2}\"] * {1})\n    return sorted(result)[:limit]\n```",
        "```typescript\nexport async function load{3}(id: string): Promise<{3}[]> {{\n  const res = await fetch(`/api/{0}/${{id}}?limit={1}`);\n  const data = await res.json();\n  return data.{0}.filter((x: any) => x.{2} > {1});\n}}\n```",
        "```go\nfunc Sum{3}({0} []int) int {{\n\ttotal := 0\n\tfor i := 0; i <= len({0}); i++ {{\n\t\ttotal += {0}[i] * {1}\n\t}}\n\treturn total\n}}\n```",
        "```rust\nfn top_{0}({0}: &mut Vec<u32>) -> Option<u32> {{\n    {0}.sort();\n    let first = {0}.first()?;\n    Some(first * {1})\n}}\n```",
        "```java\npublic List<String> {0}Names(List<{3}> {0}) {{\n    return {0}.stream()\n        .filter(x -> x.get{3}() > {1})\n        .map({3}::getName)\n        .collect(Collectors.toList());\n}}\n```",
        "```csharp\npublic static int Count{3}(IEnumerable<int> {0})\n{{\n    var count = 0;\n    foreach (var x in {0}) {{ if (x % {1} == 0) count++; }}\n    return count;\n}}\n```",
        "```sql\nSELECT {2}, COUNT(*) AS n, AVG(amount) AS avg_amount\nFROM {0}\nWHERE created_at > NOW() - INTERVAL '{1} days'\nGROUP BY {2}\nHAVING COUNT(*) > {1}\nORDER BY n DESC;\n```",
    ];

    public static void Append(SimRandom r, StringBuilder sb)
    {
        var ident = r.Pick(Vocabulary.Identifiers);
        var field = r.Pick(Vocabulary.Columns);
        var type = char.ToUpperInvariant(ident[0]) + ident[1..];
        sb.AppendFormat(System.Globalization.CultureInfo.InvariantCulture, r.Pick(Shapes), ident, r.Next(2, 500), field, type);
    }
}
