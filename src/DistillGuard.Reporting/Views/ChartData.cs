using System.Text.Json;
using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>
/// The numbers report.js draws, as one JSON object embedded in the page. Campaigns appear in document order
/// (the <c>data-campaign-index</c> of each article points here).
/// </summary>
internal static class ChartData
{
    public static string Build(FindingsDocument findings, FindingsViewOptions options) => ScriptSafe.Json(json =>
    {
        json.WriteStartObject();
        WriteDocumentTimeline(json, findings);
        json.WriteStartArray("campaigns");
        foreach (var campaign in findings.Campaigns)
        {
            json.WriteStartObject();
            json.WriteString("id", campaign.CampaignId);
            WriteCampaignTimeline(json, findings.Timeline, campaign);
            WriteShares(json, "capabilities", campaign.Capabilities);
            WriteShares(json, "models", campaign.Models);
            GraphData.Write(json, campaign.Graph, options.MaxGraphNodes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteDocumentTimeline(Utf8JsonWriter json, FindingsDocument findings)
    {
        if (findings.Timeline is not { Exchanges.Length: > 0 } timeline)
        {
            json.WriteNull("timeline");
            return;
        }

        var campaigns = new long[timeline.Exchanges.Length];
        foreach (var campaign in findings.Campaigns)
        {
            if (campaign.Timeline is null)
            {
                continue;
            }

            for (var i = 0; i < campaigns.Length && i < campaign.Timeline.Length; i++)
            {
                campaigns[i] += campaign.Timeline[i];
            }
        }

        json.WriteStartObject("timeline");
        json.WriteString("start", ReportFormat.IsoTime(timeline.Start));
        json.WriteNumber("bucketMinutes", timeline.BucketMinutes);
        WriteSeries(json, "campaigns", campaigns);
        WriteDifference(json, "other", timeline.Exchanges, campaigns);
        json.WriteEndObject();
    }

    private static void WriteCampaignTimeline(Utf8JsonWriter json, Timeline? timeline, CampaignFinding campaign)
    {
        if (timeline is null || campaign.Timeline is not { Length: > 0 } series)
        {
            json.WriteNull("timeline");
            return;
        }

        // The campaign's buckets align to the document's; a shorter array means zeros after its end.
        var aligned = new long[timeline.Exchanges.Length];
        Array.Copy(series, aligned, Math.Min(series.Length, aligned.Length));
        json.WriteStartObject("timeline");
        json.WriteString("start", ReportFormat.IsoTime(timeline.Start));
        json.WriteNumber("bucketMinutes", timeline.BucketMinutes);
        WriteSeries(json, "campaign", aligned);
        WriteDifference(json, "other", timeline.Exchanges, aligned);
        json.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter json, string name, long[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteDifference(Utf8JsonWriter json, string name, long[] all, long[] part)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < all.Length; i++)
        {
            json.WriteNumberValue(Math.Max(0, all[i] - (i < part.Length ? part[i] : 0)));
        }

        json.WriteEndArray();
    }

    private static void WriteShares(Utf8JsonWriter json, string name, Dictionary<string, double>? shares)
    {
        json.WriteStartArray(name);
        foreach (var (key, share) in ReportFormat.Ranked(shares))
        {
            json.WriteStartObject();
            json.WriteString("name", key);
            json.WriteString("label", ReportFormat.Label(key));
            json.WriteNumber("share", share);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
