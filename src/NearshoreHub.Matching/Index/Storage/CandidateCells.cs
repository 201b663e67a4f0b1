namespace NearshoreHub.Matching;

/// <summary>
/// The active candidates of a snapshot grouped into cells, ascending ordinals within each cell. A query without
/// required skills counts its eligible pool cell by cell instead of candidate by candidate, and visits the candidates
/// holding none of its skills only in the cells whose best possible key can still enter the page.
/// </summary>
internal sealed class CandidateCells
{
    /// <summary>English levels are 1–6 (0 when unknown); eight slots keep the cell key a shift.</summary>
    private const int EnglishSlots = 8;

    private CandidateCells()
    {
    }

    public required CandidateCell[] Cells { get; init; }

    /// <summary>Active ordinals, cell after cell.</summary>
    public required int[] Ordinals { get; init; }

    /// <summary>Per cell (<see cref="CandidateCell.CountryStart"/>..<see cref="CandidateCell.CountryEnd"/>): country code and count.</summary>
    public required ushort[] CountryCodes { get; init; }

    public required int[] CountryCounts { get; init; }

    public static CandidateCells Build(int count, byte[] status, byte[] english, int[] group, ushort[] country, byte[] citySize, byte[] rural)
    {
        var maxGroup = -1;
        var maxCountry = 0;
        var active = 0;
        for (var o = 0; o < count; o++)
        {
            if (status[o] != (byte)ProfessionalStatus.Active)
            {
                continue;
            }

            if (english[o] >= EnglishSlots)
            {
                throw new ArgumentOutOfRangeException(nameof(english), $"English level {english[o]} is outside the known levels.");
            }

            active++;
            maxGroup = Math.Max(maxGroup, group[o]);
            maxCountry = Math.Max(maxCountry, country[o]);
        }

        var slots = (maxGroup + 1) * EnglishSlots;
        var starts = new int[slots + 1];
        for (var o = 0; o < count; o++)
        {
            if (status[o] == (byte)ProfessionalStatus.Active)
            {
                starts[(group[o] * EnglishSlots) + english[o] + 1]++;
            }
        }

        for (var k = 0; k < slots; k++)
        {
            starts[k + 1] += starts[k];
        }

        var ordinals = new int[active];
        var cursor = starts[..slots];
        for (var o = 0; o < count; o++)
        {
            if (status[o] == (byte)ProfessionalStatus.Active)
            {
                ordinals[cursor[(group[o] * EnglishSlots) + english[o]]++] = o;
            }
        }

        var cells = new List<CandidateCell>();
        var countryCodes = new List<ushort>();
        var countryCounts = new List<int>();
        var perCountry = new int[maxCountry + 1];
        Span<int> sizes = stackalloc int[3];
        for (var k = 0; k < slots; k++)
        {
            int start = starts[k], end = starts[k + 1];
            if (start == end)
            {
                continue;
            }

            sizes.Clear();
            var ruralCount = 0;
            var townOrRural = 0;
            for (var i = start; i < end; i++)
            {
                var o = ordinals[i];
                perCountry[country[o]]++;
                sizes[Math.Min((int)citySize[o], 2)]++;
                ruralCount += rural[o];
                townOrRural += citySize[o] == (byte)CitySize.Town || rural[o] != 0 ? 1 : 0;
            }

            var countryStart = countryCodes.Count;
            for (var c = 0; c < perCountry.Length; c++)
            {
                if (perCountry[c] > 0)
                {
                    countryCodes.Add((ushort)c);
                    countryCounts.Add(perCountry[c]);
                    perCountry[c] = 0;
                }
            }

            cells.Add(new CandidateCell(k / EnglishSlots, (byte)(k % EnglishSlots), start, end, countryStart, countryCodes.Count, sizes[0], sizes[1], sizes[2], ruralCount, townOrRural));
        }

        return new CandidateCells
        {
            Cells = [.. cells],
            Ordinals = ordinals,
            CountryCodes = [.. countryCodes],
            CountryCounts = [.. countryCounts],
        };
    }

    public ReadOnlySpan<int> OrdinalsOf(in CandidateCell cell) => Ordinals.AsSpan(cell.Start, cell.Count);
}
