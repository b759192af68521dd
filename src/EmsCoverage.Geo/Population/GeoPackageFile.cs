using System.Globalization;
using System.IO.Compression;
using EmsCoverage.Diagnostics;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Reads one feature layer of a GeoPackage (<c>.gpkg</c>, or a <c>.zip</c> holding exactly one <c>.gpkg</c>) into
/// WGS84 features with their attributes.
/// </summary>
/// <remarks>
/// The file is opened read-only. A zipped GeoPackage is extracted to a temporary file that is deleted afterwards,
/// whatever happens. The layer is the one named by the caller (ignoring case) or the file's only feature layer.
/// Geometry blobs are decoded with NetTopologySuite.IO.GeoPackage (Z and M dropped) and transformed with
/// <see cref="GeoPackageCrs"/>.
/// </remarks>
internal static class GeoPackageFile
{
    // A zipped GeoPackage larger than this when extracted is almost certainly the wrong file (or a zip bomb).
    private const long MaxExtractedBytes = 8L << 30;

    /// <summary>Reads the chosen layer; see the class remarks.</summary>
    /// <exception cref="InputDataException">The file is missing, not a GeoPackage, holds no (or several) feature
    /// layers without a choice, or its coordinate system is not usable.</exception>
    public static PolygonSource.Layer Read(string path, string? layerName, string what, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: {what} file not found");
        }

        string? extracted = null;
        try
        {
            string gpkgPath = path;
            if (PolygonSource.ReadHead(path, 4).AsSpan().StartsWith("PK\u0003\u0004"u8))
            {
                extracted = ExtractSingleGeoPackage(path);
                gpkgPath = extracted;
            }

            return ReadDatabase(path, gpkgPath, layerName, what, diagnostics);
        }
        finally
        {
            if (extracted is not null)
            {
                TryDelete(extracted);
            }
        }
    }

    private static string ExtractSingleGeoPackage(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var candidates = zip.Entries
                .Where(e => e.Name.EndsWith(".gpkg", StringComparison.OrdinalIgnoreCase) && !e.Name.StartsWith("._", StringComparison.Ordinal)
                    && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
                .ToList();
            if (candidates.Count != 1)
            {
                string entries = zip.Entries.Count == 0 ? "nothing" : string.Join(", ", zip.Entries.Take(10).Select(e => e.FullName))
                    + (zip.Entries.Count > 10 ? ", ..." : string.Empty);
                throw new InputDataException(path, candidates.Count == 0
                    ? $"{path}: the zip archive holds no .gpkg file (it holds {entries}); a zipped GeoPackage must hold exactly one"
                    : $"{path}: the zip archive holds {candidates.Count} .gpkg files ({string.Join(", ", candidates.Select(c => c.FullName))}); " +
                      "unzip it and name the one to use");
            }

            var entry = candidates[0];
            if (entry.Length > MaxExtractedBytes)
            {
                throw new InputDataException(path,
                    $"{path}: {entry.FullName} would be {entry.Length / (1L << 20)} MiB when extracted; unzip it yourself and use the .gpkg");
            }

            string target = Path.Combine(Path.GetTempPath(), $"emscov-{Guid.NewGuid():N}.gpkg");
            entry.ExtractToFile(target);
            return target;
        }
        catch (InvalidDataException e)
        {
            throw new InputDataException(path, $"{path}: is not a readable zip archive ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: cannot be unzipped: {e.Message}", e);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the system's temp folder is cleaned eventually; failing the read for this would be worse.
        }
    }

    private static PolygonSource.Layer ReadDatabase(string path, string gpkgPath, string? layerName, string what, DiagnosticBag diagnostics)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = gpkgPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false, // a pooled connection would keep the (temporary) file open after we return
        };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            if (!HasTable(connection, "gpkg_contents") || !HasTable(connection, "gpkg_geometry_columns"))
            {
                throw new InputDataException(path,
                    $"{path}: is an SQLite database but not a GeoPackage (no gpkg_contents / gpkg_geometry_columns table)");
            }

            var layer = ChooseLayer(path, connection, layerName, what);
            var srs = ReadSpatialRefSys(connection, layer.SrsId);
            var crs = GeoPackageCrs.Resolve(path, layer.Table, layer.SrsId, srs, what, diagnostics);
            if (!crs.IsWgs84)
            {
                diagnostics.Add(PopulationDiagnosticCodes.CrsTransformed, DiagnosticSeverity.Info,
                    $"layer '{layer.Table}' of {Path.GetFileName(path)} is in {crs.Description}; it was transformed to WGS84",
                    Path.GetFileName(path));
            }

            return ReadFeatures(path, connection, layer, crs);
        }
        catch (SqliteException e)
        {
            throw new InputDataException(path, $"{path}: is not a readable GeoPackage (SQLite: {e.Message})", e);
        }
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static LayerInfo ChooseLayer(string path, SqliteConnection connection, string? layerName, string what)
    {
        var layers = new List<LayerInfo>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id FROM gpkg_contents c " +
                "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE lower(c.data_type) = 'features' ORDER BY c.rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                layers.Add(new LayerInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        string names = string.Join(", ", layers.Select(l => $"'{l.Table}' ({l.GeometryType.ToUpperInvariant()})"));
        if (layerName is not null)
        {
            return layers.Find(l => l.Table.Equals(layerName, StringComparison.OrdinalIgnoreCase))
                ?? throw new InputDataException(path, layers.Count == 0
                    ? $"{path}: has no feature layer '{layerName}' (it has no feature layers at all)"
                    : $"{path}: has no feature layer '{layerName}'; its feature layers are {names}");
        }

        return layers.Count switch
        {
            0 => throw new InputDataException(path, $"{path}: the GeoPackage has no feature layers (tiles only?); {what} must be vector features"),
            1 => layers[0],
            _ => throw new InputDataException(path,
                $"{path}: the GeoPackage has {layers.Count} feature layers ({names}); name the one that holds the {what} with the layer option"),
        };
    }

    private static GeoPackageCrs.SpatialRefSys? ReadSpatialRefSys(SqliteConnection connection, long srsId)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        command.Parameters.AddWithValue("$id", srsId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new GeoPackageCrs.SpatialRefSys(
            reader.IsDBNull(0) ? string.Empty : reader.GetString(0),
            reader.IsDBNull(1) ? string.Empty : reader.GetString(1),
            reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
            reader.IsDBNull(3) ? string.Empty : reader.GetString(3));
    }

    private static PolygonSource.Layer ReadFeatures(string path, SqliteConnection connection, LayerInfo info, GeoPackageCrs crs)
    {
        var layer = new PolygonSource.Layer(path, $"{Path.GetFileName(path)}, layer '{info.Table}'", "feature");
        string? keyColumn = null;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA table_info({Quote(info.Table)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string column = reader.GetString(1);
                if (reader.GetInt64(5) == 1)
                {
                    keyColumn = column;
                }
                else if (!column.Equals(info.GeometryColumn, StringComparison.OrdinalIgnoreCase))
                {
                    layer.AttributeNames.Add(column);
                }
            }
        }

        var geometryReader = new GeoPackageGeoReader { HandleSRID = true, HandleOrdinates = Ordinates.XY };
        using (var command = connection.CreateCommand())
        {
            command.CommandText = keyColumn is null
                ? $"SELECT * FROM {Quote(info.Table)}"
                : $"SELECT * FROM {Quote(info.Table)} ORDER BY {Quote(keyColumn)}";
            using var reader = command.ExecuteReader();
            int geometryOrdinal = reader.GetOrdinal(info.GeometryColumn);
            int keyOrdinal = keyColumn is null ? -1 : reader.GetOrdinal(keyColumn);
            int number = 0;
            while (reader.Read())
            {
                number++;
                string? fid = keyOrdinal >= 0 && !reader.IsDBNull(keyOrdinal)
                    ? Convert.ToString(reader.GetValue(keyOrdinal), CultureInfo.InvariantCulture)
                    : null;
                var feature = new PolygonSource.Feature(number, fid is null
                    ? string.Create(CultureInfo.InvariantCulture, $"feature {number}")
                    : $"fid {fid}")
                {
                    FeatureId = fid,
                };
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    if (i != geometryOrdinal && i != keyOrdinal)
                    {
                        feature.Attributes.TryAdd(reader.GetName(i), reader.IsDBNull(i) ? null : reader.GetValue(i));
                    }
                }

                if (!reader.IsDBNull(geometryOrdinal))
                {
                    ReadGeometry(feature, (byte[])reader.GetValue(geometryOrdinal), geometryReader, crs);
                }

                layer.Features.Add(feature);
            }
        }

        if (layer.Features.Count == 0)
        {
            layer.EmptyHint = $" (layer '{info.Table}' has no rows)";
        }

        return layer;
    }

    private static void ReadGeometry(PolygonSource.Feature feature, byte[] blob, GeoPackageGeoReader reader, GeoPackageCrs crs)
    {
        Geometry geometry;
        try
        {
            geometry = reader.Read(blob);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException
            or ParseException or IOException or IndexOutOfRangeException)
        {
            feature.GeometryType = "unreadable geometry";
            feature.Problems.Add($"its geometry cannot be decoded ({e.Message})");
            return;
        }

        feature.GeometryType = geometry.GeometryType;
        feature.Geometry = crs.ToWgs84(geometry);
    }

    // SQLite identifier quoting: double quotes, with embedded quotes doubled.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record LayerInfo(string Table, string GeometryColumn, string GeometryType, long SrsId);
}
