using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// The Data Protection key ring (cookies, bearer and refresh tokens, protected secrets) lives in PostgreSQL so every
/// instance shares it. With <c>DataProtection:CertificatePath</c> (a PFX; <c>DataProtection:CertificatePassword</c>
/// when it has one) each key is encrypted with that certificate before it is stored; without it the keys are stored in
/// clear, and Production says so loudly at startup.
/// </summary>
public static class DataProtectionSetup
{
    public static WebApplicationBuilder AddNearshoreDataProtection(this WebApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("NearshoreHub").PersistKeysToDbContext<NearshoreDbContext>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"]);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath ({path}) must hold the certificate's private key (a PFX).");
            }

            protection.ProtectKeysWithCertificate(certificate);
            // Keys written before a certificate rotation stay readable while the old certificate is still listed.
            foreach (var extra in builder.Configuration.GetSection("DataProtection:UnprotectCertificatePaths").Get<string[]>() ?? [])
            {
                protection.UnprotectKeysWithAnyCertificate(X509CertificateLoader.LoadPkcs12FromFile(extra, builder.Configuration["DataProtection:CertificatePassword"]));
            }
        }

        return builder;
    }

    /// <summary>Production warnings about settings that leave secrets or redirects unprotected.</summary>
    public static void WarnAboutUnsafeSettings(WebApplication app)
    {
        if (!app.Environment.IsProduction())
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NearshoreHub.Security");
        if (string.IsNullOrEmpty(app.Configuration["DataProtection:CertificatePath"]))
        {
            logger.LogCritical(
                "SECURITY WARNING: DataProtection:CertificatePath is not set, so the Data Protection key ring (which protects sign-in " +
                "cookies, bearer and refresh tokens) is stored UNENCRYPTED in PostgreSQL: anyone who can read the database can forge " +
                "sessions. Set DataProtection__CertificatePath to a PFX (and DataProtection__CertificatePassword).");
        }

        if (app.Configuration["AllowedHosts"] is null or "*")
        {
            logger.LogCritical(
                "SECURITY WARNING: AllowedHosts is '*': any Host header is accepted. Set AllowedHosts (environment AllowedHosts) to the " +
                "host names the site is served under, separated by ';'.");
        }
    }
}
