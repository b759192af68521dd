using System.Globalization;
using EmsCoverage.Diagnostics;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Features with a geometry and attributes read from a vector file (GeoJSON or GeoPackage), in WGS84: the source of
/// population polygons and zones, and of the point layers some population files hold. Reading checks the file's
/// structure only; which geometry types and attributes are acceptable is decided by the caller.
/// </summary>
internal static partial class PolygonSource
{
    /// <summary>The factory for geometries read: <see cref="GeometryFactories.Wgs84"/>. X is longitude, Y latitude.</summary>
    public static GeometryFactory Wgs84 => GeometryFactories.Wgs84;

    /// <summary>
    /// Reads a GeoPackage (<c>.gpkg</c>, <c>.zip</c>, or content that starts like one) or else a GeoJSON file.
    /// </summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="layer">GeoPackage layer to read; null for the only feature layer.</param>
    /// <param name="what">What the file is meant to hold, for messages ("population", "zones").</param>
    /// <param name="diagnostics">Receives notes about the coordinate system.</param>
    public static Layer Read(string path, string? layer, string what, DiagnosticBag diagnostics) =>
        IsGeoPackage(path) || Path.GetExtension(path).ToLowerInvariant() is ".gpkg" or ".zip"
            ? GeoPackageFile.Read(path, layer, what, diagnostics)
            : ReadGeoJson(path, what);

    /// <summary>True when the file starts like an SQLite database or a zip archive (a zipped GeoPackage).</summary>
    public static bool IsGeoPackage(string path)
    {
        ReadOnlySpan<byte> head = ReadHead(path, 16);
        return head.StartsWith("SQLite format 3\0"u8) || head.StartsWith("PK\u0003\u0004"u8);
    }

    /// <summary>The first bytes of a file (fewer when it is shorter); empty when it cannot be opened.</summary>
    public static byte[] ReadHead(string path, int count)
    {
        try
        {
            using var stream = File.OpenRead(path);
            byte[] buffer = new byte[count];
            int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            return buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>A number for messages: shortest round-trip form, invariant culture.</summary>
    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads the whole file, turning "missing" and "unreadable" into messages that name it.</summary>
    public static byte[] ReadAllBytes(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputDataException(path, $"{path}: {what} file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: {what} file cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Text of a coordinate problem, with a hint when the numbers look like metres of a projected system (or lat/lon
    /// swapped); empty when (lon, lat) is a valid WGS84 position.
    /// </summary>
    public static string CoordinateProblem(double lon, double lat)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat))
        {
            return $"coordinates ({Num(lon)}, {Num(lat)}) are not finite numbers";
        }

        if (lon is >= -180 and <= 180 && lat is >= -90 and <= 90)
        {
            return string.Empty;
        }

        string hint = LooksProjected(lon, lat)
            ? " (they look like metres of a projected coordinate system; WGS84 longitude/latitude degrees are needed)"
            : lat is >= -180 and <= 180 && lon is >= -90 and <= 90 ? " (longitude and latitude swapped?)" : string.Empty;
        return $"coordinates (lon {Num(lon)}, lat {Num(lat)}) are outside ±180 / ±90 degrees{hint}";
    }

    /// <summary>True for coordinates that cannot be degrees and are typical of metres (UTM, Web Mercator).</summary>
    public static bool LooksProjected(double lon, double lat) => Math.Abs(lon) > 360 || Math.Abs(lat) > 360;

    /// <summary>One feature as read: where it is, its geometry (WGS84) and attributes, and problems found so far.</summary>
    public sealed class Feature(int number, string where)
    {
        /// <summary>Feature number counted from 1 in file order (GeoPackage: the position, not the fid).</summary>
        public int Number { get; } = number;

        /// <summary>Position for messages, e.g. <c>feature 3 (line 12)</c> or <c>fid 17</c>.</summary>
        public string Where { get; } = where;

        /// <summary>The feature's own identifier (GeoJSON <c>id</c>, GeoPackage primary key), if any.</summary>
        public string? FeatureId { get; set; }

        /// <summary>Geometry type as written in the file (<c>Polygon</c>, <c>POINT</c>…); null when there is no geometry.</summary>
        public string? GeometryType { get; set; }

        /// <summary>
        /// The geometry in WGS84 (X = longitude), or null when absent or of a type not decoded (see
        /// <see cref="GeometryType"/>). GeoJSON decodes Point, MultiPoint, Polygon and MultiPolygon.
        /// </summary>
        public Geometry? Geometry { get; set; }

        /// <summary>
        /// Attribute values by name, ignoring case: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
        /// <see cref="bool"/>, null, or other (JSON objects and arrays, blobs).
        /// </summary>
        public Dictionary<string, object?> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Problems that make the feature unusable, in words (without the position).</summary>
        public List<string> Problems { get; } = [];
    }

    /// <summary>The features of one file or GeoPackage layer.</summary>
    public sealed class Layer(string path, string description, string featureNoun)
    {
        /// <summary>The file as the user named it.</summary>
        public string Path { get; } = path;

        /// <summary>File name, for per-row messages.</summary>
        public string FileName { get; } = System.IO.Path.GetFileName(path);

        /// <summary>What was read, for reports: the file name, plus the layer for a GeoPackage.</summary>
        public string Description { get; } = description;

        /// <summary>"feature" or "row", for messages.</summary>
        public string FeatureNoun { get; } = featureNoun;

        /// <summary>Attribute names in file order and spelling (GeoPackage columns; GeoJSON: names seen in any feature).</summary>
        public List<string> AttributeNames { get; } = [];

        /// <summary>The features in file order.</summary>
        public List<Feature> Features { get; } = [];

        /// <summary>Extra words for "contains no features", e.g. " (the features array is empty)".</summary>
        public string EmptyHint { get; set; } = string.Empty;

        /// <summary>Attribute names for a message, e.g. <c>id, name, pop</c>, or "none".</summary>
        public string AttributeList => AttributeNames.Count == 0 ? "none" : string.Join(", ", AttributeNames);
    }
}
