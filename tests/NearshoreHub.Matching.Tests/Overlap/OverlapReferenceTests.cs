using CsCheck;
using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching.Tests;

/// <summary>The calculator's fixed-offset fast path must agree with resolving every local time through NodaTime.</summary>
public class OverlapReferenceTests
{
    private static readonly string[] Zones =
    [
        "America/New_York", "America/Santiago", "America/Sao_Paulo", "America/Mexico_City", "Australia/Lord_Howe",
        "Pacific/Chatham", "Europe/London", "Asia/Tehran", "America/Asuncion", "Asia/Manila", "Pacific/Kiritimati", "America/Havana",
    ];

    private static readonly Gen<WorkSchedule> Schedules =
        from zone in Gen.Int[0, Zones.Length - 1].Select(i => Zones[i])
        from start in Gen.Int[0, 23 * 4 - 1]
        from length in Gen.Int[1, 12 * 4]
        from days in Gen.Int[0, 127]
        select new WorkSchedule(
            zone,
            LocalTime.Midnight.PlusMinutes(start * 15),
            LocalTime.Midnight.PlusMinutes(Math.Min(start * 15 + length * 15, 24 * 60 - 1)),
            (WorkDays)days);

    [Fact]
    public void Matches_a_direct_NodaTime_reference_across_years_and_zones()
    {
        var calculator = new OverlapCalculator(DateTimeZoneProviders.Tzdb);
        Gen.Select(Schedules, Schedules, Gen.Int[0, 4000], Gen.Int[1, 6]).Sample(
            (client, professional, dayOffset, weeks) =>
            {
                var from = new LocalDate(2016, 1, 1).PlusDays(dayOffset);
                var actual = calculator.Compute(client, professional, from, weeks);
                var expected = Reference(client, professional, from, weeks);
                Assert.Equal(expected, actual.Days.Select(d => d.Hours).ToList());
            },
            iter: 400);
    }

    private static List<double> Reference(WorkSchedule client, WorkSchedule professional, LocalDate from, int weeks)
    {
        var tz = DateTimeZoneProviders.Tzdb;
        Instant Resolve(string zone, LocalDate date, LocalTime time) =>
            tz[zone].ResolveLocal(date + time, Resolvers.LenientResolver).ToInstant();

        var result = new List<double>();
        for (var d = from; d < from.PlusDays(weeks * 7); d = d.PlusDays(1))
        {
            if (!client.Days.Includes(d.DayOfWeek))
            {
                continue;
            }

            var cs = Resolve(client.TimeZoneId, d, client.Start);
            var ce = Resolve(client.TimeZoneId, d, client.End);
            var windows = new List<(Instant Start, Instant End)>();
            foreach (var pd in new[] { d.PlusDays(-1), d, d.PlusDays(1) })
            {
                if (professional.Days.Includes(pd.DayOfWeek))
                {
                    windows.Add((Resolve(professional.TimeZoneId, pd, professional.Start), Resolve(professional.TimeZoneId, pd, professional.End)));
                }
            }

            // Windows on different local dates should never overlap, but merge them anyway.
            windows.Sort((a, b) => a.Start.CompareTo(b.Start));
            var total = Duration.Zero;
            var covered = Instant.MinValue;
            foreach (var (ws, we) in windows)
            {
                var lo = Instant.Max(Instant.Max(ws, cs), covered);
                var hi = Instant.Min(we, ce);
                if (hi > lo)
                {
                    total += hi - lo;
                }

                covered = Instant.Max(covered, we);
            }

            result.Add(total.TotalHours);
        }

        return result;
    }
}
