using Microsoft.AspNetCore.Identity;

namespace NearshoreHub.Web.Data.Entities;

public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Recruiter = "Recruiter";
    public static readonly string[] All = [Admin, Recruiter];
}
