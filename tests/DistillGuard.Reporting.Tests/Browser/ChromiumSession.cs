using Microsoft.Playwright;

namespace DistillGuard.Testing.Browser;

/// <summary>
/// Debian's chromium driven by Playwright: headless, as root, with a fresh profile and no background networking
/// (this machine has no network beyond loopback). Collects console errors and page errors of every page it opens,
/// and saves screenshots under <c>TestResults/screenshots/</c> at the repository root.
/// Tests call <see cref="StartAsync"/>; where chromium is absent it skips the test, naming what to install.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private ChromiumSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>Console messages of type error and uncaught page errors, from every page of this session.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<ChromiumSession> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Skip($"Browser test skipped: chromium is not installed at {ExecutablePath} (Debian: apt-get install -y chromium).");
        }

        var profile = Directory.CreateTempSubdirectory("dg-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
                Locale = "en-GB",
                TimezoneId = "UTC",
            });
            var session = new ChromiumSession(playwright, context, profile);
            context.Page += (_, page) => session.Watch(page);
            return session;
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var page = Context.Pages.Count == 1 && Context.Pages[0].Url == "about:blank" ? Context.Pages[0] : await Context.NewPageAsync();
        Watch(page);
        return page;
    }

    /// <summary>Saves a full-page screenshot and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory(), name + ".png");

        // A sticky header would otherwise be pictured wherever the page happened to be scrolled.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public static string ScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DistillGuard.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? Path.GetTempPath();
        var screenshots = Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);
        return screenshots;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be flushing its profile; a temp folder left behind is harmless.
        }
    }

    private readonly HashSet<IPage> _watched = [];

    private void Watch(IPage page)
    {
        lock (_watched)
        {
            if (!_watched.Add(page))
            {
                return;
            }
        }

        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add("page error: " + error);
            }
        };
    }
}
