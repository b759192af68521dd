using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests.Hard;

/// <summary>
/// The Liechtenstein demo gives byte-identical output files with one thread and with several (<c>--threads</c>), and
/// run after run: coverage (summary.json, cells.csv, cells.geojson, gaps.geojson, coverage.gpkg), what-if, placement
/// and isochrones. None of the outputs holds a wall-clock timestamp (the GeoPackage's last_change is the data date);
/// the one measured duration, placement.json's <c>optimise_seconds</c>, is left out of the comparison.
/// </summary>
public class DeterminismTests
{
    private static string Demo(string name) => Path.Combine(TestData.RepositoryRoot, "data", "demo", name);

    [Fact]
    public void Coverage_OneThread_FourThreads_AndAgain_SameBytes()
    {
        using var dir = new CaseFolder();
        string one = Run(dir, "one", "coverage", "-c", Demo("liechtenstein.toml"), "--threads", "1");
        string four = Run(dir, "four", "coverage", "-c", Demo("liechtenstein.toml"), "--threads", "4");
        string again = Run(dir, "again", "coverage", "-c", Demo("liechtenstein.toml"));

        AssertSameFiles(one, four, expectedCount: OutputFormats.Default.Files().Count());
        AssertSameFiles(one, again, expectedCount: OutputFormats.Default.Files().Count());
    }

    [Fact]
    public void WhatIf_OneThread_FourThreads_SameBytes()
    {
        using var dir = new CaseFolder();
        string one = Run(dir, "one", "whatif", "-c", Demo("liechtenstein-whatif.toml"), "--threads", "1");
        string four = Run(dir, "four", "whatif", "-c", Demo("liechtenstein-whatif.toml"), "--threads", "4");

        AssertSameFiles(one, four, expectedCount: 2);
    }

    [Fact]
    public void Place_OneThread_FourThreads_SameBytes()
    {
        using var dir = new CaseFolder();
        string[] place = ["place", "-c", Demo("liechtenstein.toml"), "--candidates", "1500", "-k", "2"];
        string one = Run(dir, "one", [.. place, "--threads", "1"]);
        string four = Run(dir, "four", [.. place, "--threads", "4"]);

        AssertSameFiles(one, four, expectedCount: 3);
    }

    [Fact]
    public void Isochrones_OneThread_FourThreads_SameBytes()
    {
        using var dir = new CaseFolder();
        string[] iso = ["isochrones", "-c", Demo("liechtenstein.toml"), "--mode", "partition"];
        Directory.CreateDirectory(dir.File("one"));
        Directory.CreateDirectory(dir.File("four"));
        Assert.Equal(0, CliRunner.Run([.. iso, "--threads", "1", "-o", Path.Combine(dir.File("one"), "areas.geojson")]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. iso, "--threads", "4", "-o", Path.Combine(dir.File("four"), "areas.geojson")]).ExitCode);

        AssertSameFiles(dir.File("one"), dir.File("four"), expectedCount: 1);
    }

    [Fact]
    public void ThreadLimit_HoldsWhileInUse_AndIsRestoredAfter()
    {
        int outer = ThreadLimit.MaxDegreeOfParallelism;
        using (ThreadLimit.Use(2))
        {
            Assert.Equal(2, ThreadLimit.MaxDegreeOfParallelism);
            using (ThreadLimit.Use(null))
            {
                Assert.Equal(2, ThreadLimit.MaxDegreeOfParallelism);
            }
        }

        Assert.Equal(outer, ThreadLimit.MaxDegreeOfParallelism);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadLimit.Use(0));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void Threads_LessThanOne_IsAUsageError(string threads)
    {
        var (code, _, stderr) = CliRunner.Run("coverage", "-c", Demo("liechtenstein.toml"), "--threads", threads);
        Assert.Equal(2, code);
        Assert.Contains("--threads", stderr, StringComparison.Ordinal);
    }

    private static string Run(CaseFolder dir, string name, params string[] args)
    {
        string output = dir.File(name);
        var (code, _, stderr) = CliRunner.Run([.. args, "-o", output]);
        Assert.True(code is 0 or 1, $"{string.Join(' ', args)} exited with {code}: {stderr}");
        return output;
    }

    /// <summary>The bytes with the value of every <c>"optimise_seconds"</c> member (wall-clock time) blanked.</summary>
    private static byte[] WithoutDurations(byte[] bytes)
    {
        byte[] key = "\"optimise_seconds\": "u8.ToArray();
        int at = bytes.AsSpan().IndexOf(key);
        if (at < 0)
        {
            return bytes;
        }

        int end = at + key.Length;
        while (end < bytes.Length && bytes[end] is (byte)'.' or (>= (byte)'0' and <= (byte)'9'))
        {
            end++;
        }

        return [.. bytes[..(at + key.Length)], .. "0"u8, .. bytes[end..]];
    }

    private static void AssertSameFiles(string expectedFolder, string actualFolder, int expectedCount)
    {
        string[] names = [.. Directory.GetFiles(expectedFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(expectedCount, names.Length);
        Assert.Equal(names, Directory.GetFiles(actualFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string name in names)
        {
            byte[] a = WithoutDurations(File.ReadAllBytes(Path.Combine(expectedFolder, name)));
            byte[] b = WithoutDurations(File.ReadAllBytes(Path.Combine(actualFolder, name)));
            int at = a.AsSpan().CommonPrefixLength(b);
            Assert.True(a.Length == b.Length && at == a.Length, $"{name} differs at byte {at} ({a.Length} vs {b.Length} bytes)");
        }
    }
}
