using Microsoft.Playwright;

namespace Ingestion.Tests.WebConsole;

/// <summary>
/// Debian's <c>chromium</c> (installed by scripts/test.sh with apt), driven headless by Playwright; Playwright's own browser
/// download is never used. <c>INGESTION_CHROMIUM</c> points elsewhere.
/// </summary>
internal static class HeadlessChromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("INGESTION_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assert.That(File.Exists(ExecutablePath), Is.True, $"{ExecutablePath} is missing: install Debian's chromium (scripts/test.sh does: apt-get install -y chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // --no-sandbox: the tests run as root here, where Chromium's sandbox refuses to start.
            Args =
            [
                "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-gpu", "--disable-quic",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>Where the README's screenshots go: docs/screenshots of the repository the tests were built from.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ingestion.sln")))
        {
            folder = folder.Parent;
        }

        var screenshots = Path.Combine(folder?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(screenshots);
        return Path.Combine(screenshots, name);
    }
}
