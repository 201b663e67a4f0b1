using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.DemoData;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Tests.Seed;

/// <summary>
/// The app in Development (so the demo recruiter is made) on its own database, seeded twice: 2,000
/// professionals with 2 companies, then 500 more with 1 company.
/// </summary>
public sealed class SeededDatabase : NearshoreApiFactory
{
    public const int FirstProfessionals = 2_000;
    public const int SecondProfessionals = 500;

    public DemoDataSeeder.Result First { get; private set; } = null!;

    public DemoDataSeeder.Result Second { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        First = await DemoDataSeeder.RunAsync(Services, FirstProfessionals, 2, CancellationToken.None);
        Second = await DemoDataSeeder.RunAsync(Services, SecondProfessionals, 1, CancellationToken.None);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async Task<long> CountAsync(string sql) => (await QueryAsync(sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)))[0];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public sealed class DemoDataSeederTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    private const int Total = SeededDatabase.FirstProfessionals + SeededDatabase.SecondProfessionals;

    [Fact]
    public async Task Two_runs_add_the_requested_professionals_companies_and_projects()
    {
        Assert.Equal(Total, await db.CountAsync("SELECT count(*) FROM professionals"));
        Assert.Equal(3, await db.CountAsync("SELECT count(*) FROM companies"));
        Assert.Equal(db.First.Projects + db.Second.Projects, await db.CountAsync("SELECT count(*) FROM projects"));
        Assert.Equal(db.First.SkillRows + db.Second.SkillRows, await db.CountAsync("SELECT count(*) FROM professional_skills"));
        var projectsPerCompany = await db.QueryAsync("SELECT count(p.id) FROM companies c LEFT JOIN projects p ON p.company_id = c.id GROUP BY c.id", r => r.GetInt64(0));
        Assert.All(projectsPerCompany, n => Assert.InRange(n, 1, 3));
    }

    [Fact]
    public async Task Emails_are_unique_valid_and_numbered_on_from_the_first_run()
    {
        var emails = await db.QueryAsync("SELECT email, normalized_email FROM professionals", r => (Email: r.GetString(0), Normalized: r.GetString(1)));
        Assert.Equal(emails.Count, emails.Select(e => e.Normalized).Distinct().Count());
        Assert.All(emails, e =>
        {
            Assert.True(EmailRules.IsValid(e.Email), e.Email);
            Assert.Equal(e.Email.ToUpperInvariant(), e.Normalized);
        });
        var numbers = emails.Select(e => long.Parse(e.Email.Split('@')[0].Split('.')[^1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Total).Select(n => (long)n), numbers);
    }

    /// <summary>
    /// Fixed values, so the test fails when the first run stops being the same people in every process (the run seed
    /// was once made with HashCode.Combine, which .NET randomises per process). Changing the generator on purpose
    /// means writing the new people here.
    /// </summary>
    [Fact]
    public async Task The_first_run_into_an_empty_database_is_the_same_people_in_every_process()
    {
        var first = await db.QueryAsync(
            "SELECT email || ' ' || city || ' ' || seniority FROM professionals WHERE email ~ '[.][1-5]@' ORDER BY substring(email from '[.]([0-9]+)@')::int",
            r => r.GetString(0));
        Assert.Equal(
            [
                "lucia.aguilar.1@example.com Fray Luis Beltrán Mid", "julia.oliveira.2@example.com Parnamirim Mid",
                "jose.soto.3@example.com Barinas Lead", "igor.soares.4@example.com Araripina Mid",
                "diana.castro.5@example.com Santiago Mid",
            ],
            first);
    }

    [Fact]
    public async Task Every_professional_has_skills_from_the_catalogue_with_levels_in_range()
    {
        Assert.Equal(0, await db.CountAsync(
            "SELECT count(*) FROM professionals p WHERE NOT EXISTS (SELECT 1 FROM professional_skills s WHERE s.professional_id = p.id)"));
        Assert.Equal(0, await db.CountAsync(
            "SELECT count(*) FROM professional_skills s LEFT JOIN skills k ON k.id = s.skill_id WHERE k.id IS NULL OR s.level NOT BETWEEN 1 AND 5"));
        var average = await db.QueryAsync("SELECT avg(n)::float8 FROM (SELECT count(*) n FROM professional_skills GROUP BY professional_id) x", r => r.GetDouble(0));
        Assert.InRange(average[0], 4, 15);
    }

    [Fact]
    public async Task Cities_zones_and_schedules_are_real_and_towns_are_a_solid_share()
    {
        var rows = await db.QueryAsync(
            "SELECT time_zone, city_size, is_rural, city_population, work_start, work_end, work_days, hours_per_week, status, country FROM professionals",
            r => (Zone: r.GetString(0), Size: r.GetString(1), Rural: r.GetBoolean(2), Population: r.GetInt32(3),
                Start: r.GetFieldValue<TimeOnly>(4), End: r.GetFieldValue<TimeOnly>(5), Days: r.GetInt16(6), Hours: r.GetInt32(7),
                Status: r.GetString(8), Country: r.GetString(9)));

        Assert.All(rows, p =>
        {
            Assert.True(Reference.IsTimeZone(p.Zone), p.Zone);
            Assert.True(Reference.IsCountry(p.Country), p.Country);
            Assert.True(p.Start < p.End);
            Assert.InRange(p.Days, 1, 127);
            Assert.Contains(p.Hours, new[] { 20, 30, 40 });
            Assert.False(p.Rural && p.Population >= 1_000_000, "nobody in a metro is rural");
        });
        var towns = rows.Count(p => p.Size == "town") / (double)rows.Count;
        Assert.InRange(towns, 0.25, 0.50);
        Assert.InRange(rows.Count(p => p.Rural) / (double)rows.Count, 0.05, 0.30);
        Assert.InRange(rows.Count(p => p.Days == 31) / (double)rows.Count, 0.75, 0.97);
        Assert.InRange(rows.Count(p => p.Status == "Active") / (double)rows.Count, 0.75, 0.95);
        Assert.True(rows.Select(p => p.Country).Distinct().Count() >= 8, "people come from many countries");
        Assert.True(rows.Count(p => p.Country is "BR" or "MX") > rows.Count / 3, "the big countries dominate");
    }

    [Fact]
    public async Task Projects_are_open_in_us_zones_with_three_to_eight_skills()
    {
        var projects = await db.QueryAsync(
            @"SELECT p.time_zone, p.min_overlap_hours, p.status, p.start_date, p.core_start, p.core_end, p.budget_min_usd, p.budget_max_usd,
                     count(s.skill_id), count(s.skill_id) FILTER (WHERE s.required), count(s.skill_id) FILTER (WHERE NOT s.required)
              FROM projects p JOIN project_skills s ON s.project_id = p.id GROUP BY p.id",
            r => (Zone: r.GetString(0), Overlap: r.GetDouble(1), Status: r.GetString(2), Start: r.GetFieldValue<DateOnly>(3),
                CoreStart: r.GetFieldValue<TimeOnly>(4), CoreEnd: r.GetFieldValue<TimeOnly>(5), Min: r.GetDecimal(6), Max: r.GetDecimal(7),
                Skills: r.GetInt64(8), Required: r.GetInt64(9), Optional: r.GetInt64(10)));

        Assert.Equal(db.First.Projects + db.Second.Projects, projects.Count);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.All(projects, p =>
        {
            Assert.Contains(p.Zone, new[] { "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles" });
            Assert.InRange(p.Overlap, 3, 6);
            Assert.Equal("Open", p.Status);
            Assert.True(p.Start > today);
            Assert.True(p.CoreStart < p.CoreEnd);
            Assert.True(p.Min > 0 && p.Min < p.Max);
            Assert.InRange(p.Skills, 3, 8);
            Assert.True(p.Required >= 1);
        });
        Assert.Contains(projects, p => p.Optional > 0);
    }

    [Fact]
    public async Task Seeded_rows_carry_the_import_digest_so_their_export_imports_back_unchanged()
    {
        // The digest is what the API's own mapping gives for the stored row and its skills.
        using (var scope = db.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            var professionals = await context.Professionals.AsNoTracking().Include(p => p.Skills).OrderBy(p => p.Email).Take(200).ToListAsync();
            Assert.Equal(200, professionals.Count);
            Assert.All(professionals, p => Assert.Equal(ProfessionalImportHash.Of(p), p.ImportHash));
        }

        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM professionals WHERE import_hash IS NULL"));

        // The seeding ran inside this app after its ranking index was built (the seed command is a process of its own,
        // and instances load its rows at start): the index is told, as every writer tells it, before the export.
        var ids = await db.QueryAsync("SELECT id FROM professionals", r => r.GetGuid(0));
        await db.Services.GetRequiredService<CandidateIndexHost>().Enqueue(ids);

        using var admin = await db.AdminAsync();
        var export = await admin.GetByteArrayAsync("/api/v1/professionals/export");
        var content = new ByteArrayContent(export);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await admin.PostAsync("/api/v1/professionals/import?mode=atomic", content);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 0, Total), (result.GetProperty("inserted").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task Seeded_professionals_read_back_through_the_api()
    {
        var ids = await db.QueryAsync("SELECT id FROM professionals ORDER BY email LIMIT 5", r => r.GetGuid(0));
        using var admin = await db.AdminAsync();
        foreach (var id in ids)
        {
            var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}");
            Assert.NotEmpty(body.GetProperty("skills").EnumerateArray());
            Assert.Contains(body.GetProperty("seniority").GetString(), new[] { "junior", "mid", "senior", "lead" });
            Assert.Matches("^[ABC][12]$", body.GetProperty("englishLevel").GetString());
        }
    }

    [Fact]
    public async Task The_demo_recruiter_can_sign_in_in_development()
    {
        using var anonymous = db.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login",
            new { email = DemoDataSeeder.RecruiterEmail, password = DemoDataSeeder.RecruiterPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Names_match_the_country_and_emails_are_plain_ascii()
    {
        var rows = await db.QueryAsync("SELECT country, full_name, email FROM professionals WHERE country IN ('BR', 'MX')", r => (Country: r.GetString(0), Name: r.GetString(1), Email: r.GetString(2)));
        var brazilian = rows.Where(r => r.Country == "BR").Select(r => r.Name.Split(' ')[0]).ToHashSet();
        var mexican = rows.Where(r => r.Country == "MX").Select(r => r.Name.Split(' ')[0]).ToHashSet();
        Assert.Contains("João", brazilian);
        Assert.DoesNotContain("João", mexican);
        Assert.All(rows, r => Assert.True(r.Email.All(char.IsAscii), r.Email));
    }

    [Theory]
    [InlineData("João", "joao")]
    [InlineData("Jean-Baptiste", "jeanbaptiste")]
    [InlineData("Núñez", "nunez")]
    [InlineData("Tjin-A-Tsoi", "tjinatsoi")]
    public void Email_slugs_drop_accents_and_punctuation(string name, string slug) =>
        Assert.Equal(slug, DemoDataNames.EmailSlug(name));
}

public sealed class SeedWhileRunningTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Professionals_seeded_while_the_app_runs_reach_its_ranking_index()
    {
        var index = app.Services.GetRequiredService<CandidateIndexHost>();
        await index.WhenReady;
        var before = index.Count;

        await DemoDataSeeder.RunAsync(app.Services, 300, 0, CancellationToken.None);

        // The seed announces a full reload; the listener picks it up within its one-second wait (bounded here).
        for (var i = 0; i < 600 && index.Count != before + 300; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(before + 300, index.Count);
    }
}
