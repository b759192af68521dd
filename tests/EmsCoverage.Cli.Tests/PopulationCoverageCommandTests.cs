using System.Text.Json;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>The population coverage run (issue 3) end to end on the Liechtenstein demo configuration.</summary>
public class PopulationCoverageCommandTests
{
    private static string DataDir => Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;

    private static string DemoConfig => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

    [Fact]
    public void Demo_ConservesThePopulation_ToThePerson_InEveryZoneAndOverall()
    {
        var (code, stdout, stderr) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(37_269, root.GetProperty("population_input").GetDouble(), 3);
        double zonesTotal = 0;
        foreach (var zone in root.GetProperty("zones").EnumerateArray())
        {
            double population = zone.GetProperty("population").GetDouble();
            double parts = zone.GetProperty("covered").GetDouble() + zone.GetProperty("beyond_standard").GetDouble()
                + zone.GetProperty("not_reachable_by_road").GetDouble() + zone.GetProperty("no_road_nearby").GetDouble();
            Assert.Equal(population, parts, 0.5);
            zonesTotal += population;
        }

        Assert.Equal(37_269, zonesTotal, 0.5);
        var overall = root.GetProperty("overall");
        Assert.Equal(37_269, overall.GetProperty("population").GetDouble(), 0.5);
        // Core towns against 10 min, townships against 30 min: the core has the larger uncovered share.
        var zones = root.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("name").GetString()!);
        Assert.True(zones["urban_core"].GetProperty("covered_share").GetDouble() < zones["township"].GetProperty("covered_share").GetDouble());
        // The population-by-minute curve never falls and ends at most at the population.
        var curve = overall.GetProperty("population_within_minute").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(61, curve.Length);
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.First <= p.Second));
        Assert.True(curve[^1] <= 37_269.5);
        // Gaps are objects ranked from 1, most people first.
        var gaps = root.GetProperty("gaps").EnumerateArray().ToList();
        Assert.Equal(1, gaps[0].GetProperty("rank").GetInt32());
        Assert.True(gaps[0].GetProperty("population").GetDouble() >= gaps[^1].GetProperty("population").GetDouble());
        // N-1 with a single base: everyone covered depends on it.
        var b = Assert.Single(root.GetProperty("bases").EnumerateArray());
        Assert.Equal(overall.GetProperty("covered").GetDouble(), b.GetProperty("population_lost_if_unavailable").GetDouble(), 0.5);
    }

    /// <summary>Every population source type on the real grids: covered + beyond + unreachable + no road = input, to the person.</summary>
    [Theory]
    [InlineData("porto-alegre.osm.pbf", "porto-alegre-hexgrid.csv", -51.2177, -30.0346, 812_935)]
    [InlineData("sao-paulo.osm.pbf", "sao-paulo-hexgrid.csv", -46.6300, -23.5600, 517_570)]
    [InlineData("sao-paulo.osm.pbf", "sao-paulo-hexgrid-EPSG32723.gpkg.zip", -46.6300, -23.5600, 517_570)]
    [InlineData("helsinki-centre-2019.osm.pbf", "helsinki-population-2020-250m-EPSG3879.tif", 24.9384, 60.1699, 71_724)]
    public void EveryPopulationSource_IsConservedToThePerson(string extract, string population, double lon, double lat, double expected)
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("stations.csv"), FormattableString.Invariant($"id,name,lon,lat\ncentre,Centre,{lon},{lat}\n"));
        File.WriteAllText(dir.File("run.toml"), $$"""
            [network]
            path = "${data}/{{extract}}"
            [stations]
            path = "stations.csv"
            [population]
            path = "${data}/{{population}}"
            attribution = "test population source"
            [standards]
            default_min = 15
            """.Replace("\n            ", "\n", StringComparison.Ordinal));

        var (code, stdout, stderr) = CliRunner.Run("coverage", "-c", dir.File("run.toml"), "--data-dir", DataDir, "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var overall = doc.RootElement.GetProperty("overall");
        Assert.Equal(expected, doc.RootElement.GetProperty("population_input").GetDouble(), 0.5);
        Assert.Equal(expected, overall.GetProperty("population").GetDouble(), 0.5);
        double parts = overall.GetProperty("covered").GetDouble() + overall.GetProperty("beyond_standard").GetDouble()
            + overall.GetProperty("not_reachable_by_road").GetDouble() + overall.GetProperty("no_road_nearby").GetDouble();
        Assert.Equal(expected, parts, 0.5);
        Assert.True(overall.GetProperty("covered").GetDouble() > 0, "a base in the centre covers someone");
        Assert.Equal("© OpenStreetMap contributors, ODbL 1.0; population: test population source", doc.RootElement.GetProperty("attribution").GetString());
    }

    [Fact]
    public void Outputs_AreWrittenTogether_AndIdenticalWhenRunTwice()
    {
        using var dir = new TempFolder();
        string first = dir.File("first"), second = dir.File("second");

        Assert.Equal(0, CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "-o", first).ExitCode);
        Assert.Equal(0, CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "-o", second).ExitCode);

        string[] names = ["summary.json", "cells.csv", "bases.csv", "gaps.csv", "cells.geojson", "gaps.geojson", "coverage.gpkg", "report.html", "map.png", "coverage-chart.png"];
        Assert.Equal(names.Order(), Directory.GetFiles(first).Select(Path.GetFileName).Order());
        foreach (string name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }

        using var gaps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(first, "gaps.geojson")));
        Assert.Equal("FeatureCollection", gaps.RootElement.GetProperty("type").GetString());
        Assert.Contains("ODbL", gaps.RootElement.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        var features = gaps.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        var ranks = features.Select(f => f.GetProperty("properties").GetProperty("population").GetDouble()).ToList();
        Assert.Equal(ranks.OrderByDescending(x => x), ranks);
    }

    [Fact]
    public void FailOnGap_ExitsWith1_WhenAZoneMissesItsTarget()
    {
        var (code, _, _) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--fail-on-gap", "--json");
        Assert.Equal(1, code); // the urban core is below 90 % within 10 minutes with one base
    }

    [Theory]
    [InlineData("unknown_key = 1\n", "unknown key 'standards.unknown_key'")]
    [InlineData("[[zones]]\nname = \"z\"\nosm_areas = [\"Vaduz\"]\n", "has no standard")]
    [InlineData("[[zones]]\nname = \"z\"\nstandard_min = 0\nosm_areas = [\"Vaduz\"]\n", "more than 0")]
    [InlineData("[[zones]]\nname = \"z\"\nstandard_min = 2000\nosm_areas = [\"Vaduz\"]\n", "out of range")]
    [InlineData("[[zones]]\nname = \"z\"\nstandard_min = 10\nosm_areas = [\"Atlantis\"]\n", "Atlantis")]
    public void BadConfiguration_Exit3_NamesTheFileAndTheProblem(string extra, string expected)
    {
        using var dir = new TempFolder();
        string config = dir.File("run.toml");
        File.WriteAllText(config, $$"""
            [network]
            path = "${data}/liechtenstein-2021.osm.pbf"
            [stations]
            path = "${data}/liechtenstein-2021.osm.pbf"
            [population]
            source = "osm"
            [standards]
            default_min = 30
            {{extra}}
            """.Replace("\n            ", "\n", StringComparison.Ordinal));

        var (code, _, stderr) = CliRunner.Run("coverage", "-c", config, "--data-dir", DataDir, "-o", dir.File("out"));

        Assert.Equal(3, code);
        Assert.Contains("run.toml", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")) && Directory.EnumerateFileSystemEntries(dir.File("out")).Any());
    }
}
