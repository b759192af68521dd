using System.Globalization;
using EmsCoverage.Diagnostics;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using ProjNet.IO.CoordinateSystems;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// The coordinate reference system of a GeoPackage layer, from <c>gpkg_spatial_ref_sys</c>, and the way to WGS84.
/// </summary>
/// <remarks>
/// EPSG:4326 (and OGC CRS84) need no transform. Srs id 0 is the GeoPackage's "undefined geographic" system and is
/// taken as WGS84 with a warning; -1 ("undefined Cartesian") is refused. Anything else is transformed with ProjNET
/// from the WKT 1 <c>definition</c>; a definition ProjNET cannot read or a projection it does not implement
/// (e.g. Mollweide) is refused with the command that reprojects the file. GeoPackage geometries are always stored
/// easting/longitude first, whatever axis order the WKT declares.
/// </remarks>
internal sealed class GeoPackageCrs
{
    private readonly MathTransform? _toWgs84;

    private GeoPackageCrs(string description, MathTransform? toWgs84)
    {
        Description = description;
        _toWgs84 = toWgs84;
    }

    /// <summary>For messages, e.g. <c>EPSG:32723 (WGS 84 / UTM zone 23S)</c>.</summary>
    public string Description { get; }

    /// <summary>True when coordinates are already WGS84 longitude/latitude.</summary>
    public bool IsWgs84 => _toWgs84 is null;

    /// <summary>Finds the layer's system and builds the transform, or throws a message the user can act on.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="layer">Layer name, for messages.</param>
    /// <param name="srsId">The layer's <c>gpkg_geometry_columns.srs_id</c>.</param>
    /// <param name="row">Its <c>gpkg_spatial_ref_sys</c> row, or null when there is none.</param>
    /// <param name="what">What the file holds, for messages ("population").</param>
    /// <param name="diagnostics">Receives the note about an assumed system.</param>
    /// <exception cref="InputDataException">The system is undefined, missing or not supported.</exception>
    public static GeoPackageCrs Resolve(string path, string layer, long srsId, SpatialRefSys? row, string what, DiagnosticBag diagnostics)
    {
        string fix = $"reproject the layer to WGS84, e.g. ogr2ogr -t_srs EPSG:4326 out.gpkg {Path.GetFileName(path)} {layer}";
        string name = row is null
            ? string.Create(CultureInfo.InvariantCulture, $"srs_id {srsId}")
            : string.Create(CultureInfo.InvariantCulture, $"{row.Organization}:{row.OrganizationId} ({row.Name})");
        bool epsg4326 = row is not null && row.Organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase) && row.OrganizationId == 4326;
        bool crs84 = row is not null && row.Organization.Equals("OGC", StringComparison.OrdinalIgnoreCase)
            && row.Name.Contains("CRS84", StringComparison.OrdinalIgnoreCase);
        if (srsId == 4326 || epsg4326 || crs84)
        {
            return new GeoPackageCrs(row is null ? "EPSG:4326" : name, null);
        }

        if (srsId == 0)
        {
            diagnostics.Add(PopulationDiagnosticCodes.CrsAssumed, DiagnosticSeverity.Warning,
                $"layer '{layer}' of {Path.GetFileName(path)} says its coordinate system is \"undefined geographic\" (srs_id 0); " +
                "its coordinates were taken as WGS84 longitude/latitude", Path.GetFileName(path));
            return new GeoPackageCrs("undefined geographic (taken as WGS84)", null);
        }

        if (srsId == -1)
        {
            throw new InputDataException(path,
                $"{path}: layer '{layer}' has an undefined Cartesian coordinate system (srs_id -1), so its {what} cannot be " +
                $"placed on the map; assign the right one (ogr2ogr -a_srs EPSG:<code> ...) or {fix}");
        }

        if (row is null)
        {
            throw new InputDataException(path,
                $"{path}: layer '{layer}' uses srs_id {srsId.ToString(CultureInfo.InvariantCulture)}, which is not in the " +
                $"file's gpkg_spatial_ref_sys table; the file is damaged or incomplete: {fix}");
        }

        CoordinateSystem system;
        try
        {
            // ProjNET 2.0's WKT reader loops forever on text that ends inside a quoted name (a truncated definition).
            if (!LooksComplete(row.Definition))
            {
                throw new ArgumentException("the text is truncated: its quotes or brackets are not balanced");
            }

            system = CoordinateSystemWktReader.Parse(row.Definition) as CoordinateSystem
                ?? throw new ArgumentException("the definition is not a coordinate system");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException or InvalidOperationException
            or IndexOutOfRangeException)
        {
            throw new InputDataException(path,
                $"{path}: layer '{layer}' uses the coordinate system {name}, whose definition is unknown here " +
                $"(\"{Shorten(row.Definition)}\" cannot be read as WKT: {e.Message}); {fix}", e);
        }

        MathTransform transform;
        try
        {
            transform = new CoordinateTransformationFactory()
                .CreateFromCoordinateSystems(system, GeographicCoordinateSystem.WGS84).MathTransform;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or NotImplementedException or InvalidOperationException)
        {
            throw new InputDataException(path,
                $"{path}: layer '{layer}' uses the coordinate system {name}, which cannot be transformed to WGS84 here " +
                $"({e.Message}); {fix}", e);
        }

        return new GeoPackageCrs(name, transform);
    }

    /// <summary>
    /// Copies <paramref name="geometry"/> into the WGS84 factory, transforming its coordinates when needed
    /// (dropping Z and M). Coordinates the transform cannot handle come out as NaN.
    /// </summary>
    public Geometry ToWgs84(Geometry geometry)
    {
        var copy = PolygonSource.Wgs84.CreateGeometry(geometry);
        if (_toWgs84 is not null && !copy.IsEmpty)
        {
            copy.Apply(new TransformFilter(_toWgs84));
        }

        return copy;
    }

    // Quotes come in pairs (a quote inside a name is doubled) and brackets close, outside quotes, at the end.
    private static bool LooksComplete(string wkt)
    {
        int depth = 0;
        bool quoted = false;
        foreach (char c in wkt)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '[' or '(')
            {
                depth++;
            }
            else if (!quoted && c is ']' or ')')
            {
                depth--;
                if (depth < 0)
                {
                    return false;
                }
            }
        }

        return !quoted && depth == 0;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>One row of <c>gpkg_spatial_ref_sys</c>.</summary>
    /// <param name="Name">srs_name.</param>
    /// <param name="Organization">organization, e.g. <c>EPSG</c>.</param>
    /// <param name="OrganizationId">organization_coordsys_id, e.g. 32723.</param>
    /// <param name="Definition">WKT 1 definition, or <c>undefined</c>.</param>
    public sealed record SpatialRefSys(string Name, string Organization, long OrganizationId, string Definition);

    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            double x = seq.GetX(i), y = seq.GetY(i);
            try
            {
                transform.Transform(ref x, ref y);
            }
            catch (ArithmeticException)
            {
                x = y = double.NaN;
            }

            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
