using EmsCoverage.Geo.Output;
using EmsCoverage.Osm.Tests;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EmsCoverage.Geo.Tests.Output;

/// <summary>The GeoPackage writer, read back with SQLite and NetTopologySuite's GeoPackage reader.</summary>
public sealed class GeoPackageWriterTests : IDisposable
{
    private static readonly GeometryFactory F = GeometryFactories.Wgs84;
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static GeoPackageLayer Bases => new("bases", GeoPackageGeometryType.Point,
        [new("id", GeoPackageColumnType.Text), new("turnout_s", GeoPackageColumnType.Integer), new("population", GeoPackageColumnType.Real)],
        "Ambulance bases");

    private static GeoPackageLayer Gaps => new("gaps", GeoPackageGeometryType.MultiPolygon,
        [new("rank", GeoPackageColumnType.Integer), new("worst_time_min", GeoPackageColumnType.Real)], "Gap areas");

    private static GeoPackageLayer Roads => new("roads", GeoPackageGeometryType.LineString,
        [new("osm_way_id", GeoPackageColumnType.Integer), new("oneway", GeoPackageColumnType.Integer)], "Road network");

    private static readonly GeoPackageProvenance Provenance = new("© OpenStreetMap contributors, ODbL 1.0", new DateOnly(2021, 3, 4))
    {
        Metadata = [new("sha256:config", "abc123")],
    };

    private string WriteSample(string name = "sample.gpkg")
    {
        string path = _dir.File(name);
        using var writer = new GeoPackageWriter(path, Provenance);
        var bases = writer.AddLayer(Bases);
        bases.Add(F.CreatePoint(new Coordinate(9.52, 47.14)), ["vaduz", 60, 1234.5]);
        bases.Add(F.CreatePoint(new Coordinate(9.50, 47.05)), ["balzers", null, double.NaN]);
        var gaps = writer.AddLayer(Gaps);
        gaps.Add(Square(9.55, 47.20, 0.01), [1, 31.5]); // a polygon, wrapped as a one-part multipolygon
        gaps.Add(F.CreateMultiPolygon([Square(9.60, 47.10, 0.01), Square(9.63, 47.10, 0.01)]), [2, null]);
        var roads = writer.AddLayer(Roads);
        roads.Add(F.CreateLineString([new Coordinate(9.5, 47.0), new Coordinate(9.51, 47.01), new Coordinate(9.53, 47.0)]), [4_000_000_123L, true]);
        Assert.Equal(2, gaps.Count);
        writer.Finish();
        return path;
    }

    private static Polygon Square(double lon, double lat, double size) => F.CreatePolygon(
    [
        new Coordinate(lon, lat), new Coordinate(lon + size, lat), new Coordinate(lon + size, lat + size),
        new Coordinate(lon, lat + size), new Coordinate(lon, lat),
    ]);

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<object?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void Header_IsGeoPackage13_WithTheMandatorySpatialReferenceSystems()
    {
        using var c = Open(WriteSample());

        Assert.Equal(0x47504B47L, Query(c, "PRAGMA application_id")[0][0]);
        Assert.Equal(10300L, Query(c, "PRAGMA user_version")[0][0]);
        var srs = Query(c, "SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys ORDER BY srs_id");
        Assert.Equal([-1L, 0L, 4326L], srs.Select(r => r[0]));
        Assert.Equal(["NONE", "NONE", "EPSG"], srs.Select(r => r[1]));
        Assert.Equal(4326L, srs[2][2]);
        Assert.Contains("WGS 84", (string)Query(c, "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 4326")[0][0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Contents_AndGeometryColumns_DescribeEveryLayer_WithExtentAndProvenance()
    {
        using var c = Open(WriteSample());

        var contents = Query(c, "SELECT table_name, data_type, srs_id, min_x, min_y, max_x, max_y, description, last_change FROM gpkg_contents ORDER BY table_name")
            .ToDictionary(r => (string)r[0]!);
        Assert.Equal(["bases", "gaps", GeoPackageWriter.MetadataTable, "roads"], contents.Keys);
        Assert.Equal("features", contents["gaps"][1]);
        Assert.Equal("attributes", contents["metadata"][1]);
        Assert.Equal(4326L, contents["gaps"][2]);
        Assert.Equal([9.55, 47.10, 9.64, 47.21], contents["gaps"][3..7].Select(v => Math.Round((double)v!, 9)));
        Assert.Equal([9.50, 47.05, 9.52, 47.14], contents["bases"][3..7].Select(v => Math.Round((double)v!, 9)));
        Assert.Equal("Gap areas. © OpenStreetMap contributors, ODbL 1.0. Data date: 2021-03-04.", contents["gaps"][7]);
        Assert.Equal("2021-03-04T00:00:00.000Z", contents["gaps"][8]);

        var columns = Query(c, "SELECT table_name, column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns ORDER BY table_name");
        Assert.Equal(["bases", "gaps", "roads"], columns.Select(r => r[0]));
        Assert.All(columns, r => Assert.Equal("geom", r[1]));
        Assert.Equal(["POINT", "MULTIPOLYGON", "LINESTRING"], columns.Select(r => r[2]));
        Assert.All(columns, r => Assert.Equal([4326L, 0L, 0L], r[3..]));

        var metadata = Query(c, "SELECT key, value FROM metadata ORDER BY fid");
        Assert.Equal(["attribution", "data_date", "sha256:config"], metadata.Select(r => r[0]));
        Assert.Equal(["© OpenStreetMap contributors, ODbL 1.0", "2021-03-04", "abc123"], metadata.Select(r => r[1]));
    }

    [Fact]
    public void Features_ReadBack_WithTypedAttributes_And2DGeometriesInSrid4326()
    {
        using var c = Open(WriteSample());
        var reader = new GeoPackageGeoReader { HandleSRID = true };

        var declared = Query(c, "PRAGMA table_info(bases)").Select(r => ((string)r[1]!, (string)r[2]!)).ToList();
        Assert.Equal([("fid", "INTEGER"), ("id", "TEXT"), ("turnout_s", "INTEGER"), ("population", "REAL"), ("geom", "POINT")], declared);

        var bases = Query(c, "SELECT fid, id, turnout_s, population, typeof(population), geom FROM bases ORDER BY fid");
        Assert.Equal(2, bases.Count);
        Assert.Equal([1L, "vaduz", 60L, 1234.5, "real"], bases[0][..5]);
        Assert.Equal([2L, "balzers", null, null, "null"], bases[1][..5]); // NaN is stored as NULL
        var point = Assert.IsType<Point>(reader.Read((byte[])bases[0][5]!));
        Assert.Equal(4326, point.SRID);
        Assert.Equal((9.52, 47.14), (point.X, point.Y)); // X = longitude
        Assert.True(double.IsNaN(point.Coordinate.Z));

        var gaps = Query(c, "SELECT rank, worst_time_min, geom FROM gaps ORDER BY fid");
        Assert.Equal([1L, 2L], gaps.Select(r => r[0]));
        Assert.Equal([31.5, null], gaps.Select(r => r[1]));
        var first = Assert.IsType<MultiPolygon>(reader.Read((byte[])gaps[0][2]!));
        Assert.Equal(1, first.NumGeometries);
        Assert.Equal(0.0001, first.Area, 9);
        Assert.Equal(2, Assert.IsType<MultiPolygon>(reader.Read((byte[])gaps[1][2]!)).NumGeometries);

        var road = Assert.Single(Query(c, "SELECT osm_way_id, oneway, geom FROM roads"));
        Assert.Equal([4_000_000_123L, 1L], road[..2]);
        var line = Assert.IsType<LineString>(reader.Read((byte[])road[2]!));
        Assert.Equal(3, line.NumPoints);

        foreach (byte[] blob in Query(c, "SELECT geom FROM bases UNION ALL SELECT geom FROM gaps UNION ALL SELECT geom FROM roads").Select(r => (byte[])r[0]!))
        {
            // Standard GeoPackage binary: "GP", version 0, flags with an XY envelope (code 1) or none for points,
            // little-endian, SRID 4326 — never the XYZM envelope that GDAL turns into NaN coordinates.
            Assert.Equal((byte)'G', blob[0]);
            Assert.Equal((byte)'P', blob[1]);
            Assert.Equal(0, blob[2]);
            int envelope = (blob[3] >> 1) & 0b111;
            Assert.True(envelope <= 1, $"envelope code {envelope}");
            Assert.Equal(4326, BitConverter.ToInt32(blob, 4));
        }
    }

    [Fact]
    public void SameInput_GivesAByteIdenticalFile()
    {
        Assert.Equal(File.ReadAllBytes(WriteSample("a.gpkg")), File.ReadAllBytes(WriteSample("b.gpkg")));
    }

    [Fact]
    public void DisposingWithoutFinish_KeepsNoLayer()
    {
        string path = _dir.File("unfinished.gpkg");
        using (var writer = new GeoPackageWriter(path, Provenance))
        {
            writer.AddLayer(Bases).Add(F.CreatePoint(new Coordinate(9.5, 47.1)), ["x", 1, 2.0]);
        }

        using var c = Open(path);
        Assert.Empty(Query(c, "SELECT name FROM sqlite_master WHERE name IN ('bases', 'gpkg_contents')"));
    }

    [Fact]
    public void BadFeatures_AreRejected_WithTheLayerAndTheProblem()
    {
        using var writer = new GeoPackageWriter(_dir.File("bad.gpkg"), Provenance);
        var gaps = writer.AddLayer(Gaps);

        var e = Assert.Throws<ArgumentException>(() => gaps.Add(F.CreatePoint(new Coordinate(9.5, 47.1)), [1, 2.0]));
        Assert.Contains("layer 'gaps' holds MULTIPOLYGON geometries, not Point", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => gaps.Add(F.CreatePolygon(), [1, 2.0]));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => gaps.Add(Square(9.5, 47.1, 0.1), ["one", 2.0]));
        Assert.Contains("column 'rank' (Integer)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => gaps.Add(Square(9.5, 47.1, 0.1), [1]));
        Assert.Contains("2 columns", e.Message, StringComparison.Ordinal);
        var utm = new GeometryFactory(new PrecisionModel(), 32632);
        e = Assert.Throws<ArgumentException>(() => gaps.Add(utm.CreatePolygon(Square(9.5, 47.1, 0.1).Coordinates), [1, 2.0]));
        Assert.Contains("SRID 32632", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => writer.AddLayer(Gaps));
        Assert.Throws<ArgumentException>(() => writer.AddLayer(Gaps with { Name = "gaps; DROP TABLE x" }));
        Assert.Throws<ArgumentException>(() => writer.AddLayer(Bases with { Name = "b2", Columns = [new("geom", GeoPackageColumnType.Text)] }));
        Assert.Equal(0, gaps.Count);
    }

    [Fact]
    public void ExistingFile_IsNotOverwritten()
    {
        string path = WriteSample();
        Assert.Throws<IOException>(() => new GeoPackageWriter(path, Provenance));
    }
}
