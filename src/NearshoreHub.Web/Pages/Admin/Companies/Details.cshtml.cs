using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Companies;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Companies;

public sealed record CompanyProjectRow(Guid Id, string Title, string Status);

public sealed partial class DetailsModel(NearshoreDbContext db, IValidator<ApiKeyRequest> validator, TimeProvider clock, AuditLog audit) : PageModel
{
    [BindProperty]
    public ApiKeyInput Input { get; set; } = new();

    public CompanyDto Company { get; private set; } = null!;
    public IReadOnlyList<ApiKeyDto> Keys { get; private set; } = [];
    public IReadOnlyList<CompanyProjectRow> Projects { get; private set; } = [];

    /// <summary>Set only in the answer to the POST that created the key; it is never stored or shown again.</summary>
    public CreatedApiKeyDto? NewKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateKeyAsync(Guid id)
    {
        var request = new ApiKeyRequest(Input.Name);
        var result = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (result.IsValid)
        {
            NewKey = await CompanyWrites.CreateKeyAsync(id, request, db, clock, audit, HttpContext);
            if (NewKey is null)
            {
                return NotFound();
            }

            Input = new ApiKeyInput();
            ModelState.Clear();
        }
        else
        {
            ModelState.AddFieldErrors(result.ToFieldErrors());
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid keyId)
    {
        if (!await CompanyWrites.RevokeKeyAsync(id, keyId, db, clock, audit, HttpContext))
        {
            return NotFound();
        }

        TempData["Message"] = "The key is revoked. Requests that use it are refused from now on.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CompanyDto(c.Id, c.Name, c.TimeZone, c.CreatedAt)).SingleOrDefaultAsync(ct);
        if (company is null)
        {
            return false;
        }

        Company = company;
        Keys = await db.ApiKeys.AsNoTracking().Where(k => k.CompanyId == id)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
            .Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.CompanyId == id).OrderByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Title, p.Status }).Take(100).ToListAsync(ct);
        Projects = projects.Select(p => new CompanyProjectRow(p.Id, p.Title, PageHelpers.Lower(p.Status))).ToList();
        await LoadClosuresAsync(id, ct);
        return true;
    }
}

public sealed class ApiKeyInput
{
    public string? Name { get; set; }
}
