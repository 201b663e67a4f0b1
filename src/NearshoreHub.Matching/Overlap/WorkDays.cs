using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Days of the week a person or project works; combinable flags.</summary>
[Flags]
public enum WorkDays
{
    None = 0,
    Mon = 1,
    Tue = 2,
    Wed = 4,
    Thu = 8,
    Fri = 16,
    Sat = 32,
    Sun = 64,
    Weekdays = 31,
    All = 127,
}
