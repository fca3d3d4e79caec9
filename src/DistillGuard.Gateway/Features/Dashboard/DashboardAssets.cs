using System.Security.Cryptography;
using System.Text;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>The scripts and styles the dashboard page loads, served from the Reporting assembly with ETags.</summary>
internal static class DashboardAssets
{
    private static readonly Lazy<Dictionary<string, (byte[] Body, string Type, string ETag)>> Files = new(Load);

    public static IResult Serve(string name, HttpContext context)
    {
        if (!Files.Value.TryGetValue(name, out var file))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, max-age=300";
        context.Response.Headers.ETag = file.ETag;
        return context.Request.Headers.IfNoneMatch.ToString() == file.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(file.Body, file.Type);
    }

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var (name, text) in ReportAssets.Scripts)
        {
            Add(files, name, text, "text/javascript; charset=utf-8");
        }

        Add(files, "dashboard.js", ReportAssets.DashboardJs, "text/javascript; charset=utf-8");
        Add(files, "report.css", ReportAssets.ReportCss, "text/css; charset=utf-8");
        Add(files, "dashboard.css", ReportAssets.DashboardCss, "text/css; charset=utf-8");
        return files;
    }

    private static void Add(Dictionary<string, (byte[], string, string)> files, string name, string text, string type)
    {
        var body = Encoding.UTF8.GetBytes(text);
        files[name] = (body, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"");
    }
}
