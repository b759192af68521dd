using System.Globalization;
using System.Text.Json;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

public class CoverageCommandTests
{
    private static string Liechtenstein => TestData.Shared("liechtenstein-2021.osm.pbf");

    [Fact]
    public void Demo_OnLiechtenstein_AnswersWhoIsCoveredWhereTheGapsAreAndWhatWouldFixThem()
    {
        var (code, stdout, stderr) = CliRunner.Run("demo", "--data-dir", Path.GetDirectoryName(Liechtenstein)!);

        Assert.True(code == 0, stderr);
        Assert.Contains("Rotes Kreuz Liechtenstein", stdout, StringComparison.Ordinal);
        Assert.Contains("urban_core", stdout, StringComparison.Ordinal);
        Assert.Contains("township", stdout, StringComparison.Ordinal);
        Assert.Contains("Where the gaps are", stdout, StringComparison.Ordinal);
        Assert.Contains("in Balzers", stdout, StringComparison.Ordinal);            // the largest gap, named by municipality
        Assert.Contains("would cover", stdout, StringComparison.Ordinal);          // what one more base would change
        Assert.Contains("AP3 Luftrettung", stdout, StringComparison.Ordinal);      // named as left out, not silently dropped
        Assert.Contains("© OpenStreetMap contributors, ODbL 1.0", stdout, StringComparison.Ordinal);
        Assert.Contains("2021-10-28", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_WithMissingDataFolder_SaysWhereItLooked_Exit3()
    {
        using var empty = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("demo", "--data-dir", empty.Path);
        Assert.Equal(3, code);
        Assert.Contains("liechtenstein-2021.osm.pbf", stderr, StringComparison.Ordinal);
        Assert.Contains("not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_Json_IsConsistent_PerStationReachAddsUpToTheTotal()
    {
        using var dir = new TempFolder();
        string stations = dir.File("stations.csv");
        File.WriteAllText(stations, "id,name,lon,lat,turnout_s\nvaduz,Vaduz,9.5209,47.1410,60\nbalzers,Balzers,9.4990,47.0660,90\nschaan,Schaan,9.5080,47.1650,\n");

        var (code, stdout, stderr) = CliRunner.Run("coverage", "-n", Liechtenstein, "-s", stations, "--json", "-o", dir.File("out"));

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("emscov-coverage-summary/1", root.GetProperty("schema").GetString());
        Assert.Equal(3, root.GetProperty("stations").GetArrayLength());
        double previous = 0;
        foreach (var reach in root.GetProperty("reach").EnumerateArray())
        {
            double total = reach.GetProperty("road_km_reached").GetDouble();
            double sum = reach.GetProperty("per_station").EnumerateArray().Sum(s => s.GetProperty("road_km_nearest").GetDouble());
            Assert.Equal(total, sum, 2);
            Assert.True(total >= previous, "reach must grow with the threshold");
            previous = total;
        }

        // nodes.csv: one row per node; best time never above second time; stations by id.
        var lines = File.ReadAllLines(Path.Combine(dir.File("out"), "nodes.csv"));
        Assert.Equal("node,lon,lat,component,best_time_ms,best_station,second_time_ms,second_station", lines[0]);
        Assert.Equal(root.GetProperty("network").GetProperty("nodes").GetInt32(), lines.Length - 1);
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            if (f[4].Length > 0 && f[6].Length > 0)
            {
                Assert.True(int.Parse(f[4], CultureInfo.InvariantCulture) <= int.Parse(f[6], CultureInfo.InvariantCulture), line);
                Assert.NotEqual(f[5], f[7]);
            }
        }

        Assert.True(File.Exists(Path.Combine(dir.File("out"), "summary.json")));
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".*"));   // no temporary files left behind
    }

    [Fact]
    public void Coverage_FromPreparedFile_EqualsCoverageFromTheExtract()
    {
        using var dir = new TempFolder();
        string net = dir.File("li.emsnet");
        Assert.Equal(0, CliRunner.Run("prepare", Liechtenstein, "-o", net).ExitCode);

        var fromOsm = CliRunner.Run("coverage", "-n", Liechtenstein, "-s", Liechtenstein, "--json");
        var fromPrepared = CliRunner.Run("coverage", "-n", net, "-s", Liechtenstein, "--json");

        Assert.Equal(0, fromOsm.ExitCode);
        Assert.Equal(0, fromPrepared.ExitCode);
        Assert.Equal(fromOsm.Stdout, fromPrepared.Stdout);
    }

    [Fact]
    public void Coverage_Points_GetTimesAndAReasonWhenNotReached()
    {
        using var dir = new TempFolder();
        string points = dir.File("points.csv");
        // Vaduz centre (near the base), Malbun (mountain village), and a point in the Rhine valley in Switzerland
        // 1.5 km from any Liechtenstein road in the extract.
        File.WriteAllText(points, "id,lon,lat\nvaduz,9.5215,47.1395\nmalbun,9.6095,47.1030\n");

        var (code, _, stderr) = CliRunner.Run("coverage", "-n", Liechtenstein, "-s", Liechtenstein, "--points", points, "-o", dir.File("out"));

        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(Path.Combine(dir.File("out"), "points.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        int vaduz = int.Parse(rows["vaduz"][4], CultureInfo.InvariantCulture);
        int malbun = int.Parse(rows["malbun"][4], CultureInfo.InvariantCulture);
        Assert.InRange(vaduz, 60_000, 5 * 60_000);      // turnout 60 s plus a short drive
        Assert.InRange(malbun, 10 * 60_000, 30 * 60_000); // up the mountain road
    }

    [Fact]
    public void ExportGraph_WritesOneRowPerArc()
    {
        using var dir = new TempFolder();
        string csv = dir.File("edges.csv");
        var (code, stdout, stderr) = CliRunner.Run("export-graph", "-n", Liechtenstein, "-o", csv);
        Assert.True(code == 0, stderr);
        Assert.Equal(11_688 + 1, File.ReadAllLines(csv).Length);
        Assert.Contains("ODbL", stdout, StringComparison.Ordinal);
    }
}
