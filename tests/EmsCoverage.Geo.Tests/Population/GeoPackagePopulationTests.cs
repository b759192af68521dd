using System.Globalization;
using System.IO.Compression;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Graph;
using EmsCoverage.Osm.Tests;
using EmsCoverage.Population;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EmsCoverage.Geo.Tests.Population;

/// <summary>Classes that extract zipped GeoPackages run one at a time, so the temp-file check sees only its own files.</summary>
[CollectionDefinition(Name)]
public sealed class GeoPackageZipGroup
{
    public const string Name = "GeoPackage zip extraction";
}

[Collection(GeoPackageZipGroup.Name)]
public sealed class GeoPackagePopulationTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DiagnosticBag _diagnostics = new();

    public void Dispose() => _folder.Dispose();

    // A 40 m square centred on the ecosystem notes' ProjNET/GDAL reference point: WGS84 (7.4246, 43.7384) is
    // (373139.337, 4844024.125) in UTM 32N (gdaltransform: 373139.336673, 4844024.124663).
    private static Polygon UtmSquare(double size = 40) =>
        (Polygon)new GeometryFactory(new PrecisionModel(), 32632).ToGeometry(
            new Envelope(373139.337 - (size / 2), 373139.337 + (size / 2), 4844024.125 - (size / 2), 4844024.125 + (size / 2)));

    private static Polygon Wgs84Square(double lon, double lat, double sizeDegrees) =>
        (Polygon)GeometryFactories.Wgs84.ToGeometry(new Envelope(lon, lon + sizeDegrees, lat, lat + sizeDegrees));

    private string Write(string name, params TestGeoPackage.Layer[] layers)
    {
        string path = _folder.File(name);
        TestGeoPackage.Write(path, layers);
        return path;
    }

    private static TestGeoPackage.Layer UtmLayer(string name = "blocks", int srsId = 32632) =>
        new(name, srsId, "POLYGON", ["id", "population"], [(UtmSquare(), ["monaco", 5L])]);

    [Fact]
    public void Read_Utm32N_TransformedToWgs84LikeGdal()
    {
        string path = Write("utm.gpkg", UtmLayer());

        var layer = PolygonPopulation.ReadGeoPackage(path, null, _diagnostics);

        var cell = Assert.Single(layer.Cells);   // 40 m square: smaller than one 100 m sample square
        Assert.Equal("monaco", cell.Id);
        Assert.Equal(5, cell.Population);
        Assert.Equal(7.4246, cell.Lon, 1e-6);
        Assert.Equal(43.7384, cell.Lat, 1e-6);
        Assert.Equal("utm.gpkg, layer 'blocks'", layer.SourceName);
        var note = Assert.Single(_diagnostics.Items, d => d.Code == PopulationDiagnosticCodes.CrsTransformed);
        Assert.Contains("EPSG:32632 (WGS 84 / UTM zone 32N)", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utm32N_SpreadOnAMetricGrid()
    {
        string path = Write("utm-big.gpkg", new TestGeoPackage.Layer("blocks", 32632, "POLYGON", ["id", "population"],
            [(UtmSquare(size: 300), ["block", 900L])]));

        var layer = PolygonPopulation.ReadGeoPackage(path, null, _diagnostics);

        // A 300 m UTM square is turned by the grid convergence (about 1.1° this far west of 9° E), so the north-up
        // 100 m sample grid cuts it into 9 or more pieces; the largest are whole 100 m squares.
        Assert.InRange(layer.Cells.Count, 9, 16);
        Assert.Equal(900, layer.CellPopulation, 1e-6);
        double largestM2 = layer.Cells.Max(c => PolygonProjection.AreaM2(FootprintPolygon(layer, c)));
        Assert.Equal(10_000, largestM2, 10.0);
        Assert.Equal(100, layer.Cells.Max(c => c.Population), 0.2);   // 900 people on 90,000 m²: 100 per whole square
    }

    private static Polygon FootprintPolygon(DemandLayer layer, DemandCell cell)
    {
        var footprint = layer.Footprints[cell.Footprint];
        var ring = footprint.Lat.Select((lat, i) => new Coordinate(footprint.Lon[i], lat)).Append(new Coordinate(footprint.Lon[0], footprint.Lat[0]));
        return GeometryFactories.Wgs84.CreatePolygon([.. ring]);
    }

    [Fact]
    public void Read_Wgs84Layer_NoTransform_FidsAsIdsWithoutIdColumn()
    {
        string path = Write("wgs84.gpkg", new TestGeoPackage.Layer("pop", 4326, "MULTIPOLYGON", ["population"],
        [
            (Wgs84Square(9.52, 47.14, 0.0003), [10L]),
            (Wgs84Square(9.53, 47.14, 0.0003), [20.5]),
        ]));

        var layer = PolygonPopulation.ReadGeoPackage(path, null, _diagnostics);

        Assert.Equal(["1", "2"], layer.Cells.Select(c => c.Id));
        Assert.Equal(9.52015, layer.Cells[0].Lon, 1e-9);
        Assert.Equal(30.5, layer.InputPopulation);
        Assert.Equal(0, _diagnostics.Count(PopulationDiagnosticCodes.CrsTransformed));
    }

    [Fact]
    public void Read_TwoLayers_NoChoice_ListsThem_ChoiceReadsIt()
    {
        string path = Write("two.gpkg", UtmLayer("blocks"), UtmLayer("Districts"));

        var ex = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(path, null, _diagnostics));
        Assert.Contains("has 2 feature layers ('blocks' (POLYGON), 'Districts' (POLYGON)); name the one that holds the population with the layer option",
            ex.Message, StringComparison.Ordinal);

        var layer = PolygonPopulation.ReadGeoPackage(path, new PopulationFileOptions { Layer = "districts" }, _diagnostics);
        Assert.Equal("two.gpkg, layer 'Districts'", layer.SourceName);

        var missing = Assert.Throws<InputDataException>(() =>
            PolygonPopulation.ReadGeoPackage(path, new PopulationFileOptions { Layer = "tracts" }, _diagnostics));
        Assert.Contains("has no feature layer 'tracts'; its feature layers are 'blocks' (POLYGON), 'Districts' (POLYGON)", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("undefined", "whose definition is unknown here")]
    [InlineData("wkt2", "whose definition is unknown here")]
    [InlineData("mollweide", "ESRI:54009 (World_Mollweide)")]
    [InlineData("missing-row", "which is not in the file's gpkg_spatial_ref_sys table")]
    [InlineData("truncated", "the text is truncated")]
    public void Read_UnknownCrs_RefusedWithReprojectCommand(string name, string expected)
    {
        TestGeoPackage.Srs? srs = name switch
        {
            "undefined" => new(99999, "NONE", 99999, "my local grid", "undefined"),
            "wkt2" => new(99998, "EPSG", 3035, "ETRS89-extended / LAEA Europe", "PROJCRS[\"ETRS89-extended / LAEA Europe\",BASEGEOGCRS[\"ETRS89\"]]"),
            "mollweide" => new(54009, "ESRI", 54009, "World_Mollweide", TestGeoPackage.MollweideWkt),
            // Ends inside a quoted name: ProjNET's reader would never return.
            "truncated" => new(54010, "ESRI", 54009, "World_Mollweide", TestGeoPackage.MollweideWkt[..80]),
            _ => null,
        };
        var systems = new List<TestGeoPackage.Srs>();
        if (srs is not null)
        {
            systems.Add(srs);
        }

        string path = _folder.File(name + ".gpkg");
        TestGeoPackage.Write(path, systems, UtmLayer(srsId: srs?.Id ?? 12345));

        var ex = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(path, null, _diagnostics));

        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"ogr2ogr -t_srs EPSG:4326 out.gpkg {name}.gpkg blocks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UndefinedCartesian_Refused()
    {
        string path = Write("cartesian.gpkg", UtmLayer(srsId: -1));

        var ex = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(path, null, _diagnostics));

        Assert.Contains("undefined Cartesian coordinate system (srs_id -1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UndefinedGeographic_TakenAsWgs84WithWarning()
    {
        string path = Write("geographic.gpkg", new TestGeoPackage.Layer("pop", 0, "POLYGON", ["population"],
            [(Wgs84Square(9.52, 47.14, 0.0003), [10L])]));

        var layer = PolygonPopulation.ReadGeoPackage(path, null, _diagnostics);

        Assert.Equal(47.14015, Assert.Single(layer.Cells).Lat, 1e-9);
        Assert.Equal(1, _diagnostics.Count(PopulationDiagnosticCodes.CrsAssumed));
    }

    [Fact]
    public void Read_MissingPopulationColumn_ListsAttributes()
    {
        string path = Write("nopop.gpkg", new TestGeoPackage.Layer("pop", 4326, "POLYGON", ["name", "inhabitants"],
            [(Wgs84Square(9.52, 47.14, 0.0003), ["a", 10L])]));

        var ex = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(path, null, _diagnostics));

        Assert.Contains("has no population attribute 'population' (nopop.gpkg, layer 'pop'); attributes found: name, inhabitants", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullPopulationAndNullGeometry_ListedByFid()
    {
        string path = Write("nulls.gpkg", new TestGeoPackage.Layer("pop", 4326, "POLYGON", ["population"],
        [
            (Wgs84Square(9.52, 47.14, 0.0003), [10L]),
            (Wgs84Square(9.53, 47.14, 0.0003), [null]),
            (null, [7L]),
            (Wgs84Square(9.54, 47.14, 0.0003), ["-2"]),
        ]));

        var ex = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(path, null, _diagnostics));

        Assert.Contains("3 of 4 features cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nulls.gpkg fid 2: population is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nulls.gpkg fid 3: has no area", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nulls.gpkg fid 4: population -2 is negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipWithOneGeoPackage_ExtractedAndTempFileDeleted()
    {
        string gpkg = Write("inner.gpkg", UtmLayer());
        string zip = _folder.File("zipped.gpkg.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(gpkg, "data/inner.gpkg");
            archive.CreateEntry("data/README.txt");
        }

        string[] before = Directory.GetFiles(Path.GetTempPath(), "emscov-*.gpkg");
        var layer = PolygonPopulation.ReadGeoPackage(zip, null, _diagnostics);
        string[] after = Directory.GetFiles(Path.GetTempPath(), "emscov-*.gpkg");

        Assert.Equal("zipped.gpkg.zip, layer 'blocks'", layer.SourceName);
        Assert.Equal(5, layer.CellPopulation);
        Assert.Empty(after.Except(before));
    }

    [Fact]
    public void Read_ZipWithTwoOrNoGeoPackages_Refused()
    {
        string gpkg = Write("inner.gpkg", UtmLayer());
        string two = _folder.File("two.zip");
        using (var archive = ZipFile.Open(two, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(gpkg, "a.gpkg");
            archive.CreateEntryFromFile(gpkg, "b.gpkg");
        }

        string none = _folder.File("none.zip");
        using (var archive = ZipFile.Open(none, ZipArchiveMode.Create))
        {
            archive.CreateEntry("population.csv");
        }

        var twoEx = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(two, null, _diagnostics));
        var noneEx = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(none, null, _diagnostics));

        Assert.Contains("holds 2 .gpkg files (a.gpkg, b.gpkg)", twoEx.Message, StringComparison.Ordinal);
        Assert.Contains("holds no .gpkg file (it holds population.csv)", noneEx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAGeoPackage_Refused()
    {
        string sqlite = _folder.File("plain.gpkg");
        using (var connection = new SqliteConnection($"Data Source={sqlite};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }

        string garbage = _folder.File("garbage.gpkg");
        File.WriteAllText(garbage, "this is not a database, just text with the wrong extension\n");

        var plainEx = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(sqlite, null, _diagnostics));
        var garbageEx = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoPackage(garbage, null, _diagnostics));

        Assert.Contains("is an SQLite database but not a GeoPackage", plainEx.Message, StringComparison.Ordinal);
        Assert.Contains("is not a readable GeoPackage", garbageEx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SaoPauloHexagonsInUtm23S_ConservedAndInsideEachHexagon()
    {
        string path = TestData.Shared("sao-paulo-hexgrid-EPSG32723.gpkg.zip");

        var layer = PolygonPopulation.ReadGeoPackage(path, null, _diagnostics);
        var hexagons = GeoPackageFile.Read(path, null, "population", new DiagnosticBag()).Features;

        Assert.Equal(323, hexagons.Count);
        Assert.Equal(517_570, layer.InputPopulation);
        Assert.Equal(517_570, layer.CellPopulation, 1e-6);
        Assert.All(layer.Cells, c => Assert.InRange(c.Lat, -23.7, -23.4));
        Assert.All(layer.Cells, c => Assert.InRange(c.Lon, -46.8, -46.5));
        var cellsByHexagon = layer.Cells.GroupBy(c => c.Id.Split('#')[0]).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var hexagon in hexagons)
        {
            string id = (string)hexagon.Attributes["id"]!;
            double people = Convert.ToDouble(hexagon.Attributes["population"], CultureInfo.InvariantCulture);
            if (people == 0)
            {
                Assert.False(cellsByHexagon.ContainsKey(id));
                continue;
            }

            var cells = cellsByHexagon[id];
            Assert.Equal(people, cells.Sum(c => c.Population), 1e-6);
            foreach (var cell in cells)
            {
                var point = GeometryFactories.Wgs84.CreatePoint(new Coordinate(cell.Lon, cell.Lat));
                Assert.True(hexagon.Geometry!.Covers(point) || hexagon.Geometry.Distance(point) < 1e-8, $"cell {cell.Id} outside hexagon {id}");
            }
        }
    }

    [Fact]
    public void Read_SaoPauloHexagons_CentroidsMatchTheCsvPoints()
    {
        // The same hexagons are published as WGS84 centroids (CSV) and as UTM 23S polygons (GeoPackage): transforming the
        // polygons must land their centroids on the published points.
        var points = PointPopulation.ReadCsv(TestData.Shared("sao-paulo-hexgrid.csv"), null, new DiagnosticBag())
            .Cells.ToDictionary(c => c.Id);
        var hexagons = GeoPackageFile.Read(TestData.Shared("sao-paulo-hexgrid-EPSG32723.gpkg.zip"), null, "population", new DiagnosticBag()).Features;

        double worst = 0;
        foreach (var hexagon in hexagons)
        {
            if (points.TryGetValue((string)hexagon.Attributes["id"]!, out var point))
            {
                var centroid = hexagon.Geometry!.Centroid;
                worst = Math.Max(worst, Geodesy.HaversineM(point.Lat, point.Lon, centroid.Y, centroid.X));
            }
        }

        Assert.InRange(worst, 0, 0.01);   // observed: under a micrometre
    }

    [Fact]
    public void Read_HelsinkiGridInWgs84_Conserved()
    {
        var layer = PolygonPopulation.ReadGeoPackage(TestData.Shared("helsinki-population-grid-2020.gpkg"), null, _diagnostics);

        Assert.Equal(71_724, layer.InputPopulation);
        Assert.Equal(71_724, layer.CellPopulation, 1e-6);
        Assert.All(layer.Cells, c => Assert.InRange(c.Lat, 60.15, 60.18));
        Assert.Equal(0, _diagnostics.Count(PopulationDiagnosticCodes.CrsTransformed));
    }
}

/// <summary>Writes small GeoPackages for tests (the tables GDAL needs to read them too, no spatial index).</summary>
public static class TestGeoPackage
{
    /// <summary>EPSG:32632 as GDAL writes it into <c>gpkg_spatial_ref_sys</c>.</summary>
    public const string Utm32NWkt =
        "PROJCS[\"WGS 84 / UTM zone 32N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563," +
        "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]," +
        "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",9]," +
        "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0]," +
        "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"32632\"]]";

    /// <summary>ESRI:54009, the projection GHS-POP rasters use, which ProjNET does not implement.</summary>
    public const string MollweideWkt =
        "PROJCS[\"World_Mollweide\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"WGS_1984\",SPHEROID[\"WGS_1984\",6378137,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.017453292519943295]],PROJECTION[\"Mollweide\"],PARAMETER[\"False_Easting\",0]," +
        "PARAMETER[\"False_Northing\",0],PARAMETER[\"Central_Meridian\",0],UNIT[\"Meter\",1],AUTHORITY[\"ESRI\",\"54009\"]]";

    private const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0]," +
        "UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>Writes <paramref name="layers"/>, with EPSG:4326 and EPSG:32632 defined (plus the two "undefined" rows).</summary>
    public static void Write(string path, params Layer[] layers) =>
        Write(path, [new Srs(32632, "EPSG", 32632, "WGS 84 / UTM zone 32N", Utm32NWkt)], layers);

    /// <summary>Writes <paramref name="layers"/> with <paramref name="systems"/> in <c>gpkg_spatial_ref_sys</c>.</summary>
    public static void Write(string path, IEnumerable<Srs> systems, params Layer[] layers)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;");
        Execute(connection,
            "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, " +
            "organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);" +
            "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, " +
            "description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), " +
            "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);" +
            "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, " +
            "srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));");
        var all = new List<Srs>
        {
            new(-1, "NONE", -1, "Undefined Cartesian SRS", "undefined"),
            new(0, "NONE", 0, "Undefined geographic SRS", "undefined"),
            new(4326, "EPSG", 4326, "WGS 84 geodetic", Wgs84Wkt),
        };
        all.AddRange(systems);
        foreach (var srs in all)
        {
            Execute(connection, "INSERT INTO gpkg_spatial_ref_sys VALUES ($name, $id, $org, $orgId, $definition, NULL)",
                ("$name", srs.Name), ("$id", srs.Id), ("$org", srs.Organization), ("$orgId", srs.OrganizationId), ("$definition", srs.Definition));
        }

        var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
        foreach (var layer in layers)
        {
            var types = layer.Columns.Select((_, i) => layer.Rows.Select(r => r.Values[i]).FirstOrDefault(v => v is not null) switch
            {
                long or int => "INTEGER",
                double => "REAL",
                _ => "TEXT",
            }).ToArray();
            string columns = string.Concat(layer.Columns.Select((c, i) => $", \"{c}\" {types[i]}"));
            Execute(connection, $"CREATE TABLE \"{layer.Name}\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {layer.GeometryType}{columns})");
            Execute(connection, "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ($t, 'features', $t, $srs)",
                ("$t", layer.Name), ("$srs", layer.SrsId));
            Execute(connection, "INSERT INTO gpkg_geometry_columns VALUES ($t, 'geom', $type, $srs, 0, 0)",
                ("$t", layer.Name), ("$type", layer.GeometryType), ("$srs", layer.SrsId));
            string placeholders = string.Concat(layer.Columns.Select((_, i) => $", $v{i}"));
            foreach (var (geometry, values) in layer.Rows)
            {
                byte[]? blob = null;
                if (geometry is not null)
                {
                    geometry.SRID = layer.SrsId;
                    blob = writer.Write(geometry);
                }

                var parameters = new List<(string, object?)> { ("$g", blob) };
                parameters.AddRange(values.Select((v, i) => ($"$v{i}", v)));
                Execute(connection, $"INSERT INTO \"{layer.Name}\" (geom{string.Concat(layer.Columns.Select(c => $", \"{c}\""))}) VALUES ($g{placeholders})",
                    [.. parameters]);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>A row of <c>gpkg_spatial_ref_sys</c>.</summary>
    public sealed record Srs(int Id, string Organization, int OrganizationId, string Name, string Definition);

    /// <summary>A feature table: geometry (null for none) and attribute values per row (long, double, string or null).</summary>
    public sealed record Layer(string Name, int SrsId, string GeometryType, string[] Columns, List<(Geometry? Geometry, object?[] Values)> Rows);
}
