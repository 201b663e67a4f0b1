using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The app with a small import limit, so the over-size case needs only a small body.</summary>
public sealed class ImportApiFactory : SlowDeadlockCheckFactory
{
    public const int MaxBytes = 64 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed partial class ProfessionalImportTests(ImportApiFactory app) : IClassFixture<ImportApiFactory>
{
    private static StringContent Csv(string text, string contentType = "text/csv") =>
        new(text, new UTF8Encoding(false), contentType);

    private async Task<(HttpStatusCode Status, JsonElement Body)> Import(string file, string mode = "atomic", HttpContent? content = null)
    {
        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync($"/api/v1/professionals/import?mode={mode}", content ?? Csv(file));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Rows whose email ends with the domain: each test uses its own domain, so tests never see each other's rows.</summary>
    private async Task<long> Count(string domain)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM professionals WHERE email LIKE '%@' || @d", connection);
        command.Parameters.AddWithValue("d", domain);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static (int Line, string Field)[] Rejections(JsonElement body) =>
        body.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString()!)).ToArray();

    [Fact]
    public async Task Valid_file_inserts_every_row_as_the_api_would_store_it()
    {
        var file = File(
            Row("a@valid.example").With("headline", "Quotes \"and\", commas").With("workingDays", "Mon;Wed").With("skills", "csharp:5:8;pg:3:2"),
            Row("b@valid.example").With("country", "AR").With("timeZone", "America/Argentina/Buenos_Aires").With("skills", "").With("status", ""));

        var (status, body) = await Import(file);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("inserted").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        Assert.Empty(body.GetProperty("rejected").EnumerateArray());
        using var client = await app.RecruiterAsync();
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?q=quotes");
        var a = found.GetProperty("items")[0];
        Assert.Equal("a@valid.example", a.GetProperty("email").GetString());
        Assert.Equal("Quotes \"and\", commas", a.GetProperty("headline").GetString());
        Assert.Equal(["Mon", "Wed"], a.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["C#", "PostgreSQL"], a.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetString()));
        var b = (await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?country=AR")).GetProperty("items")[0];
        Assert.Equal("active", b.GetProperty("status").GetString());
        Assert.Empty(b.GetProperty("skills").EnumerateArray());
    }

    private static string FileWithEveryRejectedKind(string domain)
    {
        var good = Line(Row($"good@{domain}"));
        var lines = new[]
        {
            string.Join(',', Header),                                                             // 1
            good,                                                                                 // 2
            Line(Row($"bad-email.{domain}")),                                                     // 3
            Line(Row($"c@{domain}").With("skills", "Cobolt:4:2")),                                // 4
            Line(Row($"d@{domain}").With("skills", "Java:7:2")),                                  // 5
            Line(Row($"e@{domain}").With("timeZone", "Mars/Olympus_Mons")),                       // 6
            Line(Row($"f@{domain}").With("country", "XX")),                                       // 7
            Line(Row($"g@{domain}").With("workStart", "18:00").With("workEnd", "09:00")),         // 8
            Line(Row($"GOOD@{domain}")),                                                          // 9: duplicate of line 2
            Line(Row($"h@{domain}").With("fullName", "")),                                        // 10
            Line(Row($"i@{domain}").With("headline", "two\nlines")),                              // 11-12: the API forbids control characters
            Line(Row($"j@{domain}").With("englishLevel", "Z9")),                                  // 13
            Line(Row($"k@{domain}").With("cityPopulation", "many")),                              // 14
            "only,three,fields",                                                                  // 15
        };
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static readonly (int, string)[] ExpectedRejections =
    [
        (3, "email"), (4, "skills[0].skill"), (5, "skills[0].level"), (6, "timeZone"), (7, "country"), (8, "workStart"),
        (9, "email"), (10, "fullName"), (11, "headline"), (13, "englishLevel"), (14, "cityPopulation"), (15, "row"),
    ];

    [Fact]
    public async Task Partial_import_writes_valid_rows_and_reports_each_rejected_row_by_line_and_field()
    {
        var (status, body) = await Import(FileWithEveryRejectedKind("partial.example"), "partial");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ExpectedRejections, Rejections(body));
        Assert.Equal(1, body.GetProperty("inserted").GetInt32());
        Assert.Equal(1, await Count("partial.example"));
        var unknown = body.GetProperty("rejected").EnumerateArray().Single(r => r.GetProperty("line").GetInt32() == 4);
        Assert.Contains("Did you mean", unknown.GetProperty("message").GetString());
        var duplicate = body.GetProperty("rejected").EnumerateArray().Single(r => r.GetProperty("line").GetInt32() == 9);
        Assert.Contains("line 2", duplicate.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Atomic_import_with_any_rejected_row_writes_nothing_and_lists_them()
    {
        var (status, body) = await Import(FileWithEveryRejectedKind("atomic.example"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(0, body.GetProperty("inserted").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        Assert.Equal(0, body.GetProperty("unchanged").GetInt32());
        Assert.Equal(ExpectedRejections, Rejections(body));
        Assert.Equal(0, await Count("atomic.example"));
    }

    [Theory]
    [InlineData("seniority", "junior,mid")]
    [InlineData("englishLevel", "A1, A2")]
    [InlineData("status", "active,placed")]
    [InlineData("status", "+1")]
    [InlineData("englishLevel", "+2")]
    public async Task A_choice_is_read_by_its_name_only_never_as_a_number_or_a_list_of_names(string column, string value)
    {
        // Enum.TryParse reads "junior,mid" as the bitwise or of the two (senior) and "+1" as a number.
        var (status, body) = await Import(File(Row("x@choice.example").With(column, value)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([(2, column)], Rejections(body));
        Assert.Equal(0, await Count("choice.example"));
    }

    [Theory]
    [InlineData("Python:+3:1", "plus-level")]
    [InlineData("Python:3:+1", "plus-years")]
    [InlineData("Python: 3:1", "space")]
    [InlineData("Python:3:1e1", "exponent")]
    public async Task A_skill_level_or_years_is_digits_only_as_every_other_number_column(string skills, string domain)
    {
        var (status, body) = await Import(File(Row($"x@{domain}.skillnumber.example").With("skills", skills)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([(2, "skills[0]")], Rejections(body));
        Assert.Equal(0, await Count($"{domain}.skillnumber.example"));
    }

    public static TheoryData<string, byte[]> BrokenFiles()
    {
        var valid = File(Row("one@broken.example"), Row("two@broken.example"));
        var data = new TheoryData<string, byte[]>
        {
            { "bad encoding", [.. Encoding.UTF8.GetBytes(valid), .. Encoding.Latin1.GetBytes("Jos\u00e9,x@broken.example\r\n")] },
            { "wrong header", Encoding.UTF8.GetBytes(valid.Replace("fullName", "name", StringComparison.Ordinal)) },
            { "missing header", Encoding.UTF8.GetBytes(string.Join("\r\n", valid.Split("\r\n").Skip(1))) },
            { "empty file", [] },
            { "unterminated quote", Encoding.UTF8.GetBytes(valid + Line(Row("three@broken.example")).Replace("Ana Souza", "\"Ana Souza", StringComparison.Ordinal)) },
            { "stray quote", Encoding.UTF8.GetBytes(valid + Line(Row("three@broken.example")).Replace("Ana Souza", "Ana \"Souza", StringComparison.Ordinal)) },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Broken_file_is_a_problem_and_writes_nothing(string kind, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var (status, body) = await Import("", "partial", content);

        Assert.True(status == HttpStatusCode.BadRequest, $"{kind}: {status} {body}");
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        Assert.Equal(0, await Count("broken.example"));
    }

    [Fact]
    public async Task An_unknown_header_column_is_quoted_clipped_and_without_control_characters()
    {
        // A header cell may be up to 64 K characters of anything; the answer (and the import page) shows only its start.
        var header = "\u0001\u0000<script>" + new string('x', 5000) + "," + string.Join(",", Header);
        var content = new ByteArrayContent(new UTF8Encoding(false).GetBytes(header + "\r\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var (status, body) = await Import("", "partial", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var detail = body.GetProperty("detail").GetString()!;
        Assert.StartsWith("Line 1: Unknown column '", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 600, $"The detail is {detail.Length} characters long.");
        Assert.DoesNotContain(detail, char.IsControl);
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_writes_nothing()
    {
        var (status, _) = await Import("", "partial", Csv(File(Row("x@type.example")), "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        var (plain, _) = await Import("", "partial", Csv(File(Row("x@type.example")), "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain);
        Assert.Equal(0, await Count("type.example"));
    }

    [Theory]
    [InlineData("mode=atomic&mode=partial")]
    [InlineData("mode=partial&mode=atomic")]
    [InlineData("mode=atomic,partial")]
    [InlineData("mode=Atomic,%20Partial")]
    public async Task A_repeated_or_combined_mode_is_a_400_and_writes_nothing(string query)
    {
        // Repeated, the parameter arrives joined with a comma, which Enum.TryParse read as "partial".
        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync("/api/v1/professionals/import?" + query, Csv(File(Row("a@modes.example"), Row("b@modes.example").With("country", "ZZ"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("mode", out _), errors.ToString());
        Assert.Equal(0, await Count("modes.example"));
    }

    [Theory]
    [InlineData("\"utf-8\"", "quoted")]
    [InlineData("UTF-8", "upper")]
    [InlineData("utf8", "alias")]
    public async Task Every_spelling_of_the_utf8_charset_is_utf8(string charset, string domain)
    {
        // RFC 9110 allows any parameter value as a quoted string, and "utf8" is the common alias that MySQL, Python
        // and many exporters write.
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(File(Row($"a@{domain}.charset.example"))));
        content.Headers.TryAddWithoutValidation("Content-Type", $"text/csv; charset={charset}");

        var (status, body) = await Import("", "atomic", content);

        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        Assert.Equal(1, await Count($"{domain}.charset.example"));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("identity,br")]
    public async Task A_compressed_upload_is_415_and_writes_nothing(string codings)
    {
        var content = Csv(File(Row("a@encoded.example")));
        foreach (var coding in codings.Split(','))
        {
            content.Headers.ContentEncoding.Add(coding);
        }

        var (status, body) = await Import("", "partial", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("uncompressed", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Count("encoded.example"));
    }

    [Fact]
    public async Task Too_large_file_is_413_and_writes_nothing()
    {
        var rows = Enumerable.Range(0, ImportApiFactory.MaxBytes / 150 + 10).Select(i => Row($"r{i}@large.example")).ToArray();
        var file = File(rows);
        Assert.True(Encoding.UTF8.GetByteCount(file) > ImportApiFactory.MaxBytes);

        var (status, _) = await Import(file, "partial");
        // Without a Content-Length the limit is enforced while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(file)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var (streamed, _) = await Import("", "partial", chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed);
        Assert.Equal(0, await Count("large.example"));
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing_and_a_changed_row_is_updated()
    {
        var rows = Enumerable.Range(0, 30).Select(i => Row($"p{i}@again.example").With("skills", i % 2 == 0 ? "Java:3:1;Go:2:1" : "")).ToArray();
        var first = await Import(File(rows));
        Assert.Equal(30, first.Body.GetProperty("inserted").GetInt32());

        var second = await Import(File(rows));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal((0, 0, 30), (second.Body.GetProperty("inserted").GetInt32(), second.Body.GetProperty("updated").GetInt32(), second.Body.GetProperty("unchanged").GetInt32()));

        rows[3].With("hourlyRateUsd", "51");
        rows[4].With("skills", "Java:4:1;Go:2:1");
        rows[5].With("email", "P5@AGAIN.EXAMPLE");
        var third = await Import(File([.. rows, Row("new@again.example")]));
        Assert.Equal((1, 3, 27), (third.Body.GetProperty("inserted").GetInt32(), third.Body.GetProperty("updated").GetInt32(), third.Body.GetProperty("unchanged").GetInt32()));
        Assert.Equal(31, await Count("again.example") + await Count("AGAIN.EXAMPLE"));
    }

    [Fact]
    public async Task An_import_that_deadlocks_with_another_write_is_a_409_and_writes_nothing()
    {
        // Another transaction holds an uncommitted row with the file's last email: the import inserts the rows before it,
        // then waits for that transaction, which in turn inserts the import's other emails and waits for the import.
        // PostgreSQL ends the import: it checks 5 s after it began to wait (SlowDeadlockCheckFactory), the other side only
        // after a minute.
        var emails = Enumerable.Range(0, 40).Select(i => $"d{i}@deadlock.example").ToArray();
        const string held = "held@deadlock.example";
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var patient = new NpgsqlCommand("SET LOCAL deadlock_timeout = '1min'", other))
        {
            await patient.ExecuteNonQueryAsync();
        }

        await InsertUncommitted(other, InsertProfessionals, [held]);

        var import = Import(File([.. emails.Select(Row), Row(held)]), "partial");
        await using (var watch = new NpgsqlConnection(app.ConnectionString))
        {
            await watch.OpenAsync();
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY professionals (id, full_name%'",
                watch);
            for (var i = 0; i < 1500 && (long)(await waiting.ExecuteScalarAsync())! == 0; i++)
            {
                await Task.Delay(20);
            }
        }

        await InsertUncommitted(other, InsertProfessionals, emails);
        await transaction.RollbackAsync();
        var (status, body) = await import;

        Assert.True(status == HttpStatusCode.Conflict, $"{status} {body}");
        Assert.Equal(0, await Count("deadlock.example"));
    }

    private const string InsertProfessionals = """
        INSERT INTO professionals (id, full_name, email, normalized_email, headline, country, city, city_population, is_rural, time_zone,
            work_start, work_end, work_days, english_level, seniority, hourly_rate_usd, available_from, hours_per_week, status, created_at, updated_at)
        SELECT gen_random_uuid(), 'Held', e, upper(e), '', 'BR', 'Recife', 1, false, 'America/Recife', '09:00', '18:00', 31, 'C1', 'Senior', 10,
            '2027-01-04', 40, 'Active', now(), now()
        FROM unnest(@emails) AS e
        """;

    private static async Task InsertUncommitted(NpgsqlConnection connection, string sql, string[] emails)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        command.Parameters.AddWithValue("emails", emails);
        await command.ExecuteNonQueryAsync();
    }
}
