namespace NearshoreHub.Matching;

public sealed class RepresentationCounter
{
    private readonly Dictionary<string, int> _countries = new(StringComparer.Ordinal);
    private readonly int[] _sizes = new int[3];
    private int _rural;
    private int _townOrRural;
    private int _total;

    public void Add(string country, CitySize citySize, bool isRural) => Add(country, citySize, isRural, 1);

    public void Add(string country, CitySize citySize, bool isRural, int count)
    {
        ArgumentNullException.ThrowIfNull(country);
        if (count <= 0)
        {
            return;
        }

        _countries[country] = _countries.GetValueOrDefault(country) + count;
        _sizes[Math.Clamp((int)citySize, 0, 2)] += count;
        if (isRural)
        {
            _rural += count;
        }

        if (isRural || citySize == CitySize.Town)
        {
            _townOrRural += count;
        }

        _total += count;
    }

    internal void AddCounts(string country, int count)
    {
        if (count > 0)
        {
            _countries[country] = _countries.GetValueOrDefault(country) + count;
        }
    }

    internal void AddShape(int total, ReadOnlySpan<int> sizes, int rural, int townOrRural)
    {
        _townOrRural += townOrRural;
        _total += total;
        for (var i = 0; i < 3; i++)
        {
            _sizes[i] += sizes[i];
        }

        _rural += rural;
    }

    public Representation ToRepresentation()
    {
        var countries = _countries
            .Where(p => p.Value > 0)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Row(p.Key, p.Value))
            .ToArray();
        ShareRow[] sizes =
        [
            Row(CitySize.Metro.ToApiString(), _sizes[(int)CitySize.Metro]),
            Row(CitySize.City.ToApiString(), _sizes[(int)CitySize.City]),
            Row(CitySize.Town.ToApiString(), _sizes[(int)CitySize.Town]),
        ];
        ShareRow[] rurality = [Row("rural", _rural), Row("urban", _total - _rural)];
        return new Representation(_total, countries, sizes, rurality) { TownOrRural = _townOrRural };
    }

    private ShareRow Row(string key, int count) =>
        new(key, count, _total == 0 ? 0 : Math.Round(count / (double)_total, 4, MidpointRounding.AwayFromZero));
}
