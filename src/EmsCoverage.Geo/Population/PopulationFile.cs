using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmsCoverage.Diagnostics;
using EmsCoverage.Population;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Reads a population layer of any supported kind into demand cells, choosing the reader from the file's extension
/// (and, for an unknown extension, its content).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>File</term><description>Read as</description></listheader>
/// <item><term><c>.csv</c>, <c>.tsv</c>, <c>.txt</c></term><description>points: <see cref="PointPopulation.ReadCsv"/></description></item>
/// <item><term><c>.geojson</c>, <c>.json</c></term><description>points or polygons, whichever the features are
/// (<see cref="PointPopulation.ReadGeoJson"/>, <see cref="PolygonPopulation.ReadGeoJson"/>)</description></item>
/// <item><term><c>.gpkg</c>, <c>.gpkg.zip</c>, <c>.zip</c></term><description>a GeoPackage layer of polygons
/// (<see cref="PolygonPopulation.ReadGeoPackage"/>) or points</description></item>
/// <item><term><c>.tif</c>, <c>.tiff</c>, <c>.asc</c></term><description>a population raster:
/// <see cref="GeoTiffPopulation.Read"/>, <see cref="AsciiGridPopulation.Read"/></description></item>
/// </list>
/// All readers are all-or-nothing: a file with any unusable row is refused with a message listing up to
/// <see cref="MaxListedProblems"/> rows, and the cells always add up to the population read
/// (<see cref="DemandLayer.InputPopulation"/>). Rows with zero population are not turned into cells (they are
/// counted in a <see cref="PopulationDiagnosticCodes.ZeroCells"/> note).
/// </remarks>
public static class PopulationFile
{
    /// <summary>At most this many bad rows are listed in an exception message (all are added as diagnostics).</summary>
    public const int MaxListedProblems = 10;

    /// <summary>Reads the population in <paramref name="path"/>.</summary>
    /// <param name="path">The population file.</param>
    /// <param name="options">Field names, GeoPackage layer and polygon sampling; null for the defaults.</param>
    /// <param name="diagnostics">Receives notes that do not stop reading (zero rows left out, repaired polygons,
    /// coordinate transforms) and, before an exception, one error per bad row.</param>
    /// <returns>The demand cells, never empty.</returns>
    /// <exception cref="InputDataException">The file is missing, of an unknown kind, unreadable, has bad rows, no
    /// rows, or no people; the message names the file, the problem and the fix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="PopulationFileOptions"/>).</exception>
    public static DemandLayer Read(string path, PopulationFileOptions? options, DiagnosticBag diagnostics)
    {
        options = Prepare(path, options, diagnostics);

        string name = Path.GetFileName(path).ToLowerInvariant();
        switch (Path.GetExtension(name))
        {
            case ".csv" or ".tsv" or ".txt":
                return PointPopulation.ReadCsv(path, options, diagnostics);
            case ".geojson" or ".json":
                return ReadVector(path, PolygonSource.ReadGeoJson(path, "population"), options, diagnostics);
            case ".gpkg" or ".zip":
                return ReadVector(path, GeoPackageFile.Read(path, options.Layer, "population", diagnostics), options, diagnostics);
            case ".tif" or ".tiff":
                return ReadGeoTiff(path, diagnostics);
            case ".asc":
                return ReadAsciiGrid(path, options, diagnostics);
            default:
                break;
        }

        byte[] head = PolygonSource.ReadHead(path, 16);
        if (head.AsSpan().StartsWith("SQLite format 3\0"u8) || head.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return ReadVector(path, GeoPackageFile.Read(path, options.Layer, "population", diagnostics), options, diagnostics);
        }

        if (head.AsSpan().StartsWith("II*\0"u8) || head.AsSpan().StartsWith("MM\0*"u8))
        {
            return ReadGeoTiff(path, diagnostics);
        }

        string start = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (start.StartsWith('{'))
        {
            return ReadVector(path, PolygonSource.ReadGeoJson(path, "population"), options, diagnostics);
        }

        if (start.StartsWith("ncols", StringComparison.OrdinalIgnoreCase))
        {
            return ReadAsciiGrid(path, options, diagnostics);
        }

        if (head.AsSpan().Contains((byte)0))
        {
            throw new InputDataException(path,
                $"{path}: is not a population file this tool can read; use CSV points, GeoJSON, a GeoPackage (.gpkg or zipped), " +
                "a GeoTIFF or an ASCII grid");
        }

        return PointPopulation.ReadCsv(path, options, diagnostics);
    }

    private static DemandLayer ReadGeoTiff(string path, DiagnosticBag diagnostics) => GeoTiffPopulation.Read(path, diagnostics);

    private static DemandLayer ReadAsciiGrid(string path, PopulationFileOptions options, DiagnosticBag diagnostics) =>
        AsciiGridPopulation.Read(path, diagnostics, options.Epsg);

    /// <summary>
    /// The checks every reader starts with: the arguments, the options (null for the defaults), and that
    /// <paramref name="path"/> is a file.
    /// </summary>
    /// <returns>The options to read with.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="diagnostics"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InputDataException">The file is missing, or is a folder.</exception>
    internal static PopulationFileOptions Prepare(string path, PopulationFileOptions? options, DiagnosticBag diagnostics)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        options ??= new PopulationFileOptions();
        options.Validate();
        CheckExists(path);
        return options;
    }

    internal static void CheckExists(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputDataException(path, $"{path}: is a folder; name the population file inside it");
        }

        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: population file not found");
        }
    }

    // Points or polygons, whichever most features are; features of the other kinds are then listed as bad rows.
    private static DemandLayer ReadVector(string path, PolygonSource.Layer layer, PopulationFileOptions options, DiagnosticBag diagnostics)
    {
        int points = 0, polygons = 0;
        var others = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in layer.Features)
        {
            switch (feature.GeometryType)
            {
                case null:
                    break;
                case "Point":
                    points++;
                    break;
                case "Polygon" or "MultiPolygon":
                    polygons++;
                    break;
                default:
                    others[feature.GeometryType] = others.GetValueOrDefault(feature.GeometryType) + 1;
                    break;
            }
        }

        if (points == 0 && polygons == 0 && layer.Features.Count > 0)
        {
            string found = others.Count == 0
                ? "no feature has a geometry"
                : "it holds " + string.Join(", ", others.Select(o => $"{o.Value} {o.Key}"));
            throw new InputDataException(path,
                $"{path}: population features must be Points or Polygons/MultiPolygons, but {found}");
        }

        return points > polygons
            ? PointPopulation.FromLayer(layer, options, diagnostics)
            : PolygonPopulation.FromLayer(layer, options, diagnostics);
    }
}

/// <summary>Options for reading population files; the defaults suit most files.</summary>
public sealed record PopulationFileOptions
{
    /// <summary>Smallest accepted <see cref="SampleSpacingM"/>, in metres.</summary>
    public const double MinSampleSpacingM = 1;

    /// <summary>Largest accepted <see cref="SampleSpacingM"/>, in metres.</summary>
    public const double MaxSampleSpacingM = 100_000;

    /// <summary>Column or property holding the number of people (matched ignoring case). Default <c>population</c>.</summary>
    public string PopulationField { get; init; } = "population";

    /// <summary>
    /// Column or property holding each row's identifier (matched ignoring case). Null: <c>id</c> when present, else the
    /// feature's own id, else a generated one (<c>row-N</c> for CSV line N, <c>feature-N</c>).
    /// </summary>
    public string? IdField { get; init; }

    /// <summary>GeoPackage layer (table) to read, matched ignoring case; null for the file's only feature layer.</summary>
    public string? Layer { get; init; }

    /// <summary>
    /// EPSG code of an ESRI ASCII grid's coordinates (the format does not say); null to use the <c>.prj</c> file beside
    /// the grid, or WGS84 when there is none. Other formats carry their own coordinate system and ignore it.
    /// </summary>
    public int? Epsg { get; init; }

    /// <summary>
    /// Spacing in metres of the sample grid that spreads each polygon's people over its area (see
    /// <see cref="PolygonPopulation"/>); from <see cref="MinSampleSpacingM"/> to <see cref="MaxSampleSpacingM"/>. Default 100.
    /// </summary>
    public double SampleSpacingM { get; init; } = 100;

    /// <summary>Throws for values no file could be read with.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(PopulationField))
        {
            throw new ArgumentOutOfRangeException(nameof(PopulationField), PopulationField, "The population field name must not be empty.");
        }

        if (!(SampleSpacingM >= MinSampleSpacingM && SampleSpacingM <= MaxSampleSpacingM))
        {
            throw new ArgumentOutOfRangeException(nameof(SampleSpacingM), SampleSpacingM,
                $"The sample spacing must be between {MinSampleSpacingM} and {MaxSampleSpacingM} metres.");
        }
    }
}

/// <summary>Stable codes of the diagnostics the population readers report (<see cref="Diagnostic.Code"/>).</summary>
public static class PopulationDiagnosticCodes
{
    /// <summary>Info (one per file): rows or features with zero population were not turned into demand cells.</summary>
    public const string ZeroCells = "population-zero-cells";

    /// <summary>Error: one unusable row; the file was refused (the exception lists the first few).</summary>
    public const string RowInvalid = "population-row-invalid";

    /// <summary>Warning: a CSV file is not valid UTF-8 and was read as Latin-1.</summary>
    public const string FileEncoding = "population-file-encoding";

    /// <summary>Warning: an identifier was used twice; later rows were given a suffix to keep ids unique.</summary>
    public const string DuplicateId = "population-duplicate-id";

    /// <summary>Warning (one per file): values such as <c>8,331</c> were read with the comma as thousands separator.</summary>
    public const string AmbiguousComma = "population-comma-ambiguous";

    /// <summary>Info (one per file): the population column uses a decimal comma (<c>12,5</c>) and was read that way.</summary>
    public const string DecimalComma = "population-decimal-comma";

    /// <summary>Warning: an invalid polygon (self-intersecting, bad ring order…) was repaired before use.</summary>
    public const string PolygonRepaired = "population-polygon-repaired";

    /// <summary>Info: a polygon with zero population has no usable geometry; it was skipped.</summary>
    public const string PolygonEmpty = "population-polygon-empty";

    /// <summary>Warning: a very large polygon was sampled on a coarser grid than asked, to bound the number of cells.</summary>
    public const string SpacingCoarsened = "population-spacing-coarsened";

    /// <summary>
    /// Info: a GeoPackage layer was transformed from its own coordinate system to WGS84 (also reported for zones).
    /// </summary>
    public const string CrsTransformed = "crs-transformed";

    /// <summary>
    /// Warning: a GeoPackage layer's coordinate system is "undefined geographic"; WGS84 was assumed (also reported
    /// for zones).
    /// </summary>
    public const string CrsAssumed = "crs-assumed";
}

/// <summary>One row or feature of a population file between reading and cell building.</summary>
internal sealed class PopulationRow(string where)
{
    /// <summary>Position for messages, e.g. <c>line 4</c>, <c>feature 3 (line 12)</c>, <c>fid 17</c>.</summary>
    public string Where { get; } = where;

    /// <summary>Identifier from the file, or null to generate one.</summary>
    public string? Id { get; set; }

    /// <summary>Fallback for a generated id, e.g. <c>row-4</c>.</summary>
    public string GeneratedId { get; set; } = string.Empty;

    /// <summary>The population value as read: text, <see cref="long"/>, <see cref="double"/>, other, or null.</summary>
    public object? RawPopulation { get; set; }

    /// <summary>Parsed population (valid once <see cref="PopulationRows.ParsePopulation"/> has run without problems).</summary>
    public double Population { get; set; }

    /// <summary>Point rows: WGS84 latitude.</summary>
    public double Lat { get; set; }

    /// <summary>Point rows: WGS84 longitude.</summary>
    public double Lon { get; set; }

    /// <summary>Polygon rows: the area in WGS84, valid and polygonal, or null when it has none.</summary>
    public Geometry? Area { get; set; }

    /// <summary>Problems that make the row unusable.</summary>
    public List<string> Problems { get; } = [];
}

/// <summary>Checks shared by the point and polygon readers: population values, refusal messages, totals, ids.</summary>
internal static partial class PopulationRows
{
    /// <summary>
    /// Parses every row's <see cref="PopulationRow.RawPopulation"/> into <see cref="PopulationRow.Population"/>, adding
    /// problems for missing, non-numeric, non-finite and negative values. Text values are read together, so that one
    /// number style is used for the whole column: <c>8,331</c> is 8331 unless other values show a decimal comma
    /// (<c>12,5</c>), and a column mixing both styles is refused.
    /// </summary>
    public static void ParsePopulation(string path, string fileName, string field, List<PopulationRow> rows, DiagnosticBag diagnostics)
    {
        PopulationRow? thousandsExample = null, decimalExample = null, ambiguousExample = null;
        int ambiguous = 0;
        foreach (var row in rows)
        {
            if (row.RawPopulation is string text)
            {
                switch (Classify(StripGroupSpaces(text.Trim())))
                {
                    case CommaStyle.Thousands:
                        thousandsExample ??= row;
                        break;
                    case CommaStyle.Decimal:
                        decimalExample ??= row;
                        break;
                    case CommaStyle.Ambiguous:
                        ambiguousExample ??= row;
                        ambiguous++;
                        break;
                    default:
                        break;
                }
            }
        }

        if (thousandsExample is not null && decimalExample is not null)
        {
            throw new InputDataException(path,
                $"{path}: the {field} column mixes number styles: {thousandsExample.Where} has '{thousandsExample.RawPopulation}' " +
                $"(commas between thousands) and {decimalExample.Where} has '{decimalExample.RawPopulation}' (a decimal comma); " +
                "write every number the same way, preferably without thousands separators and with a dot for decimals");
        }

        bool decimalComma = decimalExample is not null;
        if (decimalComma)
        {
            string also = ambiguousExample is null ? string.Empty
                : $"; so '{ambiguousExample.RawPopulation}' ({ambiguousExample.Where}) was read as {PolygonSource.Num(ParseText((string)ambiguousExample.RawPopulation!, true, out _) ?? 0)}";
            diagnostics.Add(PopulationDiagnosticCodes.DecimalComma, DiagnosticSeverity.Info,
                $"{fileName}: the {field} column uses a decimal comma (e.g. '{decimalExample!.RawPopulation}' on {decimalExample.Where}){also}",
                fileName);
        }
        else if (ambiguousExample is not null)
        {
            double read = ParseText((string)ambiguousExample.RawPopulation!, false, out _) ?? 0;
            diagnostics.Add(PopulationDiagnosticCodes.AmbiguousComma, DiagnosticSeverity.Warning,
                $"{fileName}: {ambiguous} {field} value(s) such as '{ambiguousExample.RawPopulation}' ({ambiguousExample.Where}) have one comma " +
                $"followed by three digits; the comma was read as a thousands separator ({PolygonSource.Num(read)}). If the file " +
                "uses decimal commas instead, replace them with dots", fileName);
        }

        foreach (var row in rows)
        {
            double? value = row.RawPopulation switch
            {
                null => Problem(row, $"{field} is missing (write 0 where nobody lives)"),
                string text => ParseText(text, decimalComma, out string? problem) ?? Problem(row, $"{field} {problem}"),
                long whole => whole,
                double number => number,
                int whole => whole,
                decimal exact => (double)exact,
                bool flag => Problem(row, $"{field} must be a number, found {(flag ? "true" : "false")}"),
                _ => Problem(row, $"{field} must be a number, found {Describe(row.RawPopulation)}"),
            };
            if (value is not double v)
            {
                continue;
            }

            if (!double.IsFinite(v))
            {
                row.Problems.Add($"{field} {PolygonSource.Num(v)} is not a finite number");
            }
            else if (v < 0)
            {
                row.Problems.Add($"{field} {PolygonSource.Num(v)} is negative");
            }
            else
            {
                row.Population = v;
            }
        }
    }

    /// <summary>
    /// Throws when any row has problems, listing up to <see cref="PopulationFile.MaxListedProblems"/> of them (all go
    /// to <paramref name="diagnostics"/>); then when there are no rows, or nobody in them.
    /// </summary>
    public static void Validate(string path, string fileName, string field, string noun, List<PopulationRow> rows,
        DiagnosticBag diagnostics, string emptyHint, string hint = "")
    {
        var bad = rows.FindAll(r => r.Problems.Count > 0);
        if (bad.Count > 0)
        {
            foreach (var row in bad)
            {
                diagnostics.Add(PopulationDiagnosticCodes.RowInvalid, DiagnosticSeverity.Error,
                    $"{fileName} {row.Where}: {string.Join("; ", row.Problems)}", $"{fileName} {row.Where}");
            }

            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{path}: {hint}");
            message.Append(CultureInfo.InvariantCulture,
                $"{bad.Count} of {rows.Count} {noun}s cannot be used, so none were read; fix {(bad.Count == 1 ? $"this {noun}" : $"these {noun}s")} and run again:");
            for (int i = 0; i < Math.Min(bad.Count, PopulationFile.MaxListedProblems); i++)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  {fileName} {bad[i].Where}: {string.Join("; ", bad[i].Problems)}");
            }

            if (bad.Count > PopulationFile.MaxListedProblems)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  ... and {bad.Count - PopulationFile.MaxListedProblems} more");
            }

            throw new InputDataException(path, message.ToString());
        }

        if (rows.Count == 0)
        {
            throw new InputDataException(path, $"{path}: contains no population {noun}s{emptyHint}");
        }

        if (rows.TrueForAll(r => r.Population == 0))
        {
            throw new InputDataException(path,
                $"{path}: the {field} column is all zero ({rows.Count} {noun}s), so there is nobody to cover; is it the right column?");
        }
    }

    /// <summary>Sets every row's <see cref="PopulationRow.Id"/>: the file's id, else the generated one; repeats get a suffix.</summary>
    public static void AssignIds(string fileName, List<PopulationRow> rows, DiagnosticBag diagnostics)
    {
        var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            string id = row.Id ?? row.GeneratedId;
            if (firstUse.TryGetValue(id, out string? first))
            {
                string unique = id;
                for (int n = 2; firstUse.ContainsKey(unique); n++)
                {
                    unique = string.Create(CultureInfo.InvariantCulture, $"{id}~{n}");
                }

                diagnostics.Add(PopulationDiagnosticCodes.DuplicateId, DiagnosticSeverity.Warning,
                    $"{fileName} {row.Where}: id '{id}' was already used on {first}; this one is called '{unique}'",
                    $"{fileName} {row.Where}");
                id = unique;
            }

            firstUse.Add(id, row.Where);
            row.Id = id;
        }
    }

    /// <summary>
    /// The row of a vector feature: its position, problems so far, population attribute, and id (the id attribute,
    /// else the feature's own id; <c>feature-N</c> when generated).
    /// </summary>
    public static PopulationRow FromFeature(PolygonSource.Feature feature, PopulationFileOptions options)
    {
        var row = new PopulationRow(feature.Where)
        {
            GeneratedId = string.Create(CultureInfo.InvariantCulture, $"feature-{feature.Number}"),
            Id = IdText(feature.Attributes.GetValueOrDefault(options.IdField ?? "id")) ?? feature.FeatureId,
            RawPopulation = feature.Attributes.GetValueOrDefault(options.PopulationField),
        };
        row.Problems.AddRange(feature.Problems);
        return row;
    }

    /// <summary>True when a row's coordinates look like metres of a projected system (see <see cref="PolygonSource.CoordinateProblem"/>).</summary>
    public static bool AnyLooksProjected(List<PopulationRow> rows) =>
        rows.Exists(r => r.Problems.Exists(p => p.Contains("projected", StringComparison.Ordinal)));

    /// <summary>The text of an attribute used as an identifier, or null when empty.</summary>
    public static string? IdText(object? value)
    {
        string? text = value switch
        {
            null => null,
            string s => s,
            double d => PolygonSource.Num(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Adds the "zero population" note when some rows were left out.</summary>
    public static void NoteZeroRows(string fileName, string noun, int zero, int total, DiagnosticBag diagnostics)
    {
        if (zero > 0)
        {
            diagnostics.Add(PopulationDiagnosticCodes.ZeroCells, DiagnosticSeverity.Info,
                $"{zero} of {total} {noun}s in {fileName} have zero population and were left out of the demand cells", fileName);
        }
    }

    private static double? Problem(PopulationRow row, string problem)
    {
        row.Problems.Add(problem);
        return null;
    }

    private static string Describe(object? value) => value switch
    {
        System.Text.Json.JsonElement e => e.ValueKind == System.Text.Json.JsonValueKind.Array ? "an array" : "an object",
        byte[] => "binary data",
        _ => $"'{value}'",
    };

    /// <summary>Parses one text value; null with a problem (without the field name) when it is not a number.</summary>
    internal static double? ParseText(string text, bool decimalComma, out string? problem)
    {
        problem = null;
        string s = StripGroupSpaces(text.Trim());
        if (s.Length == 0)
        {
            problem = "is empty (write 0 where nobody lives)";
            return null;
        }

        string normalised = s;
        var style = Classify(s);
        if (decimalComma)
        {
            if (s.Contains(',', StringComparison.Ordinal))
            {
                normalised = s.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.');
                if (style is not (CommaStyle.Decimal or CommaStyle.Ambiguous))
                {
                    problem = $"'{text.Trim()}' is not a number";
                    return null;
                }
            }
            else if (DotGroups().IsMatch(s))
            {
                if (s.Count(c => c == '.') == 1)
                {
                    problem = $"'{text.Trim()}' is ambiguous in a column that uses decimal commas (thousands or decimals?); " +
                        "write it without a thousands separator";
                    return null;
                }

                normalised = s.Replace(".", string.Empty, StringComparison.Ordinal);
            }
        }
        else if (s.Contains(',', StringComparison.Ordinal))
        {
            if (style is not (CommaStyle.Thousands or CommaStyle.Ambiguous))
            {
                problem = $"'{text.Trim()}' is not a number (use a dot as the decimal separator)";
                return null;
            }

            normalised = s.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        if (double.TryParse(normalised, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        problem = $"'{text.Trim()}' is not a number";
        return null;
    }

    private enum CommaStyle
    {
        None,
        Thousands,
        Decimal,
        Ambiguous,
        Other,
    }

    // How a value uses commas: 1,234,567 and 1,234.5 are thousands; 12,5 / 0,331 / 1234,5 / 1.234,5 decimal;
    // 8,331 either (a first group never starts with 0 in thousands notation, so 0,331 is decimal).
    private static CommaStyle Classify(string s)
    {
        if (!s.Contains(',', StringComparison.Ordinal))
        {
            return CommaStyle.None;
        }

        if (AmbiguousComma().IsMatch(s))
        {
            return CommaStyle.Ambiguous;
        }

        if (ThousandsComma().IsMatch(s))
        {
            return CommaStyle.Thousands;
        }

        return DecimalComma().IsMatch(s) ? CommaStyle.Decimal : CommaStyle.Other;
    }

    // "8 331", "8'331", "8 331" (no-break and narrow no-break spaces) → "8331"; anything else unchanged.
    private static string StripGroupSpaces(string s) =>
        SpaceGroups().IsMatch(s) ? SpaceGroupSeparators().Replace(s, string.Empty) : s;

    [GeneratedRegex(@"^[+-]?[1-9]\d{0,2},\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex AmbiguousComma();

    [GeneratedRegex(@"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsComma();

    [GeneratedRegex(@"^[+-]?(\d*,\d+|\d{1,3}(\.\d{3})+,\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^[+-]?\d{1,3}(\.\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex DotGroups();

    [GeneratedRegex(@"^[+-]?\d{1,3}([ '\u2019\u00A0\u202F]\d{3})+([.,]\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceGroups();

    [GeneratedRegex(@"[ '\u2019\u00A0\u202F]", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceGroupSeparators();
}
