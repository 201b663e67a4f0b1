using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Companies;

public static class CompaniesApi
{
    public static RouteGroupBuilder MapCompanies(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/companies").WithTags("Companies").WithValidation()
            .RequireAuthorization(Policies.Admin);

        group.MapGet("/", List).WithName("ListCompanies").WithSummary("Lists client companies (admin).");
        group.MapGet("/{id:guid}", Get).WithName("GetCompany").WithSummary("Reads one company (admin).");
        group.MapPost("/", Create).WithName("CreateCompany").WithSummary("Creates a client company (admin). Accepts Idempotency-Key.");
        group.MapPut("/{id:guid}", Update).WithName("UpdateCompany").WithSummary("Renames a company or changes its zone (admin). Honours If-Match.");
        group.MapGet("/{id:guid}/api-keys", ListKeys).WithName("ListApiKeys").WithSummary("Lists a company's API keys, never the keys themselves (admin).");
        group.MapPost("/{id:guid}/api-keys", CreateKey).WithName("CreateApiKey").WithSummary("Issues an API key; the key is shown in this answer only (admin).");
        group.MapDelete("/{id:guid}/api-keys/{keyId:guid}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revokes an API key at once (admin).");
        return group;
    }

    private static async Task<Ok<PagedList<CompanyDto>>> List([AsParameters] CompanyListQuery query, NearshoreDbContext db, CancellationToken ct)
    {
        var companies = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            companies = companies.Where(c => EF.Functions.ILike(c.Name, "%" + query.Q.Trim() + "%"));
        }

        var total = await companies.CountAsync(ct);
        var items = await companies.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .Select(c => new CompanyDto(c.Id, c.Name, c.TimeZone, c.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<CompanyDto>(items, total));
    }

    private static async Task<Results<Ok<CompanyDto>, NotFound>> Get(Guid id, NearshoreDbContext db, HttpContext http)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        if (company is null)
        {
            return TypedResults.NotFound();
        }

        ETags.Set(http, company.Version);
        return TypedResults.Ok(ToDto(company));
    }

    private static async Task<Created<CompanyDto>> Create(CompanyRequest request, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var company = await CompanyWrites.CreateAsync(request, db, clock, audit, http);
        ETags.Set(http, company.Version);
        return TypedResults.Created($"/api/v1/companies/{company.Id}", ToDto(company));
    }

    private static async Task<Results<Ok<CompanyDto>, NotFound>> Update(Guid id, CompanyRequest request, NearshoreDbContext db, AuditLog audit, HttpContext http)
    {
        var company = await db.Companies.SingleOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        if (company is null)
        {
            return TypedResults.NotFound();
        }

        ETags.CheckIfMatch(http, company.Version);
        company.Name = request.Name!.Trim();
        company.TimeZone = request.TimeZone!;
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "company.update", id.ToString());
        ETags.Set(http, company.Version);
        return TypedResults.Ok(ToDto(company));
    }

    private static async Task<Results<Ok<ApiKeyList>, NotFound>> ListKeys(Guid id, NearshoreDbContext db, CancellationToken ct)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CompanyId == id).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
            .Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new ApiKeyList(keys));
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, NotFound>> CreateKey(
        Guid id, ApiKeyRequest request, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var created = await CompanyWrites.CreateKeyAsync(id, request, db, clock, audit, http);
        return created is null
            ? TypedResults.NotFound()
            : TypedResults.Created($"/api/v1/companies/{id}/api-keys/{created.Id}", created);
    }

    private static async Task<Results<NoContent, NotFound>> RevokeKey(Guid id, Guid keyId, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http) =>
        await CompanyWrites.RevokeKeyAsync(id, keyId, db, clock, audit, http) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static CompanyDto ToDto(Company c) => new(c.Id, c.Name, c.TimeZone, c.CreatedAt);
}
