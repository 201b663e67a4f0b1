using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Imports of uploaded files that run after the upload request has answered, so the page can show progress without
/// scripts. Jobs live in this instance's memory under an unguessable id and are shown only to the user who started
/// them; finished jobs are forgotten after an hour. The work is <see cref="ProfessionalImport"/>, exactly as the API
/// runs it, reading a temporary file that is deleted when the job ends.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ImportJobs> logger)
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Starts importing <paramref name="path"/>, which the job owns from now on and deletes when done.</summary>
    public ImportJob Start(string path, string fileName, ImportMode mode, ClaimsPrincipal user, IPAddress? remoteIp)
    {
        Forget();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var job = new ImportJob(id, user.Actor(), fileName, mode, new FileInfo(path).Length, clock.GetUtcNow());
        _jobs[id] = job;
        _ = Task.Run(() => RunAsync(job, path, user, remoteIp));
        return job;
    }

    /// <summary>The job if it exists and belongs to this user; anyone else is told it does not exist.</summary>
    public ImportJob? Find(string id, ClaimsPrincipal user) =>
        _jobs.TryGetValue(id, out var job) && string.Equals(job.Owner, user.Actor(), StringComparison.Ordinal) ? job : null;

    private async Task RunAsync(ImportJob job, string path, ClaimsPrincipal user, IPAddress? remoteIp)
    {
        var ct = lifetime.ApplicationStopping;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            ImportOutcome outcome;
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                outcome = await services.GetRequiredService<ProfessionalImport>().ImportAsync(new ProgressStream(file, job), job.Mode, ct);
            }

            // The audit entry and the change notice are the ones the API writes for the same import, by the user who
            // uploaded the file from where they uploaded it.
            var who = AuditActor.Of(user, remoteIp);
            if (!outcome.Written)
            {
                await services.GetRequiredService<AuditLog>().WriteAsync(who, "professional.import.rejected", null, ProfessionalImport.Summary(outcome.Result));
                job.Finish(ImportJobState.RolledBack, outcome.Result, null, clock.GetUtcNow());
                return;
            }

            await services.GetRequiredService<ProfessionalWrites>().CommittedAsync(
                outcome.ChangedIds, who, "professional.import", null, ProfessionalImport.Summary(outcome.Result));
            job.Finish(ImportJobState.Finished, outcome.Result, null, clock.GetUtcNow());
        }
        catch (CsvFormatException broken)
        {
            job.Finish(ImportJobState.Failed, null, broken.Message, clock.GetUtcNow());
        }
        catch (DuplicateException duplicate)
        {
            job.Finish(ImportJobState.Failed, null, duplicate.Message, clock.GetUtcNow());
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import job {JobId} failed", job.Id);
            job.Finish(ImportJobState.Failed, null, ct.IsCancellationRequested
                ? "The server stopped before the import finished; nothing was written. Upload the file again."
                : "The import failed unexpectedly; nothing was written. Try again, and tell an administrator if it keeps failing.", clock.GetUtcNow());
        }
        finally
        {
            TryDelete(path);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless; the operating system's temp cleanup takes it.
        }
    }

    private void Forget()
    {
        var before = clock.GetUtcNow() - KeepFinished;
        foreach (var (id, job) in _jobs)
        {
            if (job.End?.At < before)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Counts what the import reads, so the status page can show how far it is.</summary>
    private sealed class ProgressStream(Stream inner, ImportJob job) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Counted(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(ReadOnlySpan<byte> read)
        {
            job.Read(read.Length, read.Count((byte)'\n'));
            return read.Length;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
