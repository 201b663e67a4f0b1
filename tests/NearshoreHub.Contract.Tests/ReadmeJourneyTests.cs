using NearshoreHub.Client;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Contract.Tests;

/// <summary>
/// The README's walk-through through the generated .NET client (src/NearshoreHub.Client) against the real app on
/// PostgreSQL: company, key, project, matches, report, review, company read, overlap, search, export. Every answer
/// recorded on the way must match what the served document declares for it.
/// </summary>
public sealed class ReadmeJourneyTests(ContractFactory app) : IClassFixture<ContractFactory>
{
    [Fact]
    public async Task The_readme_journey_runs_through_the_generated_client_and_every_answer_matches_the_document()
    {
        var recorder = new RecordingHandler();
        using var http = app.CreateDefaultClient(new Uri("http://localhost/"), recorder);
        var anonymous = new NearshoreHubClient(http) { BaseUrl = "http://localhost" };
        var token = await anonymous.LoginAsync(null, new LoginRequest { Email = NearshoreApiFactory.AdminEmail, Password = NearshoreApiFactory.AdminPassword });

        using var staffHttp = app.CreateDefaultClient(new Uri("http://localhost/"), new RecordingPassThrough(recorder));
        staffHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        var staff = new NearshoreHubClient(staffHttp) { BaseUrl = "http://localhost" };

        var company = await staff.CreateCompanyAsync(Guid.NewGuid().ToString(), new CompanyRequest { Name = "Acme Payments", TimeZone = "America/New_York" });
        var key = await staff.CreateApiKeyAsync(company.Id, null, new ApiKeyRequest { Name = "acme-backend" });
        await staff.CreateProfessionalAsync(null, new ProfessionalRequest
        {
            FullName = "Ana Souza",
            Email = "ana.souza@contract.example",
            Headline = "Senior .NET engineer",
            Country = "BR",
            City = "Recife",
            CityPopulation = 1_600_000,
            IsRural = false,
            TimeZone = "America/Recife",
            WorkingHours = new() { Start = "09:00", End = "18:00" },
            WorkingDays = ["Mon", "Tue", "Wed", "Thu", "Fri"],
            Skills = [new SkillLevelRequest { Skill = "csharp", Level = 5, Years = 8 }],
            EnglishLevel = EnglishLevel.C1,
            Seniority = Seniority.Senior,
            HourlyRateUsd = 45,
            AvailableFrom = new DateOnly(2027, 2, 1),
            HoursPerWeek = 40,
        });

        using var companyHttp = app.CreateDefaultClient(new Uri("http://localhost/"), new RecordingPassThrough(recorder));
        companyHttp.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        var asCompany = new NearshoreHubClient(companyHttp) { BaseUrl = "http://localhost" };
        var project = await Explained(() => asCompany.CreateProjectAsync(null, new ProjectRequest
        {
            Title = "Payments API",
            TimeZone = "America/New_York",
            CoreHours = new() { Start = "09:00", End = "17:00" },
            MinOverlapHours = 5,
            StartDate = new DateOnly(2027, 3, 1),
            DurationWeeks = 12,
            Skills = [new ProjectSkillRequest { Skill = "csharp", MinLevel = 4, Required = true }, new ProjectSkillRequest { Skill = "postgres", MinLevel = 3 }],
            MinEnglishLevel = EnglishLevel.B2,
            HourlyBudgetUsd = new() { Min = 30, Max = 60 },
        }));
        Assert.Equal(ProjectStatus.Open, project.Status);
        Assert.Equal(EnglishLevel.B2, project.MinEnglishLevel);
        Assert.Null(project.Seniority);
        Assert.Null(project.Weights);
        Assert.Equal(60, project.HourlyBudgetUsd?.Max);
        var open = await asCompany.ListProjectsAsync(null, ProjectStatus.Open, null, 0, 10);
        Assert.Contains(open.Items, p => p.Id == project.Id);

        var matches = await staff.GetMatchesAsync(project.Id, 10, 0);
        var report = await staff.CreateMatchReportAsync(project.Id, null, new CreateMatchReportRequest { Limit = 10 });
        var reviewed = await staff.ReviewMatchReportAsync(report.Id, null, null, new ReviewRequest { Decision = ReviewDecision.Approved, Notes = "Agreed." });
        Assert.Equal(ReviewStatus.Approved, reviewed.Review.Status);
        // A role is an enum in the document, so the typed client sends one of its values without a cast.
        var recruiter = await staff.CreateUserAsync(null, new UserRequest
        {
            Email = "rita.recruiter@contract.example",
            Password = "Correct-Horse-Battery-9",
            DisplayName = "Rita",
            Role = UserRole.Recruiter,
        });
        Assert.Equal(["Recruiter"], recruiter.Roles);
        var readBack = await staff.GetCompanyAsync(company.Id);
        Assert.Equal("Acme Payments", readBack.Name);
        var overlap = await anonymous.ComputeOverlapAsync("America/New_York", "09:00", "17:00", "America/Sao_Paulo", "09:00", "18:00", new DateOnly(2027, 3, 2), 4, null, null, null, null);
        Assert.NotEmpty(overlap.Days);
        var search = await staff.SearchProfessionalsAsync(null, "csharp", null, null, null, null, null, null, null, null, null, null, null, null, null, 5, null, null, null, null);
        Assert.Contains(search.Items, p => p.FullName == "Ana Souza");
        Assert.NotNull(matches);
        var reportCsv = await TextOf(await asCompany.ExportMatchReportAsync(report.Id));
        Assert.Contains(",", reportCsv.Split('\n')[0], StringComparison.Ordinal);
        var exported = await TextOf(await staff.ExportProfessionalsAsync(null, "csharp", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        Assert.Contains("ana.souza@contract.example", exported, StringComparison.Ordinal);

        var problems = await DocumentCheck.ProblemsAsync(await app.DocumentAsync(), recorder);
        Assert.True(recorder.Responses.Count >= 14, $"Only {recorder.Responses.Count} answers recorded");
        Assert.True(problems.Count == 0, "Answers that differ from the document:\n" + string.Join('\n', problems));
    }

    private static async Task<string> TextOf(FileResponse file)
    {
        using (file)
        using (var reader = new StreamReader(file.Stream))
        {
            return await reader.ReadToEndAsync();
        }
    }

    /// <summary>A refused call names what the server refused, not just "Bad Request".</summary>
    private static async Task<T> Explained<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException<ValidationProblemDetails> e)
        {
            var errors = e.Result?.Errors is { } found ? string.Join("; ", found.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")) : "";
            throw new InvalidOperationException($"{e.StatusCode} {e.Result?.Title}: {errors}", e);
        }
    }
}
