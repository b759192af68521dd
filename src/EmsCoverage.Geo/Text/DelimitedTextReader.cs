using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Geo.Text;

/// <summary>
/// Delimited text with a header row (CSV, semicolon or tab separated), shared by the station and point population
/// readers: encoding detection, delimiter detection, RFC 4180 records with their line numbers, and header columns.
/// </summary>
/// <remarks>
/// Records: fields separated by the delimiter, optionally quoted; inside quotes, <c>""</c> is a quote and line breaks
/// belong to the field. Lenient: text after a closing quote is kept, an unclosed quote is a problem of its record.
/// Blank records (every field empty or white space) are skipped.
/// </remarks>
/// <param name="text">The whole file, decoded.</param>
/// <param name="delimiter">The field separator, e.g. from <see cref="DetectDelimiter"/>.</param>
internal sealed class DelimitedTextReader(string text, char delimiter)
{
    // Only the start of a file is searched for NUL bytes: enough to tell a binary file from text.
    private const int BinaryProbeBytes = 4096;

    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private readonly List<string> _problems = [];
    private int _pos;
    private int _line = 1;
    private int _headerLength;

    /// <summary>The line the header starts on (valid after <see cref="ReadHeader"/>).</summary>
    public int HeaderLine { get; private set; }

    /// <summary>The line the current record starts on (valid after <see cref="NextRow"/> returned true).</summary>
    public int Line { get; private set; }

    /// <summary>
    /// Problems of the current record, in words without its position: a quote never closed, more non-empty fields
    /// than the header. Valid until the next call of <see cref="NextRow"/>.
    /// </summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>
    /// The text of a file: UTF-16 with a byte order mark; else UTF-8 (byte order mark optional) when it is valid
    /// UTF-8; else Latin-1 (ISO 8859-1), with <paramref name="latin1"/> set so the caller can warn.
    /// </summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="isBinary">Makes the exception thrown when the content holds NUL bytes (a binary file).</param>
    /// <param name="latin1">True when the content was not valid UTF-8 and was read as Latin-1.</param>
    public static string Decode(byte[] bytes, Func<Exception> isBinary, out bool latin1)
    {
        latin1 = false;
        if (DecodeUtf16(bytes) is { } utf16)
        {
            return utf16;
        }

        var content = WithoutUtf8Bom(bytes);
        if (IsBinary(content.Span))
        {
            throw isBinary();
        }

        return DecodeUtf8(content.Span, out latin1);
    }

    /// <summary>The text of a file that starts with a UTF-16 byte order mark (a spreadsheet's "Unicode text"); null otherwise.</summary>
    public static string? DecodeUtf16(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        return null;
    }

    /// <summary>The bytes after a UTF-8 byte order mark, or all of them when there is none.</summary>
    public static ReadOnlyMemory<byte> WithoutUtf8Bom(byte[] bytes) => bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);

    /// <summary>True when the start of <paramref name="content"/> holds a NUL byte, which text files never do.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> content) => content[..Math.Min(content.Length, BinaryProbeBytes)].Contains((byte)0);

    /// <summary>
    /// <paramref name="content"/> as UTF-8 (without a byte order mark), or as Latin-1 when it is not valid UTF-8, with
    /// <paramref name="latin1"/> set so the caller can warn.
    /// </summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> content, out bool latin1)
    {
        try
        {
            latin1 = false;
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            latin1 = true;
            return Encoding.Latin1.GetString(content);
        }
    }

    /// <summary>
    /// The most frequent of ',', ';' and tab outside quotes on the first non-blank line (the header); ',' when none is
    /// more frequent than commas.
    /// </summary>
    /// <param name="text">The whole file.</param>
    /// <param name="tabOrSemicolon">The delimiter taken when tabs and semicolons are equally frequent and more frequent
    /// than commas: <c>'\t'</c> or <c>';'</c>.</param>
    public static char DetectDelimiter(string text, char tabOrSemicolon)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false, seenContent = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (c is '\n' or '\r')
                {
                    if (seenContent)
                    {
                        break;
                    }

                    continue;
                }

                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }

            seenContent |= !char.IsWhiteSpace(c);
        }

        if (tabs > commas && tabs > semicolons)
        {
            return '\t';
        }

        if (semicolons > commas && semicolons > tabs)
        {
            return ';';
        }

        return tabs == semicolons && tabs > commas ? tabOrSemicolon : ',';
    }

    /// <summary>
    /// The index of the one header column named one of <paramref name="names"/>; -1 when there is none (the caller
    /// decides whether that is an error).
    /// </summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="header">The header's column names, as the caller normalised them.</param>
    /// <param name="names">Accepted names of the column.</param>
    /// <param name="what">The column in words, e.g. "longitude".</param>
    /// <param name="comparer">How a header name is compared with <paramref name="names"/>.</param>
    /// <exception cref="InputDataException">Two columns match.</exception>
    public static int FindColumn(string path, string[] header, string[] names, string what, StringComparer comparer)
    {
        int found = -1;
        for (int i = 0; i < header.Length; i++)
        {
            if (!names.Contains(header[i], comparer))
            {
                continue;
            }

            if (found >= 0)
            {
                throw new InputDataException(path, $"{path}: has two {what} columns ('{header[found]}' and '{header[i]}'); keep one");
            }

            found = i;
        }

        return found;
    }

    /// <summary>The header's names, for messages: the columns in file order, <c>(empty)</c> for an unnamed one.</summary>
    public static string ColumnList(string[] header) => string.Join(", ", header.Select(h => h.Length == 0 ? "(empty)" : h));

    /// <summary>Reads the header: the first record that is not blank. Sets <see cref="HeaderLine"/>.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="what">What the file holds, for the message about an empty file (e.g. "population").</param>
    /// <returns>The header's fields as written (not trimmed).</returns>
    /// <exception cref="InputDataException">The text has no record that is not blank, or the header has an unclosed quote.</exception>
    public List<string> ReadHeader(string path, string what)
    {
        int headerLine;
        string? problem;
        do
        {
            if (!Next(out headerLine, out problem))
            {
                throw new InputDataException(path, $"{path}: the {what} file is empty");
            }
        }
        while (IsBlank());

        if (problem is not null)
        {
            throw new InputDataException(path, $"{path}: header on line {headerLine}: {problem}");
        }

        HeaderLine = headerLine;
        _headerLength = _fields.Count;
        return [.. _fields];
    }

    /// <summary>
    /// Moves to the next record after the header that is not blank, setting <see cref="Line"/> and
    /// <see cref="Problems"/>; false at the end of the text.
    /// </summary>
    public bool NextRow()
    {
        while (Next(out int line, out string? problem))
        {
            if (IsBlank())
            {
                continue;
            }

            Line = line;
            _problems.Clear();
            if (problem is not null)
            {
                _problems.Add(problem);
            }

            if (_fields.Count > _headerLength && _fields.Skip(_headerLength).Any(f => f.Trim().Length > 0))
            {
                _problems.Add($"has {_fields.Count} fields but the header has {_headerLength} (a value with an unquoted '{DelimiterName()}'?)");
            }

            return true;
        }

        return false;
    }

    /// <summary>The current record's field in <paramref name="column"/> as written; empty for a missing field or column -1.</summary>
    public string Field(int column) => column >= 0 && column < _fields.Count ? _fields[column] : string.Empty;

    // The delimiter in words for messages: "tab", else the character itself.
    private string DelimiterName() => delimiter == '\t' ? "tab" : delimiter.ToString();

    private bool IsBlank() => _fields.TrueForAll(f => f.Trim().Length == 0);

    // Reads the next record into _fields; line is where it starts. False at the end of the text.
    private bool Next(out int line, out string? problem)
    {
        _fields.Clear();
        problem = null;
        line = _line;
        if (_pos >= text.Length)
        {
            return false;
        }

        while (true)
        {
            _field.Clear();
            if (_pos < text.Length && text[_pos] == '"')
            {
                int openLine = _line;
                _pos++;
                if (!ReadQuoted())
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"a quote opened on line {openLine} is never closed");
                    _fields.Add(_field.ToString());
                    return true;
                }
            }

            while (_pos < text.Length && text[_pos] != delimiter && text[_pos] is not ('\n' or '\r'))
            {
                _field.Append(text[_pos++]);
            }

            _fields.Add(_field.ToString());
            if (_pos >= text.Length)
            {
                return true;
            }

            char c = text[_pos++];
            if (c == delimiter)
            {
                continue;
            }

            SkipLineBreak(c);
            return true;
        }
    }

    // After the opening quote; false when the text ends before the closing quote.
    private bool ReadQuoted()
    {
        while (_pos < text.Length)
        {
            char c = text[_pos++];
            if (c == '"')
            {
                if (_pos < text.Length && text[_pos] == '"')
                {
                    _field.Append('"');
                    _pos++;
                    continue;
                }

                return true;
            }

            if (c is '\n' or '\r')
            {
                SkipLineBreak(c);
                _field.Append('\n');
                continue;
            }

            _field.Append(c);
        }

        return false;
    }

    // Counts one line for "\n", "\r" or "\r\n" (c is the character already consumed).
    private void SkipLineBreak(char c)
    {
        if (c == '\r' && _pos < text.Length && text[_pos] == '\n')
        {
            _pos++;
        }

        _line++;
    }
}
