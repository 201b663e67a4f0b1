using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>One ranking part's heap and pool counts.</summary>
public sealed partial class CandidateIndex
{
    private sealed class RankWorker(int pageEnd, int countryCount, int skillCount)
    {
        public TopK Heap { get; } = new(pageEnd);

        public double[] Best { get; } = new double[skillCount];

        public int[] Countries { get; } = new int[countryCount];

        public int[] Sizes { get; } = new int[3];

        public int Rural { get; private set; }

        public int TownOrRural { get; private set; }

        public int Eligible { get; private set; }

        public void CountCell(in CandidateCell cell, CandidateCells cells)
        {
            Eligible += cell.Count;
            Sizes[0] += cell.Town;
            Sizes[1] += cell.City;
            Sizes[2] += cell.Metro;
            Rural += cell.Rural;
            TownOrRural += cell.TownOrRural;
            for (var k = cell.CountryStart; k < cell.CountryEnd; k++)
            {
                Countries[cells.CountryCodes[k]] += cells.CountryCounts[k];
            }
        }

        public void Uncount(ushort country, byte citySize, byte rural)
        {
            Eligible--;
            Countries[country]--;
            Sizes[Math.Min((int)citySize, 2)]--;
            Rural -= rural;
            TownOrRural -= citySize == (byte)CitySize.Town || rural != 0 ? 1 : 0;
        }

        public void Count(ushort country, byte citySize, byte rural)
        {
            Eligible++;
            Countries[country]++;
            Sizes[Math.Min((int)citySize, 2)]++;
            Rural += rural;
            TownOrRural += citySize == (byte)CitySize.Town || rural != 0 ? 1 : 0;
        }
    }
}
