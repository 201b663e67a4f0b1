using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// A streaming RFC 4180 reader: holds one record at a time, reports the line each record starts on (quoted
/// fields may span lines), and fails on an unterminated quote or stray characters after a closing quote.
/// </summary>
/// <remarks>
/// Fields are cut from the read buffer as whole runs between separators (a vectorised search), not char by char:
/// reading was a sizeable share of the import's time. A field only goes through the builder when it spans two
/// buffer fills or holds an escaped quote.
/// </remarks>
public sealed class CsvRecordReader(TextReader reader)
{
    public const int MaxFieldLength = 64 * 1024;

    /// <summary>
    /// Bounds one record as <see cref="MaxFieldLength"/> bounds one field: a line of nothing but commas is millions of
    /// empty fields, each a list entry, and held gigabytes of memory for one 100 MB line.
    /// </summary>
    public const int MaxRecordLength = 1024 * 1024;
    private static readonly SearchValues<char> Separators = SearchValues.Create(",\"\r\n");
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();

    /// <summary>A value repeated in a column is one string (<see cref="CsvFieldStrings"/>); fields are never changed in place, so sharing is safe.</summary>
    private readonly CsvFieldStrings _strings = new();
    private int _position;
    private int _length;
    private int _line = 1;
    private int _recordLength;

    // Where the record being read stands when the buffer runs out mid-record.
    private bool _quoted;
    private bool _wasQuoted;
    private bool _quoteAtEnd;
    private bool _skipLineFeed;

    /// <summary>The line the last record returned by <see cref="ReadAsync"/> started on.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken ct)
    {
        fields.Clear();
        if (!await FillAsync(ct))
        {
            return false;
        }

        if (_skipLineFeed)
        {
            // The previous record ended in a CR at the end of a buffer; its LF came with this one.
            _skipLineFeed = false;
            if (_buffer[_position] == '\n')
            {
                _position++;
                if (!await FillAsync(ct))
                {
                    return false;
                }
            }
        }

        RecordLine = _line;
        _recordLength = 0;
        _field.Clear();
        (_quoted, _wasQuoted, _quoteAtEnd) = (false, false, false);
        while (!Scan(fields))
        {
            if (!await FillAsync(ct))
            {
                if (_quoted && !_quoteAtEnd)
                {
                    throw new CsvFormatException($"Unterminated quoted field in the record starting on line {RecordLine}.");
                }

                fields.Add(TakeField(default, fields.Count));
                return true;
            }
        }

        return true;
    }

    /// <summary>Consumes buffered characters; true when the record is complete, false when the buffer ran out first.</summary>
    private bool Scan(List<string> fields)
    {
        if (_quoteAtEnd)
        {
            // A quote ended the last buffer inside a quoted field: an escaped quote or the closing one.
            _quoteAtEnd = false;
            if (_buffer[_position] == '"')
            {
                _field.Append('"');
                _position++;
            }
            else
            {
                _quoted = false;
            }
        }

        while (_position < _length)
        {
            if (_quoted)
            {
                var rest = _buffer.AsSpan(_position, _length - _position);
                var quote = rest.IndexOf('"');
                var run = quote < 0 ? rest : rest[..quote];
                _line += run.Count('\n');
                Append(run);
                if (quote < 0)
                {
                    _position = _length;
                    return false;
                }

                _position += quote + 1;
                if (_position >= _length)
                {
                    _quoteAtEnd = true;
                    return false;
                }

                if (_buffer[_position] == '"')
                {
                    _field.Append('"');
                    _position++;
                }
                else
                {
                    _quoted = false;
                }

                continue;
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(Separators);
            if (stop != 0 && _wasQuoted)
            {
                throw Unexpected(span[0]);
            }

            if (stop < 0)
            {
                Append(span);
                _position = _length;
                return false;
            }

            var value = span[..stop];
            var c = span[stop];
            _position += stop + 1;
            switch (c)
            {
                case ',':
                    fields.Add(TakeField(value, fields.Count));
                    _wasQuoted = false;
                    break;
                case '\r':
                    fields.Add(TakeField(value, fields.Count));
                    _line++;
                    if (_position < _length)
                    {
                        if (_buffer[_position] == '\n')
                        {
                            _position++;
                        }
                    }
                    else
                    {
                        _skipLineFeed = true;
                    }

                    return true;
                case '\n':
                    fields.Add(TakeField(value, fields.Count));
                    _line++;
                    return true;
                default:
                    // A quote: it opens a quoted field only as the field's first character.
                    if (value.Length > 0 || _field.Length > 0 || _wasQuoted)
                    {
                        Append(value);
                        throw Unexpected('"');
                    }

                    _quoted = true;
                    _wasQuoted = true;
                    break;
            }
        }

        return false;
    }

    private CsvFormatException Unexpected(char c) =>
        new($"Unexpected character '{c}' after or inside an unquoted field on line {_line}; quote fields holding quotes and double the quotes inside.");

    /// <summary>The field read so far plus <paramref name="last"/>, its final run in the buffer; <paramref name="column"/> is its place in the record.</summary>
    private string TakeField(ReadOnlySpan<char> last, int column)
    {
        // The field and its separator; the field's own length is already bounded, so this stops a record in time.
        _recordLength += _field.Length + last.Length + 1;
        if (_recordLength > MaxRecordLength)
        {
            throw new CsvFormatException($"The record starting on line {RecordLine} is longer than {MaxRecordLength} characters.");
        }

        if (_field.Length == 0)
        {
            CheckLength(last.Length);
            return _strings.Get(column, last);
        }

        Append(last);
        string value;
        if (_field.Length <= CsvFieldStrings.MaxLength)
        {
            // A short field the buffer's end cut in two (or with an escaped quote) is shared like any other.
            Span<char> chars = stackalloc char[_field.Length];
            _field.CopyTo(0, chars, _field.Length);
            value = _strings.Get(column, chars);
        }
        else
        {
            value = _field.ToString();
        }

        _field.Clear();
        return value;
    }

    private void Append(ReadOnlySpan<char> run)
    {
        CheckLength(_field.Length + run.Length);
        _field.Append(run);
    }

    private void CheckLength(int length)
    {
        if (length > MaxFieldLength)
        {
            throw new CsvFormatException($"A field of the record starting on line {RecordLine} is longer than {MaxFieldLength} characters.");
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_position < _length)
        {
            return true;
        }

        try
        {
            _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException($"The file is not valid UTF-8 (near line {_line}).");
        }

        _position = 0;
        return _length > 0;
    }
}
