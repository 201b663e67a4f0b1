using System.Globalization;
using System.Text;
using CsCheck;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>What shape a hostile request body takes.</summary>
public enum HostileBody { Sample, MutatedSample, RemovedField, RandomJson, Truncated, InvalidUtf8, Huge, Empty, DeepNesting }

/// <summary>
/// One generated attack, independent of the endpoint it is aimed at: <see cref="HostileInputTests"/> applies it to each
/// endpoint's own valid sample body, so a new endpoint gets the same treatment without new generators.
/// </summary>
public sealed record HostileRecipe(
    HostileBody Body,
    string JsonToken,
    string Text,
    int Pick,
    byte[] BadBytes,
    int HugeLength,
    string RandomJson,
    string? ContentType,
    string? RouteValue,
    string? Query,
    string? IfMatch,
    string? IdempotencyKey,
    bool AsCompany);

/// <summary>CsCheck generators for hostile strings, numbers, JSON shapes, route values, query strings and headers.</summary>
public static class HostileInput
{
    /// <summary>Replaced, quotes included, by a raw JSON token after the sample is serialised.</summary>
    public const string Placeholder = "__hostile_placeholder__";

    private static readonly string[] NastyStrings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f\u007f", "\r\n\t", "\b\f\v",
        "\uD800", "\uDC00", "x\uDBFFy", "\uDFFF\uD800",
        "\u202Eevil\u202C", "\u200B\u200C\u200D\uFEFF", "e\u0301\u0301\u0301\u0301", "Z\u0338\u0322\u031B\u0353\u0344",
        "🙂👩‍👩‍👧", "\uFFFD", "\uFFFF", "\uFFFE", "\u2028\u2029", "İıß", "ＡＢＣ", "١٢٣", "مرحبا", "𝕏",
        "' OR '1'='1", "'; DROP TABLE professionals;--", "\" OR 1=1 --", "1; SELECT pg_sleep(5)--",
        "%' UNION SELECT password_hash FROM asp_net_users--", "\\", "\\\\'", "$$", "E'\\x00'", "::text", "--",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x/a}",
        "../../../etc/passwd", "%00", "%2e%2e%2f", "{0}", "{Name}", "{@Secret}", "%s%s%n",
        "NaN", "Infinity", "-Infinity", "1e308", "-0", "0x10", "=cmd|' /C calc'!A0", "a,b\"c\nd",
        "2027-02-30", "0001-01-01", "9999-12-31T23:59:59Z", "25:61", "24:00", "-01:00",
        "Etc/GMT+14", "America/Nowhere", "UTC", "senior\u0000", "C#\u200B", "admin", "Admin", "approved ",
    ];

    private static readonly string[] JsonNumberTokens =
    [
        "0", "-0", "-0.0", "1e308", "-1e308", "1e309", "-1e400", "1e-400", "5e-324", "1.7976931348623157e308",
        "123456789012345678901234567890", "79228162514264337593543950336", "1.0000000000000000000000000001",
        "-9223372036854775809", "9223372036854775808", "2147483648", "-2147483649", "4294967296", "-1", "0.5", "1E+2",
    ];

    // Not JSON at all: every one of these must be a 400, never a crash.
    private static readonly string[] InvalidTokens =
        ["NaN", "Infinity", "-Infinity", "-", "01", ".5", "+1", "0x1F", "1e", "tru", "nul", "'single'", "undefined", "\"unterminated", "{", "]"];

    private static readonly string[] KnownFields =
    [
        "email", "password", "refreshToken", "name", "category", "aliases", "related", "timeZone", "displayName", "role",
        "fullName", "headline", "country", "city", "cityPopulation", "isRural", "workingHours", "start", "end", "workingDays",
        "skills", "skill", "level", "years", "englishLevel", "seniority", "hourlyRateUsd", "availableFrom", "hoursPerWeek",
        "status", "companyId", "title", "description", "coreHours", "minOverlapHours", "startDate", "durationWeeks",
        "minLevel", "required", "weight", "minEnglishLevel", "hourlyBudgetUsd", "min", "max", "headcount", "limit", "decision",
        "note", "__proto__", "constructor", "$type", "$ref", "id", "version",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=bogus", "text/csv", "text/csv; charset=latin1",
        "application/json", "application/problem+json", "*/*", "application/json;;;", "application/octet-stream", "",
    ];

    private static readonly string[] RouteValues =
    [
        "0", "-1", "99999999999999999999999", "9223372036854775807", "abc", "00000000-0000-0000-0000-000000000000",
        "ü", "%2500", "' OR 1=1--", "<script>", "..", "a/b", "🙂", "\u202E", "%C0%AF", "%FF", "null", "true", " ",
        "{00000000-0000-0000-0000-000000000001}", "00000000000000000000000000000001", new string('9', 3000),
    ];

    private static readonly string[] QueryKeys = ["mode", "limit", "offset", "email", "q", "id", "$filter", "", "mode[]", "a\u0000b"];

    private static readonly string[] IfMatchValues = ["garbage", "\"1\"", "*", "W/\"1\"", "\"\"", ",,,", "\"" + new string('9', 500) + "\"", "\"-1\", *"];

    private static readonly byte[][] InvalidUtf8 =
        [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0x80, 0x80], [0x00]];

    public static readonly Gen<string> Strings = Gen.Frequency(
        (6, Gen.OneOf(NastyStrings)),
        (3, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (2, Gen.Select(Gen.OneOf(NastyStrings), Gen.OneOf(NastyStrings), Gen.Char.Array[0, 8]).Select((a, b, c) => a + new string(c) + b)),
        (1, Gen.Select(Gen.Int[250, 20_000], Gen.OneOf("a", "é", "\u0000", "🙂", "'")).Select((n, s) => string.Concat(Enumerable.Repeat(s, n)))));

    /// <summary>Any JSON value, most of them of the wrong type for whatever field they land in.</summary>
    public static readonly Gen<string> JsonValues = Gen.Recursive<string>((depth, self) =>
    {
        var leaf = Gen.Frequency(
            (4, Strings.Select(s => JsonString(s))),
            (3, Gen.OneOf(JsonNumberTokens)),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")),
            (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
            (2, Gen.OneOf("true", "false", "null")));
        if (depth >= 3)
        {
            return leaf;
        }

        var array = self.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]");
        var key = Gen.Frequency((3, Gen.OneOf(KnownFields)), (1, Strings));
        var obj = Gen.Select(key, self).Array[0, 6].Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonString(p.Item1) + ":" + p.Item2)) + "}");
        return Gen.Frequency((4, leaf), (1, array), (2, obj));
    });

    /// <summary>A token put in place of one field of a valid body: a value of any type, or text that is not JSON.</summary>
    public static readonly Gen<string> Tokens = Gen.Frequency((8, JsonValues), (1, Gen.OneOf(InvalidTokens)));

    private static Gen<string?> Sometimes(Gen<string> gen, int percent) =>
        Gen.Int[0, 99].SelectMany(roll => roll < percent ? gen.Select(v => (string?)v) : Gen.Const((string?)null));

    private static readonly Gen<string> Queries =
        Gen.Select(Gen.OneOf(QueryKeys), Strings).Array[1, 4].Select(pairs =>
            "?" + string.Join("&", pairs.Select(p => Uri.EscapeDataString(Scrub(p.Item1)) + "=" + Uri.EscapeDataString(Scrub(p.Item2)))));

    private static readonly Gen<string> IdempotencyKeys = Gen.Frequency(
        (3, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.Const(new string('k', 201))),
        (1, Gen.OneOf(" ", "\t", "key with spaces", "'; DROP TABLE idempotency_records;--", "%00")));

    public static readonly Gen<HostileRecipe> Recipes =
        Gen.Select(
            Gen.Frequency(
                (1, Gen.Const(HostileBody.Sample)), (8, Gen.Const(HostileBody.MutatedSample)), (1, Gen.Const(HostileBody.RemovedField)),
                (3, Gen.Const(HostileBody.RandomJson)), (1, Gen.Const(HostileBody.Truncated)), (1, Gen.Const(HostileBody.InvalidUtf8)),
                (1, Gen.Const(HostileBody.Huge)), (1, Gen.Const(HostileBody.Empty)), (1, Gen.Const(HostileBody.DeepNesting))),
            Tokens, Strings, Gen.Int[0, int.MaxValue], Gen.OneOf(InvalidUtf8),
            Gen.OneOf(
                (int)RequestBodyLimitMiddleware.MaxBytes - 200, (int)RequestBodyLimitMiddleware.MaxBytes + 1,
                2 * (int)RequestBodyLimitMiddleware.MaxBytes, 100_000),
            JsonValues)
        .Select(
            Gen.Select(
                Sometimes(Gen.OneOf(ContentTypes), 15),
                Sometimes(Gen.Frequency((3, Gen.OneOf(RouteValues)), (1, Gen.Guid.Select(g => g.ToString())), (1, Strings.Select(Scrub))), 20),
                Sometimes(Queries, 20),
                Sometimes(Gen.OneOf(IfMatchValues), 10),
                Sometimes(IdempotencyKeys, 10),
                Gen.Bool),
            (a, b) => new HostileRecipe(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6));

    /// <summary>
    /// A JSON string literal that escapes only what JSON requires (and every lone surrogate, which UTF-8 cannot carry),
    /// so other odd characters reach the server raw, as an attacker would send them.
    /// </summary>
    public static string JsonString(string value)
    {
        var builder = new StringBuilder("\"", value.Length + 2);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < 0x20 || (char.IsSurrogate(c) && !paired && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]))))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text as it can travel in a URL or header: lone surrogates become U+FFFD, as any client's encoder would do.</summary>
    public static string Scrub(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
}
