using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>Each bad input gives one clear message naming the file, the right exit code, and leaves outputs alone.</summary>
public class BadInputTests
{
    private static string Liechtenstein => TestData.Shared("liechtenstein-2021.osm.pbf");

    [Fact]
    public void MissingNetworkFile_Exit3_NamesTheFile()
    {
        var (code, _, stderr) = CliRunner.Run("coverage", "-n", "no-such-extract.osm.pbf", "-s", "x.csv");
        Assert.Equal(3, code);
        Assert.Contains("no-such-extract.osm.pbf", stderr, StringComparison.Ordinal);
        Assert.Contains("not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAnOsmFile_Exit3()
    {
        using var dir = new TempFolder();
        string junk = dir.File("junk.osm.pbf");
        File.WriteAllBytes(junk, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 37))]);
        var (code, _, stderr) = CliRunner.Run("prepare", junk, "-o", dir.File("x.emsnet"));
        Assert.Equal(3, code);
        Assert.Contains("junk.osm.pbf", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("x.emsnet")));
    }

    [Fact]
    public void TruncatedPbf_Exit3_SaysTruncated()
    {
        using var dir = new TempFolder();
        string cut = dir.File("cut.osm.pbf");
        byte[] all = File.ReadAllBytes(Liechtenstein);
        File.WriteAllBytes(cut, all[..(all.Length / 2)]);
        var (code, _, stderr) = CliRunner.Run("coverage", "-n", cut, "-s", Liechtenstein);
        Assert.Equal(3, code);
        Assert.Contains("cut.osm.pbf", stderr, StringComparison.Ordinal);
        Assert.Contains("truncated", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ExtractWithoutDrivableRoads_Exit3()
    {
        var (code, _, stderr) = CliRunner.Run("prepare", TestData.Fixture("no-roads.osm"), "-o", Path.Combine(Path.GetTempPath(), "never-written.emsnet"));
        Assert.Equal(3, code);
        Assert.Contains("no-roads.osm", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void StationsWithBadRows_Exit3_ListsTheRows_AndKeepsPreviousOutputs()
    {
        using var dir = new TempFolder();
        string outFolder = dir.File("out");
        Directory.CreateDirectory(outFolder);
        File.WriteAllText(Path.Combine(outFolder, "summary.json"), "previous run");
        string stations = dir.File("stations.csv");
        File.WriteAllText(stations, "id,name,lon,lat\na,A,9.52,47.14\nb,B,abc,47.1\nc,C,9.5,147.1\n");

        var (code, _, stderr) = CliRunner.Run("coverage", "-n", Liechtenstein, "-s", stations, "-o", outFolder);

        Assert.Equal(3, code);
        Assert.Contains("stations.csv", stderr, StringComparison.Ordinal);
        Assert.Contains("line 3", stderr, StringComparison.Ordinal);
        Assert.Contains("line 4", stderr, StringComparison.Ordinal);
        Assert.Equal("previous run", File.ReadAllText(Path.Combine(outFolder, "summary.json")));
        Assert.Single(Directory.GetFiles(outFolder));
    }

    [Fact]
    public void StationsOutsideTheExtract_Exit3()
    {
        using var dir = new TempFolder();
        string stations = dir.File("stations.csv");
        File.WriteAllText(stations, "id,name,lon,lat\nzurich,Zürich,8.54,47.37\n");
        var (code, _, stderr) = CliRunner.Run("coverage", "-n", Liechtenstein, "-s", stations);
        Assert.Equal(3, code);
        Assert.Contains("zurich", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1441")]
    [InlineData("ten")]
    [InlineData("")]
    public void ThresholdOutOfRange_Exit2(string thresholds)
    {
        var (code, _, stderr) = CliRunner.Run("coverage", "-n", Liechtenstein, "-s", Liechtenstein, "--thresholds", thresholds);
        Assert.Equal(2, code);
        Assert.Contains("--thresholds", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_Exit2()
    {
        var (code, _, stderr) = CliRunner.Run("coverage", "--no-such-option");
        Assert.Equal(2, code);
        Assert.Contains("emscov", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptPreparedNetwork_Exit3()
    {
        using var dir = new TempFolder();
        string net = dir.File("li.emsnet");
        Assert.Equal(0, CliRunner.Run("prepare", Liechtenstein, "-o", net).ExitCode);
        byte[] bytes = File.ReadAllBytes(net);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(net, bytes);

        var (code, _, stderr) = CliRunner.Run("coverage", "-n", net, "-s", Liechtenstein);

        Assert.Equal(3, code);
        Assert.Contains("li.emsnet", stderr, StringComparison.Ordinal);
    }
}
