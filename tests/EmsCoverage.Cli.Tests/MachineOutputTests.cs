using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmsCoverage.Osm.Tests;
using NJsonSchema;

namespace EmsCoverage.Cli.Tests;

/// <summary>
/// What scripts and GIS tools read: <c>--json</c> on stdout (one document, valid against its schema in
/// docs/schemas/), and the zipped shapefiles and CSV tables of a population run, opened with GDAL's ogrinfo as QGIS
/// would.
/// </summary>
public sealed partial class MachineOutputTests : IClassFixture<MachineOutputTests.Runs>
{
    private readonly Runs _runs;

    public MachineOutputTests(Runs runs)
    {
        _runs = runs;
    }

    /// <summary>Every verb with --json, once, on the Liechtenstein demo; the population run also writes every format.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly TempFolder _dir = new();

        public Runs()
        {
            string dataDir = Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;
            string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");
            string study = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein-whatif.toml");
            string stations = _dir.File("stations.csv");
            File.WriteAllText(stations, "id,name,lon,lat,turnout_s\nvaduz,Vaduz,9.5209,47.1410,60\nbalzers,Balzers,9.4990,47.0660,90\n");
            string points = _dir.File("points.csv");
            File.WriteAllText(points, "id,name,lon,lat\ntriesen,Triesen,9.528,47.107\n");
            Output = _dir.File("out");

            Json["population-coverage"] = Run("coverage", "-c", config, "--data-dir", dataDir, "-o", Output, "--format", "all", "--json");
            Json["coverage-summary"] = Run("coverage", "-n", Path.Combine(dataDir, "liechtenstein-2021.osm.pbf"), "-s", stations, "--points", points, "--json");
            Json["whatif"] = Run("whatif", "-c", study, "--data-dir", dataDir, "--json");
            Json["placement"] = Run("place", "-c", config, "--data-dir", dataDir, "--candidates", "2000", "-k", "1", "--json");
            Json["isochrones-summary"] = Run("isochrones", "-c", config, "--data-dir", dataDir, "-o", _dir.File("areas.geojson"), "--json");
        }

        /// <summary>Schema name (docs/schemas/NAME.schema.json) → what the verb printed on stdout.</summary>
        public Dictionary<string, string> Json { get; } = new(StringComparer.Ordinal);

        public string Output { get; }

        public void Dispose() => _dir.Dispose();

        private static string Run(params string[] args)
        {
            var (code, stdout, stderr) = CliRunner.Run(args);
            Assert.True(code == 0, $"{string.Join(' ', args)} failed ({code}): {stderr}");
            return stdout;
        }
    }

    public static readonly TheoryData<string> Schemas = new(["population-coverage", "coverage-summary", "whatif", "placement", "isochrones-summary"]);

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Json_IsOneDocumentOnStdout_ValidAgainstItsDocumentedSchema(string name)
    {
        string stdout = _runs.Json[name];

        // One JSON document and nothing else: one line, parsed whole (trailing text would fail the parse).
        Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Equal($"emscov-{name}/1", doc.RootElement.GetProperty("schema").GetString());

        var schema = await LoadSchema(name);
        var errors = schema.Validate(stdout);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Contains($"docs/schemas/{name}.schema.json", Outputs(), StringComparison.Ordinal); // documented
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Schema_RejectsADocumentWithAKeyMissing_OrOfTheWrongType_OrUndocumented(string name)
    {
        var schema = await LoadSchema(name);
        var original = JsonNode.Parse(_runs.Json[name])!.AsObject();

        var missing = original.DeepClone().AsObject();
        missing.Remove("attribution");
        var wrongType = original.DeepClone().AsObject();
        wrongType["attribution"] = 42;
        var extra = original.DeepClone().AsObject();
        extra["not_documented"] = true;

        Assert.NotEmpty(schema.Validate(missing.ToJsonString()));
        Assert.NotEmpty(schema.Validate(wrongType.ToJsonString()));
        Assert.NotEmpty(schema.Validate(extra.ToJsonString()));
    }

    [Fact]
    public void Json_OfThePopulationRun_EqualsTheSummaryFileItWrote()
    {
        using var printed = JsonDocument.Parse(_runs.Json["population-coverage"]);
        using var written = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_runs.Output, "summary.json")));
        Assert.Equal(JsonSerializer.Serialize(written.RootElement), JsonSerializer.Serialize(printed.RootElement));
    }

    [Theory]
    [InlineData("bases", "Point")]
    [InlineData("cells", "Polygon")]
    [InlineData("gaps", "Polygon")]
    public void Shapefile_OpensInGdal_WithTypeWgs84CountAndShortFieldNames(string layer, string geometry)
    {
        string zip = Path.Combine(_runs.Output, layer + ".shp.zip");
        var (code, stdout, stderr) = Gdal("ogrinfo", "-ro", "-so", "-al", zip);

        Assert.True(code == 0, $"ogrinfo failed ({code}): {stderr}");
        Assert.True(stderr.Trim().Length == 0, $"GDAL printed warnings:\n{stderr}");
        Assert.Contains("using driver `ESRI Shapefile' successful", stdout, StringComparison.Ordinal);
        Assert.Contains($"Layer name: {layer}\n", stdout, StringComparison.Ordinal);
        Assert.Contains($"Geometry: {geometry}\n", stdout, StringComparison.Ordinal);
        Assert.Contains("ID[\"EPSG\",4326]]", stdout, StringComparison.Ordinal);
        Assert.Equal(ExpectedCount(layer), int.Parse(FeatureCount().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture));
        var extent = Extent().Match(stdout);
        Assert.True(extent.Success, stdout);
        double[] e = [.. extent.Groups.Values.Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture))];
        Assert.InRange(e[0], 9.3, 9.8); // longitude first
        Assert.InRange(e[1], 46.9, 47.4);

        // Every field of the documented mapping, no name over 10 characters, numbers as numbers.
        var shpLayer = layer switch
        {
            "bases" => PopulationGisOutputs.Layers.Bases,
            "cells" => PopulationGisOutputs.Layers.Cells,
            _ => PopulationGisOutputs.Layers.Gaps,
        };
        var fields = FieldLine().Matches(stdout).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        Assert.Equal(shpLayer.Fields.Select(f => f.Name), fields.Keys);
        foreach (var f in shpLayer.Fields)
        {
            Assert.InRange(f.Name.Length, 1, 10);
            Assert.Equal(f.Type switch { ShapefileFieldType.Text => "String", ShapefileFieldType.Real => "Real", _ => "Integer" }, fields[f.Name]);
            Assert.Contains($"`{f.Name}`", Outputs(), StringComparison.Ordinal); // the mapping is documented
        }

        // The zip carries the five files of a shapefile, .cpg saying UTF-8.
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        Assert.Equal(new[] { ".cpg", ".dbf", ".prj", ".shp", ".shx" }.Select(x => layer + x).Order(StringComparer.Ordinal),
            archive.Entries.Select(x => x.FullName).Order(StringComparer.Ordinal));
        using var cpg = new StreamReader(archive.GetEntry(layer + ".cpg")!.Open());
        Assert.Equal("UTF-8", cpg.ReadToEnd());
    }

    [Fact]
    public void Shapefile_BaseAttributes_ReadBackThroughGdal_EqualSummaryJson()
    {
        var (code, stdout, stderr) = Gdal("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", Path.Combine(_runs.Output, "bases.shp.zip"));
        Assert.True(code == 0, stderr);
        using var geo = JsonDocument.Parse(stdout);
        using var summary = JsonDocument.Parse(_runs.Json["population-coverage"]);
        var expected = summary.RootElement.GetProperty("bases")[0];
        var feature = geo.RootElement.GetProperty("features")[0];
        var p = feature.GetProperty("properties");
        Assert.Equal(expected.GetProperty("name").GetString(), p.GetProperty("name").GetString());
        Assert.Equal(expected.GetProperty("population_lost_if_unavailable").GetDouble(), p.GetProperty("pop_lost").GetDouble(), 6);
        Assert.Equal(expected.GetProperty("population_nearest").GetDouble(), p.GetProperty("pop_near").GetDouble(), 6);
        var xy = feature.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(expected.GetProperty("lon").GetDouble(), xy[0].GetDouble(), 6);
        Assert.Equal(expected.GetProperty("lat").GetDouble(), xy[1].GetDouble(), 6);
    }

    [Fact]
    public void GapsCsv_HasOneRowPerGap_InRankOrder_WithWktThatGdalReads()
    {
        string csv = Path.Combine(_runs.Output, "gaps.csv");
        using var summary = JsonDocument.Parse(_runs.Json["population-coverage"]);
        var gaps = summary.RootElement.GetProperty("gaps");

        var (code, stdout, stderr) = Gdal("ogrinfo", "-ro", "-al", "-so", "-oo", "GEOM_POSSIBLE_NAMES=wkt", "-oo", "KEEP_GEOM_COLUMNS=NO", csv);
        Assert.True(code == 0, stderr);
        Assert.Equal(gaps.GetArrayLength(), int.Parse(FeatureCount().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture));

        var (geoCode, geoJson, geoErr) = Gdal("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", csv, "-oo", "GEOM_POSSIBLE_NAMES=wkt", "-oo", "KEEP_GEOM_COLUMNS=NO");
        Assert.True(geoCode == 0, geoErr);
        using var geo = JsonDocument.Parse(geoJson);
        int i = 0;
        foreach (var f in geo.RootElement.GetProperty("features").EnumerateArray())
        {
            Assert.Equal(i + 1, int.Parse(f.GetProperty("properties").GetProperty("rank").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(gaps[i].GetProperty("population").GetDouble(),
                double.Parse(f.GetProperty("properties").GetProperty("population").GetString()!, CultureInfo.InvariantCulture));
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
            i++;
        }

        Assert.Equal(gaps.GetArrayLength(), i);
    }

    [Fact]
    public void BasesCsv_MatchesSummaryJson()
    {
        var lines = File.ReadAllLines(Path.Combine(_runs.Output, "bases.csv"));
        Assert.Equal("id,name,lon,lat,turnout_s,snap_distance_m,population_nearest,population_nearest_and_covered,population_lost_if_unavailable", lines[0]);
        using var summary = JsonDocument.Parse(_runs.Json["population-coverage"]);
        var bases = summary.RootElement.GetProperty("bases");
        Assert.Equal(bases.GetArrayLength(), lines.Length - 1);
        var row = lines[1].Split(',');
        Assert.Equal(bases[0].GetProperty("id").GetString(), row[0]);
        Assert.Equal(bases[0].GetProperty("lon").GetDouble(), double.Parse(row[2], CultureInfo.InvariantCulture));
        Assert.Equal(bases[0].GetProperty("population_lost_if_unavailable").GetDouble(), double.Parse(row[8], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Format_ChoosesTheFiles_SummaryAlwaysWritten()
    {
        using var dir = new TempFolder();
        string dataDir = Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;
        string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

        var (code, _, stderr) = CliRunner.Run("coverage", "-c", config, "--data-dir", dataDir, "-o", dir.Path, "--format", "shp", "-q");

        Assert.True(code == 0, stderr);
        Assert.Equal(
            new[] { "bases.shp.zip", "cells.shp.zip", "gaps.shp.zip", "summary.json" },
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Counted in the run's own files: summary.json for bases and gaps, cells.csv for the cells.</summary>
    private int ExpectedCount(string layer)
    {
        using var summary = JsonDocument.Parse(_runs.Json["population-coverage"]);
        int pointCells = File.Exists(Path.Combine(_runs.Output, "cell_points.shp.zip")) ? -1 : 0;
        Assert.Equal(0, pointCells); // the demo's cells all have a footprint
        return layer switch
        {
            "cells" => File.ReadLines(Path.Combine(_runs.Output, "cells.csv")).Count() - 1,
            _ => summary.RootElement.GetProperty(layer).GetArrayLength(),
        };
    }

    private static async Task<JsonSchema> LoadSchema(string name) =>
        await JsonSchema.FromFileAsync(Path.Combine(TestData.RepositoryRoot, "docs", "schemas", name + ".schema.json"));

    private static string Outputs() => File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "outputs.md"));

    private static (int ExitCode, string Stdout, string Stderr) Gdal(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed: install Debian's gdal-bin (.ci/run does). {ex.Message}", ex);
        }
    }

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCount();

    [GeneratedRegex(@"Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)")]
    private static partial Regex Extent();

    [GeneratedRegex(@"(?m)^(\w+): (String|Real|Integer|Integer64|Date) \(")]
    private static partial Regex FieldLine();
}
