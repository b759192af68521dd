using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Text;
using EmsCoverage.Stations;

namespace EmsCoverage.Geo;

/// <summary>
/// Reads ambulance stations (or candidate sites) from a CSV or GeoJSON file, all or nothing: a file with any bad
/// row is refused with a message listing the rows to fix, never read in part.
/// </summary>
/// <remarks>
/// <para><b>CSV</b>: a header row, then one station per row; comma, semicolon or tab separated (detected from the
/// header); fields may be quoted (<c>"Vaduz, Nord"</c>, <c>""</c> for a quote inside); numbers use a dot as decimal
/// separator. Columns, matched ignoring case: <c>id</c> (or <c>station_id</c>), <c>name</c> (or
/// <c>station_name</c>), <c>lon</c> (or <c>longitude</c>, <c>lng</c>, <c>long</c>, <c>x</c>), <c>lat</c> (or
/// <c>latitude</c>, <c>y</c>), optional <c>turnout_s</c> (or <c>turnout_seconds</c>). Other columns are ignored
/// (an info diagnostic lists them). Blank lines are skipped. UTF-8 with or without BOM, or UTF-16 with BOM (a
/// spreadsheet's "Unicode text"); a file that is not valid UTF-8 is read as Latin-1 with a warning.</para>
/// <para><b>GeoJSON</b>: a FeatureCollection of Point features in WGS84 (lon, lat); properties <c>id</c> (string or
/// number; else the feature's own <c>id</c>), <c>name</c>, <c>turnout_s</c> (number or numeric string), matched
/// ignoring case.</para>
/// <para>Rules for both: longitude and latitude are required and must be within ±180 / ±90 degrees; turnout is
/// 0 to 3600 seconds (empty or absent: <see cref="StationFileOptions.DefaultTurnoutTime"/>); ids must be unique
/// (compared exactly); a missing id becomes <c>row-N</c> (N = line number in a CSV, feature number counted from 1 in
/// GeoJSON) and a missing name becomes the id. With <see cref="StationFileOptions.ExpectedBounds"/> every station
/// must lie inside them.</para>
/// </remarks>
public static class StationFile
{
    /// <summary>At most this many bad rows are listed in the exception message (all are added as diagnostics).</summary>
    public const int MaxListedProblems = 10;

    // A million stations in CSV is about 60 MB; anything much larger is the wrong file (e.g. an OSM extract).
    private const long MaxFileBytes = 256L << 20;

    /// <summary>Reads and validates all stations in <paramref name="path"/>.</summary>
    /// <param name="path">A <c>.csv</c>, <c>.geojson</c> or <c>.json</c> file (see <see cref="StationFileFormat.Auto"/>).</param>
    /// <param name="diagnostics">Receives notes that do not stop reading (generated ids, ignored columns, stations at
    /// the same place) and, before an exception, one error per bad row.</param>
    /// <param name="options">Default turnout, expected extent and format; null for the defaults.</param>
    /// <returns>The stations in file order; never empty.</returns>
    /// <exception cref="InputDataException">The file is missing, unreadable, empty, not valid CSV/GeoJSON, has no
    /// stations, or has bad rows; the message names the file and lists up to <see cref="MaxListedProblems"/> rows
    /// with their line numbers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The default turnout in <paramref name="options"/> is negative or
    /// more than an hour.</exception>
    public static IReadOnlyList<Station> Read(string path, DiagnosticBag diagnostics, StationFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        options ??= new StationFileOptions();
        if (options.DefaultTurnoutTime < TimeSpan.Zero || options.DefaultTurnoutTime > StationFileOptions.MaxTurnoutTime)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultTurnoutTime,
                "The default turnout time must be between zero and one hour.");
        }

        var content = DelimitedTextReader.WithoutUtf8Bom(ToUtf8(ReadAllBytes(path)));
        int firstChar = FirstNonWhitespace(content.Span);
        if (firstChar < 0)
        {
            throw new InputDataException(path, $"{path}: the stations file is empty");
        }

        if (DelimitedTextReader.IsBinary(content.Span))
        {
            throw new InputDataException(path, $"{path}: is a binary file, not a CSV or GeoJSON stations file");
        }

        var format = options.Format;
        if (format == StationFileFormat.Auto)
        {
            string extension = Path.GetExtension(path);
            bool jsonExtension = extension.Equals(".geojson", StringComparison.OrdinalIgnoreCase)
                || extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
            format = jsonExtension || firstChar is '{' or '[' ? StationFileFormat.GeoJson : StationFileFormat.Csv;
        }

        var context = new StationFileContext(path, Path.GetFileName(path), diagnostics);
        var rows = format == StationFileFormat.GeoJson
            ? StationGeoJsonReader.Read(context, content)
            : StationCsvReader.Read(context, Decode(context, content.Span));
        return Validate(context, rows, options);
    }

    private static byte[] ReadAllBytes(string path)
    {
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                throw new InputDataException(path,
                    $"{path}: is {length / (1 << 20)} MiB; a stations file is expected to be far smaller (is it the right file?)");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputDataException(path, $"{path}: stations file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: stations file cannot be read: {e.Message}", e);
        }
    }

    // Spreadsheets save "Unicode text" as UTF-16 with a byte order mark; everything after this works on UTF-8.
    private static byte[] ToUtf8(byte[] bytes) =>
        DelimitedTextReader.DecodeUtf16(bytes) is { } text ? Encoding.UTF8.GetBytes(text) : bytes;

    private static int FirstNonWhitespace(ReadOnlySpan<byte> content)
    {
        foreach (byte b in content)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return -1;
    }

    private static string Decode(StationFileContext context, ReadOnlySpan<byte> content)
    {
        string text = DelimitedTextReader.DecodeUtf8(content, out bool latin1);
        if (latin1)
        {
            context.Diagnostics.Add("station-file-encoding", DiagnosticSeverity.Warning,
                $"{context.FileName} is not valid UTF-8; it was read as Latin-1 (ISO 8859-1). Save it as UTF-8 if names look wrong.",
                context.FileName);
        }

        return text;
    }

    // Checks shared by both formats, then builds the stations or throws with the bad rows listed.
    private static System.Collections.ObjectModel.ReadOnlyCollection<Station> Validate(StationFileContext context, List<RawStation> rows, StationFileOptions options)
    {
        if (rows.Count == 0)
        {
            throw new InputDataException(context.Path, $"{context.Path}: contains no stations{context.EmptyHint}");
        }

        var bounds = options.ExpectedBounds;
        var firstById = new Dictionary<string, RawStation>(StringComparer.Ordinal);
        var byLocation = new Dictionary<(double Lat, double Lon), string>();
        var stations = new List<Station>(rows.Count);
        int swapped = 0, outside = 0, defaulted = 0;
        foreach (var row in rows)
        {
            string id = row.Id ?? $"row-{row.Number}";
            if (firstById.TryGetValue(id, out var first))
            {
                row.Problems.Add($"duplicate id '{id}' (first used on {first.Where})");
            }
            else
            {
                firstById.Add(id, row);
            }

            if (row.Lat is double lat && row.Lon is double lon)
            {
                bool latOk = lat is >= -90 and <= 90;
                bool lonOk = lon is >= -180 and <= 180;
                string hint = RangeHint(lat, lon);
                if (!latOk)
                {
                    row.Problems.Add($"latitude {Num(lat)} is outside [-90, 90]{hint}");
                }

                if (!lonOk)
                {
                    row.Problems.Add($"longitude {Num(lon)} is outside [-180, 180]{hint}");
                }

                if (latOk && lonOk && bounds is { } b && !b.Contains(lat, lon))
                {
                    string message = $"station '{id}' at ({Num(lon)}, {Num(lat)}) is outside the road network's extent ({b})";
                    if (b.Contains(lon, lat))
                    {
                        swapped++;
                        row.Problems.Add(message + "; coordinates look swapped (lat/lon)");
                    }
                    else
                    {
                        outside++;
                        row.Problems.Add(message);
                    }
                }
            }

            if (row.TurnoutS is double turnout)
            {
                if (turnout < 0)
                {
                    row.Problems.Add($"turnout {Num(turnout)} s is negative");
                }
                else if (turnout > StationFileOptions.MaxTurnoutTime.TotalSeconds)
                {
                    row.Problems.Add($"turnout {Num(turnout)} s is more than {StationFileOptions.MaxTurnoutTime.TotalSeconds} s (one hour); turnout_s is in seconds");
                }
            }
            else
            {
                defaulted++;
            }

            if (row.Problems.Count > 0)
            {
                continue;
            }

            if (row.Id is null)
            {
                context.Diagnostics.Add("station-id-generated", DiagnosticSeverity.Info,
                    $"{context.FileName} {row.Where} has no id; it is called '{id}'", row.Origin);
            }

            double stationLat = row.Lat!.Value, stationLon = row.Lon!.Value;
            if (byLocation.TryGetValue((stationLat, stationLon), out string? other))
            {
                context.Diagnostics.Add("station-same-location", DiagnosticSeverity.Warning,
                    $"stations '{other}' and '{id}' are at the same place ({Num(stationLon)}, {Num(stationLat)}); is one a copy?",
                    row.Origin);
            }
            else
            {
                byLocation.Add((stationLat, stationLon), id);
            }

            var turnoutTime = row.TurnoutS is double s ? TimeSpan.FromSeconds(s) : options.DefaultTurnoutTime;
            stations.Add(new Station(id, row.Name ?? id, stationLat, stationLon, turnoutTime, row.Origin));
        }

        if (stations.Count < rows.Count)
        {
            throw Refuse(context, rows, swapped, outside);
        }

        if (defaulted > 0)
        {
            context.Diagnostics.Add("station-turnout-default", DiagnosticSeverity.Info,
                $"{defaulted} of {rows.Count} stations in {context.FileName} have no turnout_s; they use the default of " +
                $"{Num(options.DefaultTurnoutTime.TotalSeconds)} s", context.FileName);
        }

        return stations.AsReadOnly();
    }

    private static InputDataException Refuse(StationFileContext context, List<RawStation> rows, int swapped, int outside)
    {
        var bad = rows.FindAll(r => r.Problems.Count > 0);
        foreach (var row in bad)
        {
            context.Diagnostics.Add("station-invalid", DiagnosticSeverity.Error,
                $"{context.FileName} {row.Where}: {string.Join("; ", row.Problems)}", row.Origin);
        }

        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{context.Path}: ");
        if (swapped > 0 && swapped >= outside)
        {
            message.Append(CultureInfo.InvariantCulture,
                $"coordinates look swapped (lat/lon): {swapped} stations lie outside the road network's extent but would " +
                $"lie inside with latitude and longitude exchanged; check which column holds which. ");
        }

        message.Append(CultureInfo.InvariantCulture,
            $"{bad.Count} of {rows.Count} stations cannot be used, so none were read; fix {(bad.Count == 1 ? "this row" : "these rows")} and run again:");
        for (int i = 0; i < Math.Min(bad.Count, MaxListedProblems); i++)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  {context.FileName} {bad[i].Where}: {string.Join("; ", bad[i].Problems)}");
        }

        if (bad.Count > MaxListedProblems)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  ... and {bad.Count - MaxListedProblems} more");
        }

        return new InputDataException(context.Path, message.ToString());
    }

    private static string RangeHint(double lat, double lon)
    {
        if (Math.Abs(lat) > 360 || Math.Abs(lon) > 360)
        {
            return " (the file seems to use projected coordinates such as metres; stations need WGS84 degrees)";
        }

        bool inRange = lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
        bool swappedInRange = lon is >= -90 and <= 90 && lat is >= -180 and <= 180;
        return !inRange && swappedInRange ? " (lat/lon swapped?)" : string.Empty;
    }

    internal static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a number written with a dot as decimal separator; on failure adds a problem naming
    /// <paramref name="what"/> and returns null. Empty text is "missing" when <paramref name="required"/>, else null
    /// without a problem.
    /// </summary>
    internal static double? ParseNumber(string what, string text, bool required, List<string> problems)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            if (required)
            {
                problems.Add($"{what} is missing");
            }

            return null;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            if (double.IsFinite(value))
            {
                return value;
            }

            problems.Add($"{what} '{trimmed}' is not a finite number");
            return null;
        }

        string hint = trimmed.Contains(',', StringComparison.Ordinal) && double.TryParse(
            trimmed.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? " (use a dot as the decimal separator)"
            : string.Empty;
        problems.Add($"{what} '{trimmed}' is not a number{hint}");
        return null;
    }
}

/// <summary>The file being read, for messages.</summary>
internal sealed class StationFileContext(string path, string fileName, DiagnosticBag diagnostics)
{
    public string Path { get; } = path;

    public string FileName { get; } = fileName;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>Extra words for "contains no stations", e.g. " (only a header line)".</summary>
    public string EmptyHint { get; set; } = string.Empty;
}

/// <summary>One row or feature as read, before the shared checks; problems found while parsing are already listed.</summary>
internal sealed class RawStation(int number, string where, string origin)
{
    /// <summary>Line number (CSV) or feature number from 1 (GeoJSON); used for generated ids.</summary>
    public int Number { get; } = number;

    /// <summary>Position for messages, e.g. <c>line 4</c> or <c>feature 3 (line 12)</c>.</summary>
    public string Where { get; } = where;

    /// <summary>Value for <see cref="Station.Origin"/>, e.g. <c>stations.csv:4</c>.</summary>
    public string Origin { get; } = origin;

    public string? Id { get; set; }

    public string? Name { get; set; }

    public double? Lon { get; set; }

    public double? Lat { get; set; }

    public double? TurnoutS { get; set; }

    public List<string> Problems { get; } = [];
}
