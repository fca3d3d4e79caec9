using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>A reason as a readable sentence with its signal and weight beside it.</summary>
internal static class ReasonView
{
    public static void WriteItem(HtmlWriter html, Reason reason)
    {
        html.Raw("<li>").Element("span", "dg-signal", reason.Signal)
            .Element("span", "dg-weight", ReportFormat.Decimal(reason.Weight))
            .Element("span", "dg-detail", reason.Detail)
            .Raw("</li>");
    }
}
