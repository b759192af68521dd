using EmsCoverage.Diagnostics;
using EmsCoverage.Population;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Population given as points, one demand cell per point with people (no footprint): CSV tables such as the r5r
/// hexagon centroids, or GeoJSON Point features.
/// </summary>
/// <remarks>
/// <para><b>CSV</b>: a header row, then one point per row; comma, semicolon or tab separated (detected from the
/// header); fields may be quoted. Columns, matched ignoring case: longitude (<c>lon</c>, <c>longitude</c>, <c>lng</c>
/// or <c>x</c>), latitude (<c>lat</c>, <c>latitude</c> or <c>y</c>) in WGS84 degrees with a dot as decimal
/// separator, the population (<see cref="PopulationFileOptions.PopulationField"/>), and optionally an id
/// (<see cref="PopulationFileOptions.IdField"/>, else <c>id</c>). Other columns are ignored.</para>
/// <para><b>Population values</b> are numbers of people, zero or more, possibly fractional. Thousands separators
/// are accepted (<c>8,331</c>, <c>8 331</c>, <c>1,234,567.5</c>); a decimal comma (<c>12,5</c>) is accepted when
/// the whole column uses it, and then <c>8,331</c> means 8.331. Which reading was taken for a value like
/// <c>8,331</c> is reported (<see cref="PopulationDiagnosticCodes.AmbiguousComma"/>); a column mixing both styles
/// is refused.</para>
/// <para><b>GeoJSON</b>: a FeatureCollection of Point features in WGS84 (RFC 7946), the population and id as
/// properties (numbers or numeric text); without an id property the feature's own <c>id</c> is used.</para>
/// <para>Refused, with up to <see cref="PopulationFile.MaxListedProblems"/> rows listed: missing, negative, NaN or
/// non-numeric population; coordinates outside ±180/±90 (with a hint when they look projected); other geometry
/// types. Refused as a whole: no rows, or a population column that is all zero. Rows with zero population are
/// counted (<see cref="PopulationDiagnosticCodes.ZeroCells"/>) but make no cell.</para>
/// </remarks>
internal static class PointPopulation
{
    /// <summary>Reads points with population from a CSV file; see the class remarks.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Column names; null for the defaults.</param>
    /// <param name="diagnostics">Receives notes (zero rows, number style, duplicate ids) and, before an exception,
    /// one error per bad row.</param>
    /// <returns>One cell per row with people, in file order; ids from the id column, else <c>row-N</c> (N = line).</returns>
    /// <exception cref="InputDataException">The file cannot be used; the message names it and lists bad rows by line.</exception>
    public static DemandLayer ReadCsv(string path, PopulationFileOptions? options, DiagnosticBag diagnostics)
    {
        options = PopulationFile.Prepare(path, options, diagnostics);
        var rows = PointCsvReader.Read(path, options, diagnostics, out string emptyHint);
        return Build(path, Path.GetFileName(path), options.PopulationField, "row", rows, diagnostics, emptyHint);
    }

    /// <summary>Reads Point features with a population property from a GeoJSON file; see the class remarks.</summary>
    /// <param name="path">The GeoJSON file.</param>
    /// <param name="options">Property names; null for the defaults.</param>
    /// <param name="diagnostics">Receives notes and, before an exception, one error per bad feature.</param>
    /// <returns>One cell per feature with people, in file order.</returns>
    /// <exception cref="InputDataException">The file cannot be used; the message names it and lists bad features.</exception>
    public static DemandLayer ReadGeoJson(string path, PopulationFileOptions? options, DiagnosticBag diagnostics)
    {
        options = PopulationFile.Prepare(path, options, diagnostics);
        return FromLayer(PolygonSource.ReadGeoJson(path, "population"), options, diagnostics);
    }

    /// <summary>Cells from Point features already read (GeoJSON or GeoPackage).</summary>
    internal static DemandLayer FromLayer(PolygonSource.Layer layer, PopulationFileOptions options, DiagnosticBag diagnostics)
    {
        CheckFields(layer, options);
        var rows = new List<PopulationRow>(layer.Features.Count);
        foreach (var feature in layer.Features)
        {
            var row = PopulationRows.FromFeature(feature, options);
            if (feature.Problems.Count == 0)
            {
                if (feature.Geometry is Point { IsEmpty: false } point)
                {
                    string problem = PolygonSource.CoordinateProblem(point.X, point.Y);
                    if (problem.Length > 0)
                    {
                        row.Problems.Add(problem);
                    }

                    row.Lon = point.X;
                    row.Lat = point.Y;
                }
                else
                {
                    row.Problems.Add(feature.GeometryType is null
                        ? "has no geometry (a Point is needed)"
                        : $"is a {feature.GeometryType}; population points must be Point features (one file holds points or polygons, not both)");
                }
            }

            rows.Add(row);
        }

        return Build(layer.Path, layer.FileName, options.PopulationField, layer.FeatureNoun, rows, diagnostics, layer.EmptyHint, layer.Description);
    }

    /// <summary>Throws when the population property is absent from every feature, or a named id field from all.</summary>
    internal static void CheckFields(PolygonSource.Layer layer, PopulationFileOptions options)
    {
        bool Has(string field) => layer.AttributeNames.Exists(n => n.Equals(field, StringComparison.OrdinalIgnoreCase));
        if (layer.Features.Count > 0 && !Has(options.PopulationField))
        {
            string? guess = layer.AttributeNames.Find(n => n.Contains("pop", StringComparison.OrdinalIgnoreCase));
            string fix = guess is null
                ? "name the attribute that holds the people with the population field option"
                : $"if '{guess}' holds the people, name it with the population field option";
            throw new InputDataException(layer.Path,
                $"{layer.Path}: has no population attribute '{options.PopulationField}' ({layer.Description}); attributes found: " +
                $"{layer.AttributeList}; {fix}");
        }

        if (layer.Features.Count > 0 && options.IdField is { } idField && !Has(idField))
        {
            throw new InputDataException(layer.Path,
                $"{layer.Path}: has no id attribute '{idField}' ({layer.Description}); attributes found: {layer.AttributeList}");
        }
    }

    private static DemandLayer Build(string path, string fileName, string field, string noun, List<PopulationRow> rows,
        DiagnosticBag diagnostics, string emptyHint, string? description = null)
    {
        PopulationRows.ParsePopulation(path, fileName, field, rows, diagnostics);
        string hint = PopulationRows.AnyLooksProjected(rows)
            ? "coordinates look projected (metres, not degrees): population points must be WGS84 longitude/latitude. " +
              "Reproject the file (e.g. ogr2ogr -t_srs EPSG:4326) or convert the coordinates. "
            : string.Empty;
        PopulationRows.Validate(path, fileName, field, noun, rows, diagnostics, emptyHint, hint);
        PopulationRows.AssignIds(fileName, rows, diagnostics);

        var cells = new List<DemandCell>(rows.Count);
        double total = 0;
        int zero = 0;
        foreach (var row in rows)
        {
            total += row.Population;
            if (row.Population == 0)
            {
                zero++;
                continue;
            }

            cells.Add(new DemandCell(row.Id!, row.Lat, row.Lon, row.Population));
        }

        PopulationRows.NoteZeroRows(fileName, noun, zero, rows.Count, diagnostics);
        return new DemandLayer(description ?? fileName, cells.AsReadOnly(), [], total);
    }
}
