using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Population;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Population given as polygons with a number of people each (census tracts, hexagon grids, districts), spread over
/// sample cells inside each polygon in proportion to area.
/// </summary>
/// <remarks>
/// <para><b>Sources</b>: GeoJSON (RFC 7946, WGS84) Polygon/MultiPolygon features, or one feature layer of a
/// GeoPackage (<c>.gpkg</c>, or a <c>.zip</c> holding exactly one <c>.gpkg</c>) in any coordinate system ProjNET can
/// transform to WGS84 (read from <c>gpkg_spatial_ref_sys</c>). The population and id are attributes
/// (<see cref="PopulationFileOptions.PopulationField"/>, <see cref="PopulationFileOptions.IdField"/>).</para>
/// <para><b>Spreading</b>: a regular grid of <see cref="PopulationFileOptions.SampleSpacingM"/> metres is laid over
/// each polygon in a local equal-area projection; each square is cut to the polygon and each piece becomes a demand
/// cell with <c>population × pieceArea / polygonArea</c> people, its interior point as representative point and its
/// outer ring as footprint. A polygon smaller than one square becomes one cell at its interior point with the whole
/// polygon as footprint. Slivers under 1 % of a square are merged into the rest of their polygon. The cells of each
/// polygon add up to its population (up to floating point). Cell ids are the polygon's id, plus <c>#k</c> (k from 1)
/// when it was split.</para>
/// <para><b>Checks</b>: invalid polygons (self-intersections, wrong nesting) are repaired with NetTopologySuite's
/// <see cref="GeometryFixer"/> and reported; a feature whose people cannot be placed (no geometry, an empty or
/// zero-area one), another geometry type, coordinates outside ±180/±90 (GeoJSON that looks projected), and missing,
/// negative, NaN or non-numeric populations make the file refused with up to
/// <see cref="PopulationFile.MaxListedProblems"/> features listed. Zero-population polygons make no cells.</para>
/// </remarks>
internal static class PolygonPopulation
{
    /// <summary>Reads population polygons from a GeoJSON file; see the class remarks.</summary>
    /// <param name="path">The GeoJSON file.</param>
    /// <param name="options">Property names and sample spacing; null for the defaults.</param>
    /// <param name="diagnostics">Receives notes (repairs, zero polygons, coarsened sampling) and, before an exception,
    /// one error per bad feature.</param>
    /// <returns>Cells in feature order, each polygon's pieces south to north, west to east.</returns>
    /// <exception cref="InputDataException">The file cannot be used; the message names it and lists bad features.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static DemandLayer ReadGeoJson(string path, PopulationFileOptions? options, DiagnosticBag diagnostics)
    {
        options = PopulationFile.Prepare(path, options, diagnostics);
        return FromLayer(PolygonSource.ReadGeoJson(path, "population"), options, diagnostics);
    }

    /// <summary>Reads population polygons from a GeoPackage layer (the file may be zipped); see the class remarks.</summary>
    /// <param name="path">The <c>.gpkg</c> file, or a <c>.zip</c> holding exactly one.</param>
    /// <param name="options">Layer, attribute names and sample spacing; null for the defaults.</param>
    /// <param name="diagnostics">Receives notes (coordinate transform, repairs, zero polygons) and, before an
    /// exception, one error per bad feature.</param>
    /// <returns>Cells in feature (primary key) order.</returns>
    /// <exception cref="InputDataException">The file cannot be used: not a GeoPackage, no or several feature layers
    /// and none chosen, an unknown coordinate system, or bad features.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static DemandLayer ReadGeoPackage(string path, PopulationFileOptions? options, DiagnosticBag diagnostics)
    {
        options = PopulationFile.Prepare(path, options, diagnostics);
        return FromLayer(GeoPackageFile.Read(path, options.Layer, "population", diagnostics), options, diagnostics);
    }

    /// <summary>Cells from polygon features already read.</summary>
    internal static DemandLayer FromLayer(PolygonSource.Layer layer, PopulationFileOptions options, DiagnosticBag diagnostics)
    {
        PointPopulation.CheckFields(layer, options);
        string fileName = layer.FileName;
        var rows = new List<PopulationRow>(layer.Features.Count);
        var noArea = new HashSet<PopulationRow>();
        foreach (var feature in layer.Features)
        {
            var row = PopulationRows.FromFeature(feature, options);
            rows.Add(row);
            if (feature.Problems.Count > 0)
            {
                continue;
            }

            if (feature.GeometryType is not null && feature.GeometryType is not ("Polygon" or "MultiPolygon"))
            {
                row.Problems.Add($"is a {feature.GeometryType}; population polygons must be Polygon or MultiPolygon " +
                    "(one file holds points or polygons, not both)");
                continue;
            }

            row.Area = feature.Geometry is null ? null : Usable(feature.Geometry, fileName, row, diagnostics);
            if (row.Area is null && row.Problems.Count == 0)
            {
                noArea.Add(row);
            }
        }

        PopulationRows.ParsePopulation(layer.Path, fileName, options.PopulationField, rows, diagnostics);
        foreach (var row in noArea)
        {
            if (row.Problems.Count > 0)
            {
                continue;
            }

            if (row.Population > 0)
            {
                row.Problems.Add($"has no area (its geometry is missing, empty or of zero area), so its {PolygonSource.Num(row.Population)} " +
                    "people cannot be placed; fix the geometry or move the people to another feature");
            }
            else
            {
                diagnostics.Add(PopulationDiagnosticCodes.PolygonEmpty, DiagnosticSeverity.Info,
                    $"{fileName} {row.Where} has no area and no people; skipped", $"{fileName} {row.Where}");
            }
        }

        string hint = PopulationRows.AnyLooksProjected(rows)
            ? "coordinates look projected (metres, not degrees): GeoJSON must be WGS84 longitude/latitude (RFC 7946). " +
              $"Reproject it (ogr2ogr -t_srs EPSG:4326 out.geojson {fileName}) or use a GeoPackage, which may be in any coordinate system. "
            : string.Empty;
        PopulationRows.Validate(layer.Path, fileName, options.PopulationField, layer.FeatureNoun, rows, diagnostics, layer.EmptyHint, hint);
        PopulationRows.AssignIds(fileName, rows, diagnostics);
        return Spread(layer.Description, fileName, rows, options.SampleSpacingM, diagnostics);
    }

    private static DemandLayer Spread(string description, string fileName, List<PopulationRow> rows, double spacingM, DiagnosticBag diagnostics)
    {
        var cells = new List<DemandCell>();
        var footprints = new List<CellFootprint>();
        double total = 0;
        int zero = 0;
        foreach (var row in rows)
        {
            total += row.Population;
            if (row.Population == 0 || row.Area is null)
            {
                zero++;
                continue;
            }

            var pieces = PolygonSpreader.Spread(row.Area, row.Population, spacingM, out double usedSpacingM);
            if (usedSpacingM > spacingM)
            {
                diagnostics.Add(PopulationDiagnosticCodes.SpacingCoarsened, DiagnosticSeverity.Warning,
                    $"{fileName} {row.Where} ('{row.Id}') is so large that it was sampled every {Math.Round(usedSpacingM)} m instead of " +
                    $"every {PolygonSource.Num(spacingM)} m (at most {PolygonSpreader.MaxSquaresPerPolygon} squares per polygon)",
                    $"{fileName} {row.Where}");
            }

            for (int k = 0; k < pieces.Count; k++)
            {
                var piece = pieces[k];
                string id = pieces.Count == 1 ? row.Id! : string.Create(CultureInfo.InvariantCulture, $"{row.Id}#{k + 1}");
                cells.Add(new DemandCell(id, piece.Lat, piece.Lon, piece.Population, footprints.Count));
                footprints.Add(new CellFootprint(piece.RingLat, piece.RingLon));
            }
        }

        PopulationRows.NoteZeroRows(fileName, "feature", zero, rows.Count, diagnostics);
        return new DemandLayer(description, cells.AsReadOnly(), footprints.AsReadOnly(), total);
    }

    /// <summary>
    /// The feature's polygonal area ready for spreading: coordinates checked, repaired when invalid. Null when it
    /// has no area; problems are added to <paramref name="row"/> for bad coordinates.
    /// </summary>
    internal static Geometry? Usable(Geometry geometry, string fileName, PopulationRow row, DiagnosticBag diagnostics)
    {
        var problems = row.Problems;
        if (CoordinateProblem(geometry) is { } problem)
        {
            problems.Add(problem);
            return null;
        }

        var repaired = Repair(geometry, out string? reason);
        if (reason is not null)
        {
            diagnostics.Add(PopulationDiagnosticCodes.PolygonRepaired, DiagnosticSeverity.Warning,
                $"{fileName} {row.Where} was not a valid polygon ({reason}); it was repaired", $"{fileName} {row.Where}");
        }

        return repaired.IsEmpty || repaired.Area <= 0 ? null : repaired;
    }

    /// <summary>The first coordinate that is not a WGS84 position, as a problem; null when all are fine.</summary>
    internal static string? CoordinateProblem(Geometry geometry)
    {
        foreach (var c in geometry.Coordinates)
        {
            string problem = PolygonSource.CoordinateProblem(c.X, c.Y);
            if (problem.Length > 0)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="geometry"/> itself when valid; else its repair by <see cref="GeometryFixer"/> (which keeps both
    /// lobes of a bow-tie, where <c>Buffer(0)</c> drops one), reduced to its polygons, with the validation error.
    /// </summary>
    internal static Geometry Repair(Geometry geometry, out string? reason)
    {
        var validator = new IsValidOp(geometry);
        if (validator.IsValid)
        {
            reason = null;
            return geometry;
        }

        var error = validator.ValidationError;
        reason = error.Coordinate is { } at
            ? $"{error.Message} at lon {PolygonSource.Num(Math.Round(at.X, 7))}, lat {PolygonSource.Num(Math.Round(at.Y, 7))}"
            : error.Message;
        var repaired = GeometryFixer.Fix(geometry);
        if (repaired is Polygon or MultiPolygon)
        {
            return repaired;
        }

        var polygons = PolygonExtracter.GetPolygons(repaired).OfType<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : geometry.Factory.CreateMultiPolygon(polygons);
    }
}
