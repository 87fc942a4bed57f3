using Microsoft.Playwright;

namespace ConflictSim.Tests.Support;

/// <summary>
/// Headless Chromium from Debian (<c>/usr/bin/chromium</c>, installed by .ci/run), driven by Playwright, which
/// must never download a browser here. Every page opened through it records console errors, uncaught
/// exceptions and requests to any other origin, so a test can prove a page is offline and clean.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    public IBrowser Chromium { get; }

    private Browser(IPlaywright playwright, IBrowser chromium) { this.playwright = playwright; Chromium = chromium; }

    /// <summary>
    /// Null when Chromium is installed. Otherwise why the browser tests cannot run: on CI that is a failure
    /// (CI installs it); on a developer's machine the test says so and returns.
    /// </summary>
    public static string? Missing()
    {
        if (File.Exists(ChromiumPath)) return null;
        string why = $"{ChromiumPath} is not installed (apt-get install -y chromium); the browser tests need it";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(why);
        Console.Error.WriteLine("skipped: " + why);
        return why;
    }

    public static async Task<Browser> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh context (its own cookies and storage, like a separate student's machine) with one watched page.</summary>
    public async Task<WatchedPage> NewPageAsync(string? allowedOrigin = null, int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        return new WatchedPage(context, page, allowedOrigin);
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        playwright.Dispose();
    }

    /// <summary>Where screenshots go: TestResults/screenshots under the repository, kept by CI as artifacts.</summary>
    public static string ScreenshotPath(string name)
    {
        string dir = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}

/// <summary>A page whose console errors, page errors and foreign requests are collected for <see cref="AssertClean"/>.</summary>
internal sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> problems = [];
    public IPage Page { get; }

    public WatchedPage(IBrowserContext context, IPage page, string? allowedOrigin)
    {
        this.context = context;
        Page = page;
        page.Console += (_, m) => { if (m.Type == "error") lock (problems) problems.Add("console error: " + m.Text); };
        page.PageError += (_, e) => { lock (problems) problems.Add("page error: " + e); };
        page.Request += (_, r) =>
        {
            var url = new Uri(r.Url);
            bool local = url.Scheme is "data" or "blob" or "about" || (url.Scheme == "file" && allowedOrigin is null);
            if (!local && (allowedOrigin is null || !r.Url.StartsWith(allowedOrigin, StringComparison.Ordinal)))
                lock (problems) problems.Add("request to another address: " + r.Url);
        };
    }

    public IReadOnlyList<string> Problems { get { lock (problems) return problems.ToArray(); } }

    public void AssertClean()
    {
        var found = Problems;
        Assert.True(found.Count == 0, "the page was not clean:\n" + string.Join("\n", found));
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(name), FullPage = true });

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
