using static EmsCoverage.Cli.Tests.Hard.HardInputKit;

namespace EmsCoverage.Cli.Tests.Hard;

/// <summary>
/// A run that fails halfway leaves the previous outputs byte for byte as they were and no temporary file behind:
/// a writer that throws after some files, a bad input found late in a run, and a move that fails while committing.
/// </summary>
public class AtomicOutputTests
{
    // What a population run writes by default (the --format default), in the snapshot's ordinal order.
    private static readonly string[] CoverageFiles = [.. OutputFormats.Default.Files().Order(StringComparer.Ordinal)];

    [Fact]
    public void WriterThrowsAfterTwoFiles_PreviousFilesIntact_NoTempFiles()
    {
        using var dir = new CaseFolder();
        string outFolder = Path.Combine(dir.Path, "out");
        AtomicOutput.WriteTogether(outFolder, o =>
        {
            o.Write("a.txt", w => w.Write("old a"));
            o.Write("b.txt", w => w.Write("old b"));
            o.Write("c.txt", w => w.Write("old c"));
        });
        var before = Snapshot(outFolder);

        var ex = Assert.Throws<IOException>(() => AtomicOutput.WriteTogether(outFolder, o =>
        {
            o.Write("a.txt", w => w.Write("new a"));
            o.WriteBytes("b.txt", s => s.Write("new b"u8));
            o.Write("c.txt", w =>
            {
                w.Write("new c, half of it");
                w.Flush();
                throw new IOException("disk full (simulated)");
            });
        }));

        Assert.Equal("disk full (simulated)", ex.Message);
        Assert.Equal(before, Snapshot(outFolder));
        Assert.Equal("old a", File.ReadAllText(Path.Combine(outFolder, "a.txt")));
    }

    [Fact]
    public void MoveFailsWhileCommitting_EarlierMovesAreUndone()
    {
        using var dir = new CaseFolder();
        string outFolder = Path.Combine(dir.Path, "out");
        AtomicOutput.WriteTogether(outFolder, o =>
        {
            o.Write("a.txt", w => w.Write("old a"));
            o.Write("b.txt", w => w.Write("old b"));
        });
        Directory.CreateDirectory(Path.Combine(outFolder, "c.txt")); // a folder where the third file must go
        var before = Snapshot(outFolder);

        Assert.ThrowsAny<IOException>(() => AtomicOutput.WriteTogether(outFolder, o =>
        {
            o.Write("a.txt", w => w.Write("new a"));
            o.Write("b.txt", w => w.Write("new b"));
            o.Write("c.txt", w => w.Write("new c"));
        }));

        Assert.Equal(before, Snapshot(outFolder));
    }

    [Fact]
    public void CoverageRun_BadZoneFileFoundLate_Exit3_PreviousOutputsIntact()
    {
        using var dir = new CaseFolder();
        string outFolder = Path.Combine(dir.Path, "out");
        string stations = dir.Stations(), population = dir.Population();
        string good = dir.Write("good.toml", Config(Network, stations, population));
        Assert.Equal(0, CliRunner.Run("coverage", "-c", good, "-o", outFolder).ExitCode);
        var before = Snapshot(outFolder);
        Assert.Equal(CoverageFiles, before.Keys.ToArray());

        // Network, stations and population read fine; the zone file, read last, is not JSON.
        dir.Write("zones.geojson", "name,wkt\ncore,POLYGON((9.5 47.1, 9.6 47.1, 9.6 47.2, 9.5 47.1))\n");
        string late = dir.Write("late.toml", Config(Network, stations, population) + "\n[[zones]]\nname = \"core\"\nstandard_min = 8\npath = 'zones.geojson'\n");
        var (code, _, stderr) = CliRunner.Run("coverage", "-c", late, "-o", outFolder);

        Assert.Equal(3, code);
        Assert.Contains("zones.geojson", stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(outFolder));
    }

    [Fact]
    public void CoverageRun_OutputBlockedWhileCommitting_PreviousOutputsIntact_NoTempFiles()
    {
        using var dir = new CaseFolder();
        string outFolder = Path.Combine(dir.Path, "out");
        string good = dir.Write("good.toml", Config(Network, dir.Stations(), dir.Population()));
        Assert.Equal(0, CliRunner.Run("coverage", "-c", good, "-o", outFolder).ExitCode);

        // gaps.geojson becomes a folder: summary.json, cells.csv and cells.geojson are moved in before the move
        // of gaps.geojson fails, and must be put back. The second run has other numbers (another standard), so a
        // file left from it would show.
        File.Delete(Path.Combine(outFolder, "gaps.geojson"));
        Directory.CreateDirectory(Path.Combine(outFolder, "gaps.geojson"));
        var before = Snapshot(outFolder);
        string other = dir.Write("other.toml", Config(Network, dir.Stations(), dir.Population(), standards: "default_min = 3"));

        var (code, _, _) = CliRunner.Run("coverage", "-c", other, "-o", outFolder);

        Assert.NotEqual(0, code);
        Assert.Equal(before, Snapshot(outFolder));
    }

    /// <summary>Every entry of the folder (hidden temporary files included) with its content; folders as "&lt;dir&gt;".</summary>
    private static SortedDictionary<string, string> Snapshot(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            result[Path.GetFileName(entry)] = Directory.Exists(entry) ? "<dir>" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(entry)));
        }

        return result;
    }
}
