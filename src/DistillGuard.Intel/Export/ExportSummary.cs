using System.Text.Json;

namespace DistillGuard.Intel.Export;

/// <summary>What a written bundle holds, for the CLI's one-line report.</summary>
public sealed record ExportSummary(string BundleId, int Objects, int Campaigns, int Indicators, int Fingerprints)
{
    internal static ExportSummary Of(JsonElement bundle)
    {
        int objects = 0, campaigns = 0, indicators = 0, fingerprints = 0;
        foreach (var obj in bundle.GetProperty("objects").EnumerateArray())
        {
            objects++;
            switch (obj.GetProperty("type").GetString())
            {
                case "campaign": campaigns++; break;
                case "indicator": indicators++; break;
                case Stix.FingerprintExtension.ObjectType: fingerprints++; break;
            }
        }

        return new ExportSummary(bundle.GetProperty("id").GetString()!, objects, campaigns, indicators, fingerprints);
    }
}
