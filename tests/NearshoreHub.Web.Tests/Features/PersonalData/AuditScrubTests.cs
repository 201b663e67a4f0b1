using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Features.PersonalData;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Features.PersonalData;

/// <summary>
/// Audit details lose the erased person's name and email: as stored, in any case, and where a name is typed freely (an
/// export's search text, the erasure's reason) also without the accents or with other spacing.
/// </summary>
public sealed class AuditScrubTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static readonly PersonalIdentifiers Person = new(Guid.NewGuid(), "João Araújo", "joao.araujo@example.com");

    [Theory]
    [InlineData("?q=Jo%C3%A3o%20Ara%C3%BAjo&country=BR", "?q=[erased]&country=BR")]
    [InlineData("?q=joao%20%20ARAUJO&country=BR", "?q=%5Berased%5D&country=BR")]
    [InlineData("?q=Joao+Araujo+react", "?q=%5Berased%5D%20react")]
    [InlineData("?q=JOAO.ARAUJO%40EXAMPLE.COM", "?q=[erased]")]
    [InlineData("LGPD request from Joao Araujo by phone", "LGPD request from [erased] by phone")]
    [InlineData("Asked by JOÃO  ARAÚJO <Joao.Araujo@Example.com>", "Asked by [erased] <[erased]>")]
    public void Details_naming_the_person_lose_the_name_and_email(string details, string expected) =>
        Assert.Equal(expected, AuditScrub.Scrub(details, Person));

    [Theory]
    [InlineData("?q=react&country=BR")]
    [InlineData("?q=Jo%C3%A3o%20Lima")]
    [InlineData("Ana Limares asked")]
    [InlineData("joao araujos")]
    public void Details_not_naming_the_person_stay_as_they_are(string details) =>
        Assert.Equal(details, AuditScrub.Scrub(details, Person));

    [Fact]
    public async Task An_erasure_scrubs_audit_details_that_spell_the_name_another_way()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"Íris Araújo {suffix}";
        var plain = $"IRIS  araujo {suffix}";
        using var admin = await app.AdminAsync();
        var body = Samples.Professional($"iris.{suffix}@erasure.example");
        body["fullName"] = name;
        var created = await admin.PostAsJsonAsync("/api/v1/professionals", body, NearshoreApiFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/professionals/export?q={Uri.EscapeDataString(plain)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/professionals/export?q={plain.Replace(' ', '+')}+senior")).StatusCode);
        Assert.True(await MentionsAsync(suffix) >= 2, "the two exports name the person");

        var erased = await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = $"Asked by {plain} on the phone" });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(0, await MentionsAsync(suffix));
        var exports = await app.QueryAsync("SELECT details FROM audit_entries WHERE action = 'professional.export' AND details LIKE '%erased%'");
        Assert.True(exports.Count >= 2, "the export entries are kept, scrubbed");
        var reason = await app.QueryAsync($"SELECT details FROM audit_entries WHERE action = 'professional.erasure' AND target = '{id}'");
        Assert.EndsWith("reason: Asked by [erased] on the phone", reason.Single()[0], StringComparison.Ordinal);
    }

    /// <summary>Audit entries whose details, decoded and folded, still name "iris araujo {suffix}".</summary>
    private async Task<int> MentionsAsync(string suffix)
    {
        var details = await app.QueryAsync("SELECT details FROM audit_entries WHERE details IS NOT NULL");
        return details.Count(d =>
            string.Join(' ', SkillCatalog.Fold(Uri.UnescapeDataString(d[0]!.Replace('+', ' '))).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Contains($"iris araujo {suffix}", StringComparison.Ordinal));
    }
}
