using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Matching;

/// <summary>
/// The public calculator against values worked out by hand from the IANA rules (and cross-checked with
/// Python's zoneinfo): client window ∩ the professional's windows on their local dates d−1, d, d+1.
/// </summary>
public sealed class OverlapToolApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static string Url(
        string clientZone, string clientStart, string clientEnd, string proZone, string proStart, string proEnd, string from, int weeks,
        string? clientDays = null, string? professionalDays = null)
    {
        var url = $"/api/v1/tools/overlap?clientTimeZone={Uri.EscapeDataString(clientZone)}&clientStart={clientStart}&clientEnd={clientEnd}" +
            $"&professionalTimeZone={Uri.EscapeDataString(proZone)}&professionalStart={proStart}&professionalEnd={proEnd}&from={from}&weeks={weeks}";
        if (clientDays is not null)
        {
            url += $"&clientDays={clientDays}";
        }

        if (professionalDays is not null)
        {
            url += $"&professionalDays={professionalDays}";
        }

        return url;
    }

    private async Task<JsonElement> ComputeAsync(string url)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<(string Date, double Hours)> Days(JsonElement result) =>
        result.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("hours").GetDouble())).ToList();

    private static List<(string, double)> Expect(params (string Date, double Hours)[] days) => [.. days];

    [Fact]
    public async Task New_York_against_Sao_Paulo_gains_an_hour_when_the_US_switches_to_daylight_time_on_2027_03_14()
    {
        var result = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "America/Sao_Paulo", "09:00", "18:00", "2027-03-08", 2));

        Assert.Equal(
            Expect(("2027-03-08", 7), ("2027-03-09", 7), ("2027-03-10", 7), ("2027-03-11", 7), ("2027-03-12", 7),
                ("2027-03-15", 8), ("2027-03-16", 8), ("2027-03-17", 8), ("2027-03-18", 8), ("2027-03-19", 8)),
            Days(result));
        Assert.Equal(7.5, result.GetProperty("averageHours").GetDouble());
        Assert.Equal(7, result.GetProperty("minimumHours").GetDouble());
        Assert.Equal(8, result.GetProperty("maximumHours").GetDouble());
    }

    [Fact]
    public async Task Santiago_against_New_York_gains_an_hour_when_Chile_leaves_daylight_time_in_April_2027()
    {
        // Chile returns to UTC−4 on Sunday 2027-04-04 while New York stays on EDT (UTC−4): 08–17 Santiago goes from 11–20 UTC to 12–21 UTC.
        var result = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "America/Santiago", "08:00", "17:00", "2027-03-29", 2));

        Assert.Equal(
            Expect(("2027-03-29", 7), ("2027-03-30", 7), ("2027-03-31", 7), ("2027-04-01", 7), ("2027-04-02", 7),
                ("2027-04-05", 8), ("2027-04-06", 8), ("2027-04-07", 8), ("2027-04-08", 8), ("2027-04-09", 8)),
            Days(result));
        Assert.Equal(7.5, result.GetProperty("averageHours").GetDouble());
    }

    [Fact]
    public async Task Santiago_against_New_York_loses_an_hour_when_Chile_starts_daylight_time_in_September_2027()
    {
        // Chile moves to UTC−3 on Sunday 2027-09-05; New York is on EDT until November.
        var result = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "America/Santiago", "08:00", "17:00", "2027-08-30", 2));

        Assert.Equal(
            Expect(("2027-08-30", 8), ("2027-08-31", 8), ("2027-09-01", 8), ("2027-09-02", 8), ("2027-09-03", 8),
                ("2027-09-06", 7), ("2027-09-07", 7), ("2027-09-08", 7), ("2027-09-09", 7), ("2027-09-10", 7)),
            Days(result));
        Assert.Equal(7, result.GetProperty("minimumHours").GetDouble());
        Assert.Equal(8, result.GetProperty("maximumHours").GetDouble());
    }

    [Fact]
    public async Task A_Manila_professional_working_after_midnight_covers_the_New_York_clients_previous_date()
    {
        // Manila 00–08 on Tuesday is Monday 16:00–24:00 UTC, inside New York's Monday 09–17 (14–22 UTC in EST, 13–21 in EDT).
        // Working Tue–Sat in Manila covers the client's Mon–Fri; the default Mon–Fri leaves the client's Friday uncovered.
        var tueToSat = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "Asia/Manila", "00:00", "08:00", "2027-03-08", 2,
            professionalDays: "Tue,Wed,Thu,Fri,Sat"));
        var monToFri = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "Asia/Manila", "00:00", "08:00", "2027-03-08", 2));

        Assert.Equal(
            Expect(("2027-03-08", 6), ("2027-03-09", 6), ("2027-03-10", 6), ("2027-03-11", 6), ("2027-03-12", 6),
                ("2027-03-15", 5), ("2027-03-16", 5), ("2027-03-17", 5), ("2027-03-18", 5), ("2027-03-19", 5)),
            Days(tueToSat));
        Assert.Equal(5.5, tueToSat.GetProperty("averageHours").GetDouble());
        Assert.Equal(
            Expect(("2027-03-08", 6), ("2027-03-09", 6), ("2027-03-10", 6), ("2027-03-11", 6), ("2027-03-12", 0),
                ("2027-03-15", 5), ("2027-03-16", 5), ("2027-03-17", 5), ("2027-03-18", 5), ("2027-03-19", 0)),
            Days(monToFri));
        Assert.Equal(4.4, monToFri.GetProperty("averageHours").GetDouble());
        Assert.Equal(0, monToFri.GetProperty("minimumHours").GetDouble());
    }

    [Fact]
    public async Task A_New_York_evening_covers_a_Manila_clients_next_date_but_not_Monday()
    {
        // Client Manila Tue 09–17 = Tue 01–09 UTC; professional New York Mon 18–23 EST = Mon 23:00–Tue 04:00 UTC: 3 h.
        // The client's Monday would need the professional's Sunday, which is not a working day.
        var result = await ComputeAsync(Url("Asia/Manila", "09:00", "17:00", "America/New_York", "18:00", "23:00", "2027-01-11", 1));

        Assert.Equal(Expect(("2027-01-11", 0), ("2027-01-12", 3), ("2027-01-13", 3), ("2027-01-14", 3), ("2027-01-15", 3)), Days(result));
        Assert.Equal(2.4, result.GetProperty("averageHours").GetDouble());
        Assert.Equal(0, result.GetProperty("minimumHours").GetDouble());
        Assert.Equal(3, result.GetProperty("maximumHours").GetDouble());
    }

    [Fact]
    public async Task Client_days_decide_which_dates_are_listed_and_averaged()
    {
        // A Saturday-only client against a Mon–Fri professional: every listed day is a Saturday and has no overlap.
        var saturdays = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "America/Sao_Paulo", "09:00", "18:00", "2027-03-08", 2, clientDays: "Sat"));
        Assert.Equal(Expect(("2027-03-13", 0), ("2027-03-20", 0)), Days(saturdays));
        Assert.Equal(0, saturdays.GetProperty("averageHours").GetDouble());

        var weekend = await ComputeAsync(Url("America/New_York", "09:00", "17:00", "America/Sao_Paulo", "09:00", "18:00", "2027-03-08", 1,
            clientDays: "Sat,Sun", professionalDays: "Sat,Sun"));
        // Sunday 2027-03-14 is the switch day itself: 02:00 local is skipped, 09–17 EDT is 13–21 UTC.
        Assert.Equal(Expect(("2027-03-13", 7), ("2027-03-14", 8)), Days(weekend));
    }

    [Fact]
    public async Task Anonymous_callers_may_use_the_calculator()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(Url("America/Chicago", "09:00", "17:00", "America/Mexico_City", "09:00", "17:00", "2027-01-04", 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Both on UTC−6 in January (Mexico City keeps standard time all year since 2022).
        Assert.Equal(8, result.GetProperty("averageHours").GetDouble());
    }

    [Theory]
    [InlineData("clientTimeZone", "Mars/Olympus")]
    [InlineData("clientTimeZone", "")]
    [InlineData("professionalTimeZone", "EST5EDT-ish")]
    [InlineData("clientStart", "9am")]
    [InlineData("clientEnd", "25:00")]
    [InlineData("professionalStart", "")]
    [InlineData("professionalEnd", "18:60")]
    [InlineData("from", "2027-02-30")]
    [InlineData("from", "14/03/2027")]
    [InlineData("weeks", "0")]
    [InlineData("weeks", "105")]
    [InlineData("weeks", "two")]
    [InlineData("clientDays", "Mon,Funday")]
    [InlineData("clientDays", "")]
    [InlineData("professionalDays", "Mon,Xyz")]
    public async Task Each_bad_parameter_is_a_400_keyed_by_its_name(string name, string value)
    {
        var values = new Dictionary<string, string>
        {
            ["clientTimeZone"] = "America/New_York",
            ["clientStart"] = "09:00",
            ["clientEnd"] = "17:00",
            ["professionalTimeZone"] = "America/Sao_Paulo",
            ["professionalStart"] = "09:00",
            ["professionalEnd"] = "18:00",
            ["from"] = "2027-03-08",
            ["weeks"] = "2",
            [name] = value,
        };
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/api/v1/tools/overlap?" + string.Join('&', values.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));

        await AssertOnlyErrorFor(response, name);
    }

    [Theory]
    [InlineData("clientStart", "clientEnd")]
    [InlineData("professionalStart", "professionalEnd")]
    public async Task An_end_not_after_its_start_is_a_400_on_the_end(string start, string end)
    {
        var url = Url("America/New_York", "09:00", "17:00", "America/Sao_Paulo", "09:00", "18:00", "2027-03-08", 1)
            .Replace($"{start}=09:00", $"{start}=17:00", StringComparison.Ordinal)
            .Replace($"{end}=17:00", $"{end}=09:00", StringComparison.Ordinal)
            .Replace($"{end}=18:00", $"{end}=09:00", StringComparison.Ordinal);
        using var anonymous = app.Anonymous();

        await AssertOnlyErrorFor(await anonymous.GetAsync(url), end);
    }

    [Fact]
    public async Task Missing_parameters_are_each_reported()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/api/v1/tools/overlap");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["clientEnd", "clientStart", "clientTimeZone", "from", "professionalEnd", "professionalStart", "professionalTimeZone", "weeks"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static async Task AssertOnlyErrorFor(HttpResponseMessage response, string name)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Equal([name], errors.EnumerateObject().Select(p => p.Name));
    }
}
