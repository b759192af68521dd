using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EmsCoverage.Geo.Output;

/// <summary>
/// Writes a GeoPackage 1.3 file (<c>.gpkg</c>) of WGS84 feature layers that GDAL, QGIS and ArcGIS open as they are.
/// </summary>
/// <remarks>
/// <para>The file gets the GeoPackage header (<c>application_id</c> 'GPKG', <c>user_version</c> 10300), the
/// <c>gpkg_spatial_ref_sys</c> table with its three mandatory rows (EPSG:4326, undefined Cartesian −1, undefined
/// geographic 0), <c>gpkg_contents</c> (with each layer's extent, and the attribution and data date in its
/// description), <c>gpkg_geometry_columns</c>, one table per layer (<c>fid</c> key, the typed attribute columns,
/// then <c>geom</c>) and a <c>metadata</c> attribute table of key/value rows (attribution, data date, and the
/// caller's rows).</para>
/// <para>Geometries are encoded by NetTopologySuite.IO.GeoPackage as 2-D (XY) standard GeoPackage binary with
/// SRID 4326 (X = longitude, Y = latitude). No spatial (R-tree) index is written: the layers this tool produces are
/// small enough for GIS tools to scan, and a read-only index without the extension's maintenance triggers would go
/// stale when a user edits the file; <c>ogr2ogr</c> or QGIS add one on request.</para>
/// <para>Everything is written in one transaction that <see cref="Finish"/> commits; disposing the writer without
/// finishing rolls it back. The file must not exist yet: write to a temporary path and move it into place.</para>
/// </remarks>
public sealed partial class GeoPackageWriter : IDisposable
{
    /// <summary>The only coordinate system written: WGS84 longitude/latitude.</summary>
    public const int Wgs84SrsId = 4326;

    /// <summary>Name of the key/value attribute table holding the provenance.</summary>
    public const string MetadataTable = "metadata";

    private const int GpkgApplicationId = 0x47504B47; // 'GPKG'
    private const int GpkgUserVersion = 10300; // GeoPackage 1.3.0: GDAL 3.6 reads 1.4 only with a warning

    private const string Wgs84Definition =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]]," +
        "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433," +
        "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly GeoPackageProvenance _provenance;
    private readonly string _lastChange;
    private readonly GeoPackageGeoWriter _blobs = new() { HandleOrdinates = Ordinates.XY };
    private readonly List<GeoPackageLayerWriter> _layers = [];
    private readonly Dictionary<GeoPackageLayerWriter, SqliteCommand> _inserts = [];
    private bool _finished;

    /// <summary>Creates the file at <paramref name="path"/> with the GeoPackage tables and no layers yet.</summary>
    /// <exception cref="IOException">The file already exists.</exception>
    public GeoPackageWriter(string path, GeoPackageProvenance provenance)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(provenance);
        if (File.Exists(path))
        {
            throw new IOException($"{path} already exists; a GeoPackage is written to a new file");
        }

        _provenance = provenance;
        var last = provenance.LastChange
            ?? (provenance.DataDate is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.UtcNow);
        _lastChange = last.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute($"PRAGMA application_id = {GpkgApplicationId}; PRAGMA user_version = {GpkgUserVersion};");
        _transaction = _connection.BeginTransaction();
        CreateCoreTables();
    }

    /// <summary>Adds an empty feature layer; write its features with <see cref="GeoPackageLayerWriter.Add"/>.</summary>
    /// <exception cref="ArgumentException">A name is not a plain identifier, or is used twice.</exception>
    public GeoPackageLayerWriter AddLayer(GeoPackageLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ThrowIfFinished();
        CheckIdentifier(layer.Name, "layer name");
        if (layer.Name.Equals(MetadataTable, StringComparison.OrdinalIgnoreCase)
            || layer.Name.StartsWith("gpkg_", StringComparison.OrdinalIgnoreCase)
            || _layers.Any(l => l.Layer.Name.Equals(layer.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"layer name '{layer.Name}' is reserved or already used", nameof(layer));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "fid", "geom" };
        foreach (var column in layer.Columns)
        {
            CheckIdentifier(column.Name, "column name");
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"layer '{layer.Name}': column '{column.Name}' is reserved or repeated", nameof(layer));
            }
        }

        string typeName = TypeName(layer.GeometryType);
        string columns = string.Concat(layer.Columns.Select(c => $", {c.Name} {SqlType(c.Type)}"));
        Execute($"CREATE TABLE {layer.Name} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL{columns}, geom {typeName})");
        Execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) " +
            "VALUES ($t, 'features', $t, $d, $c, $srs)",
            ("$t", layer.Name), ("$d", Describe(layer.Description)), ("$c", _lastChange), ("$srs", Wgs84SrsId));
        Execute("INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) " +
            "VALUES ($t, 'geom', $g, $srs, 0, 0)",
            ("$t", layer.Name), ("$g", typeName), ("$srs", Wgs84SrsId));

        var insert = _connection.CreateCommand();
        insert.Transaction = _transaction;
        insert.CommandText = $"INSERT INTO {layer.Name} ({string.Concat(layer.Columns.Select(c => c.Name + ", "))}geom) " +
            $"VALUES ({string.Concat(layer.Columns.Select((_, i) => $"$p{i}, "))}$geom)";
        for (int i = 0; i < layer.Columns.Count; i++)
        {
            insert.Parameters.Add($"$p{i}", layer.Columns[i].Type switch
            {
                GeoPackageColumnType.Integer => SqliteType.Integer,
                GeoPackageColumnType.Real => SqliteType.Real,
                _ => SqliteType.Text,
            });
        }

        insert.Parameters.Add("$geom", SqliteType.Blob);
        insert.Prepare();
        var writer = new GeoPackageLayerWriter(this, layer);
        _layers.Add(writer);
        _inserts.Add(writer, insert);
        return writer;
    }

    /// <summary>Records each layer's extent, writes the <c>metadata</c> table and commits the file.</summary>
    public void Finish()
    {
        ThrowIfFinished();
        foreach (var layer in _layers)
        {
            var e = layer.Extent;
            Execute("UPDATE gpkg_contents SET min_x = $x0, min_y = $y0, max_x = $x1, max_y = $y1 WHERE table_name = $t",
                ("$x0", e.IsNull ? null : e.MinX), ("$y0", e.IsNull ? null : e.MinY),
                ("$x1", e.IsNull ? null : e.MaxX), ("$y1", e.IsNull ? null : e.MaxY), ("$t", layer.Layer.Name));
        }

        Execute($"CREATE TABLE {MetadataTable} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, key TEXT NOT NULL, value TEXT)");
        Execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) " +
            "VALUES ($t, 'attributes', $t, $d, $c)",
            ("$t", MetadataTable), ("$d", Describe("Where the data of this file came from")), ("$c", _lastChange));
        var rows = new List<KeyValuePair<string, string?>>
        {
            new("attribution", _provenance.Attribution),
            new("data_date", _provenance.DataDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        rows.AddRange(_provenance.Metadata);
        foreach (var (key, value) in rows)
        {
            Execute($"INSERT INTO {MetadataTable} (key, value) VALUES ($k, $v)", ("$k", key), ("$v", value));
        }

        _transaction.Commit();
        _finished = true;
    }

    /// <summary>Closes the file; without <see cref="Finish"/>, nothing written since it was created is kept.</summary>
    public void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _inserts.Clear();
        _transaction.Dispose();
        _connection.Dispose();
        _finished = true;
    }

    internal void Insert(GeoPackageLayerWriter layer, Geometry geometry, IReadOnlyList<object?> values)
    {
        ThrowIfFinished();
        var insert = _inserts[layer];
        var columns = layer.Layer.Columns;
        for (int i = 0; i < columns.Count; i++)
        {
            insert.Parameters[i].Value = Convert(values[i], columns[i], layer.Layer.Name);
        }

        insert.Parameters[columns.Count].Value = _blobs.Write(geometry);
        insert.ExecuteNonQuery();
    }

    private void CreateCoreTables()
    {
        Execute("""
            CREATE TABLE gpkg_spatial_ref_sys (
              srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (
              table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (
              table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            """);
        const string InsertSrs = "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) " +
            "VALUES ($n, $id, $o, $oid, $def, $d)";
        Execute(InsertSrs, ("$n", "WGS 84 geodetic"), ("$id", Wgs84SrsId), ("$o", "EPSG"), ("$oid", 4326), ("$def", Wgs84Definition),
            ("$d", "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"));
        Execute(InsertSrs, ("$n", "Undefined cartesian SRS"), ("$id", -1), ("$o", "NONE"), ("$oid", -1), ("$def", "undefined"),
            ("$d", "undefined cartesian coordinate reference system"));
        Execute(InsertSrs, ("$n", "Undefined geographic SRS"), ("$id", 0), ("$o", "NONE"), ("$oid", 0), ("$def", "undefined"),
            ("$d", "undefined geographic coordinate reference system"));
    }

    private string Describe(string what)
    {
        string date = _provenance.DataDate is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "unknown";
        return $"{what.TrimEnd('.')}. {_provenance.Attribution}. Data date: {date}.";
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private void ThrowIfFinished() => ObjectDisposedException.ThrowIf(_finished, this);

    private static object Convert(object? value, GeoPackageColumn column, string layer)
    {
        switch (value)
        {
            case null:
                return DBNull.Value;
            case string s when column.Type == GeoPackageColumnType.Text:
                return s;
            case bool b when column.Type == GeoPackageColumnType.Integer:
                return b ? 1L : 0L;
            case int or long or short or byte when column.Type == GeoPackageColumnType.Integer:
                return System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case double or float or decimal or int or long when column.Type == GeoPackageColumnType.Real:
                double v = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(v) ? v : DBNull.Value;
            default:
                throw new ArgumentException(
                    $"layer '{layer}', column '{column.Name}' ({column.Type}): a value of type {value.GetType().Name} does not fit", nameof(value));
        }
    }

    private static void CheckIdentifier(string name, string what)
    {
        if (name is null || !IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"{what} '{name}' must be a letter or underscore followed by letters, digits or underscores");
        }
    }

    internal static string TypeName(GeoPackageGeometryType type) => type switch
    {
        GeoPackageGeometryType.Point => "POINT",
        GeoPackageGeometryType.LineString => "LINESTRING",
        GeoPackageGeometryType.Polygon => "POLYGON",
        GeoPackageGeometryType.MultiPoint => "MULTIPOINT",
        GeoPackageGeometryType.MultiLineString => "MULTILINESTRING",
        GeoPackageGeometryType.MultiPolygon => "MULTIPOLYGON",
        GeoPackageGeometryType.Geometry => "GEOMETRY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string SqlType(GeoPackageColumnType type) => type switch
    {
        GeoPackageColumnType.Integer => "INTEGER",
        GeoPackageColumnType.Real => "REAL",
        GeoPackageColumnType.Text => "TEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>Adds features to one layer of a <see cref="GeoPackageWriter"/>.</summary>
public sealed class GeoPackageLayerWriter
{
    private readonly GeoPackageWriter _owner;
    private readonly Envelope _extent = new();

    internal GeoPackageLayerWriter(GeoPackageWriter owner, GeoPackageLayer layer)
    {
        _owner = owner;
        Layer = layer;
    }

    /// <summary>The layer's definition.</summary>
    public GeoPackageLayer Layer { get; }

    /// <summary>Features written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bounding box of the features written so far (null envelope while empty).</summary>
    public Envelope Extent => new(_extent);

    /// <summary>
    /// Writes one feature: a non-empty WGS84 geometry (X = longitude, Y = latitude; SRID 4326 or unset) of the layer's
    /// type — a single part is wrapped for a multi-part layer — and one value per column, in column order
    /// (<see langword="null"/> for NULL).
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is empty, of another type or SRID, or a value does not fit its column.</exception>
    public void Add(Geometry geometry, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Layer.Columns.Count)
        {
            throw new ArgumentException($"layer '{Layer.Name}' has {Layer.Columns.Count} columns, not {values.Count}", nameof(values));
        }

        if (geometry.IsEmpty)
        {
            throw new ArgumentException($"layer '{Layer.Name}': empty {geometry.GeometryType} (a GeoPackage feature needs a shape)", nameof(geometry));
        }

        if (geometry.SRID is not (0 or GeoPackageWriter.Wgs84SrsId))
        {
            throw new ArgumentException($"layer '{Layer.Name}': SRID {geometry.SRID}; this writer writes WGS84 (SRID 4326) only", nameof(geometry));
        }

        var shaped = Shape(geometry);
        _owner.Insert(this, shaped, values);
        _extent.ExpandToInclude(shaped.EnvelopeInternal);
        Count++;
    }

    private Geometry Shape(Geometry g)
    {
        var f = GeometryFactories.Wgs84;
        var shaped = (Layer.GeometryType, g) switch
        {
            (GeoPackageGeometryType.Geometry, _) => g,
            (GeoPackageGeometryType.Point, Point) => g,
            (GeoPackageGeometryType.LineString, LineString and not LinearRing) => g,
            (GeoPackageGeometryType.Polygon, Polygon) => g,
            (GeoPackageGeometryType.MultiPoint, MultiPoint) => g,
            (GeoPackageGeometryType.MultiPoint, Point p) => f.CreateMultiPoint([p]),
            (GeoPackageGeometryType.MultiLineString, MultiLineString) => g,
            (GeoPackageGeometryType.MultiLineString, LineString l) => f.CreateMultiLineString([l]),
            (GeoPackageGeometryType.MultiPolygon, MultiPolygon) => g,
            (GeoPackageGeometryType.MultiPolygon, Polygon p) => f.CreateMultiPolygon([p]),
            _ => throw new ArgumentException(
                $"layer '{Layer.Name}' holds {GeoPackageWriter.TypeName(Layer.GeometryType)} geometries, not {g.GeometryType}", nameof(g)),
        };
        return shaped.SRID == GeoPackageWriter.Wgs84SrsId ? shaped : f.CreateGeometry(shaped);
    }
}
