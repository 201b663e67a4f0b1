using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NSwag;

namespace NearshoreHub.Contract.Tests;

/// <summary>Records every answer a client receives, to check each against the document afterwards.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public ConcurrentQueue<(string Method, string Path, int Status, string? MediaType, string Body, string[] Headers)> Responses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var headers = response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).ToArray();
        Responses.Enqueue((request.Method.Method.ToLowerInvariant(), request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body, headers));
        return response;
    }
}

/// <summary>Each HttpClient needs its own handler instance; all of them record into one list.</summary>
internal sealed class RecordingPassThrough(RecordingHandler into) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        into.Responses.Enqueue((request.Method.Method.ToLowerInvariant(), request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellationToken),
            response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).ToArray()));
        return response;
    }
}

/// <summary>Checks recorded answers against the operations, responses, media types, schemas and headers the document declares.</summary>
internal static class DocumentCheck
{
    private static readonly string[] DeclaredHeaders = ["Location", "ETag", "RateLimit", "RateLimit-Policy", "Retry-After"];

    public static Task<List<string>> ProblemsAsync(string documentJson, RecordingHandler recorder) => ProblemsAsync(documentJson, recorder.Responses);

    public static async Task<List<string>> ProblemsAsync(string documentJson, IEnumerable<(string Method, string Path, int Status, string? MediaType, string Body, string[] Headers)> answers)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        var problems = new List<string>();
        foreach (var (method, path, status, mediaType, body, headers) in answers)
        {
            var where = $"{method.ToUpperInvariant()} {path} → {status}";
            var match = document.Paths.FirstOrDefault(p => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"));
            if (match.Value is null || !match.Value.TryGetValue(method, out var operation))
            {
                problems.Add($"{where}: no such operation in the document");
                continue;
            }

            if (!operation.ActualResponses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
            {
                problems.Add($"{where}: status not declared");
                continue;
            }

            foreach (var header in headers.Where(h => DeclaredHeaders.Contains(h, StringComparer.OrdinalIgnoreCase)))
            {
                if (!response.Headers.Keys.Contains(header, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{where}: header {header} sent but not declared");
                }
            }

            if (body.Length == 0)
            {
                continue;
            }

            if (mediaType is null || !response.Content.TryGetValue(mediaType, out var media))
            {
                problems.Add($"{where}: content type {mediaType} not declared");
                continue;
            }

            if (mediaType.EndsWith("json", StringComparison.Ordinal) && media.Schema is not null)
            {
                foreach (var error in media.Schema.ActualSchema.Validate(body))
                {
                    problems.Add($"{where}: {error.Path} {error.Kind}");
                }
            }
        }

        return problems;
    }
}
