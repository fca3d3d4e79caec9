using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Findings;

internal sealed partial class FindingsBuilder
{
    public const int MaxRelatedCampaigns = 10;
    public const int MaxSharedIndicators = 10;

    /// <summary>
    /// Fills each campaign's <see cref="CampaignFinding.RelatedCampaigns"/>: the other campaigns holding one of its
    /// shared attributes that is strong enough to link accounts (a commodity SDK's fingerprint is not). Operators rent
    /// the same proxy networks and draw on the same prompt sets; the engine keeps them apart, and this says where they
    /// meet. Campaigns by most shared attributes, then id (at most <see cref="MaxRelatedCampaigns"/>); attributes by
    /// kind, then value (at most <see cref="MaxSharedIndicators"/> each).
    /// </summary>
    private void Relate(List<(CampaignFinding Finding, List<AttributeStats> Shared)> campaigns)
    {
        var holders = new Dictionary<AttributeStats, List<int>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < campaigns.Count; i++)
        {
            foreach (var attribute in campaigns[i].Shared)
            {
                if (LinkModel.Weight(attribute, _population) < LinkModel.LinkThreshold)
                {
                    continue;
                }

                if (!holders.TryGetValue(attribute, out var list))
                {
                    list = [];
                    holders.Add(attribute, list);
                }

                list.Add(i);
            }
        }

        var related = new Dictionary<(int Campaign, int Other), List<SharedIndicator>>();
        foreach (var (attribute, list) in holders)
        {
            if (list.Count < 2)
            {
                continue;
            }

            var indicator = new SharedIndicator { Kind = LinkModel.EdgeKind(attribute.Kind), Value = attribute.Label };
            foreach (var campaign in list)
            {
                foreach (var other in list)
                {
                    if (other != campaign)
                    {
                        if (!related.TryGetValue((campaign, other), out var shared))
                        {
                            shared = [];
                            related.Add((campaign, other), shared);
                        }

                        shared.Add(indicator);
                    }
                }
            }
        }

        foreach (var ((campaign, other), shared) in related)
        {
            shared.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.Kind, y.Kind);
                return c != 0 ? c : string.CompareOrdinal(x.Value, y.Value);
            });
            var finding = campaigns[campaign].Finding;
            finding.RelatedCampaigns ??= [];
            finding.RelatedCampaigns.Add(new RelatedCampaign
            {
                CampaignId = campaigns[other].Finding.CampaignId,
                Shared = shared,
            });
        }

        foreach (var (finding, _) in campaigns)
        {
            if (finding.RelatedCampaigns is not { } list)
            {
                continue;
            }

            list.Sort(static (x, y) =>
            {
                var c = y.Shared.Count.CompareTo(x.Shared.Count);
                return c != 0 ? c : string.CompareOrdinal(x.CampaignId, y.CampaignId);
            });
            if (list.Count > MaxRelatedCampaigns)
            {
                list.RemoveRange(MaxRelatedCampaigns, list.Count - MaxRelatedCampaigns);
            }

            foreach (var r in list)
            {
                if (r.Shared.Count > MaxSharedIndicators)
                {
                    r.Shared.RemoveRange(MaxSharedIndicators, r.Shared.Count - MaxSharedIndicators);
                }
            }
        }
    }
}
