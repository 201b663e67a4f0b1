using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Professionals;

public static class ProfessionalsApi
{
    public static RouteGroupBuilder MapProfessionals(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/professionals").WithTags("Professionals").WithValidation()
            .RequireAuthorization(Policies.Staff);

        group.MapGet("/", ProfessionalSearchApi.Search).WithName("SearchProfessionals")
            .WithSummary("Searches professionals: q, skills (name or name:minLevel), country, citySize, rural, minEnglish, maxRate, availableBy, overlapZone+overlapStart+overlapEnd+minOverlap, status, sort, offset, limit.");
        group.MapPost("/import", ProfessionalImportApi.Import).WithName("ImportProfessionals")
            .WithSummary("Imports professionals from CSV (text/csv, header row; mode=atomic|partial), merging by email.")
            .Accepts<string>(ProfessionalCsv.ContentType)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ProfessionalImportApi.MaxBytes(routes.ServiceProvider.GetRequiredService<IConfiguration>())))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/export", ProfessionalExport.Export).WithName("ExportProfessionals")
            .WithSummary("Streams the professionals matching the search filters as CSV in the import format.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        group.MapGet("/{id:guid}", Get).WithName("GetProfessional").WithSummary("Reads one professional.");
        group.MapPost("/", Create).WithName("CreateProfessional").WithSummary("Adds a professional. Accepts Idempotency-Key.");
        group.MapPut("/{id:guid}", Update).WithName("UpdateProfessional").WithSummary("Replaces a professional. Honours If-Match.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteProfessional").WithSummary("Removes a professional. Honours If-Match.");
        return group;
    }

    private static async Task<Results<Ok<ProfessionalDto>, NotFound>> Get(Guid id, NearshoreDbContext db, SkillCatalog catalog, HttpContext http)
    {
        var professional = await db.Professionals.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (professional is null)
        {
            return TypedResults.NotFound();
        }

        ETags.Set(http, professional.Version);
        return TypedResults.Ok(professional.ToDto(catalog));
    }

    private static async Task<Created<ProfessionalDto>> Create(
        ProfessionalRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock,
        ProfessionalWrites writes, HttpContext http)
    {
        var now = clock.GetUtcNow();
        var professional = new Professional
        {
            Id = Guid.CreateVersion7(),
            FullName = "",
            Email = "",
            NormalizedEmail = "",
            Country = "",
            City = "",
            TimeZone = "",
            CreatedAt = now,
        };
        professional.Apply(request, catalog, now);
        await EnsureEmailFree(db, professional.NormalizedEmail, null, http.RequestAborted);
        db.Professionals.Add(professional);
        await writes.SaveAsync([professional.Id], AuditActor.Of(http), "professional.create", professional.Id.ToString(), http.RequestAborted);
        ETags.Set(http, professional.Version);
        return TypedResults.Created($"/api/v1/professionals/{professional.Id}", professional.ToDto(catalog));
    }

    private static async Task<Results<Ok<ProfessionalDto>, NotFound>> Update(
        Guid id, ProfessionalRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock,
        ProfessionalWrites writes, HttpContext http)
    {
        var professional = await db.Professionals.Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (professional is null)
        {
            return TypedResults.NotFound();
        }

        ETags.CheckIfMatch(http, professional.Version);
        professional.Apply(request, catalog, clock.GetUtcNow());
        await EnsureEmailFree(db, professional.NormalizedEmail, id, http.RequestAborted);
        // Touch the row itself so xmin moves even when only skills changed: the ETag must change with any edit.
        db.Entry(professional).Property(p => p.UpdatedAt).IsModified = true;
        await writes.SaveAsync([id], AuditActor.Of(http), "professional.update", id.ToString(), http.RequestAborted);
        ETags.Set(http, professional.Version);
        return TypedResults.Ok(professional.ToDto(catalog));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, NearshoreDbContext db, ProfessionalWrites writes, HttpContext http)
    {
        var professional = await db.Professionals.SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (professional is null)
        {
            return TypedResults.NotFound();
        }

        ETags.CheckIfMatch(http, professional.Version);
        db.Professionals.Remove(professional);
        await writes.SaveAsync([id], AuditActor.Of(http), "professional.delete", id.ToString(), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task EnsureEmailFree(NearshoreDbContext db, string normalizedEmail, Guid? self, CancellationToken ct)
    {
        if (await db.Professionals.AnyAsync(p => p.NormalizedEmail == normalizedEmail && p.Id != self, ct))
        {
            throw new DuplicateException("A professional with this email already exists.");
        }
    }
}

public static class ProfessionalMapping
{
    public static void Apply(this Professional professional, ProfessionalRequest request, SkillCatalog catalog, DateTimeOffset now)
    {
        professional.ApplyFields(request, Reference.ToMask(request.WorkingDays), now);
        var wanted = request.Skills!.Select(s => (Id: catalog.Resolve(s.Skill)!.Id, s.Level, s.Years)).ToList();
        professional.Skills.RemoveAll(existing => wanted.All(w => w.Id != existing.SkillId));
        foreach (var (skillId, level, years) in wanted)
        {
            var existing = professional.Skills.Find(s => s.SkillId == skillId);
            if (existing is null)
            {
                professional.Skills.Add(new ProfessionalSkill { SkillId = skillId, Level = (short)level, Years = (short)years });
            }
            else
            {
                existing.Level = (short)level;
                existing.Years = (short)years;
            }
        }

        professional.ImportHash = ProfessionalImportHash.Of(professional);
    }

    /// <summary>
    /// Everything but the skills and the digest, from a validated request; <paramref name="workDays"/> is the request's
    /// days as a mask (the import's fast check has already computed it).
    /// </summary>
    public static void ApplyFields(this Professional professional, ProfessionalRequest request, short workDays, DateTimeOffset now)
    {
        professional.FullName = request.FullName!.Trim();
        professional.Email = request.Email!.Trim();
        professional.NormalizedEmail = NormalizeEmail(professional.Email);
        professional.Headline = request.Headline?.Trim() ?? "";
        professional.Country = request.Country!.ToUpperInvariant();
        professional.City = request.City!.Trim();
        professional.CityPopulation = request.CityPopulation!.Value;
        professional.IsRural = request.IsRural ?? false;
        professional.TimeZone = request.TimeZone!;
        professional.WorkStart = request.WorkingHours!.Start;
        professional.WorkEnd = request.WorkingHours.End;
        professional.WorkDays = workDays;
        professional.EnglishLevel = request.EnglishLevel!.Value;
        professional.Seniority = request.Seniority!.Value;
        professional.HourlyRateUsd = request.HourlyRateUsd!.Value;
        professional.AvailableFrom = request.AvailableFrom!.Value;
        professional.HoursPerWeek = request.HoursPerWeek ?? 40;
        professional.Status = request.Status ?? ProfessionalStatus.Active;
        professional.UpdatedAt = now;
    }

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();

    public static ProfessionalDto ToDto(this Professional p, SkillCatalog catalog) => new(
        p.Id, p.FullName, p.Email, p.Headline, p.Country, p.City, p.CityPopulation, NearshoreHub.Matching.CitySizes.FromPopulation(p.CityPopulation), p.IsRural,
        p.TimeZone, new WorkingHoursDto(p.WorkStart, p.WorkEnd), Reference.FromMask(p.WorkDays),
        p.Skills
            .Select(s => (Info: catalog.Get(s.SkillId), s))
            .Where(x => x.Info is not null)
            .OrderByDescending(x => x.s.Level).ThenBy(x => x.Info!.Name, StringComparer.Ordinal)
            .Select(x => new SkillLevelDto(x.Info!.Name, x.Info.Slug, x.s.Level, x.s.Years))
            .ToList(),
        p.EnglishLevel, p.Seniority, p.HourlyRateUsd, p.AvailableFrom, p.HoursPerWeek, p.Status, p.CreatedAt, p.UpdatedAt);
}
