namespace EmsCoverage.Geo.Output;

/// <summary>SQLite type of an attribute column in a GeoPackage layer.</summary>
public enum GeoPackageColumnType
{
    /// <summary>64-bit integer (<see cref="long"/>, <see cref="int"/>, <see cref="bool"/> as 0/1).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
        Justification = "Named after the SQLite storage class it stands for.")]
    Integer,

    /// <summary>Double-precision number; NaN and infinities are stored as NULL.</summary>
    Real,

    /// <summary>UTF-8 text.</summary>
    Text,
}

/// <summary>
/// Geometry type of a GeoPackage layer (the <c>geometry_type_name</c> of <c>gpkg_geometry_columns</c>). A GeoPackage
/// layer holds one type; a single part written to a multi-part layer is wrapped in its multi-part type.
/// </summary>
public enum GeoPackageGeometryType
{
    /// <summary><c>POINT</c>.</summary>
    Point,

    /// <summary><c>LINESTRING</c>.</summary>
    LineString,

    /// <summary><c>POLYGON</c>.</summary>
    Polygon,

    /// <summary><c>MULTIPOINT</c>.</summary>
    MultiPoint,

    /// <summary><c>MULTILINESTRING</c>.</summary>
    MultiLineString,

    /// <summary><c>MULTIPOLYGON</c>.</summary>
    MultiPolygon,

    /// <summary><c>GEOMETRY</c>: any type (GIS tools show such layers less well; prefer a specific type).</summary>
    Geometry,
}

/// <summary>One attribute column of a GeoPackage layer.</summary>
/// <param name="Name">Column name: a letter or underscore, then letters, digits or underscores (not <c>fid</c> or
/// <c>geom</c>, which the writer uses).</param>
/// <param name="Type">Its SQLite type.</param>
public sealed record GeoPackageColumn(string Name, GeoPackageColumnType Type);

/// <summary>A feature layer (table) of a GeoPackage.</summary>
/// <param name="Name">Table name (same rules as column names); GIS tools show it as the layer name.</param>
/// <param name="GeometryType">The one geometry type of the layer.</param>
/// <param name="Columns">Attribute columns, in order, after the <c>fid</c> key and before the <c>geom</c> column.</param>
/// <param name="Description">What the layer shows, in words; the writer appends the attribution and data date and
/// stores it in <c>gpkg_contents.description</c>.</param>
public sealed record GeoPackageLayer(string Name, GeoPackageGeometryType GeometryType, IReadOnlyList<GeoPackageColumn> Columns,
    string Description);

/// <summary>Where a GeoPackage's data came from; written into every layer's description and into the
/// <c>metadata</c> table.</summary>
/// <param name="Attribution">Licence notice of the data (e.g. "© OpenStreetMap contributors, ODbL 1.0").</param>
/// <param name="DataDate">Date of the source data, when known.</param>
public sealed record GeoPackageProvenance(string Attribution, DateOnly? DataDate)
{
    /// <summary>
    /// Timestamp written to <c>gpkg_contents.last_change</c>. Default: <see cref="DataDate"/> at midnight UTC (so that
    /// the same inputs give a byte-identical file), or the current time when the data date is unknown.
    /// </summary>
    public DateTimeOffset? LastChange { get; init; }

    /// <summary>Further key/value rows for the <c>metadata</c> table (e.g. input hashes), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Metadata { get; init; } = [];
}
