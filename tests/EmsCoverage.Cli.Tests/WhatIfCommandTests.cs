using System.Text.Json;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary><c>emscov whatif</c> (issue 5) end to end on the Liechtenstein demo study.</summary>
public class WhatIfCommandTests
{
    private static string DataDir => Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;

    private static string DemoConfig => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

    private static string DemoStudy => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein-whatif.toml");

    [Fact]
    public void DemoStudy_BaselineEqualsTheCoverageRun_AndScenariosCompareAgainstIt()
    {
        var (code, stdout, stderr) = CliRunner.Run("whatif", "-c", DemoStudy, "--data-dir", DataDir, "--json");
        Assert.True(code == 0, stderr);
        var (coverageCode, coverageOut, coverageErr) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--json");
        Assert.True(coverageCode == 0, coverageErr);

        using var doc = JsonDocument.Parse(stdout);
        using var coverage = JsonDocument.Parse(coverageOut);
        var baseline = doc.RootElement.GetProperty("baseline");
        string[] figures = ["population", "covered", "covered_share", "beyond_standard", "not_reachable_by_road", "no_road_nearby", "covered_by_two_bases"];
        var zones = baseline.GetProperty("zones").EnumerateArray().Append(baseline.GetProperty("overall")).ToList();
        var expected = coverage.RootElement.GetProperty("zones").EnumerateArray().Append(coverage.RootElement.GetProperty("overall")).ToList();
        Assert.Equal(expected.Count, zones.Count);
        for (int z = 0; z < zones.Count; z++)
        {
            foreach (string f in figures)
            {
                Assert.Equal(expected[z].GetProperty(f).GetDouble(), zones[z].GetProperty(f).GetDouble());
            }
        }

        var b = Assert.Single(baseline.GetProperty("bases").EnumerateArray());
        var cb = Assert.Single(coverage.RootElement.GetProperty("bases").EnumerateArray());
        Assert.Equal(cb.GetProperty("population_lost_if_unavailable").GetDouble(), b.GetProperty("population_lost_if_unavailable").GetDouble());

        var scenarios = doc.RootElement.GetProperty("scenarios").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(6, scenarios.Count);

        // A second base in Balzers closes the largest gap: people gained, none lost, gaps closed, redundancy appears.
        var balzers = scenarios["second base in Balzers"];
        Assert.True(balzers.GetProperty("gained_population").GetDouble() > 2000);
        Assert.Equal(0, balzers.GetProperty("lost_population").GetDouble());
        Assert.True(balzers.GetProperty("gaps_change").GetProperty("closed").GetInt32() > 0);
        Assert.True(balzers.GetProperty("overall").GetProperty("covered_by_two_bases").GetDouble() > 0);
        Assert.Equal(2, balzers.GetProperty("bases").GetArrayLength());

        // Removing the only base loses exactly its N-1 figure, and everyone it covered.
        var outOfService = scenarios["base out of service"];
        double lostIfUnavailable = b.GetProperty("population_lost_if_unavailable").GetDouble();
        Assert.Equal(-lostIfUnavailable, outOfService.GetProperty("overall").GetProperty("covered_change").GetDouble(), 0.5);
        Assert.Equal(lostIfUnavailable, outOfService.GetProperty("lost_population").GetDouble(), 0.5);
        Assert.Equal(0, outOfService.GetProperty("overall").GetProperty("covered").GetDouble());

        // A stricter standard only loses people; a faster turnout only gains.
        Assert.True(scenarios["8-minute standard in the core"].GetProperty("overall").GetProperty("covered_change").GetDouble() < 0);
        Assert.Equal(0, scenarios["turnout 30 s"].GetProperty("lost_population").GetDouble());
        Assert.True(scenarios["turnout 30 s"].GetProperty("gained_population").GetDouble() > 0);
    }

    [Fact]
    public void ColumnFile_IsWrittenOnce_ReusedWithoutSearching_AndRefusedWhenCorrupt()
    {
        using var dir = new TempFolder();
        string columns = dir.File("demo.emscols");
        string first = dir.File("first"), second = dir.File("second");

        var run1 = CliRunner.Run("whatif", "-c", DemoStudy, "--data-dir", DataDir, "--columns", columns, "-o", first);
        Assert.True(run1.ExitCode == 0, run1.Stderr);
        Assert.True(File.Exists(columns));
        var run2 = CliRunner.Run("whatif", "-c", DemoStudy, "--data-dir", DataDir, "--columns", columns, "-o", second);
        Assert.True(run2.ExitCode == 0, run2.Stderr);
        Assert.Contains("(0 searched, the rest from demo.emscols)", run2.Stderr, StringComparison.Ordinal);
        Assert.Contains("Scenario \"second base in Balzers\"", run2.Stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(first, "scenarios.csv")), File.ReadAllText(Path.Combine(second, "scenarios.csv")));
        static string WithoutSearchCount(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"searched\": \\d+", string.Empty);
        Assert.Equal(WithoutSearchCount(File.ReadAllText(Path.Combine(first, "whatif.json"))), WithoutSearchCount(File.ReadAllText(Path.Combine(second, "whatif.json"))));

        byte[] bytes = File.ReadAllBytes(columns);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(columns, bytes);
        var run3 = CliRunner.Run("whatif", "-c", DemoStudy, "--data-dir", DataDir, "--columns", columns);
        Assert.Equal(3, run3.ExitCode);
        Assert.Contains("corrupt", run3.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[scenarios]]\nname = \"x\"\nadd = [{ name = \"A\", lon = 9.5, lat = 47.1, turnout = 60 }]\n", "unknown key 'scenarios[1].add[1].turnout'")]
    [InlineData("[[scenarios]]\nname = \"x\"\nremove = [\"no-such-station\"]\n", "no base with id 'no-such-station'")]
    [InlineData("[[scenarios]]\nname = \"x\"\nadd = [{ name = \"Far\", lon = 2.35, lat = 48.85 }]\n", "add 'Far' at lon 2.35, lat 48.85: outside the road network")]
    [InlineData("[[scenarios]]\nname = \"x\"\nstandards = [{ zone = \"suburbs\", standard_min = 12 }]\n", "no zone 'suburbs'")]
    [InlineData("[[scenarios]]\nname = \"x\"\n", "changes nothing")]
    [InlineData("", "no scenarios")]
    public void BadStudy_Exit3_WithAClearMessage_AndNoOutput(string scenarios, string expected)
    {
        using var dir = new TempFolder();
        string study = dir.File("study.toml");
        File.WriteAllText(study, $"base = \"{DemoConfig.Replace("\\", "/", StringComparison.Ordinal)}\"\n{scenarios}");

        var (code, _, stderr) = CliRunner.Run("whatif", "-c", study, "--data-dir", DataDir, "-o", dir.File("out"));

        Assert.Equal(3, code);
        Assert.Contains("study.toml", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
