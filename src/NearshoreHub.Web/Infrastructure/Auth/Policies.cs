using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Infrastructure.Auth;

public static class NearshoreClaims
{
    public const string CompanyId = "nearshore:company_id";
    public const string ApiKeyId = "nearshore:api_key_id";
}

public static class Policies
{
    public const string Staff = "Staff";
    public const string Admin = "Admin";
    public const string StaffOrCompany = "StaffOrCompany";
}

public static class CallerExtensions
{
    public static Guid? CompanyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(NearshoreClaims.CompanyId), out var id) ? id : null;

    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.IsInRole(Data.Entities.Roles.Admin) || user.IsInRole(Data.Entities.Roles.Recruiter);

    /// <summary>Who did it, for audit and createdBy fields: the staff email or "company:{id}".</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "anonymous";
}
