using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Geo.Population;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Tests;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace EmsCoverage.Cli.Tests;

/// <summary><c>emscov isochrones</c> end to end (issue 4): inputs, modes, output file, exit codes.</summary>
public class IsochroneCommandTests
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static string Liechtenstein => TestData.Shared("liechtenstein-2021.osm.pbf");

    private static string DataDir => Path.GetDirectoryName(Liechtenstein)!;

    private static string DemoConfig => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

    [Fact]
    public void NetworkAndStations_Partition_WritesOneValidAreaPerBaseAndBreak_WithTheirPeopleAndAttribution()
    {
        using var dir = new TempFolder();
        string stations = WriteStations(dir);
        string output = dir.File("areas.geojson");

        var (code, stdout, stderr) = CliRunner.Run("isochrones", "-n", Liechtenstein, "-s", stations, "--breaks", "5,10",
            "--mode", "partition", "-o", output);

        Assert.True(code == 0, stderr);
        Assert.Equal(["areas.geojson"], Directory.GetFiles(dir.Path, "*.geojson").Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*tmp*"));
        Assert.Contains("Wrote", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(output));
        var root = doc.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        Assert.Equal("© OpenStreetMap contributors, ODbL 1.0", root.GetProperty("attribution").GetString());
        Assert.Equal("partition", root.GetProperty("mode").GetString());
        var features = ReadFeatures(output);
        Assert.Equal(6, features.Count); // 3 bases x 2 breaks
        Assert.Equal([10.0, 10, 10, 5, 5, 5], features.Select(f => Convert.ToDouble(f.Attributes["break_min"], CultureInfo.InvariantCulture)));
        Assert.Equal(["balzers", "schaan", "vaduz"], features.Take(3).Select(f => (string)f.Attributes["base"]));
        foreach (var f in features)
        {
            Assert.IsType<MultiPolygon>(f.Geometry);
            Assert.True(f.Geometry.IsValid);
            Assert.False(f.Attributes.Exists("population")); // no population layer given
            Assert.True(Convert.ToDouble(f.Attributes["area_km2"], CultureInfo.InvariantCulture) > 0.1);
            foreach (Polygon p in ((MultiPolygon)f.Geometry).Geometries.Cast<Polygon>())
            {
                // RFC 7946: exterior rings counter-clockwise, holes clockwise.
                Assert.True(Orientation.IsCCW(p.ExteriorRing.CoordinateSequence));
                Assert.All(p.InteriorRings, h => Assert.False(Orientation.IsCCW(h.CoordinateSequence)));
            }
        }
    }

    [Fact]
    public void GpkgOutput_WritesAGeoPackageLayer_ThatGdalOpens_WithTheGeoJsonsAreasAndFigures()
    {
        using var dir = new TempFolder();
        string stations = WriteStations(dir);
        string gpkg = dir.File("areas.gpkg"), geojson = dir.File("areas.geojson");
        string[] common = ["isochrones", "-n", Liechtenstein, "-s", stations, "--breaks", "5,10", "--mode", "per-base", "--tolerance-m", "100"];

        var (code, stdout, stderr) = CliRunner.Run([.. common, "-o", gpkg]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Wrote", stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run([.. common, "-o", geojson]).ExitCode);
        Assert.Empty(Directory.GetFiles(dir.Path, ".*tmp*"));

        var (info, layer, infoErr) = GeoPackageOutputTests.Gdal("ogrinfo", "-ro", "-so", gpkg, "isochrones");
        Assert.True(info == 0, infoErr);
        Assert.True(infoErr.Trim().Length == 0, $"GDAL printed warnings:\n{infoErr}");
        Assert.Contains("Geometry: Multi Polygon\n", layer, StringComparison.Ordinal);
        Assert.Contains("ID[\"EPSG\",4326]]", layer, StringComparison.Ordinal);
        Assert.Contains("base_name: String", layer, StringComparison.Ordinal);
        var expected = ReadFeatures(geojson);
        Assert.Equal(expected.Count, GeoPackageOutputTests.FeatureCount(layer));

        var (export, lines, exportErr) = GeoPackageOutputTests.Gdal("ogr2ogr", "-f", "GeoJSONSeq", "/vsistdout/", gpkg, "isochrones");
        Assert.True(export == 0, exportErr);
        var actual = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<IFeature>(line.Trim('\u001e'), GeoJson)!).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < actual.Count; k++)
        {
            // Same order, break, base and figures; the same shape (the GeoPackage holds the coordinates exactly).
            Assert.NotNull(actual[k].Geometry);
            Assert.IsType<MultiPolygon>(actual[k].Geometry);
            Assert.True(actual[k].Geometry.IsValid);
            foreach (string name in new[] { "break_min", "area_km2" })
            {
                Assert.Equal(Convert.ToDouble(expected[k].Attributes[name], CultureInfo.InvariantCulture),
                    Convert.ToDouble(actual[k].Attributes[name], CultureInfo.InvariantCulture));
            }

            Assert.Equal(expected[k].Attributes["base"], actual[k].Attributes["base"]);
            Assert.Null(actual[k].Attributes["population"]); // no population layer given
            Assert.True(expected[k].Geometry.EqualsExact(actual[k].Geometry, 1e-9), $"feature {k} differs");
        }
    }

    [Fact]
    public void WithoutOutput_WritesTheGeoJsonToStandardOutput_AndTheSummaryToStandardError()
    {
        using var dir = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("isochrones", "-n", Liechtenstein, "-s", WriteStations(dir), "--breaks", "4", "--tolerance-m", "100");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var feature = Assert.Single(doc.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(4, feature.GetProperty("properties").GetProperty("break_min").GetDouble());
        Assert.False(feature.GetProperty("properties").TryGetProperty("base", out _)); // union: no base
        Assert.Contains("km²", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "partiton", "did you mean partition")]
    [InlineData("--mode", "nearest", "union, per-base or partition")]
    [InlineData("--breaks", "10,abc", "'abc' is not a number of minutes")]
    [InlineData("--breaks", "0", "out of range")]
    [InlineData("--tolerance-m", "0.5", "--tolerance-m")]
    public void BadValues_AreUsageErrors_Exit2_SayingWhatIsAllowed(string option, string value, string expected)
    {
        var (code, _, stderr) = CliRunner.Run("isochrones", "-n", "unused.emsnet", "-s", "unused.csv", option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigTogetherWithNetwork_IsAUsageError_Exit2()
    {
        var (code, _, stderr) = CliRunner.Run("isochrones", "-c", DemoConfig, "-n", Liechtenstein);
        Assert.Equal(2, code);
        Assert.Contains("leave out --network", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingNetworkFile_IsBadInput_Exit3()
    {
        using var dir = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("isochrones", "-n", dir.File("nowhere.osm.pbf"), "-s", WriteStations(dir));
        Assert.Equal(3, code);
        Assert.Contains("file not found", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 4 on Liechtenstein (the demo configuration: OSM population, 10-minute core, 30-minute townships): every
    /// demand cell the coverage counts as covered lies inside the union area of its own zone's standard, and no cell
    /// reached more than 30 s after its standard (or not at all) lies inside it.
    /// </summary>
    [Fact]
    public void Liechtenstein_DemoConfig_AreasAgreeWithTheCoverageOfEveryCell()
    {
        using var dir = new TempFolder();
        string output = dir.File("isochrones.geojson");
        var (code, _, stderr) = CliRunner.Run("isochrones", "-c", DemoConfig, "--data-dir", DataDir, "-o", output);
        Assert.True(code == 0, stderr);
        var run = PopulationRun.Compute(RunConfig.Load(DemoConfig, DataDir), TextWriter.Null);

        var features = ReadFeatures(output);
        Assert.Equal([30.0, 10.0], features.Select(f => Convert.ToDouble(f.Attributes["break_min"], CultureInfo.InvariantCulture)));
        var byBreak = features.ToDictionary(f => (int)Math.Round(Convert.ToDouble(f.Attributes["break_min"], CultureInfo.InvariantCulture) * 60_000),
            f => f.Geometry);
        Assert.True(byBreak[30 * 60_000].Covers(byBreak[10 * 60_000]), "the 10-minute area must lie inside the 30-minute area");
        var coveredOutside = new List<string>();
        var lateInside = new List<string>();
        var locators = byBreak.ToDictionary(kv => kv.Key, kv => new IndexedPointInAreaLocator(kv.Value));
        for (int i = 0; i < run.Layer.Cells.Count; i++)
        {
            var cell = run.Layer.Cells[i];
            var result = run.Coverage.Cells[i];
            int standard = run.Coverage.Zones[result.Zone].ThresholdMs;
            bool inside = locators[standard].Locate(new Coordinate(cell.Lon, cell.Lat)) != Location.Exterior;
            Classify(cell, result.Times.BestMs, standard, inside, coveredOutside, lateInside);
        }

        Assert.True(run.Coverage.Overall.Covered > 20_000, "the demo covers most of the country");
        Assert.True(coveredOutside.Count == 0, $"covered cells outside their standard's area: {string.Join("; ", coveredOutside)}");
        Assert.True(lateInside.Count == 0, $"cells reached more than 30 s late inside: {string.Join("; ", lateInside)}");
        // The population property counts the people whose cell lies inside: at least everyone covered in that zone.
        double coreCovered = run.Coverage.ByZone.Where(z => z.ThresholdMs == 10 * 60_000).Sum(z => z.Covered);
        Assert.True(Convert.ToDouble(features[1].Attributes["population"], CultureInfo.InvariantCulture) >= coreCovered - 0.5);
    }

    /// <summary>
    /// Issue 4 on Porto Alegre (OSM roads, 1,227 H3 hexagons of population, four seeded bases): the union areas of
    /// 5, 10 and 20 minutes agree with the coverage of every hexagon, and the nearest-base partition has no overlaps
    /// and no gaps.
    /// </summary>
    [Fact]
    public void PortoAlegre_Hexagons_AreasAgreeWithTheCoverageOfEveryCell_AndThePartitionTilesTheUnion()
    {
        var network = OsmNetworkReader.ReadFile(TestData.Shared("porto-alegre.osm.pbf")).Network;
        var layer = PointPopulation.ReadCsv(TestData.Shared("porto-alegre-hexgrid.csv"), null, new DiagnosticBag());
        int[] nodes = SyntheticNetworks.PickNodes(network, 4, seed: 7);
        var bases = new SourceSet(network,
            nodes.Select(n => new SnapPoint(network.FirstArc(n), 0, 0, network.NodeLat(n), network.NodeLon(n))).ToArray(), [60_000, 60_000, 60_000, 60_000]);
        var access = new AccessLeg(MaxSnapDistanceM: 1000, OffRoadSpeedKmh: 6);
        int[] breaksMs = [5 * 60_000, 10 * 60_000, 20 * 60_000];
        var demand = SnappedDemand.Snap(new Snapper(network), layer, access);
        int limitMs = PopulationCoverage.SearchLimitFor(breaksMs[^1]);
        var workspace = new SearchWorkspace(network.NodeCount);
        bases.Search(limitMs, workspace);
        var zones = Enumerable.Repeat(-1, layer.Cells.Count).ToArray();
        var coverage = PopulationCoverage.Evaluate(bases, demand, zones, [], new ZoneStandard("all", breaksMs[^1]), workspace, limitMs);
        var options = new IsochroneOptions(breaksMs.Select(ms => TimeSpan.FromMilliseconds(ms))) { Access = access };

        var unions = IsochroneBuilder.Build(network, bases, workspace, limitMs, options, layer);

        Assert.Equal(3, unions.Count);
        foreach (var union in unions)
        {
            int breakMs = (int)union.Break.TotalMilliseconds;
            var locator = new IndexedPointInAreaLocator(union.Area);
            var coveredOutside = new List<string>();
            var lateInside = new List<string>();
            for (int i = 0; i < layer.Cells.Count; i++)
            {
                var cell = layer.Cells[i];
                bool inside = locator.Locate(new Coordinate(cell.Lon, cell.Lat)) != Location.Exterior;
                Classify(cell, coverage.Cells[i].Times.BestMs, breakMs, inside, coveredOutside, lateInside);
            }

            Assert.True(union.Area.IsValid);
            Assert.True(coveredOutside.Count == 0, $"{union.Break}: covered cells outside: {string.Join("; ", coveredOutside)}");
            Assert.True(lateInside.Count == 0, $"{union.Break}: cells reached more than 30 s late inside: {string.Join("; ", lateInside)}");
        }

        Assert.True(unions.Zip(unions.Skip(1)).All(p => p.First.Area.Covers(p.Second.Area)), "the breaks must nest");
        var parts = IsochroneBuilder.Build(network, bases, workspace, limitMs, options with { Mode = IsochroneMode.Partition }, layer);
        foreach (var union in unions)
        {
            var mine = parts.Where(p => p.Break == union.Break).ToList();
            double overlap = 0;
            for (int a = 0; a < mine.Count; a++)
            {
                for (int b = a + 1; b < mine.Count; b++)
                {
                    overlap += mine[a].Area.Intersection(mine[b].Area).Area;
                }
            }

            Geometry together = NetTopologySuite.Operation.Union.CascadedPolygonUnion.Union([.. mine.Select(p => (Geometry)p.Area)]);
            Assert.True(overlap < 1e-12 * union.Area.Area, $"{union.Break}: the parts overlap");
            Assert.True(together.SymmetricDifference(union.Area).Area < 1e-9 * union.Area.Area, $"{union.Break}: the parts leave gaps");
            Assert.Equal(union.Population!.Value, mine.Sum(p => p.Population!.Value), 3);
        }
    }

    // A cell the coverage counts as reached within the break must be inside; one reached more than 30 s later, or
    // not at all, must be outside.
    private static void Classify(DemandCell cell, int timeMs, int breakMs, bool inside, List<string> coveredOutside, List<string> lateInside)
    {
        string what = string.Create(CultureInfo.InvariantCulture,
            $"{cell.Id} at ({cell.Lon:0.######}, {cell.Lat:0.######}): {(timeMs == SearchWorkspace.Unreached ? "unreached" : $"{timeMs / 1000.0:0.0} s")} against {breakMs / 1000} s");
        if (timeMs <= breakMs && !inside)
        {
            coveredOutside.Add(what);
        }

        if ((timeMs == SearchWorkspace.Unreached || timeMs > breakMs + 30_000) && inside)
        {
            lateInside.Add(what);
        }
    }

    private static string WriteStations(TempFolder dir)
    {
        string path = dir.File("stations.csv");
        File.WriteAllText(path, "id,name,lon,lat,turnout_s\nvaduz,Vaduz,9.5209,47.1410,60\nbalzers,Balzers,9.4990,47.0660,90\nschaan,Schaan,9.5080,47.1650,\n");
        return path;
    }

    private static List<IFeature> ReadFeatures(string path) => [.. JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllBytes(path), GeoJson)!];
}
