using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Infrastructure.Auth;

public static class AuthSetup
{
    private const string SelectorScheme = "NearshoreHub";
    public const string CookieName = ".AspNetCore.Identity.Application";

    public static IServiceCollection AddNearshoreAuth(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<NearshoreDbContext>();
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, TolerantLookupNormalizer>());

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddPolicyScheme(SelectorScheme, "API key, bearer token or cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeys.HeaderName) ? ApiKeys.Scheme
                    : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? IdentityConstants.BearerScheme
                    : context.Request.Path.StartsWithSegments("/api") && !context.Request.Cookies.Keys.Any(k => k.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal)) ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);

        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme,
            options => options.BearerTokenExpiration = TimeSpan.FromHours(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API callers get status codes, never a redirect to an HTML sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Admin, Roles.Recruiter))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.StaffOrCompany, policy => policy.RequireAssertion(context =>
                context.User.IsStaff() || context.User.CompanyId() is not null));
        return services;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        // Relative: the handler builds an absolute URI from the request's Host header, which a client chooses.
        context.Response.Redirect(Relative(context.RedirectUri));
        return Task.CompletedTask;
    }

    /// <summary>The path and query of a redirect URI, so no redirect ever names a host taken from the request.</summary>
    internal static string Relative(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery : uri;
}
