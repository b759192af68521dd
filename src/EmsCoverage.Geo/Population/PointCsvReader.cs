using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Text;

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
        var reader = new DelimitedTextReader(text, DelimitedTextReader.DetectDelimiter(text, tabOrSemicolon: '\t'));
        string[] header = [.. reader.ReadHeader(path, "population").Select(f => f.Trim())];
        int lonColumn = FindColumn(path, header, LonColumns, "longitude", required: true);
        int latColumn = FindColumn(path, header, LatColumns, "latitude", required: true);
        int populationColumn = FindColumn(path, header, [options.PopulationField], "population", required: true);
        int idColumn = FindColumn(path, header, [options.IdField ?? "id"], "id", required: options.IdField is not null);

        var rows = new List<PopulationRow>();
        while (reader.NextRow())
        {
            int line = reader.Line;
            var row = new PopulationRow(string.Create(CultureInfo.InvariantCulture, $"line {line}"))
            {
                GeneratedId = string.Create(CultureInfo.InvariantCulture, $"row-{line}"),
            };
            row.Problems.AddRange(reader.Problems);
            row.Id = PopulationRows.IdText(reader.Field(idColumn));
            row.RawPopulation = reader.Field(populationColumn);
            double? lon = Coordinate("longitude", reader.Field(lonColumn), row.Problems);
            double? lat = Coordinate("latitude", reader.Field(latColumn), row.Problems);
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
            emptyHint = string.Create(CultureInfo.InvariantCulture, $" (only the header on line {reader.HeaderLine})");
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
        string text = DelimitedTextReader.Decode(bytes,
            () => new InputDataException(path, $"{path}: is a binary file, not a CSV population file"), out bool latin1);
        if (latin1)
        {
            string fileName = Path.GetFileName(path);
            diagnostics.Add(PopulationDiagnosticCodes.FileEncoding, DiagnosticSeverity.Warning,
                $"{fileName} is not valid UTF-8; it was read as Latin-1 (ISO 8859-1)", fileName);
        }

        return text;
    }

    private static int FindColumn(string path, string[] header, string[] names, string what, bool required)
    {
        int found = DelimitedTextReader.FindColumn(path, header, names, what, StringComparer.OrdinalIgnoreCase);
        if (found >= 0 || !required)
        {
            return found;
        }

        string columns = DelimitedTextReader.ColumnList(header);
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
}
