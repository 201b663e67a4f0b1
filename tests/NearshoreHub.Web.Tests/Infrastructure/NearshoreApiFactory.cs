using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using Npgsql;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP on its own fresh PostgreSQL database: one per test class (use as IClassFixture),
/// so test classes run in parallel without seeing each other's rows.
/// </summary>
public class NearshoreApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.nearshorehub.local";
    public const string AdminPassword = "Admin-Test-Password-1";
    public const string RecruiterEmail = "recruiter@tests.nearshorehub.local";
    public const string RecruiterPassword = "Recruiter-Test-Password-1";

    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly Dictionary<string, string> _tokens = [];
    private PostgresServer? _sharedServer;

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        // Starting the host runs migrations, the skills catalogue and the bootstrap admin.
        _ = Services;
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(RecruiterEmail) is null)
        {
            var recruiter = new AppUser { UserName = RecruiterEmail, Email = RecruiterEmail, EmailConfirmed = true, DisplayName = "Test Recruiter" };
            var result = await users.CreateAsync(recruiter, RecruiterPassword);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(recruiter, Roles.Recruiter);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Stops the app, then drops the database it ran on when it came from the shared server.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref _sharedServer, null) is { } server)
        {
            await server.DropDatabaseAsync(ConnectionString);
        }
    }

    /// <summary>The database this app runs on: by default a fresh one on the shared server, dropped on dispose.</summary>
    protected virtual async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync(GetType().Name);
        _sharedServer = server;
        return connectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("DemoData:SeedWhenEmpty", "false");
    }

    // ClientOptions.BaseAddress is the real port when a subclass runs Kestrel (browser tests), http://localhost otherwise.
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    public Task<HttpClient> AdminAsync() => SignedInAsync(AdminEmail, AdminPassword);

    public Task<HttpClient> RecruiterAsync() => SignedInAsync(RecruiterEmail, RecruiterPassword);

    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        if (!_tokens.TryGetValue(email, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            token = body.GetProperty("accessToken").GetString()!;
            _tokens[email] = token;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A new company and a key for it, made through the admin API.</summary>
    public async Task<(Guid CompanyId, string Key, Guid KeyId)> CreateCompanyWithKeyAsync(string name = "Acme Corp", string timeZone = "America/New_York")
    {
        using var admin = await AdminAsync();
        var company = await (await admin.PostAsJsonAsync("/api/v1/companies", new { name, timeZone })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = company.GetProperty("id").GetGuid();
        var key = await (await admin.PostAsJsonAsync($"/api/v1/companies/{id}/api-keys", new { name = "tests" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        return (id, key.GetProperty("key").GetString()!, key.GetProperty("id").GetGuid());
    }

    /// <summary>Runs <paramref name="query"/> on a fresh scope's context, for reading what a page wrote.</summary>
    public async Task<T> WithDbAsync<T>(Func<NearshoreDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<NearshoreDbContext>());
    }

    /// <summary>Rows in a table, read straight from PostgreSQL (not through the API) to prove nothing was written.</summary>
    public async Task<long> CountAsync(string table, string where = "true")
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of a query as text cells, for looking at what is really stored.</summary>
    public async Task<List<string?[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : reader.GetValue(i).ToString();
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Posts raw text as the body, for malformed JSON and wrong content types.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string url, string? body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return client.SendAsync(request);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}

/// <summary>Valid request bodies that tests change one field at a time.</summary>
public static class Samples
{
    public static Dictionary<string, object?> Professional(string? email = null) => new()
    {
        ["fullName"] = "Ana Souza",
        ["email"] = email ?? $"ana.{Guid.NewGuid():N}@example.com",
        ["headline"] = "Senior backend engineer",
        ["country"] = "BR",
        ["city"] = "Campina Grande",
        ["cityPopulation"] = 419_379,
        ["isRural"] = false,
        ["timeZone"] = "America/Recife",
        ["workingHours"] = new { start = "09:00", end = "18:00" },
        ["workingDays"] = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" },
        ["skills"] = new object[] { new { skill = "C#", level = 5, years = 8 }, new { skill = "postgres", level = 4, years = 6 } },
        ["englishLevel"] = "C1",
        ["seniority"] = "senior",
        ["hourlyRateUsd"] = 45.5m,
        ["availableFrom"] = "2027-01-04",
        ["hoursPerWeek"] = 40,
        ["status"] = "active",
    };

    public static Dictionary<string, object?> Project(Guid? companyId = null) => new()
    {
        ["companyId"] = companyId,
        ["title"] = "Payments platform",
        ["description"] = "Card processing backend",
        ["timeZone"] = "America/New_York",
        ["coreHours"] = new { start = "09:00", end = "17:00" },
        ["workingDays"] = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" },
        ["minOverlapHours"] = 4,
        ["startDate"] = "2027-03-01",
        ["durationWeeks"] = 12,
        ["skills"] = new object[] { new { skill = "csharp", minLevel = 4, required = true, weight = 2 }, new { skill = "PostgreSQL", minLevel = 3, required = false } },
        ["minEnglishLevel"] = "B2",
        ["hourlyBudgetUsd"] = new { min = 30, max = 60 },
        ["seniority"] = "senior",
        ["headcount"] = 2,
    };
}

/// <summary>
/// The app on a database whose sessions check for a deadlock 5 s after they begin to wait for a lock, not 1 s
/// (<c>deadlock_timeout</c>): a test that builds a deadlock then has seconds, not a fraction of one, to close the cycle
/// before the import's only check (PostgreSQL checks a waiting session once, that long after it began to wait).
/// </summary>
public class SlowDeadlockCheckFactory : NearshoreApiFactory
{
    protected override async Task<string> CreateDatabaseAsync()
    {
        var connectionString = await base.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"ALTER DATABASE \"{connection.Database}\" SET deadlock_timeout = '5s'", connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }
}
