using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Text;

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
        var reader = new DelimitedTextReader(text, DelimitedTextReader.DetectDelimiter(text, tabOrSemicolon: ';'));
        string[] header = [.. reader.ReadHeader(context.Path, "stations").Select(f => f.Trim().ToLowerInvariant())];
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
        while (reader.NextRow())
        {
            int line = reader.Line;
            var row = new RawStation(line, $"line {line}", string.Create(CultureInfo.InvariantCulture, $"{context.FileName}:{line}"));
            row.Problems.AddRange(reader.Problems);
            row.Id = NullIfEmpty(reader.Field(idColumn));
            row.Name = NullIfEmpty(reader.Field(nameColumn));
            row.Lon = StationFile.ParseNumber("longitude", reader.Field(lonColumn), required: true, row.Problems);
            row.Lat = StationFile.ParseNumber("latitude", reader.Field(latColumn), required: true, row.Problems);
            row.TurnoutS = StationFile.ParseNumber("turnout", reader.Field(turnoutColumn), required: false, row.Problems);
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            context.EmptyHint = $" (only the header on line {reader.HeaderLine})";
        }

        return rows;
    }

    private static int FindColumn(StationFileContext context, string[] header, string[] names, string what, bool required)
    {
        int found = DelimitedTextReader.FindColumn(context.Path, header, names, what, StringComparer.Ordinal);
        if (found < 0 && required)
        {
            throw new InputDataException(context.Path,
                $"{context.Path}: has no {what} column; expected one of {string.Join(", ", names)} in the header, " +
                $"found {DelimitedTextReader.ColumnList(header)}");
        }

        return found;
    }

    private static string? NullIfEmpty(string value)
    {
        string trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
