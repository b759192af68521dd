using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>An output folder that cannot be written is the user's problem to fix: exit 3 and the path, not "a bug".</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void Coverage_OutputFolderBlockedByAFile_Exit3_NamesThePath_WritesNothing()
    {
        using var temp = new TempFolder();
        string blocker = temp.File("not-a-folder");
        File.WriteAllText(blocker, "a file where the output folder's parent should be");
        string dataDir = Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;
        string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");

        var (code, stdout, stderr) = CliRunner.Run("coverage", "-c", config, "--data-dir", dataDir, "-o", Path.Combine(blocker, "out"), "-q");

        Assert.Equal(3, code);
        Assert.Contains("not-a-folder", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", stderr, StringComparison.Ordinal);
        Assert.Equal("a file where the output folder's parent should be", File.ReadAllText(blocker));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
        Assert.DoesNotContain("Files in", stdout, StringComparison.Ordinal);
    }
}
