using System.Text;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests.Hard;

/// <summary>
/// Runs every entry of <see cref="BadInputCatalogue"/> through <see cref="Program.Run"/> and asserts the exit code, the
/// exact message (naming the file and the problem) and that no output file appeared; checks that
/// docs/bad-inputs.md is the table of the catalogue (regenerate it with EMSCOV_UPDATE_DOCS=1).
/// </summary>
public class BadInputCatalogueTests
{
    private const string DocPath = "docs/bad-inputs.md";

    public static TheoryData<string> Ids => [.. BadInputCatalogue.All.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void BadInput_Exit3_WithItsExactMessage(string id)
    {
        var entry = BadInputCatalogue.Get(id);
        using var folder = new CaseFolder();
        string[] args = entry.Args(folder);
        var before = Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal).ToArray();

        var (code, _, stderr) = CliRunner.Run(args);

        string message = UserMessage(stderr, folder.Path);
        Assert.True(entry.Expected == message, $"{id}: expected\n{entry.Expected}\nbut the user saw\n{message}\n(full stderr:\n{stderr})");
        Assert.Equal(entry.ExitCode, code);
        Assert.Equal(before, Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Catalogue_HasAtLeastThirtyDistinctEntries_CoveringEveryArea()
    {
        Assert.True(BadInputCatalogue.All.Count >= 30);
        Assert.Equal(BadInputCatalogue.All.Count, BadInputCatalogue.All.Select(c => c.Id).Distinct().Count());
        Assert.All(BadInputCatalogue.All, c => Assert.StartsWith("emscov: ", c.Expected, StringComparison.Ordinal));
        string[] areas = ["PBF", "OSM XML", "prepared network", "GeoJSON", "CSV", "stations", "population", "raster", "config"];
        Assert.All(areas, a => Assert.Contains(BadInputCatalogue.All, c => c.Area == a));
    }

    [Fact]
    public void Doc_IsTheTableOfTheCatalogue()
    {
        string path = Path.Combine(TestData.RepositoryRoot, DocPath);
        string expected = RenderDoc();
        if (Environment.GetEnvironmentVariable("EMSCOV_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected, new UTF8Encoding(false));
        }

        string actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(expected == actual, $"{DocPath} differs from the catalogue in BadInputCatalogue.cs; run the tests with EMSCOV_UPDATE_DOCS=1 to rewrite it.");
    }

    /// <summary>What the user sees of an error: stderr from the first <c>emscov:</c> line on, with the case folder and the
    /// shared data folder written as in the catalogue.</summary>
    internal static string UserMessage(string stderr, string caseFolder)
    {
        string text = stderr.ReplaceLineEndings("\n");
        int start = text.StartsWith("emscov:", StringComparison.Ordinal) ? 0
            : text.IndexOf("\nemscov:", StringComparison.Ordinal) is int at and >= 0 ? at + 1
            : -1;
        if (start < 0)
        {
            return "(no error message) " + text.Trim();
        }

        string shared = Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "data")) + Path.DirectorySeparatorChar;
        return text[start..].TrimEnd()
            .Replace(caseFolder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace(HardInputKit.NetworkFolder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace(shared, "../shared/data/", StringComparison.Ordinal);
    }

    private static string RenderDoc()
    {
        var doc = new StringBuilder();
        doc.Append("""
            # Bad inputs: what the user sees

            Every row is a test: `tests/EmsCoverage.Cli.Tests/Hard/BadInputCatalogueTests.cs` makes the input (from the
            Liechtenstein extract in `../shared/data` or by hand), runs the command through the CLI's entry point and
            asserts the exit code and the exact message below; this file is generated from that list
            (`BadInputCatalogue.cs`) and a test fails when they differ (regenerate with `EMSCOV_UPDATE_DOCS=1 dotnet test`).
            Exit code 3 means bad input: nothing is written. File names stand for the file as the user named it;
            `liechtenstein.emsnet` is the extract prepared with `emscov prepare`.

            | # | Area | Input | Command | Exit | Message |
            |---|---|---|---|---|---|

            """.ReplaceLineEndings("\n"));
        int row = 0;
        foreach (var entry in BadInputCatalogue.All)
        {
            using var folder = new CaseFolder();
            string command = "emscov " + string.Join(' ', entry.Args(folder).Select(a => UserMessage("emscov:" + a, folder.Path)["emscov:".Length..]));
            doc.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {++row} | {entry.Area} | {Cell(entry.Input)} | `{command}` | {entry.ExitCode} | {Cell(entry.Expected)} |\n");
        }

        return doc.ToString();
    }

    private static string Cell(string text) => text
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
