using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>
/// coverage.gpkg of the Liechtenstein demo, opened with GDAL (Debian's gdal-bin: <c>ogrinfo</c>, <c>ogr2ogr</c>), the
/// library QGIS reads GeoPackages with: every layer opens without a warning, with the right geometry type, EPSG:4326,
/// our feature count and no null geometry.
/// </summary>
public sealed partial class GeoPackageOutputTests : IClassFixture<GeoPackageOutputTests.DemoRun>
{
    private readonly DemoRun _run;

    public GeoPackageOutputTests(DemoRun run)
    {
        _run = run;
    }

    /// <summary>Runs the demo once into a temporary folder for all tests of the class.</summary>
    public sealed class DemoRun : IDisposable
    {
        private readonly TempFolder _dir = new();

        public DemoRun()
        {
            string dataDir = Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;
            string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");
            var (code, _, stderr) = CliRunner.Run("coverage", "-c", config, "--data-dir", dataDir, "-o", _dir.Path);
            Assert.True(code == 0, stderr);
            Gpkg = _dir.File("coverage.gpkg");
            Summary = JsonDocument.Parse(File.ReadAllBytes(_dir.File("summary.json")));
            var loaded = Inputs.LoadNetwork(Path.Combine(dataDir, "liechtenstein-2021.osm.pbf"), null, TextWriter.Null);
            var net = loaded.Network;
            RoadPieces = Enumerable.Range(0, net.ArcCount).Count(a => net.ArcTwin(a) == Graph.RoadNetwork.NoArc || a < net.ArcTwin(a));
        }

        public string Gpkg { get; }

        public JsonDocument Summary { get; }

        /// <summary>Road pieces of the demo network: one-way arcs plus one of each two-way pair.</summary>
        public int RoadPieces { get; }

        public void Dispose()
        {
            Summary.Dispose();
            _dir.Dispose();
        }
    }

    [Fact]
    public void Ogrinfo_OpensEveryLayer_WithoutWarnings_WithTypeSrsAndOurCounts()
    {
        var (code, stdout, stderr) = Gdal("ogrinfo", "-ro", "-so", "-al", _run.Gpkg);

        Assert.True(code == 0, $"ogrinfo failed ({code}): {stderr}");
        Assert.True(stderr.Trim().Length == 0, $"GDAL printed warnings:\n{stderr}");
        Assert.Contains("using driver `GPKG' successful", stdout, StringComparison.Ordinal);
        var layers = Regex.Split(stdout, @"^Layer name: ", RegexOptions.Multiline).Skip(1)
            .ToDictionary(block => block[..block.IndexOf('\n', StringComparison.Ordinal)].Trim(), StringComparer.Ordinal);

        var root = _run.Summary.RootElement;
        int cells = root.GetProperty("demand_cells").GetInt32();
        var expected = new Dictionary<string, (string Geometry, int Count)>(StringComparer.Ordinal)
        {
            ["bases"] = ("Point", root.GetProperty("bases").GetArrayLength()),
            ["cells"] = ("Multi Polygon", cells),
            ["gaps"] = ("Multi Polygon", root.GetProperty("gaps").GetArrayLength()),
            ["roads"] = ("Line String", _run.RoadPieces),
            ["isochrones"] = ("Multi Polygon", Standards().Length),
        };
        if (layers.TryGetValue("cell_points", out var points))
        {
            // Bare-point cells have their own layer; together with the footprints they are every demand cell.
            int pointCount = FeatureCount(points);
            expected["cell_points"] = ("Point", pointCount);
            expected["cells"] = ("Multi Polygon", cells - pointCount);
        }

        Assert.Equal(expected.Keys.Append("metadata").Order(StringComparer.Ordinal), layers.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, (geometry, count)) in expected)
        {
            string block = layers[name];
            Assert.True(count > 0, $"layer {name} is empty in the demo");
            Assert.Contains($"Geometry: {geometry}\n", block, StringComparison.Ordinal);
            Assert.Equal(count, FeatureCount(block));
            Assert.Contains("ID[\"EPSG\",4326]]", block, StringComparison.Ordinal);
            Assert.Contains("Geometry Column = geom", block, StringComparison.Ordinal);
            // Liechtenstein lies within 9.4–9.7 E, 47.0–47.3 N: the extent is longitude first.
            var extent = ExtentPattern().Match(block);
            Assert.True(extent.Success, block);
            double[] e = [.. extent.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture))];
            Assert.InRange(e[0], 9.3, 9.8);
            Assert.InRange(e[1], 46.9, 47.4);
            Assert.InRange(e[2], 9.3, 9.8);
            Assert.InRange(e[3], 46.9, 47.4);
        }

        Assert.Contains("Geometry: None", layers["metadata"], StringComparison.Ordinal);
        Assert.Contains("population_lost_if_unavailable: Real", layers["bases"], StringComparison.Ordinal);
        Assert.Contains("osm_way_id: Integer64", layers["roads"], StringComparison.Ordinal);
        Assert.Contains("zone: String", layers["gaps"], StringComparison.Ordinal);
        Assert.Contains("break_min: Real", layers["isochrones"], StringComparison.Ordinal);
        Assert.Contains("area_km2: Real", layers["isochrones"], StringComparison.Ordinal);
        Assert.Contains("population: Real", layers["isochrones"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bases", "Point")]
    [InlineData("cells", "MultiPolygon")]
    [InlineData("gaps", "MultiPolygon")]
    [InlineData("roads", "LineString")]
    [InlineData("isochrones", "MultiPolygon")]
    public void Ogr2ogr_ExportsEveryFeature_WithANonNull2DGeometry(string layer, string type)
    {
        var (code, stdout, stderr) = Gdal("ogr2ogr", "-f", "GeoJSONSeq", "/vsistdout/", _run.Gpkg, layer);

        Assert.True(code == 0, $"ogr2ogr failed ({code}): {stderr}");
        Assert.True(stderr.Trim().Length == 0, $"GDAL printed warnings:\n{stderr}");
        var features = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line.Trim('\u001e'))).ToList();
        try
        {
            Assert.Equal(OgrCount(layer), features.Count);
            foreach (var f in features)
            {
                var geometry = f.RootElement.GetProperty("geometry");
                Assert.Equal(JsonValueKind.Object, geometry.ValueKind);
                Assert.Equal(type, geometry.GetProperty("type").GetString());
                var first = FirstPosition(geometry.GetProperty("coordinates"));
                Assert.Equal(2, first.GetArrayLength()); // no Z or M
                Assert.InRange(first[0].GetDouble(), 9.3, 9.8); // longitude first
                Assert.InRange(first[1].GetDouble(), 46.9, 47.4);
            }

            if (layer == "bases")
            {
                // The base is where summary.json puts it, with the same figures.
                var expected = _run.Summary.RootElement.GetProperty("bases")[0];
                var actual = features[0].RootElement;
                var position = actual.GetProperty("geometry").GetProperty("coordinates");
                Assert.Equal(expected.GetProperty("lon").GetDouble(), position[0].GetDouble(), 7);
                Assert.Equal(expected.GetProperty("lat").GetDouble(), position[1].GetDouble(), 7);
                var properties = actual.GetProperty("properties");
                Assert.Equal(expected.GetProperty("id").GetString(), properties.GetProperty("id").GetString());
                Assert.Equal(expected.GetProperty("population_lost_if_unavailable").GetDouble(),
                    properties.GetProperty("population_lost_if_unavailable").GetDouble());
            }

            if (layer == "gaps")
            {
                // The same gaps as gaps.geojson, in the same order.
                using var geojson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(_run.Gpkg)!, "gaps.geojson")));
                var expected = geojson.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
                    .Select(p => (p.GetProperty("rank").GetInt32(), p.GetProperty("population").GetDouble())).ToList();
                var actual = features.Select(f => f.RootElement.GetProperty("properties"))
                    .Select(p => (p.GetProperty("rank").GetInt32(), p.GetProperty("population").GetDouble()));
                Assert.Equal(expected, actual);
            }

            if (layer == "isochrones")
            {
                // One union area per zone standard, largest first; the smaller lies inside the larger, so it holds
                // fewer people and less area; nobody is counted who is not in the run.
                var properties = features.Select(f => f.RootElement.GetProperty("properties")).ToList();
                Assert.Equal(Standards().Reverse(), properties.Select(p => p.GetProperty("break_min").GetDouble()));
                double total = _run.Summary.RootElement.GetProperty("overall").GetProperty("population").GetDouble();
                for (int k = 0; k < properties.Count; k++)
                {
                    Assert.InRange(properties[k].GetProperty("population").GetDouble(), 1, total + 1);
                    Assert.True(properties[k].GetProperty("area_km2").GetDouble() > 0);
                    if (k > 0)
                    {
                        Assert.True(properties[k].GetProperty("population").GetDouble() <= properties[k - 1].GetProperty("population").GetDouble());
                        Assert.True(properties[k].GetProperty("area_km2").GetDouble() < properties[k - 1].GetProperty("area_km2").GetDouble());
                    }
                }
            }
        }
        finally
        {
            features.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public void LayerDescriptions_CarryTheAttributionAndDataDate()
    {
        var (code, stdout, stderr) = Gdal("ogrinfo", "-ro", "-q", "-sql",
            "SELECT table_name, description FROM gpkg_contents WHERE table_name = 'gaps'", _run.Gpkg);

        Assert.True(code == 0, stderr);
        Assert.Contains("© OpenStreetMap contributors, ODbL 1.0", stdout, StringComparison.Ordinal);
        Assert.Contains($"Data date: {_run.Summary.RootElement.GetProperty("data_date").GetString()}.", stdout, StringComparison.Ordinal);
    }

    /// <summary>The run's distinct zone standards in minutes (the zone outside all others included), ascending.</summary>
    private double[] Standards() =>
        [.. _run.Summary.RootElement.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("standard_min"))
            .Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).Distinct().Order()];

    private int OgrCount(string layer)
    {
        var (code, stdout, stderr) = Gdal("ogrinfo", "-ro", "-so", _run.Gpkg, layer);
        Assert.True(code == 0, stderr);
        return FeatureCount(stdout);
    }

    internal static int FeatureCount(string ogrinfoBlock)
    {
        var m = Regex.Match(ogrinfoBlock, @"^Feature Count: (\d+)$", RegexOptions.Multiline);
        Assert.True(m.Success, ogrinfoBlock);
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static JsonElement FirstPosition(JsonElement coordinates)
    {
        while (coordinates[0].ValueKind == JsonValueKind.Array)
        {
            coordinates = coordinates[0];
        }

        return coordinates;
    }

    [GeneratedRegex(@"^Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)$", RegexOptions.Multiline)]
    private static partial Regex ExtentPattern();

    /// <summary>Runs a GDAL command-line tool; fails the test with what to install when GDAL is missing.</summary>
    internal static (int Code, string Stdout, string Stderr) Gdal(string tool, params string[] args)
    {
        string? exe = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? tool + ".exe" : tool))
            .FirstOrDefault(File.Exists);
        if (exe is null)
        {
            Assert.Fail($"{tool} (GDAL) is not installed: install Debian's gdal-bin (`apt-get install gdal-bin`; .ci/run does this " +
                "on CI) to check that GIS tools open coverage.gpkg.");
        }

        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Replace("\r\n", "\n", StringComparison.Ordinal), stderr.Result);
    }
}
