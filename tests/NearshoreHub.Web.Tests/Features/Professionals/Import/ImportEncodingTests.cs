using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The import writes its staging rows in PostgreSQL's binary COPY format by hand and maps rows the fast check
/// passed without <see cref="ProfessionalMapping.Apply"/>; these pin that both store exactly what the API would.
/// </summary>
public sealed class ImportEncodingTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task<JsonElement> Import(string file, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync("/api/v1/professionals/import?mode=partial", new StringContent(file, new UTF8Encoding(false), "text/csv"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == expected, body.ToString());
        return body;
    }

    [Fact]
    public async Task Every_staged_type_is_stored_as_written_and_a_reimport_finds_it_unchanged()
    {
        var rows = new[]
        {
            Row("r0@enc.example").With("hourlyRateUsd", "0"),
            Row("r1@enc.example").With("hourlyRateUsd", "0.05").With("workStart", "7:05").With("workEnd", "23:59:59"),
            Row("r2@enc.example").With("hourlyRateUsd", "0.5").With("availableFrom", "2000-01-01").With("skills", ""),
            Row("r3@enc.example").With("hourlyRateUsd", "9999.99").With("availableFrom", "2100-12-31").With("workingDays", "sun;SAT"),
            Row("r4@enc.example").With("hourlyRateUsd", "10000").With("fullName", "  Zoë Ñúñez-Çelik 東京 ").With("isRural", "true"),
            Row("r5@enc.example").With("hourlyRateUsd", "1234.5").With("skills", "golang:1:0;Java:5:60").With("headline", ""),
            Row("R6@Enc.Example").With("hourlyRateUsd", "10.01").With("country", "MX").With("city", "Ciudad de México").With("cityPopulation", "0"),
        };

        var first = await Import(File(rows));
        Assert.Equal(rows.Length, first.GetProperty("inserted").GetInt32());

        var stored = (await app.QueryAsync("""
            SELECT email, normalized_email, full_name, headline, country, city, city_population::text, is_rural::text, time_zone,
                   work_start::text, work_end::text, work_days::text, english_level, seniority, hourly_rate_usd::text,
                   available_from::text, hours_per_week::text, status,
                   (SELECT string_agg(skill_id::text || ':' || level || ':' || years, ';' ORDER BY skill_id) FROM professional_skills s WHERE s.professional_id = p.id)
            FROM professionals p WHERE normalized_email LIKE '%@ENC.EXAMPLE' ORDER BY normalized_email
            """)).ToDictionary(r => r[0]!, r => r.Skip(1).ToArray());

        Assert.Equal(new string?[] { "R0@ENC.EXAMPLE", "Ana Souza", "Senior backend engineer", "BR", "Campina Grande", "419379", "false", "America/Recife",
            "09:00:00", "18:00:00", "31", "C1", "Senior", "0.00", "2027-01-04", "40", "Active", Skills(("C#", 5, 8), ("PostgreSQL", 4, 6)) }, stored["r0@enc.example"]);
        Assert.Equal("0.05", stored["r1@enc.example"][13]);
        Assert.Equal(("07:05:00", "23:59:59"), (stored["r1@enc.example"][8], stored["r1@enc.example"][9]));
        Assert.Equal(("0.50", "2000-01-01", (string?)null), (stored["r2@enc.example"][13], stored["r2@enc.example"][14], stored["r2@enc.example"][17]));
        Assert.Equal(("9999.99", "2100-12-31", "96"), (stored["r3@enc.example"][13], stored["r3@enc.example"][14], stored["r3@enc.example"][10]));
        Assert.Equal(("10000.00", "Zoë Ñúñez-Çelik 東京", "true"), (stored["r4@enc.example"][13], stored["r4@enc.example"][1], stored["r4@enc.example"][6]));
        Assert.Equal(("1234.50", "", Skills(("Go", 1, 0), ("Java", 5, 60))), (stored["r5@enc.example"][13], stored["r5@enc.example"][2], stored["r5@enc.example"][17]));
        Assert.Equal(("R6@ENC.EXAMPLE", "10.01", "MX", "Ciudad de México", "0"),
            (stored["R6@Enc.Example"][0], stored["R6@Enc.Example"][13], stored["R6@Enc.Example"][3], stored["R6@Enc.Example"][4], stored["R6@Enc.Example"][5]));

        var again = await Import(File(rows));
        Assert.Equal((0, 0, rows.Length), (again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task A_file_whose_emails_repeat_only_in_case_rejects_the_later_rows()
    {
        var rows = Enumerable.Range(0, 3000).Select(i => Row($"d{i}@dup.example")).ToList();
        rows.Add(Row("D17@DUP.example"));
        rows.Add(Row(" d2999@dup.example "));

        var body = await Import(File([.. rows]));

        Assert.Equal(3000, body.GetProperty("inserted").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("message").GetString())).ToList();
        Assert.Equal(
            [(3002, "email", "The same email already appears on line 19 of this file."), (3003, "email", "The same email already appears on line 3001 of this file.")],
            rejected);
    }

    [Fact]
    public async Task Rows_of_long_fields_are_checked_in_several_batches_and_keep_their_lines()
    {
        // 40 rows of 60,000-character headlines pass 2 M characters, where a batch is cut short.
        var rows = Enumerable.Range(0, 40).Select(i => Row($"long{i}@batches.example").With("headline", new string('h', 60_000)))
            .Concat(Enumerable.Range(0, 3).Select(i => Row($"ok{i}@batches.example"))).ToArray();

        var body = await Import(File(rows));

        Assert.Equal(3, body.GetProperty("inserted").GetInt32());
        Assert.Equal(Enumerable.Range(2, 40).Select(line => (line, (string?)"headline")),
            body.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString())));
    }

    [Fact]
    public void The_import_mapping_stores_what_the_api_mapping_stores()
    {
        var catalog = app.Services.GetRequiredService<SkillCatalog>();
        var r = ImportHashTests.BaseRequest;
        var now = DateTimeOffset.UtcNow;
        var requests = new[]
        {
            r, r with { FullName = "  Ana  ", Email = "Ana@Hash.Example", Headline = " x ", City = " Recife " }, r with { Headline = null },
            r with { IsRural = null }, r with { IsRural = true }, r with { WorkingDays = null }, r with { WorkingDays = ["sun", "SAT"] },
            r with { Skills = [] }, r with { Skills = [new SkillLevelRequest("golang", 1, 0), new SkillLevelRequest(" java ", 5, 60)] },
            r with { HoursPerWeek = null }, r with { Status = null }, r with { Status = ProfessionalStatus.Inactive }, r with { HourlyRateUsd = 1.500m },
            r with { WorkingHours = new WorkingHoursDto(new TimeOnly(7, 5, 30), new TimeOnly(23, 59, 59)) }, r with { EnglishLevel = EnglishLevel.A1 },
        };

        foreach (var request in requests)
        {
            var api = new Professional { FullName = "", Email = "", NormalizedEmail = "", Country = "", City = "", TimeZone = "" };
            api.Apply(request, catalog, now);
            var ids = new int[ProfessionalRequestValidator.MaxSkills];
            Assert.True(ProfessionalFastCheck.Passes(request, catalog.Resolve, ids, out var workDays), request.ToString());
            var import = WithSkills(ProfessionalImport.ToImportRow(request, ids.AsSpan(0, request.Skills!.Count), workDays, now));

            Assert.Equal(Stored(api), Stored(import));
            Assert.Equal(api.ImportHash, import.ImportHash);
        }
    }

    [Fact]
    public void The_import_row_lists_its_skills_by_id_with_their_own_levels_and_carries_the_apis_digest()
    {
        var catalog = app.Services.GetRequiredService<SkillCatalog>();
        var names = catalog.All.Take(4).Select(s => s.Name).ToArray();
        // Listed against id order, each with a level and years of its own, so a sort that moved ids alone shows.
        var request = ImportHashTests.BaseRequest with
        {
            Skills = [.. Enumerable.Reverse(names).Select((name, i) => new SkillLevelRequest(name, 1 + i, 10 + i))],
        };
        var ids = new int[ProfessionalRequestValidator.MaxSkills];
        Assert.True(ProfessionalFastCheck.Passes(request, catalog.Resolve, ids, out var workDays));

        var row = ProfessionalImport.ToImportRow(request, ids.AsSpan(0, request.Skills!.Count), workDays, DateTimeOffset.UtcNow);

        var expected = request.Skills!.Select(s => (Id: catalog.Resolve(s.Skill)!.Id, Level: (short)s.Level, Years: (short)s.Years)).OrderBy(s => s.Id).ToArray();
        Assert.Equal(expected.Select(s => s.Id), row.SkillIds);
        Assert.Equal(expected.Select(s => s.Level), row.SkillLevels);
        Assert.Equal(expected.Select(s => s.Years), row.SkillYears);
        Assert.Empty(row.Professional.Skills);
        var api = new Professional { FullName = "", Email = "", NormalizedEmail = "", Country = "", City = "", TimeZone = "" };
        api.Apply(request, catalog, DateTimeOffset.UtcNow);
        Assert.Equal(api.ImportHash, row.Professional.ImportHash);
    }

    /// <summary>The import's professional with the skills it writes (its arrays) as entities, to set against the API's.</summary>
    private static Professional WithSkills(CheckedProfessional row)
    {
        row.Professional.Skills = [.. row.SkillIds.Select((id, i) => new ProfessionalSkill { SkillId = id, Level = row.SkillLevels[i], Years = row.SkillYears[i] })];
        return row.Professional;
    }

    private static string Stored(Professional p) => JsonSerializer.Serialize(new
    {
        p.FullName,
        p.Email,
        p.NormalizedEmail,
        p.Headline,
        p.Country,
        p.City,
        p.CityPopulation,
        p.IsRural,
        p.TimeZone,
        p.WorkStart,
        p.WorkEnd,
        p.WorkDays,
        p.EnglishLevel,
        p.Seniority,
        p.HourlyRateUsd,
        p.AvailableFrom,
        p.HoursPerWeek,
        p.Status,
        p.UpdatedAt,
        Skills = p.Skills.OrderBy(s => s.SkillId).Select(s => $"{s.SkillId}:{s.Level}:{s.Years}").ToList(),
    });

    private string Skills(params (string Name, int Level, int Years)[] skills)
    {
        var catalog = app.Services.GetRequiredService<SkillCatalog>();
        return string.Join(';', skills.Select(s => (Id: catalog.Resolve(s.Name)!.Id, s.Level, s.Years)).OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Level}:{s.Years}"));
    }
}
