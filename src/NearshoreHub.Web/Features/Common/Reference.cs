using NodaTime;

namespace NearshoreHub.Web.Features.Common;

/// <summary>Lookups shared by validators: IANA zones, ISO countries, weekday names.</summary>
public static class Reference
{
    /// <summary>Longer than any IANA zone id ("America/Argentina/ComodRivadavia" is 32).</summary>
    public const int MaxTimeZoneLength = 64;

    public static bool IsTimeZone(string? id) => id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    public static bool IsCountry(string? code) => code is { Length: 2 } && Countries.Contains(code);

    public static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static bool IsDay(string? day) => day is not null && DayNames.Contains(day, StringComparer.OrdinalIgnoreCase);

    /// <summary>Mon = 1 … Sun = 64, the bit layout of NearshoreHub.Matching.WorkDays.</summary>
    public static short ToMask(IEnumerable<string>? days)
    {
        if (days is null)
        {
            return 31;
        }

        var mask = 0;
        foreach (var day in days)
        {
            var index = Array.FindIndex(DayNames, d => string.Equals(d, day, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                mask |= 1 << index;
            }
        }

        return (short)mask;
    }

    public static string[] FromMask(short mask) => DayNames.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    private static readonly HashSet<string> Countries = new(StringComparer.Ordinal)
    {
        "AD","AE","AF","AG","AI","AL","AM","AO","AQ","AR","AS","AT","AU","AW","AX","AZ","BA","BB","BD","BE","BF","BG","BH","BI","BJ","BL",
        "BM","BN","BO","BQ","BR","BS","BT","BV","BW","BY","BZ","CA","CC","CD","CF","CG","CH","CI","CK","CL","CM","CN","CO","CR","CU","CV",
        "CW","CX","CY","CZ","DE","DJ","DK","DM","DO","DZ","EC","EE","EG","EH","ER","ES","ET","FI","FJ","FK","FM","FO","FR","GA","GB","GD",
        "GE","GF","GG","GH","GI","GL","GM","GN","GP","GQ","GR","GS","GT","GU","GW","GY","HK","HM","HN","HR","HT","HU","ID","IE","IL","IM",
        "IN","IO","IQ","IR","IS","IT","JE","JM","JO","JP","KE","KG","KH","KI","KM","KN","KP","KR","KW","KY","KZ","LA","LB","LC","LI","LK",
        "LR","LS","LT","LU","LV","LY","MA","MC","MD","ME","MF","MG","MH","MK","ML","MM","MN","MO","MP","MQ","MR","MS","MT","MU","MV","MW",
        "MX","MY","MZ","NA","NC","NE","NF","NG","NI","NL","NO","NP","NR","NU","NZ","OM","PA","PE","PF","PG","PH","PK","PL","PM","PN","PR",
        "PS","PT","PW","PY","QA","RE","RO","RS","RU","RW","SA","SB","SC","SD","SE","SG","SH","SI","SJ","SK","SL","SM","SN","SO","SR","SS",
        "ST","SV","SX","SY","SZ","TC","TD","TF","TG","TH","TJ","TK","TL","TM","TN","TO","TR","TT","TV","TW","TZ","UA","UG","UM","US","UY",
        "UZ","VA","VC","VE","VG","VI","VN","VU","WF","WS","YE","YT","ZA","ZM","ZW",
    };
}
