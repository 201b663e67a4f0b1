using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using NearshoreHub.Client.Kiota;
using NearshoreHub.Client.Kiota.Models;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Contract.Tests;

/// <summary>
/// The README's walk-through through the client Kiota generates from the committed document
/// (src/NearshoreHub.Client.Kiota), against the real app: every value read back is asserted, enums as their values
/// (a document Kiota misreads leaves them null or plain strings), nullable fields as null or set. Every answer
/// recorded on the way must match what the served document declares for it.
/// </summary>
public sealed class KiotaJourneyTests(ContractFactory app) : IClassFixture<ContractFactory>
{
    [Fact]
    public async Task The_readme_journey_runs_through_the_kiota_client_and_every_answer_matches_the_document()
    {
        var recorder = new RecordingHandler();
        var anonymous = Client(app.CreateDefaultClient(new Uri("http://localhost/"), recorder));
        var token = await anonymous.Api.V1.Auth.Login.PostAsync(new LoginRequest { Email = NearshoreApiFactory.AdminEmail, Password = NearshoreApiFactory.AdminPassword });
        Assert.NotNull(token);
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.True(token.ExpiresIn > 0);

        var staff = Client(app.CreateDefaultClient(new Uri("http://localhost/"), new RecordingPassThrough(recorder)), ("Authorization", "Bearer " + token.AccessToken));
        var company = await staff.Api.V1.Companies.PostAsync(new CompanyRequest { Name = "Kiota Payments", TimeZone = "America/New_York" },
            c => c.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Assert.NotNull(company);
        Assert.Equal("Kiota Payments", company.Name);
        Assert.Equal("America/New_York", company.TimeZone);
        var companyId = company.Id!.Value;
        var key = await staff.Api.V1.Companies[companyId].ApiKeys.PostAsync(new ApiKeyRequest { Name = "kiota-backend" });
        Assert.NotNull(key);
        Assert.Equal("kiota-backend", key.Name);
        Assert.False(string.IsNullOrEmpty(key.Key));
        Assert.False(string.IsNullOrEmpty(key.Prefix));

        var professional = await staff.Api.V1.Professionals.PostAsync(new ProfessionalRequest
        {
            FullName = "Bruna Kiota",
            Email = "bruna.kiota@contract.example",
            Headline = "Senior .NET engineer",
            Country = "BR",
            City = "Recife",
            CityPopulation = 1_600_000,
            IsRural = false,
            TimeZone = "America/Recife",
            WorkingHours = new HoursWindow { Start = "09:00", End = "18:00" },
            WorkingDays = ["Mon", "Tue", "Wed", "Thu", "Fri"],
            Skills = [new SkillLevelRequest { Skill = "csharp", Level = 5, Years = 8 }],
            EnglishLevel = EnglishLevel.C1,
            Seniority = Seniority.Senior,
            HourlyRateUsd = 45,
            AvailableFrom = new Date(2027, 2, 1),
            HoursPerWeek = 40,
        });
        Assert.NotNull(professional);
        Assert.Equal(EnglishLevel.C1, professional.EnglishLevel);
        Assert.Equal(Seniority.Senior, professional.Seniority);
        Assert.Equal(ProfessionalStatus.Active, professional.Status);
        Assert.Equal(CitySize.Metro, professional.CitySize);
        Assert.Equal("09:00", professional.WorkingHours?.Start);

        var asCompany = Client(app.CreateDefaultClient(new Uri("http://localhost/"), new RecordingPassThrough(recorder)), ("X-Api-Key", key.Key!));
        var project = await asCompany.Api.V1.Projects.PostAsync(new ProjectRequest
        {
            Title = "Payments API",
            TimeZone = "America/New_York",
            CoreHours = new HoursWindow { Start = "09:00", End = "17:00" },
            MinOverlapHours = 5,
            StartDate = new Date(2027, 3, 1),
            DurationWeeks = 12,
            Skills = [new ProjectSkillRequest { Skill = "csharp", MinLevel = 4, Required = true }, new ProjectSkillRequest { Skill = "postgres", MinLevel = 3 }],
            MinEnglishLevel = EnglishLevel.B2,
            HourlyBudgetUsd = new Budget { Min = 30, Max = 60 },
        });
        Assert.NotNull(project);
        Assert.Equal(ProjectStatus.Open, project.Status);
        Assert.Equal(EnglishLevel.B2, project.MinEnglishLevel);
        Assert.Null(project.Seniority);
        Assert.Null(project.Weights);
        Assert.Equal(30, project.HourlyBudgetUsd?.Min);
        Assert.Equal(60, project.HourlyBudgetUsd?.Max);
        Assert.Equal(new Date(2027, 3, 1), project.StartDate);
        Assert.Equal(companyId, project.CompanyId);
        Assert.Contains(project.Skills!, s => s.Slug == "csharp" && s.Required == true && s.MinLevel == 4);
        var projectId = project.Id!.Value;
        var open = await asCompany.Api.V1.Projects.GetAsync(c => { c.QueryParameters.Status = ProjectStatus.Open; c.QueryParameters.Limit = 10; });
        Assert.NotNull(open);
        Assert.Contains(open.Items!, p => p.Id == projectId && p.Status == ProjectStatus.Open);

        var matches = await staff.Api.V1.Projects[projectId].Matches.GetAsync(c => c.QueryParameters.Limit = 10);
        Assert.NotNull(matches);
        Assert.Equal(projectId, matches.ProjectId);
        Assert.Equal(12, matches.Parameters?.DurationWeeks);
        var match = Assert.Single(matches.Items!, m => m.Professional?.FullName == "Bruna Kiota");
        Assert.Equal("metro", match.Professional!.CitySize);
        Assert.Equal("senior", match.Professional.Seniority);
        Assert.Contains("C#", match.MatchedSkills!);
        var report = await staff.Api.V1.Projects[projectId].MatchReports.PostAsync(new CreateMatchReportRequest { Limit = 10 });
        Assert.NotNull(report);
        Assert.Equal(ReviewStatus.PendingReview, report.Review!.Status);
        Assert.Null(report.Review.ReviewedAt);
        var reviewed = await staff.Api.V1.MatchReports[report.Id!.Value].Review.PostAsync(new ReviewRequest { Decision = ReviewDecision.Approved, Notes = "Agreed." });
        Assert.NotNull(reviewed);
        Assert.Equal(ReviewStatus.Approved, reviewed.Review!.Status);
        Assert.Equal("Agreed.", reviewed.Review.Notes);
        Assert.NotNull(reviewed.Review.ReviewedAt);

        var readBack = await staff.Api.V1.Companies[companyId].GetAsync();
        Assert.NotNull(readBack);
        Assert.Equal("Kiota Payments", readBack.Name);
        var overlap = await anonymous.Api.V1.Tools.Overlap.GetAsync(c =>
        {
            c.QueryParameters.ClientTimeZone = "America/New_York";
            c.QueryParameters.ClientStart = "09:00";
            c.QueryParameters.ClientEnd = "17:00";
            c.QueryParameters.ProfessionalTimeZone = "America/Sao_Paulo";
            c.QueryParameters.ProfessionalStart = "09:00";
            c.QueryParameters.ProfessionalEnd = "18:00";
            c.QueryParameters.From = new Date(2027, 3, 2);
            c.QueryParameters.Weeks = 4;
        });
        Assert.NotNull(overlap);
        Assert.NotEmpty(overlap.Days!);
        Assert.InRange(overlap.AverageHours!.Value, 0.5, 8);
        var search = await staff.Api.V1.Professionals.GetAsync(c => { c.QueryParameters.Skills = "csharp"; c.QueryParameters.MinEnglish = EnglishLevel.B2; c.QueryParameters.Limit = 5; });
        Assert.NotNull(search);
        var found = Assert.Single(search.Items!, p => p.FullName == "Bruna Kiota");
        Assert.Equal(EnglishLevel.C1, found.EnglishLevel);
        Assert.Equal(ProfessionalStatus.Active, found.Status);

        var reportCsv = await TextOf(await asCompany.Api.V1.MatchReports[report.Id.Value].Export.GetAsync());
        Assert.Contains("Bruna Kiota", reportCsv, StringComparison.Ordinal);
        var exported = await TextOf(await staff.Api.V1.Professionals.Export.GetAsync(c => c.QueryParameters.Skills = "csharp"));
        Assert.Contains("bruna.kiota@contract.example", exported, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => asCompany.Api.V1.Projects[Guid.NewGuid()].GetAsync());
        Assert.Equal(404, refused.Status);

        var problems = await DocumentCheck.ProblemsAsync(await app.DocumentAsync(), recorder);
        Assert.True(recorder.Responses.Count >= 15, $"Only {recorder.Responses.Count} answers recorded");
        Assert.True(problems.Count == 0, "Answers that differ from the document:\n" + string.Join('\n', problems));
    }

    private static NearshoreHubKiotaClient Client(HttpClient http, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            http.DefaultRequestHeaders.Add(name, value);
        }

        return new NearshoreHubKiotaClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = "http://localhost" });
    }

    private static async Task<string> TextOf(Stream? stream)
    {
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
