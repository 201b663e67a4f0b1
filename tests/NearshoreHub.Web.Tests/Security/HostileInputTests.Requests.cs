using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Professionals;
using Npgsql;
using Xunit.Abstractions;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>Building one hostile request from a valid sample, and reading what came back.</summary>
public sealed partial class HostileInputTests
{
    private static HttpRequestMessage Build(Target target, HostileRecipe recipe, World world, bool asCompany, out string described)
    {
        var parameters = RouteParameters(target.Pattern).ToList();
        var hostileParameter = recipe.RouteValue is null || parameters.Count == 0 ? -1 : recipe.Pick % parameters.Count;
        var segments = target.Pattern.Split('/');
        var p = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                // A few values travel raw (already percent-escaped and invalid as UTF-8) to reach the router as they are.
                // NUL is left out of paths: the test server's client refuses it before the app sees it (Kestrel answers 400).
                segments[i] = p == hostileParameter
                    ? recipe.RouteValue is "%C0%AF" or "%FF" ? recipe.RouteValue : Uri.EscapeDataString(HostileInput.Scrub(recipe.RouteValue!).Replace("\0", "", StringComparison.Ordinal))
                    : Fill(world, target, parameters[p].Resource)!;
                p++;
            }
        }

        var url = string.Join('/', segments) + (recipe.Query ?? "");
        var request = new HttpRequestMessage(new HttpMethod(target.Method), url);
        var isCsv = target.Pattern.EndsWith("/import", StringComparison.Ordinal);
        var sample = Sample(world, target, asCompany) ?? "{}";
        var body = Body(recipe, sample, isCsv);
        if (body is not null && (target.Method != "DELETE" || recipe.Body != HostileBody.Sample))
        {
            request.Content = new ByteArrayContent(body);
            var contentType = recipe.ContentType ?? (isCsv ? "text/csv" : "application/json");
            if (contentType.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (recipe.IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", recipe.IfMatch);
        }

        if (recipe.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", recipe.IdempotencyKey);
        }

        var shown = request.Content is null ? "(no body)" : Encoding.UTF8.GetString(body!);
        described = $"{target.Name} [{recipe.Body}] {request.Method} {Shorten(url)} type={recipe.ContentType ?? "natural"} "
            + $"if-match={recipe.IfMatch ?? "-"} idem={Shorten(recipe.IdempotencyKey ?? "-")} body={Shorten(shown)}";
        return request;
    }

    private static byte[]? Body(HostileRecipe recipe, string sample, bool isCsv)
    {
        string text;
        switch (recipe.Body)
        {
            case HostileBody.Sample:
                text = sample;
                break;
            case HostileBody.MutatedSample or HostileBody.RemovedField or HostileBody.Huge:
                var hostile = recipe.Body == HostileBody.Huge ? new string('x', recipe.HugeLength) : null;
                text = isCsv ? MutateCsv(sample, recipe.Pick, hostile ?? recipe.Text, recipe.Body == HostileBody.RemovedField)
                    : MutateJson(sample, recipe.Pick, hostile is null ? recipe.JsonToken : HostileInput.JsonString(hostile), recipe.Body == HostileBody.RemovedField);
                break;
            case HostileBody.RandomJson:
                text = recipe.RandomJson;
                break;
            case HostileBody.Truncated:
                text = sample[..(recipe.Pick % Math.Max(1, sample.Length))];
                break;
            case HostileBody.InvalidUtf8:
                var bytes = Encoding.UTF8.GetBytes(sample).ToList();
                // Inside a string value where there is one, so the bad bytes are not simply a syntax error.
                var quote = sample.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? sample.IndexOf('"', colon) : -1;
                var at = quote >= 0 ? Encoding.UTF8.GetByteCount(sample[..(quote + 1)]) : recipe.Pick % Math.Max(1, bytes.Count);
                bytes.InsertRange(at, recipe.BadBytes);
                return [.. bytes];
            case HostileBody.DeepNesting:
                text = recipe.Pick % 2 == 0 ? new string('[', 5000) + new string(']', 5000) : string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000);
                break;
            default:
                return (recipe.Pick % 4) switch { 0 => null, 1 => [], 2 => "null"u8.ToArray(), _ => "   "u8.ToArray() };
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Replaces (or removes) one value anywhere in the body, nested ones included.</summary>
    private static string MutateJson(string sample, int pick, string token, bool remove)
    {
        var root = JsonNode.Parse(sample)!;
        var slots = new List<(JsonNode Parent, string? Property, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0)
        {
            return token;
        }

        var (parent, property, index) = slots[pick % slots.Count];
        if (remove && parent is JsonObject removable)
        {
            removable.Remove(property!);
        }
        else if (parent is JsonObject obj)
        {
            obj[property!] = HostileInput.Placeholder;
        }
        else
        {
            ((JsonArray)parent)[index] = HostileInput.Placeholder;
        }

        return root.ToJsonString().Replace($"\"{HostileInput.Placeholder}\"", token, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                slots.Add((obj, name, -1));
                if (child is not null)
                {
                    Collect(child, slots);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, null, i));
                if (array[i] is { } child)
                {
                    Collect(child, slots);
                }
            }
        }
    }

    private static string MutateCsv(string sample, int pick, string value, bool remove)
    {
        var lines = sample.Split("\r\n");
        var row = ProfessionalCsvFiles.Row(lines[1].Split(',')[1]);
        var column = ProfessionalCsvFiles.Header[pick % ProfessionalCsvFiles.Header.Length];
        if (remove)
        {
            // A short row: one cell fewer than the header.
            return lines[0] + "\r\n" + string.Join(',', ProfessionalCsvFiles.Line(row).Split(',').Skip(1)) + "\r\n";
        }

        return ProfessionalCsvFiles.File(row.With(column, value));
    }

    private static IEnumerable<string> ProblemDetailsErrors(HttpResponseMessage response, string body, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            yield return $"content type {response.Content.Headers.ContentType?.ToString() ?? "(none)"}, not application/problem+json: {Shorten(body)}";
            yield break;
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            problem = default;
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            yield return $"problem details body is not a JSON object: {Shorten(body)}";
            yield break;
        }

        if (!problem.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString()!.Length == 0)
        {
            yield return $"problem details without type: {Shorten(body)}";
        }

        if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString()!.Length == 0)
        {
            yield return $"problem details without title: {Shorten(body)}";
        }

        if (!problem.TryGetProperty("status", out var statusProperty) || !statusProperty.TryGetInt32(out var value) || value != status)
        {
            yield return $"problem details status does not say {status}: {Shorten(body)}";
        }
    }
}
