using System.Text.Json;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary><c>emscov place</c> (issue 5) end to end on the Liechtenstein demo configuration.</summary>
public class WhatIfPlaceCommandTests
{
    private static string DataDir => Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;

    private static string DemoConfig => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

    [Fact]
    public void Mclp_RoadSites_ReportsSitesInOrder_TheirGains_AndABound()
    {
        using var dir = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("place", "-c", DemoConfig, "--data-dir", DataDir, "--candidates", "1500", "-k", "2", "--json", "-o", dir.File("out"));

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("mclp", root.GetProperty("method").GetString());
        var sites = root.GetProperty("sites").EnumerateArray().ToList();
        Assert.Equal(2, sites.Count);
        double before = root.GetProperty("overall_before").GetProperty("covered").GetDouble();
        double after = root.GetProperty("overall_after").GetProperty("covered").GetDouble();
        // The objective is the people covered: the optimiser's figure and the exact coverage run agree.
        Assert.Equal(after, root.GetProperty("objective_after").GetDouble(), 0.5);
        Assert.Equal(before, root.GetProperty("objective_before").GetDouble(), 0.5);
        Assert.Equal(after - before, sites.Sum(s => s.GetProperty("covered_added").GetDouble()), 0.5);
        Assert.True(sites[0].GetProperty("covered_added").GetDouble() >= sites[1].GetProperty("covered_added").GetDouble());
        Assert.True(root.GetProperty("upper_bound").GetDouble() >= after - 0.5);
        Assert.True(root.GetProperty("swap_optimal").GetBoolean());
        Assert.All(sites, s => Assert.True(s.GetProperty("snap_distance_m").GetDouble() <= 1000));
        Assert.Equal(["placement.json", "sites.csv", "sites.geojson"], Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Lscp_FireStations_MeetsTheTarget_WithFewSites()
    {
        var (code, stdout, stderr) = CliRunner.Run("place", "-c", DemoConfig, "--data-dir", DataDir, "--candidates", "osm:fire_stations",
            "--method", "lscp", "--target-percent", "95");

        Assert.True(code == 0, stderr);
        Assert.Contains("fewest sites for the targets", stdout, StringComparison.Ordinal);
        Assert.Contains("Targets (urban_core 95 %, township 95 %) met with", stdout, StringComparison.Ordinal);
        Assert.Contains("heuristic", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--method", "mexclp", "-k", "1" }, 2, "--busy-fraction")]
    [InlineData(new[] { "--method", "nearest", "-k", "1" }, 2, "not a method")]
    [InlineData(new[] { "-k", "2", "--target-percent", "90" }, 2, "applies to --method lscp")]
    [InlineData(new[] { "--candidates", "10", "-k", "1" }, 2, "between 50 and 50000 metres")]
    [InlineData(new[] { "--candidates", "no-such-candidates.csv", "-k", "1" }, 3, "no such file")]
    public void BadRequest_ClearMessage_AndTheRightExitCode(string[] extra, int expectedCode, string expected)
    {
        string[] args = ["place", "-c", DemoConfig, "--data-dir", DataDir, .. extra];
        if (!extra.Contains("--candidates"))
        {
            args = [.. args, "--candidates", "2000"];
        }

        var (code, _, stderr) = CliRunner.Run(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CandidatesFile_AllOutsideTheNetwork_Exit3()
    {
        using var dir = new TempFolder();
        string csv = dir.File("candidates.csv");
        File.WriteAllText(csv, "id,name,lon,lat\nparis,Paris,2.35,48.85\n");

        var (code, _, stderr) = CliRunner.Run("place", "-c", DemoConfig, "--data-dir", DataDir, "--candidates", csv, "-k", "1");

        Assert.Equal(3, code);
        Assert.Contains("candidates.csv", stderr, StringComparison.Ordinal);
    }
}
