using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Geo;

/// <summary>The CSV half of <see cref="StationFile"/>: header, delimiter, quoting, one <see cref="RawStation"/> per row.</summary>
internal static class StationCsvReader
{
    private static readonly string[] IdColumns = ["id", "station_id"];
    private static readonly string[] NameColumns = ["name", "station_name"];
    private static readonly string[] LonColumns = ["lon", "longitude", "lng", "long", "x"];
    private static readonly string[] LatColumns = ["lat", "latitude", "y"];
    private static readonly string[] TurnoutColumns = ["turnout_s", "turnout_seconds"];

    public static List<RawStation> Read(StationFileContext context, string text)
    {
        char delimiter = DetectDelimiter(text);
        var parser = new CsvParser(text, delimiter);
        var fields = new List<string>();

        int headerLine;
        string? problem;
        do
        {
            if (!parser.Next(fields, out headerLine, out problem))
            {
                throw new InputDataException(context.Path, $"{context.Path}: the stations file is empty");
            }
        }
        while (IsBlank(fields));

        if (problem is not null)
        {
            throw new InputDataException(context.Path, $"{context.Path}: header on line {headerLine}: {problem}");
        }

        string[] header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        int idColumn = FindColumn(context, header, IdColumns, "id", required: false);
        int nameColumn = FindColumn(context, header, NameColumns, "name", required: false);
        int lonColumn = FindColumn(context, header, LonColumns, "longitude", required: true);
        int latColumn = FindColumn(context, header, LatColumns, "latitude", required: true);
        int turnoutColumn = FindColumn(context, header, TurnoutColumns, "turnout", required: false);
        int[] used = [idColumn, nameColumn, lonColumn, latColumn, turnoutColumn];
        var ignored = header.Where((name, i) => !used.Contains(i) && name.Length > 0).ToArray();
        if (ignored.Length > 0)
        {
            context.Diagnostics.Add("station-columns-ignored", DiagnosticSeverity.Info,
                $"{context.FileName}: columns not used: {string.Join(", ", ignored)}", context.FileName);
        }

        var rows = new List<RawStation>();
        while (parser.Next(fields, out int line, out problem))
        {
            if (IsBlank(fields))
            {
                continue;
            }

            var row = new RawStation(line, $"line {line}", string.Create(CultureInfo.InvariantCulture, $"{context.FileName}:{line}"));
            if (problem is not null)
            {
                row.Problems.Add(problem);
            }

            if (fields.Count > header.Length && fields.Skip(header.Length).Any(f => f.Trim().Length > 0))
            {
                row.Problems.Add($"has {fields.Count} fields but the header has {header.Length} " +
                    $"(a value with an unquoted '{DelimiterName(delimiter)}'?)");
            }

            row.Id = NullIfEmpty(Field(fields, idColumn));
            row.Name = NullIfEmpty(Field(fields, nameColumn));
            row.Lon = StationFile.ParseNumber("longitude", Field(fields, lonColumn), required: true, row.Problems);
            row.Lat = StationFile.ParseNumber("latitude", Field(fields, latColumn), required: true, row.Problems);
            row.TurnoutS = StationFile.ParseNumber("turnout", Field(fields, turnoutColumn), required: false, row.Problems);
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            context.EmptyHint = $" (only the header on line {headerLine})";
        }

        return rows;
    }

    // The delimiter is the most frequent of ',', ';' and tab outside quotes on the first non-blank line (the header).
    private static char DetectDelimiter(string text)
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

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    private static int FindColumn(StationFileContext context, string[] header, string[] names, string what, bool required)
    {
        int found = -1;
        for (int i = 0; i < header.Length; i++)
        {
            if (!names.Contains(header[i]))
            {
                continue;
            }

            if (found >= 0)
            {
                throw new InputDataException(context.Path,
                    $"{context.Path}: has two {what} columns ('{header[found]}' and '{header[i]}'); keep one");
            }

            found = i;
        }

        if (found < 0 && required)
        {
            throw new InputDataException(context.Path,
                $"{context.Path}: has no {what} column; expected one of {string.Join(", ", names)} in the header, " +
                $"found {string.Join(", ", header.Select(h => h.Length == 0 ? "(empty)" : h))}");
        }

        return found;
    }

    private static string Field(List<string> fields, int column) => column >= 0 && column < fields.Count ? fields[column] : string.Empty;

    private static string? NullIfEmpty(string value)
    {
        string trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static bool IsBlank(List<string> fields) => fields.TrueForAll(f => f.Trim().Length == 0);

    private static string DelimiterName(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    /// <summary>
    /// RFC 4180 records: fields separated by the delimiter, optionally quoted; inside quotes, <c>""</c> is a quote and
    /// line breaks belong to the field. Lenient: text after a closing quote is kept, an unclosed quote is a problem.
    /// </summary>
    private sealed class CsvParser(string text, char delimiter)
    {
        private readonly StringBuilder _field = new();
        private int _pos;
        private int _line = 1;

        /// <summary>Reads the next record; <paramref name="line"/> is where it starts. False at the end of the text.</summary>
        public bool Next(List<string> fields, out int line, out string? problem)
        {
            fields.Clear();
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
                        problem = $"a quote opened on line {openLine} is never closed";
                        fields.Add(_field.ToString());
                        return true;
                    }
                }

                while (_pos < text.Length && text[_pos] != delimiter && text[_pos] is not ('\n' or '\r'))
                {
                    _field.Append(text[_pos++]);
                }

                fields.Add(_field.ToString());
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
}
