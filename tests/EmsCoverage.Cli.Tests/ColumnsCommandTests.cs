using EmsCoverage.Graph;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary><c>emscov columns</c>: a timed batch on a prepared network, and one clear message with exit code 3 per bad input.</summary>
public sealed class ColumnsCommandTests(PreparedLiechtenstein prepared) : IClassFixture<PreparedLiechtenstein>, IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly Lazy<string> Prepared = new(() => prepared.Path);

    private static string Liechtenstein => TestData.Shared("liechtenstein-2021.osm.pbf");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Columns_Forward_Reverse_AndEveryNode_PrintTimingAndMemory()
    {
        string sources = Write("sources.csv", "id,name,lon,lat\na,Vaduz,9.5215,47.1410\nb,Schaan,9.5087,47.1651\n");
        string targets = Write("targets.csv", "id,name,lon,lat\nt1,x,9.5300,47.1500\nt2,y,9.5100,47.2000\nt3,z,9.5600,47.0700\n");
        foreach (string method in new[] { "auto", "sweep", "dijkstra" })
        {
            var (code, stdout, stderr) = CliRunner.Run("columns", "-n", Prepared.Value, "-s", sources, "-t", targets, "--limit", "20", "--method", method);
            Assert.True(code == 0, stderr);
            Assert.Contains("2 sources", stdout, StringComparison.Ordinal);
            Assert.Contains("Memory:", stdout, StringComparison.Ordinal);
        }

        var all = CliRunner.Run("columns", "-n", Prepared.Value, "-s", sources, "--limit", "15");
        Assert.True(all.ExitCode == 0, all.Stderr);
        Assert.Contains("hierarchy sweeps", all.Stdout, StringComparison.Ordinal);
        var reverse = CliRunner.Run("columns", "-n", Prepared.Value, "-s", sources, "--reverse");
        Assert.True(reverse.ExitCode == 0, reverse.Stderr);
        Assert.Contains("Reverse columns: 2 destinations", reverse.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeBand_OnAPreparedNetworkWithItsIndex_RoutesInTheBand_NotWithTheStaleIndex()
    {
        // The stored index belongs to free-flow times; a band's re-timed network must get its own (columns) or none
        // (place: the column engine builds one when it pays), never the stale one.
        string sources = Write("band-sources.csv", "id,name,lon,lat\na,Vaduz,9.5215,47.1410\n");
        var free = CliRunner.Run("columns", "-n", Prepared.Value, "-s", sources, "--limit", "15", "--method", "sweep");
        var peak = CliRunner.Run("columns", "-n", Prepared.Value, "-s", sources, "--limit", "15", "--method", "sweep", "--time-band", "morning_peak");
        Assert.True(peak.ExitCode == 0, peak.Stderr);
        Assert.Contains("morning_peak", peak.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(ReachedLine(free.Stdout), ReachedLine(peak.Stdout));

        string config = Write("prepared.toml", File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml"))
            .Replace("prepared network file.\npath = \"${data}/liechtenstein-2021.osm.pbf\"", $"prepared network file.\npath = '{Prepared.Value}'", StringComparison.Ordinal));
        Assert.Contains(Prepared.Value, File.ReadAllText(config), StringComparison.Ordinal);
        var place = CliRunner.Run("place", "-c", config, "--data-dir", Path.GetDirectoryName(Liechtenstein)!, "--candidates", "2000", "-k", "1",
            "--time-band", "morning_peak", "-q");
        Assert.True(place.ExitCode == 0, place.Stderr);
    }

    private static string ReachedLine(string stdout) =>
        stdout.Split('\n').FirstOrDefault(l => l.Contains("pairs", StringComparison.Ordinal) || l.Contains("reached", StringComparison.Ordinal)) ?? stdout;

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100000")]
    public void BadLimit_Exit3(string limit)
    {
        string sources = Write("s.csv", "id,name,lon,lat\na,Vaduz,9.5215,47.1410\n");
        var (code, _, stderr) = CliRunner.Run("columns", "-n", Prepared.Value, "-s", sources, "--limit", limit);
        Assert.Equal(3, code);
        Assert.Contains("--limit", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyOrUnsnappableSources_Exit3()
    {
        string empty = Write("empty.csv", "id,name,lon,lat\n");
        var (code, _, stderr) = CliRunner.Run("columns", "-n", Prepared.Value, "-s", empty);
        Assert.Equal(3, code);
        Assert.Contains("empty.csv", stderr, StringComparison.Ordinal);

        // Inside the extract's bounds, far from any road: the Rhine-side meadow is too far with a 1 m snap distance.
        string far = Write("far.csv", "id,name,lon,lat\nx,meadow,9.5000,47.1000\n");
        var r = CliRunner.Run("columns", "-n", Prepared.Value, "-s", far, "--max-snap-distance", "1");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("'x'", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("not within 1 m of a road", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PreparedFileWithoutIndex_Exit3()
    {
        string plain = _dir.File("plain.emsnet");
        NetworkFile.Write(NetworkFile.Read(Prepared.Value), plain);
        string sources = Write("s.csv", "id,name,lon,lat\na,Vaduz,9.5215,47.1410\n");
        var (code, _, stderr) = CliRunner.Run("columns", "-n", plain, "-s", sources);
        Assert.Equal(3, code);
        Assert.Contains("has no routing index", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OsmExtractInsteadOfPreparedFile_Exit3()
    {
        string sources = Write("s.csv", "id,name,lon,lat\na,Vaduz,9.5215,47.1410\n");
        var (code, _, stderr) = CliRunner.Run("columns", "-n", Liechtenstein, "-s", sources);
        Assert.Equal(3, code);
        Assert.Contains("not a prepared network file", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>Liechtenstein prepared once (with its routing index) for the columns tests; deleted afterwards.</summary>
public sealed class PreparedLiechtenstein : IDisposable
{
    private readonly TempFolder _dir = new();

    public PreparedLiechtenstein()
    {
        Path = _dir.File("li.emsnet");
        var (code, _, stderr) = CliRunner.Run("prepare", TestData.Shared("liechtenstein-2021.osm.pbf"), "-o", Path);
        if (code != 0)
        {
            throw new InvalidOperationException(stderr);
        }
    }

    public string Path { get; }

    public void Dispose() => _dir.Dispose();
}
