using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace NearshoreHub.Web.Tests.Security.Secrets;

/// <summary>The app with <c>DataProtection:CertificatePath</c> set to a fresh self-signed PFX.</summary>
public sealed class CertificateProtectedKeysFactory : NearshoreApiFactory
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"nearshore-dp-{Guid.NewGuid():N}.pfx");

    public override async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=NearshoreHub Data Protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllBytesAsync(_path, certificate.Export(X509ContentType.Pfx, "test-pfx-password"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_path);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", _path);
        builder.UseSetting("DataProtection:CertificatePassword", "test-pfx-password");
    }
}

/// <summary>The app as Production, without a certificate and with AllowedHosts left open, logs captured.</summary>
public sealed class UnprotectedProductionFactory : NearshoreApiFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("AllowedHosts", "*");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

public sealed class CertificateProtectedKeysTests(CertificateProtectedKeysFactory app) : IClassFixture<CertificateProtectedKeysFactory>
{
    [Fact]
    public async Task With_a_certificate_configured_the_data_protection_keys_are_stored_encrypted_and_still_work()
    {
        // Signing in uses the key ring (bearer tokens), so a key exists afterwards, and must still protect and unprotect.
        using var admin = await app.AdminAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);

        var keys = await app.QueryAsync("SELECT xml FROM data_protection_keys");
        Assert.NotEmpty(keys);
        Assert.All(keys, row =>
        {
            Assert.Contains("EncryptedData", row[0], StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", row[0], StringComparison.Ordinal);
        });
    }
}

public sealed class UnprotectedProductionTests(UnprotectedProductionFactory app) : IClassFixture<UnprotectedProductionFactory>
{
    [Fact]
    public async Task Production_without_a_certificate_or_allowed_hosts_warns_loudly_at_startup()
    {
        using var scope = app.Services.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var critical = app.Logs.Events.Where(e => e.Level == LogEventLevel.Fatal || e.Level == LogEventLevel.Error || e.Level == LogEventLevel.Warning)
            .Select(CapturedLogs.Text).ToList();
        Assert.Contains(critical, text => text.Contains("DataProtection:CertificatePath is not set", StringComparison.Ordinal));
        Assert.Contains(critical, text => text.Contains("AllowedHosts is '*'", StringComparison.Ordinal));

        // Unencrypted: this is what the warning is about.
        using var admin = await app.AdminAsync();
        var keys = await app.QueryAsync("SELECT xml FROM data_protection_keys");
        Assert.Contains(keys, row => row[0]!.Contains("<value>", StringComparison.Ordinal));
    }
}
