using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Auth;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Companies;
using NearshoreHub.Web.Features.DemoData;
using NearshoreHub.Web.Features.Funnel;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Notes;
using NearshoreHub.Web.Features.PersonalData;
using NearshoreHub.Web.Features.Pipeline;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Reports;
using NearshoreHub.Web.Features.SavedSearches;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Features.Tools;
using NearshoreHub.Web.Features.Users;
using NearshoreHub.Web.Features.Webhooks;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.Postgres;
using NearshoreHub.Web.Pages;
using Serilog;

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);

builder.Host.UseSerilog((context, services, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    // Sinks registered as ILogEventSink services also receive every event (tests capture logs this way).
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .Filter.ByExcluding(services.GetRequiredService<StartingHealth>().IsStartingCheckFailure)
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}"),
    // Each host logs through its own logger, not the static Log.Logger: with several hosts in one process (tests, the
    // two-instance check) the static one belongs to whichever started last.
    preserveStaticLogger: true);

await builder.UseLocalPostgresWhenUnconfiguredAsync();
var connectionString = builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException(
        "ConnectionStrings:Default is not set. Set it (environment ConnectionStrings__Default) or run in Development " +
        "(ASPNETCORE_ENVIRONMENT=Development), where a private PostgreSQL is started under .data/.");
// Everything that connects (EF, the ranking index, health) reads it from configuration, so fix the timeout there.
connectionString = DatabaseFailures.WithConnectTimeout(connectionString);
builder.Configuration["ConnectionStrings:Default"] = connectionString;

builder.Services.AddDbContext<NearshoreDbContext>(options => options
    .UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(30))
    .UseSnakeCaseNamingConvention());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<JsonOptions>(options => JsonSetup.Configure(options.SerializerOptions));
builder.Services.AddNearshoreProblemDetails();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
ValidationExtensions.UseCamelCasePropertyPaths();
builder.Services.AddNearshoreAuth();
builder.AddNearshoreDataProtection();
builder.Services.AddNearshoreOpenApi();
builder.Services.AddNearshoreHealth();
builder.Services.AddSingleton<SkillCatalog>();
builder.Services.AddSingleton<ProfessionalChanges>();
// Professionals: the one way a write ends (issue 14)
builder.Services.AddScoped<ProfessionalWrites>();
builder.Services.AddProfessionalSearch();
builder.Services.AddSingleton<ImportJobs>();
builder.Services.AddScoped<AuditLog>();
// Time-zone rules (issue 17): TimeZones:TzdbPath may name a newer NodaTime .nzd file.
var timeZoneRules = TimeZoneRules.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(timeZoneRules);
builder.Services.AddSingleton(new OverlapCalculator(timeZoneRules.Provider));
builder.Services.AddSingleton(new InterviewSlotFinder(timeZoneRules.Provider));
builder.Services.AddSingleton<CandidateIndexHost>();
builder.Services.AddHostedService(services => services.GetRequiredService<CandidateIndexHost>());
builder.Services.AddScoped<MatchingService>();
// Notes, saved searches and the representation funnel (issue 18)
builder.Services.AddScoped<SavedSearchNews>();
builder.Services.AddScoped<SavedSearchWrites>();
builder.Services.AddScoped<RepresentationFunnel>();
// Sessions, sign-in, idempotency secrets and personal data (issue 19)
builder.Services.AddNearshoreSessions(builder.Configuration);
builder.Services.AddScoped<SignInService>();
builder.Services.AddScoped<PasswordChange>();
builder.Services.AddScoped<UserAccess>();
builder.Services.AddScoped<PersonalDataService>();
builder.Services.AddScoped<IPersonalDataPart, NotesPersonalData>();
builder.Services.AddScoped<IPersonalDataPart, InterviewsPersonalData>();
builder.Services.AddScoped<IPersonalDataPart, WebhookOutboxPersonalData>();
builder.Services.AddSingleton<IdempotencyHasher>();
builder.Services.AddHostedService<RetentionCleanup>();
// Holidays (issue 17)
builder.Services.AddSingleton<NearshoreHub.Web.Features.Holidays.HolidayCalendars>();
// Webhooks and client decisions (issue 16)
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddRazorPages(options =>
{
    // Every page needs a staff sign-in unless it is one of the few that make signing in possible.
    options.Conventions.AuthorizeFolder("/", Policies.Staff);
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
    options.Conventions.AllowAnonymousToPage("/Account/Login");
    options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
});
builder.AddNearshoreForwardedHeaders();
builder.AddNearshoreRateLimiting();
builder.AddNearshoreSecurityHeaders();
builder.AddNearshoreMetrics();
// OpenAPI contract (issue 15): the API may be called from browsers on other origins (token auth, no cookies).
builder.Services.AddNearshoreApiCors();
builder.WebHost.ConfigureKestrel(options =>
{
    options.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.MaxBytes;
    options.Limits.MaxRequestLineSize = RequestTargetLimitMiddleware.KestrelMaxRequestLine;
});

var app = builder.Build();
DataProtectionSetup.WarnAboutUnsafeSettings(app);

if (await command.RunAsync(app))
{
    return;
}

await DatabaseInitializer.InitializeAsync(app.Services);
await app.LoadSkillCatalogAsync();
await DemoDataSeeder.SeedWhenEmptyAsync(app.Services);
DemoDataSeeder.PrintDevelopmentWelcomeWhenStarted(app);

app.UseNearshoreForwardedHeaders();
app.UseNearshoreSecurityHeaders();
app.UseMiddleware<CorrelationIdMiddleware>();
// Outside the exception handler: each request is logged once with the status the client really got, never with the
// exception of a refused request (its message echoes what was sent, e.g. "Failed to bind ... from \"a@b.c\"").
// Unexpected exceptions are still logged, by NearshoreExceptionHandler.
var startingHealth = app.Services.GetRequiredService<StartingHealth>();
app.UseSerilogRequestLogging(options =>
{
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    options.GetLevel = (http, _, exception) => startingHealth.RequestLevel(http, exception);
});
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHtmlErrorPages();
app.UseMiddleware<RequestTargetLimitMiddleware>();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseMiddleware<RequestCharsetMiddleware>();
app.UseStaticFiles();
app.UseNearshoreApiCors();
app.UseSwagger();
app.UseSwaggerUI(options => options.DocumentTitle = "NearshoreHub API");
app.UseAuthentication();
app.UseNearshoreSessions();
app.UseNearshoreRateLimiting();
app.UseAuthorization();
app.UseSkillCatalogRefresh();
app.UseMiddleware<IdempotencyMiddleware>();
// OpenAPI contract (issue 15): enum query values in any case, as JSON or C# names.
app.UseMiddleware<EnumQueryNamesMiddleware>();

app.MapNearshoreHealth();
app.MapNearshoreMetrics();
app.MapAuth();
app.MapSkills();
app.MapProfessionals();
app.MapCompanies();
app.MapProjects();
app.MapUsers();
app.MapMatches();
app.MapMatchReports();
app.MapTools();
// Notes, saved searches and the representation funnel (issue 18)
app.MapNotes();
app.MapSavedSearches();
app.MapRepresentation();
app.MapPersonalData();
// Holidays (issue 17)
NearshoreHub.Web.Features.Holidays.HolidaysApi.MapHolidays(app);
NearshoreHub.Web.Features.Holidays.ClosuresApi.MapClosures(app);
// Interviews (issue 17)
NearshoreHub.Web.Features.Interviews.InterviewSlotsApi.MapInterviewSlots(app);
NearshoreHub.Web.Features.Interviews.InterviewsApi.MapInterviews(app);
// Webhooks and client decisions (issue 16)
app.MapWebhooks();
app.MapPipeline();
app.MapRazorPages();

app.Run();

public partial class Program;
