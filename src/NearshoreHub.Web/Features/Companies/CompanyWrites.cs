using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Companies;

/// <summary>The company and API-key writes shared by the admin API and the admin pages, so both audit the same way.</summary>
internal static class CompanyWrites
{
    /// <summary>Expects a request that passed <see cref="CompanyRequestValidator"/>.</summary>
    public static async Task<Company> CreateAsync(CompanyRequest request, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var company = new Company { Id = Guid.CreateVersion7(), Name = request.Name!.Trim(), TimeZone = request.TimeZone!, CreatedAt = clock.GetUtcNow() };
        db.Companies.Add(company);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "company.create", company.Id.ToString());
        return company;
    }

    /// <summary>Issues a key for an existing company; null when there is no such company. The key is in the answer only.</summary>
    public static async Task<CreatedApiKeyDto?> CreateKeyAsync(Guid companyId, ApiKeyRequest request, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, http.RequestAborted))
        {
            return null;
        }

        var (key, prefix) = ApiKeys.Generate();
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            CompanyId = companyId,
            Name = request.Name!.Trim(),
            Prefix = prefix,
            KeyHash = ApiKeys.Hash(key),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "apikey.create", apiKey.Id.ToString(), $"company {companyId}, prefix {prefix}");
        // Never cache or replay a secret from a shared store.
        http.Response.Headers.CacheControl = "no-store";
        return new CreatedApiKeyDto(apiKey.Id, apiKey.Name, prefix, key, apiKey.CreatedAt);
    }

    /// <summary>False when the company has no such key. Revoking twice keeps the first revocation time.</summary>
    public static async Task<bool> RevokeKeyAsync(Guid companyId, Guid keyId, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var now = clock.GetUtcNow();
        if (!await db.ApiKeys.AnyAsync(k => k.Id == keyId && k.CompanyId == companyId, http.RequestAborted))
        {
            return false;
        }

        await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), http.RequestAborted);
        await audit.WriteAsync(http, "apikey.revoke", keyId.ToString());
        return true;
    }
}
