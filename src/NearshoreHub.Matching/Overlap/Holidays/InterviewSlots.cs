using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

/// <summary>An offered interview slot: instants plus each side's local start.</summary>
public sealed record InterviewSlot(Instant Start, Instant End, LocalDateTime ClientLocal, LocalDateTime ProfessionalLocal);

/// <summary>Why a proposed interview start is not offered; <see cref="None"/> when it is.</summary>
public enum SlotRefusal
{
    None,
    InThePast,
    NotOnTheGrid,
    ClientDayOff,
    OutsideClientHours,
    ProfessionalDayOff,
    OutsideProfessionalHours,
}

/// <summary>
/// Interview slots (product spec §10): starts are the client's core start + k·30 min in the client's zone on client
/// local dates; a slot is offered when it lies inside the client's core hours and the professional's working hours,
/// each side's local date is one of its working days and not its day off, and it does not start in the past.
/// </summary>
public sealed class InterviewSlotFinder(IDateTimeZoneProvider zones)
{
    public IDateTimeZoneProvider Zones { get; } = zones ?? throw new ArgumentNullException(nameof(zones));

    public static readonly Duration Step = Duration.FromMinutes(30);

    public IReadOnlyList<InterviewSlot> Find(
        WorkSchedule client, HolidaySet clientDaysOff, WorkSchedule professional, HolidaySet professionalDaysOff,
        LocalDate from, int days, int minutes, Instant now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(professional);
        var clientZone = zones[client.TimeZoneId];
        var length = Duration.FromMinutes(minutes);
        var slots = new List<InterviewSlot>();
        for (var d = 0; d < days; d++)
        {
            var date = from.PlusDays(d);
            if (!client.Days.Includes(date.DayOfWeek) || clientDaysOff.Contains(date))
            {
                continue;
            }

            var coreEnd = Resolve(clientZone, date + client.End);
            for (var local = date + client.Start; local.Date == date && local.TimeOfDay < client.End; local = local.PlusMinutes(30))
            {
                var start = Resolve(clientZone, local);
                if (start + length > coreEnd)
                {
                    break;
                }

                if (Check(client, clientDaysOff, professional, professionalDaysOff, start, length, now) == SlotRefusal.None)
                {
                    slots.Add(new InterviewSlot(start, start + length, start.InZone(clientZone).LocalDateTime,
                        start.InZone(zones[professional.TimeZoneId]).LocalDateTime));
                }
            }
        }

        return slots;
    }

    /// <summary>Whether a slot starting at <paramref name="start"/> is offered, and if not, the first reason it is not.</summary>
    public SlotRefusal Check(
        WorkSchedule client, HolidaySet clientDaysOff, WorkSchedule professional, HolidaySet professionalDaysOff,
        Instant start, Duration length, Instant now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(professional);
        if (start < now)
        {
            return SlotRefusal.InThePast;
        }

        var clientZone = zones[client.TimeZoneId];
        var clientLocal = start.InZone(clientZone).LocalDateTime;
        var date = clientLocal.Date;
        var fromCoreStart = clientLocal.TimeOfDay.TickOfDay - client.Start.TickOfDay;
        if (fromCoreStart < 0 || fromCoreStart % Step.BclCompatibleTicks != 0 || Resolve(clientZone, clientLocal) != start)
        {
            return SlotRefusal.NotOnTheGrid;
        }

        if (!client.Days.Includes(date.DayOfWeek) || clientDaysOff.Contains(date))
        {
            return SlotRefusal.ClientDayOff;
        }

        if (start + length > Resolve(clientZone, date + client.End))
        {
            return SlotRefusal.OutsideClientHours;
        }

        var professionalZone = zones[professional.TimeZoneId];
        var theirDate = start.InZone(professionalZone).Date;
        if (!professional.Days.Includes(theirDate.DayOfWeek) || professionalDaysOff.Contains(theirDate))
        {
            return SlotRefusal.ProfessionalDayOff;
        }

        var theirStart = Resolve(professionalZone, theirDate + professional.Start);
        var theirEnd = Resolve(professionalZone, theirDate + professional.End);
        return start >= theirStart && start + length <= theirEnd ? SlotRefusal.None : SlotRefusal.OutsideProfessionalHours;
    }

    private static Instant Resolve(DateTimeZone zone, LocalDateTime local) => zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
}
