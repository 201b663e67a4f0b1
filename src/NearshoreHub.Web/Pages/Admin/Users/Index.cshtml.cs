using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Users;

namespace NearshoreHub.Web.Pages.Admin.Users;

public sealed record UserRow(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil, int FailedSignIns)
{
    public bool Disabled => LockedUntil == DateTimeOffset.MaxValue;
}

public sealed class IndexModel(NearshoreDbContext db, TimeProvider clock, UserAccess access) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Offset = Math.Max(0, Offset);
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        var total = await db.Users.CountAsync(ct);
        // One query for users and their role names instead of a role lookup per user.
        var page = await db.Users.AsNoTracking().OrderBy(u => u.Email).ThenBy(u => u.Id).Skip(Offset).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.CreatedAt,
                u.LockoutEnd,
                u.AccessFailedCount,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        Users = page.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, u.Roles.Order(StringComparer.Ordinal).ToList(), u.CreatedAt,
            u.LockoutEnd > now ? u.LockoutEnd : null, u.AccessFailedCount)).ToList();
        Pager = new Pager(Offset, PageSize, total, offset => Url.Page("Index", new { offset }));
    }

    /// <summary>Disabling ends every session of the user at once (issue 19).</summary>
    public async Task<IActionResult> OnPostDisableAsync(Guid id)
    {
        var result = await access.DisableAsync(id, HttpContext);
        if (result == UserAccessResult.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = result == UserAccessResult.Self
            ? "You cannot disable your own account."
            : "The user was disabled and signed out everywhere.";
        return RedirectToPage("Index", new { Offset });
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id)
    {
        if (await access.EnableAsync(id, HttpContext) == UserAccessResult.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = "The user can sign in again.";
        return RedirectToPage("Index", new { Offset });
    }
}
