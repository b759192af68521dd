using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Geo.Population;

/// <summary>The CSV half of <see cref="PointPopulation"/>: encoding, delimiter, header, one <see cref="PopulationRow"/> per line.</summary>
internal static class PointCsvReader
{
    private static readonly string[] LonColumns = ["lon", "longitude", "lng", "x"];
    private static readonly string[] LatColumns = ["lat", "latitude", "y"];

    /// <summary>The rows of the file, with coordinate and field-count problems already listed.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="options">Field names.</param>
    /// <param name="diagnostics">Receives the note about a non-UTF-8 file.</param>
    /// <param name="emptyHint">Words for "contains no rows", e.g. " (only the header on line 1)".</param>
    public static List<PopulationRow> Read(string path, PopulationFileOptions options, DiagnosticBag diagnostics, out string emptyHint)
    {
        emptyHint = string.Empty;
        string text = Decode(path, PolygonSource.ReadAllBytes(path, "population"), diagnostics);
        var parser = new CsvRecords(text, DetectDelimiter(text));
        var fields = new List<string>();
        int headerLine;
        string? problem;
        do
        {
            if (!parser.Next(fields, out headerLine, out problem))
            {
                throw new InputDataException(path, $"{path}: the population file is empty");
            }
        }
        while (IsBlank(fields));

        if (problem is not null)
        {
            throw new InputDataException(path, $"{path}: header on line {headerLine}: {problem}");
        }

        string[] header = [.. fields.Select(f => f.Trim())];
        int lonColumn = FindColumn(path, header, LonColumns, "longitude", required: true);
        int latColumn = FindColumn(path, header, LatColumns, "latitude", required: true);
        int populationColumn = FindColumn(path, header, [options.PopulationField], "population", required: true);
        int idColumn = FindColumn(path, header, [options.IdField ?? "id"], "id", required: options.IdField is not null);

        var rows = new List<PopulationRow>();
        while (parser.Next(fields, out int line, out problem))
        {
            if (IsBlank(fields))
            {
                continue;
            }

            var row = new PopulationRow(string.Create(CultureInfo.InvariantCulture, $"line {line}"))
            {
                GeneratedId = string.Create(CultureInfo.InvariantCulture, $"row-{line}"),
            };
            if (problem is not null)
            {
                row.Problems.Add(problem);
            }

            if (fields.Count > header.Length && fields.Skip(header.Length).Any(f => f.Trim().Length > 0))
            {
                row.Problems.Add($"has {fields.Count} fields but the header has {header.Length} (a value with an unquoted " +
                    $"'{(parser.Delimiter == '\t' ? "tab" : parser.Delimiter.ToString())}'?)");
            }

            row.Id = PopulationRows.IdText(Field(fields, idColumn));
            row.RawPopulation = Field(fields, populationColumn);
            double? lon = Coordinate("longitude", Field(fields, lonColumn), row.Problems);
            double? lat = Coordinate("latitude", Field(fields, latColumn), row.Problems);
            if (lon is double x && lat is double y)
            {
                string coordinateProblem = PolygonSource.CoordinateProblem(x, y);
                if (coordinateProblem.Length > 0)
                {
                    row.Problems.Add(coordinateProblem);
                }

                row.Lon = x;
                row.Lat = y;
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            emptyHint = string.Create(CultureInfo.InvariantCulture, $" (only the header on line {headerLine})");
        }

        return rows;
    }

    private static double? Coordinate(string what, string text, List<string> problems)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            problems.Add($"{what} is missing");
            return null;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        bool decimalComma = trimmed.Contains(',', StringComparison.Ordinal) && double.TryParse(
            trimmed.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        problems.Add($"{what} '{trimmed}' is not a number{(decimalComma ? " (use a dot as the decimal separator in coordinates)" : string.Empty)}");
        return null;
    }

    // UTF-8 (BOM optional), UTF-16 with BOM, else Latin-1 with a warning.
    private static string Decode(string path, byte[] bytes, DiagnosticBag diagnostics)
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

        int start = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (span[start..Math.Min(span.Length, start + 4096)].Contains((byte)0))
        {
            throw new InputDataException(path, $"{path}: is a binary file, not a CSV population file");
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            string fileName = Path.GetFileName(path);
            diagnostics.Add(PopulationDiagnosticCodes.FileEncoding, DiagnosticSeverity.Warning,
                $"{fileName} is not valid UTF-8; it was read as Latin-1 (ISO 8859-1)", fileName);
            return Encoding.Latin1.GetString(bytes, start, bytes.Length - start);
        }
    }

    // The most frequent of ',', ';' and tab outside quotes on the first non-blank line (the header).
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

        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static int FindColumn(string path, string[] header, string[] names, string what, bool required)
    {
        int found = -1;
        for (int i = 0; i < header.Length; i++)
        {
            if (!names.Contains(header[i], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found >= 0)
            {
                throw new InputDataException(path, $"{path}: has two {what} columns ('{header[found]}' and '{header[i]}'); keep one");
            }

            found = i;
        }

        if (found >= 0 || !required)
        {
            return found;
        }

        string columns = string.Join(", ", header.Select(h => h.Length == 0 ? "(empty)" : h));
        string expected = names.Length == 1 ? $"a column named '{names[0]}'" : $"one of {string.Join(", ", names)}";
        string fix = what switch
        {
            "population" => Suggest(header) is { } guess
                ? $"; if '{guess}' holds the people, name it with the population field option"
                : "; name the column that holds the people with the population field option",
            "id" => "; name an existing column with the id field option, or leave it unset",
            _ => string.Empty,
        };
        throw new InputDataException(path, $"{path}: has no {what} column: expected {expected} in the header, found {columns}{fix}");
    }

    // A column that probably holds people, for the "did you mean" in the message.
    private static string? Suggest(string[] header) =>
        Array.Find(header, h => h.Contains("pop", StringComparison.OrdinalIgnoreCase) || h.Contains("people", StringComparison.OrdinalIgnoreCase)
            || h.Contains("inhab", StringComparison.OrdinalIgnoreCase) || h.Contains("einw", StringComparison.OrdinalIgnoreCase));

    private static string Field(List<string> fields, int column) => column >= 0 && column < fields.Count ? fields[column] : string.Empty;

    private static bool IsBlank(List<string> fields) => fields.TrueForAll(f => f.Trim().Length == 0);

    /// <summary>
    /// RFC 4180 records: fields separated by the delimiter, optionally quoted; inside quotes, <c>""</c> is a quote and
    /// line breaks belong to the field. Lenient: text after a closing quote is kept, an unclosed quote is a problem.
    /// </summary>
    private sealed class CsvRecords(string text, char delimiter)
    {
        private readonly StringBuilder _field = new();
        private int _pos;
        private int _line = 1;

        public char Delimiter => delimiter;

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
                        problem = string.Create(CultureInfo.InvariantCulture, $"a quote opened on line {openLine} is never closed");
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
