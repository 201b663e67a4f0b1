using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>One professional as the export reads it: skills as parallel arrays, enums as stored names.</summary>
public sealed record ExportRow(
    string FullName, string Email, string Headline, string Country, string City, int CityPopulation, bool IsRural,
    string TimeZone, TimeOnly WorkStart, TimeOnly WorkEnd, short WorkDays, string EnglishLevel, string Seniority,
    decimal HourlyRateUsd, DateOnly AvailableFrom, int HoursPerWeek, string Status,
    int[] SkillIds, short[] SkillLevels, short[] SkillYears);
