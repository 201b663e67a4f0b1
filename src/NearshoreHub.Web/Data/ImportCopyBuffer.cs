using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NearshoreHub.Web.Data;

/// <summary>
/// Rows in PostgreSQL's binary COPY format, encoded into one growing byte buffer. The import encodes each batch of
/// rows on a worker thread and sends it with one write, where writing every value through NpgsqlBinaryImporter cost
/// two dozen awaited calls per row on the thread that also parses the file.
/// </summary>
/// <remarks>
/// Only the types the staging table uses, as PostgreSQL's binary receive functions read them (network byte order):
/// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4 and the types' *_recv functions.
/// </remarks>
internal sealed class ImportCopyBuffer
{
    /// <summary>The file header: signature, flags (no OIDs), no header extension.</summary>
    public static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The file trailer: a field count of -1.</summary>
    public static ReadOnlySpan<byte> Trailer => [0xFF, 0xFF];

    private const int Int8Oid = 20;
    private const int Int4Oid = 23;
    private const int Int2Oid = 21;

    /// <summary>2000-01-01, day 0 of PostgreSQL's date.</summary>
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Never cleared: only the bytes up to <see cref="Length"/> are ever read, and each is written first.</summary>
    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(256 * 1024);
    private int _length;

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _length);

    public int Length => _length;

    /// <summary>Bytes the buffer holds before it has to grow.</summary>
    public int Capacity => _bytes.Length;

    public void Clear() => _length = 0;

    /// <summary>
    /// Makes room for at least <paramref name="bytes"/> without growing, and writes every byte past <see cref="Length"/>
    /// once, so the memory is the process's own before an import needs it (a new buffer of megabytes costs a page fault
    /// per 4 KB when first written). The bytes written so far stay as they are.
    /// </summary>
    public void Prepare(int bytes)
    {
        if (_bytes.Length < bytes)
        {
            Grow(bytes);
        }

        _bytes.AsSpan(_length).Clear();
    }

    public void StartRow(short columns) => Int16(columns);

    public void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);
    }

    public void Int32(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void SmallInt(short value)
    {
        var span = Reserve(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
    }

    public void Bool(bool value)
    {
        var span = Reserve(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
    }

    /// <summary>time: microseconds since midnight (what Npgsql sends; finer ticks are dropped).</summary>
    public void Time(TimeOnly value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value.Ticks / 10);
    }

    /// <summary>date: days since 2000-01-01.</summary>
    public void Date(DateOnly value) => Int32(value.DayNumber - PostgresEpochDay);

    /// <summary>text, varchar, char(n): the UTF-8 bytes.</summary>
    public void Text(string value)
    {
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _length -= span.Length - 4 - length;
    }

    /// <summary>NULL, in a column of any type.</summary>
    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    /// <summary>bytea: the bytes.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        var span = Reserve(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
    }

    /// <summary>
    /// A version 7 UUID (RFC 9562) whose bits after the 48-bit Unix milliseconds hold <paramref name="sequence"/> (32
    /// bits, the counter of RFC 9562 §6.2) and then 42 random bits from <paramref name="random"/> (6 bytes). An import
    /// gives every row the same milliseconds and its line as the sequence, so its ids rise in file order and each
    /// primary key takes the new rows at its right edge, in order, instead of scattered over the pages the import fills.
    /// </summary>
    public static Guid Version7(long unixMilliseconds, uint sequence, ReadOnlySpan<byte> random)
    {
        Span<byte> uuid = stackalloc byte[16];
        uuid[0] = (byte)(unixMilliseconds >> 40);
        uuid[1] = (byte)(unixMilliseconds >> 32);
        uuid[2] = (byte)(unixMilliseconds >> 24);
        uuid[3] = (byte)(unixMilliseconds >> 16);
        uuid[4] = (byte)(unixMilliseconds >> 8);
        uuid[5] = (byte)unixMilliseconds;
        uuid[6] = (byte)(0x70 | (sequence >> 28));
        uuid[7] = (byte)(sequence >> 20);
        uuid[8] = (byte)(0x80 | ((sequence >> 14) & 0x3F));
        uuid[9] = (byte)(sequence >> 6);
        uuid[10] = (byte)(((sequence & 0x3F) << 2) | (random[0] & 0x03u));
        random[1..6].CopyTo(uuid[11..]);
        return new Guid(uuid, bigEndian: true);
    }

    /// <summary>uuid: the 16 bytes in network order (<see cref="Version7"/> ids come out as they were made).</summary>
    public void Uuid(Guid value)
    {
        var span = Reserve(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC (what Npgsql sends; finer ticks are dropped).</summary>
    public void TimestampTz(DateTimeOffset value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (value.UtcTicks - PostgresEpochTicks) / 10);
    }

    /// <summary>Rows already encoded elsewhere (a worker's batch), appended as they are.</summary>
    public void Append(ReadOnlySpan<byte> rows) => rows.CopyTo(Reserve(rows.Length));

    /// <summary>Fills <paramref name="random"/> for <see cref="Version7"/>, 6 bytes per UUID.</summary>
    public static void FillRandom(Span<byte> random) => RandomNumberGenerator.Fill(random);

    /// <summary>
    /// numeric with two decimals (the rate), from its value in hundredths: base-10000 digits, most significant first,
    /// without leading or trailing zero digits, as PostgreSQL itself sends them.
    /// </summary>
    public void Numeric2(decimal value)
    {
        var cents = decimal.ToInt64(decimal.Round(value * 100m, 0, MidpointRounding.ToEven));
        var negative = cents < 0;
        var magnitude = negative ? (ulong)(-(cents + 1)) + 1 : (ulong)cents;
        var whole = magnitude / 100;
        var fraction = (short)(magnitude % 100 * 100);
        Span<short> digits = stackalloc short[8];
        var count = 0;
        for (var rest = whole; rest > 0; rest /= 10_000)
        {
            count++;
        }

        var weight = (short)(count - 1);
        var rest2 = whole;
        for (var i = count - 1; i >= 0; i--)
        {
            digits[i] = (short)(rest2 % 10_000);
            rest2 /= 10_000;
        }

        if (fraction != 0)
        {
            digits[count++] = fraction;
        }

        while (count > 0 && digits[count - 1] == 0)
        {
            count--;
        }

        if (count == 0)
        {
            weight = 0;
        }

        var span = Reserve(4 + 8 + (2 * count));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * count));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative && count > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], 2);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * i))..], digits[i]);
        }
    }

    /// <summary>integer[] without nulls; an empty list is the zero-dimensional empty array, as '{}' is.</summary>
    public void Int32Array(ReadOnlySpan<int> values)
    {
        var span = ArrayHeader(values.Length, Int4Oid, 4);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[(8 * i)..], 4);
            BinaryPrimitives.WriteInt32BigEndian(span[((8 * i) + 4)..], values[i]);
        }
    }

    /// <summary>smallint[] without nulls; see <see cref="Int32Array"/>.</summary>
    public void Int16Array(ReadOnlySpan<short> values)
    {
        var span = ArrayHeader(values.Length, Int2Oid, 2);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[(6 * i)..], 2);
            BinaryPrimitives.WriteInt16BigEndian(span[((6 * i) + 4)..], values[i]);
        }
    }

    /// <summary>bigint[] without nulls; see <see cref="Int32Array"/>.</summary>
    public void Int64Array(ReadOnlySpan<long> values)
    {
        var span = ArrayHeader(values.Length, Int8Oid, 8);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[(12 * i)..], 8);
            BinaryPrimitives.WriteInt64BigEndian(span[((12 * i) + 4)..], values[i]);
        }
    }

    /// <summary>Writes the array's length and header and returns the room for its elements.</summary>
    private Span<byte> ArrayHeader(int count, int elementOid, int elementSize)
    {
        var header = count == 0 ? 12 : 20;
        var elements = count * (4 + elementSize);
        var span = Reserve(4 + header + elements);
        BinaryPrimitives.WriteInt32BigEndian(span, header + elements);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], count == 0 ? 0 : 1);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], elementOid);
        if (count > 0)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[16..], count);
            BinaryPrimitives.WriteInt32BigEndian(span[20..], 1);
        }

        return span[(4 + header)..];
    }

    private Span<byte> Reserve(int size)
    {
        if (_length + size > _bytes.Length)
        {
            Grow(Math.Max(_bytes.Length * 2, _length + size));
        }

        var span = _bytes.AsSpan(_length, size);
        _length += size;
        return span;
    }

    /// <summary>
    /// Moves what is written into a buffer of <paramref name="capacity"/> bytes, uncleared: the runtime zeroed every new
    /// buffer (the chunks of new rows grow to megabytes) and so wrote each of its pages once more than the rows do,
    /// faulting in pages the rows never reach.
    /// </summary>
    private void Grow(int capacity)
    {
        var grown = GC.AllocateUninitializedArray<byte>(capacity);
        _bytes.AsSpan(0, _length).CopyTo(grown);
        _bytes = grown;
    }
}
