using Microsoft.Net.Http.Headers;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.Common;

/// <summary>ETags are the row's PostgreSQL xmin: every committed change moves it.</summary>
public static class ETags
{
    public static string For(uint version) => $"\"{version}\"";

    public static void Set(HttpContext context, uint version) => context.Response.Headers.ETag = For(version);

    /// <summary>Throws 412 when If-Match is present and names another version; "*" and absence pass.</summary>
    public static void CheckIfMatch(HttpContext context, uint currentVersion)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            return;
        }

        if (!EntityTagHeaderValue.TryParseList(header.Split(','), out var tags))
        {
            throw new ConcurrencyConflictException("The If-Match header is malformed.");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.ToString() == For(currentVersion)))
        {
            return;
        }

        throw new ConcurrencyConflictException();
    }
}
