using System.Globalization;
using System.Text.Json;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>--time-band, --compare-bands and [care] end to end on the Liechtenstein demo.</summary>
public class TravelModelCommandTests
{
    private static string DataDir => Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;

    private static string DemoConfig => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

    private static string DemoHospitals => Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein-hospitals.csv");

    // Cell ids such as "Balzers/7166,52317" are quoted.
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    private static Dictionary<string, double> Shares(JsonElement zones) =>
        zones.EnumerateArray().ToDictionary(z => z.GetProperty("name").GetString()!, z => z.GetProperty("covered").GetDouble());

    [Fact]
    public void CompareBands_OneColumnPerBand_AndEachEqualsARunInThatBand()
    {
        using var dir = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--compare-bands", "-o", dir.Path);
        Assert.True(code is 0 or 1, stderr);
        Assert.Contains("Coverage by time band", stdout, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        var bands = summary.RootElement.GetProperty("bands").EnumerateArray()
            .ToDictionary(b => b.GetProperty("band").GetString()!, b => Shares(b.GetProperty("zones")));
        Assert.Equal(["free_flow", "night", "off_peak", "morning_peak", "evening_peak"], bands.Keys);
        // Free flow is the plain run; night has multipliers of 1 (and the shipped sirens factors are 1): the same.
        Assert.Equal(Shares(summary.RootElement.GetProperty("zones")), bands["free_flow"]);
        Assert.Equal(bands["free_flow"], bands["night"]);
        // Every other band only slows roads down: nobody gains coverage, and the peak loses some in the core.
        foreach (var zone in bands["free_flow"].Keys)
        {
            Assert.True(bands["morning_peak"][zone] <= bands["off_peak"][zone] + 1e-9);
            Assert.True(bands["off_peak"][zone] <= bands["free_flow"][zone] + 1e-9);
        }

        Assert.True(bands["morning_peak"]["urban_core"] < bands["free_flow"]["urban_core"]);
        string[] csv = File.ReadAllLines(Path.Combine(dir.Path, "bands.csv"));
        Assert.Equal("band,zone,standard_min,population,covered,covered_share,target_share,meets_target", csv[0]);
        Assert.Equal(5 * bands["free_flow"].Count, csv.Length - 1);

        // The same figures as a run in that band alone (the same search code on the re-timed network).
        var (code2, stdout2, stderr2) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--time-band", "morning_peak", "--json");
        Assert.True(code2 is 0 or 1, stderr2);
        using var peak = JsonDocument.Parse(stdout2);
        Assert.Equal("morning_peak", peak.RootElement.GetProperty("time_band").GetString());
        Assert.Equal(bands["morning_peak"], Shares(peak.RootElement.GetProperty("zones")));
    }

    [Fact]
    public void UnknownTimeBand_IsBadInput_ListingTheBands()
    {
        var (code, _, stderr) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--time-band", "rush_hour");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("unknown time band 'rush_hour'", stderr, StringComparison.Ordinal);
        Assert.Contains("morning_peak", stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> RoutingVerbs()
    {
        string whatIf = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein-whatif.toml");
        string extract = TestData.Shared("liechtenstein-2021.osm.pbf");
        return new TheoryData<string[]>
        {
            new[] { "coverage", "-n", extract, "-s", extract },
            new[] { "whatif", "-c", whatIf, "--data-dir", DataDir },
            new[] { "place", "-c", DemoConfig, "--data-dir", DataDir, "--candidates", "2000", "-k", "1" },
            new[] { "isochrones", "-c", DemoConfig, "--data-dir", DataDir },
        };
    }

    /// <summary>Every routing verb takes --time-band and reads the band from the profile (an unknown one is bad input).</summary>
    [Theory]
    [MemberData(nameof(RoutingVerbs))]
    public void EveryRoutingVerb_TakesTimeBand(string[] args)
    {
        var (code, _, stderr) = CliRunner.Run([.. args, "--time-band", "rush_hour"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("unknown time band 'rush_hour'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareBandsWithTimeBand_IsAUsageError()
    {
        var (code, _, _) = CliRunner.Run("coverage", "-c", DemoConfig, "--data-dir", DataDir, "--compare-bands", "--time-band", "night");
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public void ProfileWithBadMultiplier_IsBadInput_NamingFileAndKey()
    {
        using var dir = new TempFolder();
        string profile = File.ReadAllText(TestData.ProfileFile).Replace(
            "[time_bands.night]\ndescription = \"22:00-06:00: free flow\"\nmultipliers = { default = 1.0 }",
            "[time_bands.night]\ndescription = \"22:00-06:00: free flow\"\nmultipliers = { default = 0 }", StringComparison.Ordinal);
        Assert.Contains("default = 0 }", profile, StringComparison.Ordinal);
        File.WriteAllText(dir.File("profile.toml"), profile);
        File.WriteAllText(dir.File("stations.csv"), "id,name,lon,lat\nv,Vaduz,9.5209,47.1410\n");

        var (code, _, stderr) = CliRunner.Run("coverage", "-n", TestData.Shared("liechtenstein-2021.osm.pbf"), "-s", dir.File("stations.csv"),
            "--profile", dir.File("profile.toml"), "--time-band", "night");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("profile.toml", stderr, StringComparison.Ordinal);
        Assert.Contains("'time_bands.night.multipliers.default' = 0 is out of range", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Care_ReportsPerCapabilityAndZone_AndCellTimesAddUp()
    {
        using var dir = new TempFolder();
        string config = File.ReadAllText(DemoConfig).Replace("${data}", DataDir.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal)
            + $$"""

            [care]
            hospitals = "{{DemoHospitals.Replace("\\", "/", StringComparison.Ordinal)}}"
            on_scene_min = 15
            standards_min = { stroke = 45, burns = 120 }
            target_percent = 90
            """;
        File.WriteAllText(dir.File("run.toml"), config);

        var (code, stdout, stderr) = CliRunner.Run("coverage", "-c", dir.File("run.toml"), "-o", dir.File("out"));

        Assert.True(code is 0 or 1, stderr);
        Assert.Contains("Definitive care", stdout, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("out/summary.json")));
        var care = summary.RootElement.GetProperty("care");
        var caps = care.GetProperty("capabilities").EnumerateArray().ToDictionary(c => c.GetProperty("capability").GetString()!);
        Assert.Equal(1, caps["stroke"].GetProperty("hospital_count").GetInt32());
        Assert.Equal(0, caps["burns"].GetProperty("hospital_count").GetInt32());
        // No burns unit: nobody is covered, everyone appears in a gap or has no road.
        Assert.Equal(0, caps["burns"].GetProperty("overall").GetProperty("covered").GetDouble());
        double people = summary.RootElement.GetProperty("overall").GetProperty("population").GetDouble();
        var strokeOverall = caps["stroke"].GetProperty("overall");
        Assert.Equal(people, strokeOverall.GetProperty("population").GetDouble(), 0.5);
        Assert.True(strokeOverall.GetProperty("covered").GetDouble() > 0);

        // cells.csv: care time = response at the door + 15 min on scene + access back to the road + drive to hospital,
        // so at least response + on scene, and "met" agrees with the 45-minute standard.
        string[] lines = File.ReadAllLines(dir.File("out/cells.csv"));
        string[] header = lines[0].Split(',');
        int best = Array.IndexOf(header, "best_time_s"), careTime = Array.IndexOf(header, "care_stroke_time_s");
        int met = Array.IndexOf(header, "care_stroke_met"), hospital = Array.IndexOf(header, "care_stroke_hospital");
        Assert.True(careTime > 0 && met > 0 && hospital > 0);
        int checkedCells = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] f = SplitCsv(line);
            if (f[careTime].Length == 0)
            {
                Assert.Equal("no", f[met]);
                continue;
            }

            double response = double.Parse(f[best], CultureInfo.InvariantCulture);
            double total = double.Parse(f[careTime], CultureInfo.InvariantCulture);
            Assert.True(total >= response + (15 * 60), line);
            Assert.Equal(total <= 45 * 60 ? "yes" : "no", f[met]);
            Assert.Equal("lis", f[hospital]);
            checkedCells++;
        }

        Assert.True(checkedCells > 100);
        Assert.True(File.Exists(dir.File("out/care.csv")));
    }
}
