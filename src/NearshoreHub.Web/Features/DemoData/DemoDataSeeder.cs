using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.DemoData;

/// <summary>Demo data: realistic professionals from real Latin American cities, companies and projects.</summary>
public static class DemoDataSeeder
{
    public const string RecruiterEmail = "recruiter@nearshorehub.local";
    public const string RecruiterPassword = "Recruiter-Demo-2026!";

    private const int BatchSize = 100_000;

    // Batches in the pool: one being generated, one being written to each table.
    private const int PooledBatches = 3;
    private const int RunSeedBase = 20_260_101;

    /// <summary>Who the audit log names for seeded rows: the command, run on the server itself.</summary>
    private static readonly AuditActor SeedActor = new("seed command", null);

    /// <summary>Results of one run, for the summary line and for tests.</summary>
    public sealed record Result(int Professionals, long SkillRows, int Companies, int Projects, TimeSpan Elapsed);

    /// <summary>
    /// Adds <paramref name="professionals"/> professionals and <paramref name="companies"/> companies with projects.
    /// Repeated runs add more: email numbers continue after the highest already seeded.
    /// </summary>
    public static Task<Result> RunAsync(IServiceProvider services, int professionals, int companies, CancellationToken ct) =>
        RunCoreAsync(services, professionals, companies, printSignIns: true, ct);

    private static async Task<Result> RunCoreAsync(IServiceProvider services, int professionals, int companies, bool printSignIns, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(professionals);
        ArgumentOutOfRangeException.ThrowIfNegative(companies);
        var stopwatch = Stopwatch.StartNew();
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<NearshoreDbContext>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        // Whole microseconds: what timestamptz keeps, so rows read back compare equal to what was written.
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);

        var skillIds = await db.Skills.AsNoTracking().ToDictionaryAsync(s => s.Slug, s => s.Id, StringComparer.Ordinal, ct);
        var reference = await DemoDataReference.LoadAsync(skillIds, ct);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database connection string is not configured.");

        var firstNumber = await NextEmailNumberAsync(connectionString, ct);
        // The run seed depends on where numbering starts, so the first run into an empty database is always the
        // same people and a second run adds different ones.
        var runSeed = DemoDataGenerator.Mix(RunSeedBase, firstNumber);
        long skillRows = 0;
        if (professionals > 0)
        {
            skillRows = await CopyProfessionalsAsync(connectionString, reference, professionals, firstNumber, runSeed, now, ct);
            // Rows seeded by the command while the app runs become searchable without a restart.
            await provider.GetRequiredService<ProfessionalWrites>().CommittedInBulkAsync(
                SeedActor, "professional.seed", string.Create(CultureInfo.InvariantCulture, $"{professionals} professionals, {skillRows} skill rows"), ct);
        }

        var projects = await DemoDataCompanies.AddAsync(db, reference, companies, runSeed, now, ct);

        var isDevelopment = provider.GetRequiredService<IHostEnvironment>().IsDevelopment();
        if (isDevelopment)
        {
            await EnsureDemoRecruiterAsync(provider, now);
        }

        var elapsed = stopwatch.Elapsed;
        var result = new Result(professionals, skillRows, companies, projects, elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {professionals:N0} professionals ({skillRows:N0} skills), {companies:N0} companies, {projects:N0} projects in {elapsed.TotalSeconds:F1} s ({professionals / Math.Max(elapsed.TotalSeconds, 0.001):N0} rows/s)"));
        if (isDevelopment && printSignIns)
        {
            PrintSignIns(provider.GetRequiredService<IConfiguration>());
        }

        return result;
    }

    /// <summary>
    /// Development start: seeds DemoData:Professionals / DemoData:Companies when DemoData:SeedWhenEmpty is on and
    /// there are no professionals yet. Outside Development nothing is seeded at start.
    /// </summary>
    public static async Task SeedWhenEmptyAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment() || !configuration.GetValue("DemoData:SeedWhenEmpty", false))
        {
            return;
        }

        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            if (await db.Professionals.AnyAsync(ct))
            {
                // Data came some other way (an import, an earlier seed): still offer the demo recruiter sign-in.
                await EnsureDemoRecruiterAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
                return;
            }
        }

        await RunCoreAsync(
            services, configuration.GetValue("DemoData:Professionals", 20_000), configuration.GetValue("DemoData:Companies", 5), printSignIns: false, ct);
    }

    /// <summary>In Development, once the server listens, prints where Swagger is and the demo sign-ins.</summary>
    public static void PrintDevelopmentWelcomeWhenStarted(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault()?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal);
            if (url is null)
            {
                // In-memory test servers have no address to show.
                return;
            }

            Console.WriteLine();
            Console.WriteLine($"NearshoreHub is running: {url}  ·  Swagger UI: {url}/swagger");
            // The demo recruiter exists when demo data is on (SeedWhenEmptyAsync makes it) or after a `seed` run.
            PrintSignIns(app.Configuration, includeRecruiter: app.Configuration.GetValue("DemoData:SeedWhenEmpty", false));
        });
    }

    private static void PrintSignIns(IConfiguration configuration, bool includeRecruiter = true)
    {
        var admin = configuration["Bootstrap:AdminEmail"];
        var adminPassword = configuration["Bootstrap:AdminPassword"];
        Console.WriteLine("Demo sign-ins (POST /api/v1/auth/login):");
        if (!string.IsNullOrWhiteSpace(admin) && !string.IsNullOrEmpty(adminPassword))
        {
            Console.WriteLine($"  admin      {admin} / {adminPassword}");
        }

        if (includeRecruiter)
        {
            Console.WriteLine($"  recruiter  {RecruiterEmail} / {RecruiterPassword}");
        }
    }

    private static async Task<long> NextEmailNumberAsync(string connectionString, CancellationToken ct)
    {
        // Seeded emails end in ".<n>@example.com"; numbering continues after the highest n so reruns never collide.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            @"SELECT coalesce(max(substring(normalized_email FROM '\.([0-9]{1,18})@EXAMPLE\.COM$')::bigint), 0)
              FROM professionals WHERE normalized_email LIKE '%@EXAMPLE.COM'", connection)
        { CommandTimeout = 300 };
        return (long)(await command.ExecuteScalarAsync(ct))! + 1;
    }

    private static async Task<long> CopyProfessionalsAsync(
        string connectionString, DemoDataReference reference, int total, long firstNumber, int runSeed, DateTimeOffset now, CancellationToken ct)
    {
        var generator = new DemoDataGenerator(reference, runSeed, firstNumber, now);
        var batches = (total + BatchSize - 1) / BatchSize;
        // A fixed pool of batches: generation runs ahead of the COPY writers while memory stays flat.
        var ready = Channel.CreateBounded<DemoProfessionalBatch>(new BoundedChannelOptions(1) { SingleWriter = true });
        var free = Channel.CreateUnbounded<DemoProfessionalBatch>();
        for (var i = 0; i < PooledBatches; i++)
        {
            free.Writer.TryWrite(new DemoProfessionalBatch(Math.Min(BatchSize, total)));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (var b = 0; b < batches; b++)
                {
                    var batch = await free.Reader.ReadAsync(cts.Token);
                    var start = (long)b * BatchSize;
                    generator.Fill(batch, start, (int)Math.Min(BatchSize, total - start), b);
                    await ready.Writer.WriteAsync(batch, cts.Token);
                }

                ready.Writer.Complete();
            }
            catch (Exception e)
            {
                ready.Writer.Complete(e);
            }
        }, cts.Token);

        var progress = new SeedProgress(total);
        long skillRows = 0;
        // One session per table, each appending rows in id order: batch k's skills go in while batch k+1's
        // professionals do, which keeps both cores busy and every primary key growing only at its right edge.
        var professionalsDone = Channel.CreateBounded<DemoProfessionalBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var professionalsWriter = Task.Run(async () =>
        {
            try
            {
                await using var connection = await OpenBulkConnectionAsync(connectionString, cts.Token);
                var writer = new ProfessionalCopyWriter(connection);
                await writer.PrepareSessionAsync(cts.Token);
                await foreach (var batch in ready.Reader.ReadAllAsync(cts.Token))
                {
                    await writer.WriteProfessionalsAsync(batch, now, cts.Token);
                    await professionalsDone.Writer.WriteAsync(batch, cts.Token);
                }

                professionalsDone.Writer.Complete();
            }
            catch (Exception e)
            {
                professionalsDone.Writer.Complete(e);
                throw;
            }
        }, cts.Token);
        var skillsWriter = Task.Run(async () =>
        {
            await using var connection = await OpenBulkConnectionAsync(connectionString, cts.Token);
            var writer = new ProfessionalCopyWriter(connection);
            await writer.PrepareSessionAsync(cts.Token);
            await foreach (var batch in professionalsDone.Reader.ReadAllAsync(cts.Token))
            {
                await writer.WriteSkillsAsync(batch, cts.Token);
                skillRows += batch.Skills.Count;
                progress.Add(batch.Count);
                free.Writer.TryWrite(batch);
            }
        }, cts.Token);

        Task[] all = [producer, professionalsWriter, skillsWriter];
        try
        {
            await Task.WhenAll(all);
        }
        catch
        {
            await cts.CancelAsync();
            await Task.WhenAll(all.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw all.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException and not ChannelClosedException)
                ?? all.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null)
                ?? new OperationCanceledException(ct);
        }

        progress.Finish();
        Console.Error.WriteLine("Analyzing professionals and professional_skills…");
        await using (var connection = await OpenBulkConnectionAsync(connectionString, ct))
        {
            await using var finish = new NpgsqlCommand("ANALYZE professionals; ANALYZE professional_skills", connection);
            await finish.ExecuteNonQueryAsync(ct);
        }

        return skillRows;
    }

    private static async Task<NpgsqlConnection> OpenBulkConnectionAsync(string connectionString, CancellationToken ct)
    {
        // A batch's COPY can take longer than the app's 30 s command timeout on a busy machine.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task EnsureDemoRecruiterAsync(IServiceProvider provider, DateTimeOffset now)
    {
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(RecruiterEmail) is not null)
        {
            return;
        }

        var recruiter = new AppUser
        {
            UserName = RecruiterEmail,
            Email = RecruiterEmail,
            EmailConfirmed = true,
            DisplayName = "Demo Recruiter",
            CreatedAt = now,
        };
        var created = await users.CreateAsync(recruiter, RecruiterPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Demo recruiter could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(recruiter, Roles.Recruiter);
    }

    /// <summary>One line per batch: done / total, rate and time left; rewritten in place on a terminal.</summary>
    private sealed class SeedProgress(int total)
    {
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private readonly bool _inPlace = !Console.IsErrorRedirected;
        private readonly Lock _lock = new();
        private long _done;

        public void Add(int rows)
        {
            lock (_lock)
            {
                Write(rows);
            }
        }

        private void Write(int rows)
        {
            _done += rows;
            var seconds = Math.Max(_stopwatch.Elapsed.TotalSeconds, 0.001);
            var rate = _done / seconds;
            var eta = rate > 0 ? (total - _done) / rate : 0;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"Seeding professionals: {_done:N0} / {total:N0} ({100.0 * _done / total:F0}%)  {rate:N0} rows/s  ETA {eta:F0} s");
            if (_inPlace)
            {
                Console.Error.Write("\r" + line.PadRight(78));
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }

        public void Finish()
        {
            if (_inPlace)
            {
                Console.Error.WriteLine();
            }
        }
    }
}
