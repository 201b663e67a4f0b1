using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>
/// Bulk loader for <see cref="CandidateIndex"/>: <see cref="Add"/> copies each record into growing columns
/// (the record itself is not kept), <see cref="Build"/> sorts by id and lays out postings. A later Add of the
/// same id wins. One builder builds one index.
/// </summary>
public sealed partial class CandidateIndexBuilder
{
    private readonly IndexRegistries _registries;

    private readonly ISkillRelations _relations;

    private int _count;

    private int _skillTotal;

    private bool _built;

    private ulong[] _hi;

    private ulong[] _lo;

    private byte[] _status;

    private byte[] _english;

    private byte[] _seniority;

    private byte[] _citySize;

    private byte[] _rural;

    private ushort[] _country;

    private decimal[] _rate;

    private int[] _available;

    private int[] _group;

    private int[] _skillCount;

    private ushort[] _skillCode;

    private byte[] _skillLevel;

    private byte[] _skillYears;

    private int[] _nameEnd;

    private int[] _rest;

    private long[] _updated;

    private byte[] _names;

    private int _nameTotal;

    public CandidateIndexBuilder(IDateTimeZoneProvider zones, ISkillRelations relations, int expectedCount = 1024)
        : this(new IndexRegistries(zones ?? throw new ArgumentNullException(nameof(zones))), relations, expectedCount)
    {
    }

    internal CandidateIndexBuilder(IndexRegistries registries, ISkillRelations relations, int expectedCount)
    {
        _registries = registries;
        _relations = relations ?? throw new ArgumentNullException(nameof(relations));
        var capacity = Math.Max(expectedCount, 16);
        _hi = new ulong[capacity];
        _lo = new ulong[capacity];
        _status = new byte[capacity];
        _english = new byte[capacity];
        _seniority = new byte[capacity];
        _citySize = new byte[capacity];
        _rural = new byte[capacity];
        _country = new ushort[capacity];
        _rate = new decimal[capacity];
        _available = new int[capacity];
        _group = new int[capacity];
        _skillCount = new int[capacity];
        _skillCode = new ushort[capacity * 8];
        _skillLevel = new byte[capacity * 8];
        _skillYears = new byte[capacity * 8];
        _nameEnd = new int[capacity];
        _rest = new int[capacity];
        _updated = new long[capacity];
        _names = new byte[capacity * 16];
    }

    public int Count => _count;

    public void Add(CandidateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Skills);
        EnsureOpen();
        var group = _registries.GroupOf(record);
        var country = _registries.CountryOf(record.Country);
        var i = Reserve();
        (_hi[i], _lo[i]) = GuidOrder.Split(record.Id);
        _status[i] = (byte)record.Status;
        _english[i] = (byte)record.English;
        _seniority[i] = (byte)record.Seniority;
        _citySize[i] = (byte)record.CitySize;
        _rural[i] = record.IsRural ? (byte)1 : (byte)0;
        _country[i] = country;
        _rate[i] = record.HourlyRateUsd;
        _available[i] = OverlapMath.EpochDay(record.AvailableFrom);
        _group[i] = group;
        // Spans of the search text: the bulk load allocates no strings for the name and the rest.
        var text = record.Profile is { } profile ? profile.SearchText.AsSpan() : default;
        var nameEnd = Math.Clamp(record.Profile?.NameLength ?? 0, 0, text.Length);
        AddName(i, text[..nameEnd]);
        _rest[i] = ProfileText.RestId(_registries, text[nameEnd..]);
        _updated[i] = record.Profile?.UpdatedAt.ToUnixTimeTicks() ?? ProfileText.NoUpdate;

        EnsureSkillCapacity(_skillTotal + record.Skills.Count);
        var start = _skillTotal;
        var end = start;
        foreach (var skill in record.Skills)
        {
            var code = _registries.SkillCode(skill.SkillId);
            var existing = Array.IndexOf(_skillCode, code, start, end - start);
            if (existing >= 0)
            {
                if (skill.Level > _skillLevel[existing])
                {
                    _skillLevel[existing] = skill.Level;
                    _skillYears[existing] = skill.Years;
                }

                continue;
            }

            _skillCode[end] = code;
            _skillLevel[end] = skill.Level;
            _skillYears[end] = skill.Years;
            end++;
        }

        _skillCount[i] = end - start;
        _skillTotal = end;
        _count++;
    }

    public CandidateIndex Build() => new(_registries, _relations, BuildSnapshot());

    /// <summary>Skills with one entry per skill (the highest level wins), as registry codes.</summary>
    internal static (ushort[] Codes, byte[] Levels, byte[] Years) NormalizeSkills(IReadOnlyList<CandidateSkill> skills, IndexRegistries registries)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var codes = new List<ushort>(skills.Count);
        var levels = new List<byte>(skills.Count);
        var years = new List<byte>(skills.Count);
        foreach (var skill in skills)
        {
            var code = registries.SkillCode(skill.SkillId);
            var existing = codes.IndexOf(code);
            if (existing >= 0)
            {
                if (skill.Level > levels[existing])
                {
                    levels[existing] = skill.Level;
                    years[existing] = skill.Years;
                }

                continue;
            }

            codes.Add(code);
            levels.Add(skill.Level);
            years.Add(skill.Years);
        }

        return ([.. codes], [.. levels], [.. years]);
    }

    private int Reserve()
    {
        EnsureRowCapacity(_count + 1);
        return _count;
    }

    private void EnsureRowCapacity(int needed)
    {
        if (needed > _hi.Length)
        {
            var size = Math.Max(needed, _hi.Length * 2);
            Array.Resize(ref _hi, size);
            Array.Resize(ref _lo, size);
            Array.Resize(ref _status, size);
            Array.Resize(ref _english, size);
            Array.Resize(ref _seniority, size);
            Array.Resize(ref _citySize, size);
            Array.Resize(ref _rural, size);
            Array.Resize(ref _country, size);
            Array.Resize(ref _rate, size);
            Array.Resize(ref _available, size);
            Array.Resize(ref _group, size);
            Array.Resize(ref _skillCount, size);
            Array.Resize(ref _nameEnd, size);
            Array.Resize(ref _rest, size);
            Array.Resize(ref _updated, size);
        }
    }

    private void AddName(int i, ReadOnlySpan<char> name)
    {
        // Row i's name starts where row i − 1's ended, also when an earlier Add of row i failed after writing its name.
        _nameTotal = i == 0 ? 0 : _nameEnd[i - 1];
        EnsureNameCapacity(_nameTotal + System.Text.Encoding.UTF8.GetMaxByteCount(name.Length));
        _nameTotal += System.Text.Encoding.UTF8.GetBytes(name, _names.AsSpan(_nameTotal));
        _nameEnd[i] = _nameTotal;
    }

    private void EnsureNameCapacity(int needed)
    {
        if (needed > _names.Length)
        {
            Array.Resize(ref _names, Math.Max(needed, _names.Length * 3 / 2));
        }
    }

    private void EnsureSkillCapacity(int needed)
    {
        if (needed <= _skillCode.Length)
        {
            return;
        }

        var size = Math.Max(needed, _skillCode.Length * 3 / 2);
        Array.Resize(ref _skillCode, size);
        Array.Resize(ref _skillLevel, size);
        Array.Resize(ref _skillYears, size);
    }

    private void EnsureOpen()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has already built its index.");
        }
    }
}
