using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port over its own PostgreSQL database, so a real browser can reach it.</summary>
public sealed class KestrelAppFactory : NearshoreApiFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        // Port 0: the OS picks a free port, so parallel runs on one machine never collide.
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        // API clients made by the shared helpers go to the real port too.
        ClientOptions.BaseAddress = BaseAddress;
    }

}

/// <summary>
/// One app and one headless Debian Chromium shared by the browser tests (a collection fixture: starting either is the
/// slow part). Playwright's bundled driver talks to /usr/bin/chromium; nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public KestrelAppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>
    /// A fresh Debian machine has no Chromium; as root the suite installs Debian's package itself, so the
    /// README's one test command works there with nothing installed by hand. Anyone else is told what to run.
    /// </summary>
    private static async Task EnsureChromiumAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(ChromiumPath))
            {
                return;
            }

            if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
            {
                foreach (var arguments in new[] { "update", "install -y --no-install-recommends chromium fonts-dejavu-core" })
                {
                    var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/apt-get", arguments) { RedirectStandardInput = true };
                    start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
                    using var process = System.Diagnostics.Process.Start(start)!;
                    process.StandardInput.Close();
                    await process.WaitForExitAsync();
                }
            }

            if (!File.Exists(ChromiumPath))
            {
                throw new InvalidOperationException($"{ChromiumPath} is missing. Install it with: apt-get update && apt-get install -y chromium");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();

        await App.InitializeAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) at a laptop or phone size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            DeviceScaleFactor = 1,
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    private static readonly System.Text.RegularExpressions.Regex LoginUrl = new("/Account/Login");

    public async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Polls for the signed-in page itself. WaitForURLAsync also waits for the page's load event, whatever its
        // WaitUntil says once the URL already matches, and under full test runs that event was missed three times
        // after the redirect had arrived (30 s timeouts with only "NetworkIdle" in Playwright's log).
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginUrl, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
