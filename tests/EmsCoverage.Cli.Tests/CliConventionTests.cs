using System.Text.RegularExpressions;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>
/// The conventions every verb keeps: exit codes (0 ok, 1 gaps with --fail-on-gap, 2 usage, 3 bad input, 4 internal),
/// help with an example, --quiet, plain text when stderr is not a terminal, NO_COLOR.
/// </summary>
public sealed partial class CliConventionTests
{
    public static readonly TheoryData<string> Verbs = new(["prepare", "coverage", "export-graph", "demo", "whatif", "place", "isochrones"]);

    public static readonly TheoryData<string[]> UsageErrors = new(
    [
        // unknown option or verb
        ["--bogus"],
        ["no-such-verb"],
        ["prepare", "x.osm.pbf", "-o", "x.emsnet", "--bogus"],
        ["coverage", "--bogus"],
        ["export-graph", "-n", "x", "-o", "y", "--bogus"],
        ["demo", "--bogus"],
        ["whatif", "-c", "x.toml", "--bogus"],
        ["place", "-c", "x.toml", "--candidates", "1000", "--bogus"],
        ["isochrones", "--bogus"],
        // a required option or argument missing
        ["prepare", "x.osm.pbf"],
        ["prepare", "-o", "x.emsnet"],
        ["export-graph", "-n", "x.osm.pbf"],
        ["whatif"],
        ["place", "-c", "x.toml"],
        ["coverage"],
        ["coverage", "-n", "x.osm.pbf"],
        ["isochrones", "-n", "x.osm.pbf"],
        // a value that is wrong in itself (checked before any file is read)
        ["coverage", "-n", "x.osm.pbf", "-s", "y.csv", "--turnout", "soon"],
        ["coverage", "-n", "x.osm.pbf", "-s", "y.csv", "--max-snap-distance", "0"],
        ["coverage", "-c", "x.toml", "--format", "pdf"],
        ["coverage", "-n", "x.osm.pbf", "-s", "y.csv", "--format", "shp"],
        ["demo", "--format", "shapefile"],
        ["place", "-c", "x.toml", "--candidates", "1000", "-k", "two"],
        ["place", "-c", "x.toml", "--candidates", "1000", "--method", "nearest"],
        ["isochrones", "-n", "x.osm.pbf", "-s", "y.csv", "--mode", "blob"],
        ["isochrones", "-n", "x.osm.pbf", "-s", "y.csv", "--json"],
    ]);

    private static string DataDir => Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageError_Exit2_WithAMessageAndNothingOnStdout(string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);

        Assert.True(code == ExitCodes.Usage, $"exit {code} for '{string.Join(' ', args)}':\n{stderr}");
        Assert.StartsWith("emscov: ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void MissingFile_Exit3_ForEveryVerb_NamingTheFile()
    {
        using var dir = new TempFolder();
        string missing = dir.File("missing.toml");
        (string[] Args, string Named)[] runs =
        [
            (["prepare", dir.File("missing.osm.pbf"), "-o", dir.File("x.emsnet")], "missing.osm.pbf"),
            (["export-graph", "-n", dir.File("missing.osm.pbf"), "-o", dir.File("x.csv")], "missing.osm.pbf"),
            (["coverage", "-c", missing], "missing.toml"),
            (["coverage", "-n", dir.File("missing.osm.pbf"), "-s", dir.File("missing.csv")], "missing.osm.pbf"),
            (["whatif", "-c", missing], "missing.toml"),
            (["place", "-c", missing, "--candidates", "1000"], "missing.toml"),
            (["isochrones", "-c", missing], "missing.toml"),
            (["demo", "--data-dir", dir.Path], "liechtenstein-2021.osm.pbf"),
        ];
        foreach (var (args, named) in runs)
        {
            var (code, stdout, stderr) = CliRunner.Run(args);
            Assert.True(code == ExitCodes.BadInput, $"exit {code} for '{string.Join(' ', args)}':\n{stderr}");
            Assert.Contains(named, stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, stdout);
        }

        Assert.Empty(Directory.GetFiles(dir.Path)); // nothing half-written
    }

    [Fact]
    public void MalformedConfiguration_Exit3_NamingTheFile()
    {
        using var dir = new TempFolder();
        string bad = dir.File("broken.toml");
        File.WriteAllText(bad, "title = \"unterminated\n[network\nosm = 3\n");
        foreach (var args in new[] { new[] { "coverage", "-c", bad }, ["whatif", "-c", bad], ["place", "-c", bad, "--candidates", "1000"], ["isochrones", "-c", bad] })
        {
            var (code, _, stderr) = CliRunner.Run(args);
            Assert.True(code == ExitCodes.BadInput, $"exit {code} for {args[0]}:\n{stderr}");
            Assert.Contains("broken.toml", stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_OfEveryVerb_ShowsAnExampleLine_AndTheQuietOption(string verb)
    {
        var (code, stdout, stderr) = CliRunner.Run(verb, "--help");

        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Matches(ExampleLine(verb), stdout);
        Assert.Contains("--quiet", stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_OfTheTool_ListsTheVerbs_AndAnExample()
    {
        var (code, stdout, _) = CliRunner.Run("--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(ExampleLine("coverage"), stdout);
        foreach (string verb in Verbs)
        {
            Assert.Contains(verb, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Progress_IsPlainLines_WhenStderrIsNotATerminal_AndNothingWithQuiet()
    {
        using var dir = new TempFolder();
        string osm = TestData.Fixture("t-junction-oneway.osm");

        var plain = CliRunner.Run("prepare", osm, "-o", dir.File("a.emsnet"));
        var quiet = CliRunner.Run("prepare", osm, "-o", dir.File("b.emsnet"), "--quiet");

        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.Contains("Reading ", plain.Stderr, StringComparison.Ordinal);
        Assert.Contains("Road network: ", plain.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plain.Stderr); // no escape sequences: no colours, no cursor movement
        Assert.True(quiet.ExitCode == 0, quiet.Stderr);
        Assert.Equal(string.Empty, quiet.Stderr);
        Assert.Equal(plain.Stdout.Replace("a.emsnet", "b.emsnet", StringComparison.Ordinal), quiet.Stdout); // results unchanged
    }

    [Fact]
    public void Quiet_StillReportsErrors()
    {
        using var dir = new TempFolder();
        var (code, _, stderr) = CliRunner.Run("-q", "prepare", dir.File("gone.osm.pbf"), "-o", dir.File("x.emsnet"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("gone.osm.pbf", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_OnAPopulationRun_LeavesStderrEmpty_AndStdoutTheJsonDocument()
    {
        string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");
        var (code, stdout, stderr) = CliRunner.Run("coverage", "-c", config, "--data-dir", DataDir, "--json", "--quiet");

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal("emscov-population-coverage/1", doc.RootElement.GetProperty("schema").GetString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("1", true)]
    [InlineData("0", true)] // any non-empty value, as no-color.org says
    [InlineData("yes", true)]
    public void NoColor_IsAnyNonEmptyValue(string? value, bool expected)
    {
        Assert.Equal(expected, TerminalInfo.NoColorRequested(value));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Live_OnATerminal_ShowsStepsAndBars_WithoutColour_UnderNoColor(bool noColor)
    {
        using var terminal = new StringWriter();
        var status = new StatusWriter(terminal) { Mode = StatusMode.Live };

        int result = status.Run(() =>
        {
            status.WriteLine("Reading extract.osm.pbf ...");
            status.WriteLine("A note between the steps.");
            var bar = new StderrProgress(status, 400, "searches");
            for (int i = 1; i <= 400; i++)
            {
                bar.Report(i);
            }

            status.WriteLine("Writing out/ ...");
            return 7;
        }, new TerminalInfo(StderrIsTerminal: true, StdoutIsTerminal: false, NoColor: noColor));

        string shown = terminal.ToString();
        Assert.Equal(7, result);
        Assert.Contains("Reading extract.osm.pbf", shown, StringComparison.Ordinal);
        Assert.Contains("A note between the steps.", shown, StringComparison.Ordinal);
        Assert.Contains("searches", shown, StringComparison.Ordinal);
        Assert.Contains("100%", shown, StringComparison.Ordinal);
        Assert.Contains("Writing out/", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("400/400", shown, StringComparison.Ordinal); // a bar, not the plain count lines
        Assert.Contains('\u001b', shown); // a live display: cursor control
        if (noColor)
        {
            var colours = ColourSequence().Matches(shown).Select(m => m.Value).Distinct().ToList();
            Assert.True(colours.Count == 0, "colour escape sequences under NO_COLOR: " + string.Join(" ", colours.Select(c => c.Replace("\u001b", "ESC", StringComparison.Ordinal))));
        }
    }

    [Fact]
    public void Live_StepsAreTickedOff_AndAnErrorPropagatesAfterTheDisplayEnds()
    {
        using var terminal = new StringWriter();
        var status = new StatusWriter(terminal) { Mode = StatusMode.Live };

        var error = Assert.Throws<InvalidOperationException>(() => status.Run(() =>
        {
            status.WriteLine("Reading extract.osm.pbf ...");
            throw new InvalidOperationException("boom");
        }, new TerminalInfo(true, false, true)));

        Assert.Equal("boom", error.Message);
        Assert.Contains("Reading extract.osm.pbf", terminal.ToString(), StringComparison.Ordinal);
    }

    private static Regex ExampleLine(string verb) => new($@"(?m)^\s*Examples?: +emscov {Regex.Escape(verb)}\b|^\s+emscov {Regex.Escape(verb)} ", RegexOptions.None, TimeSpan.FromSeconds(5));

    /// <summary>SGR sequences that set a foreground or background colour (30–37, 38;…, 40–47, 48;…, 90–97, 100–107).</summary>
    [GeneratedRegex(@"\u001b\[(?:[0-9]+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9]+)*m")]
    private static partial Regex ColourSequence();
}
