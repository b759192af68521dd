using System.Globalization;
using System.Text.Json;
using EmsCoverage.Cli;
using EmsCoverage.Osm.Tests;
using Xunit.Abstractions;

namespace EmsCoverage.Reporting.Tests;

/// <summary>
/// The report of the Liechtenstein demo (<c>emscov demo -o dir</c> on ../shared/data): its numbers against an
/// independent count from cells.csv and the other outputs of the same run, and the page as headless Chromium draws it.
/// </summary>
public sealed class LiechtensteinReportTests : IClassFixture<LiechtensteinReportTests.DemoRun>
{
    private readonly DemoRun _run;
    private readonly ITestOutputHelper _log;

    public LiechtensteinReportTests(DemoRun run, ITestOutputHelper log)
    {
        _run = run;
        _log = log;
    }

    /// <summary>Runs the demo once into a temporary folder for all tests of the class.</summary>
    public sealed class DemoRun : IDisposable
    {
        private readonly TempFolder _dir = new();

        public DemoRun()
        {
            string dataDir = Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))!;
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int code = Program.Run(["demo", "--data-dir", dataDir, "-o", _dir.Path], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            Folder = _dir.Path;
            Html = System.IO.File.ReadAllText(_dir.File("report.html"));
            Summary = JsonDocument.Parse(System.IO.File.ReadAllBytes(_dir.File("summary.json")));
            Gaps = JsonDocument.Parse(System.IO.File.ReadAllBytes(_dir.File("gaps.geojson")));
        }

        public string Folder { get; }

        public string Html { get; }

        public JsonDocument Summary { get; }

        public JsonDocument Gaps { get; }

        public string File(string name) => _dir.File(name);

        public void Dispose()
        {
            Summary.Dispose();
            Gaps.Dispose();
            _dir.Dispose();
        }
    }

    [Fact]
    public void Outputs_AreBesideTheOthers_AndOfSensibleSize()
    {
        var html = new FileInfo(_run.File("report.html"));
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report.html: {html.Length / 1e6:0.00} MB"));
        Assert.InRange(html.Length, 200_000, 10_000_000);
        PngReportTests.AssertPng(System.IO.File.ReadAllBytes(_run.File("map.png")), PngReport.MapWidth, PngReport.MapHeight);
        PngReportTests.AssertPng(System.IO.File.ReadAllBytes(_run.File("coverage-chart.png")), PngReport.ChartWidth, PngReport.ChartHeight);
        Assert.True(new FileInfo(_run.File("map.png")).Length > 50_000, "the map PNG holds a drawn map");
        Assert.Empty(Directory.GetFiles(_run.Folder, ".*")); // no temporary files left
    }

    [Fact]
    public void ZoneTable_MatchesAnIndependentCountOfCellsCsv()
    {
        // Sum cells.csv by zone and status: the report must show the same people per zone.
        var byZone = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (string line in System.IO.File.ReadLines(_run.File("cells.csv")).Skip(1))
        {
            var f = SplitCsv(line);
            string zone = f[4], status = f[6];
            double people = double.Parse(f[3], CultureInfo.InvariantCulture);
            var z = byZone.TryGetValue(zone, out var found) ? found : byZone[zone] = new Dictionary<string, double>(StringComparer.Ordinal);
            z[status] = z.GetValueOrDefault(status) + people;
            z["all"] = z.GetValueOrDefault("all") + people;
        }

        Assert.Equal(["township", "urban_core"], HtmlText.RowKeys(_run.Html, "zone-table", "data-zone").Order());
        foreach (var (zone, counts) in byZone)
        {
            var row = HtmlText.Row(_run.Html, $"data-zone=\"{zone}\"");
            Assert.Equal(counts["all"], HtmlText.Number(row["population"]), 0.51);
            Assert.Equal(counts.GetValueOrDefault("covered"), HtmlText.Number(row["covered"]), 0.51);
            Assert.Equal(counts.GetValueOrDefault("beyond_standard"), HtmlText.Number(row["beyond"]), 0.51);
            Assert.Equal(counts.GetValueOrDefault("not_reachable_by_road"), HtmlText.Number(row["unreachable"]), 0.51);
            Assert.Equal(counts.GetValueOrDefault("no_road_nearby"), HtmlText.Number(row["no-road"]), 0.51);
            Assert.Equal(100 * counts.GetValueOrDefault("covered") / counts["all"], HtmlText.Number(row["share"]), 0.051);
        }

        var all = HtmlText.Row(_run.Html, "data-overall=\"all\"");
        Assert.Equal(byZone.Values.Sum(z => z["all"]), HtmlText.Number(all["population"]), 0.51);
        Assert.Equal(37_269, HtmlText.Number(all["population"]), 0.51); // the municipalities' OSM populations
    }

    [Fact]
    public void GapsBasesAndCurve_MatchTheRunsOtherOutputs()
    {
        var gaps = _run.Gaps.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        var rows = HtmlText.RowKeys(_run.Html, "gap-table", "data-gap");
        Assert.Equal(gaps.Take(HtmlReport.GapsListed).Select(g => g.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture)), rows);
        foreach (var g in gaps.Take(HtmlReport.GapsListed))
        {
            var row = HtmlText.Row(_run.Html, $"data-gap=\"{g.GetProperty("rank").GetInt32()}\"");
            Assert.Equal(g.GetProperty("population").GetDouble(), HtmlText.Number(row["population"]), 0.51);
        }

        using var data = HtmlText.MapData(_run.Html);
        Assert.Equal(gaps.Count, data.RootElement.GetProperty("gaps").GetArrayLength());
        Assert.Equal([30.0, 10.0], data.RootElement.GetProperty("isochrones").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("break_min").GetDouble()));

        var summary = _run.Summary.RootElement;
        foreach (var b in summary.GetProperty("bases").EnumerateArray())
        {
            var row = HtmlText.Row(_run.Html, $"data-base=\"{b.GetProperty("id").GetString()}\"");
            Assert.Equal(b.GetProperty("population_nearest").GetDouble(), HtmlText.Number(row["nearest"]), 0.51);
            Assert.Equal(b.GetProperty("population_lost_if_unavailable").GetDouble(), HtmlText.Number(row["lost"]), 0.51);
        }

        var overall = summary.GetProperty("overall");
        var within = overall.GetProperty("population_within_minute").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var curve = HtmlText.CurveSeries(_run.Html).Single(s => s.Series == "all zones");
        Assert.Equal(61, curve.Points);
        Assert.Equal(within[60] / overall.GetProperty("population").GetDouble(), curve.FinalShare, 3);

        var suggestion = summary.GetProperty("suggested_bases")[0];
        var fix = HtmlText.Row(_run.Html, $"data-suggestion=\"{suggestion.GetProperty("gap_rank").GetInt32()}\"");
        Assert.Equal(suggestion.GetProperty("added_covered").GetDouble(), HtmlText.Number(fix["added"]), 0.51);
        Assert.Contains("© OpenStreetMap contributors, ODbL", _run.Html, StringComparison.Ordinal);
        Assert.Contains($"OpenStreetMap data of {summary.GetProperty("data_date").GetString()}", _run.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chromium_DrawsEveryLayer_WithoutNetworkRequests_AndTakesAScreenshot()
    {
        string dom = Chromium.DumpDom(_run.File("report.html"));
        Assert.Contains("data-rendered=\"true\"", dom, StringComparison.Ordinal);

        // Every layer the page script was given has its SVG paths in the map (one path per feature; the roads are one
        // path per speed class).
        var status = HtmlText.RenderStatus(dom);
        using var data = HtmlText.MapData(_run.Html);
        int gapCount = data.RootElement.GetProperty("gaps").GetArrayLength();
        Assert.Equal((gapCount, gapCount), status["gaps"]);
        Assert.Equal((1, 1), status["iso-10"]);
        Assert.Equal((1, 1), status["iso-30"]);
        Assert.Equal((1, 1), status["bases"]);
        int suggestions = _run.Summary.RootElement.GetProperty("suggested_bases").GetArrayLength();
        Assert.Equal((suggestions, suggestions), status["suggestions"]);
        Assert.Equal(3, status["roads"].Drawn);
        int interactive = HtmlText.Count(dom, "<path[^>]*class=\"[^\"]*leaflet-interactive");
        Assert.True(interactive >= gapCount + 2 + 1, $"{interactive} interactive paths for {gapCount} gaps, 2 areas and the base");
        Assert.Contains("class=\"legend leaflet-control\"", dom, StringComparison.Ordinal);
        Assert.Contains("leaflet-control-layers", dom, StringComparison.Ordinal);
        Assert.Contains("Rotes Kreuz Liechtenstein", dom, StringComparison.Ordinal); // the base's label

        // No request left the page: no resource was loaded and the policy blocked nothing (nothing was attempted).
        Assert.Contains("data-resources=\"0\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-csp-violations=\"0\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlText.UrlAttributes(dom), url => url.StartsWith("http", StringComparison.OrdinalIgnoreCase) || url.StartsWith("//", StringComparison.Ordinal));

        // The tables are in the drawn page too.
        Assert.Equal(2, HtmlText.RowKeys(dom, "zone-table", "data-zone").Count);
        Assert.NotEmpty(HtmlText.RowKeys(dom, "gap-table", "data-gap"));
        Assert.Single(HtmlText.RowKeys(dom, "base-table", "data-base"));

        string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        string png = Path.Combine(shots, "liechtenstein-report.png");
        File.Delete(png);
        Chromium.Screenshot(_run.File("report.html"), png, 1400, 3400);
        _log.WriteLine($"Screenshot: {png}");
        Assert.True(File.Exists(png), "Chromium wrote no screenshot");
        byte[] bytes = File.ReadAllBytes(png);
        PngReportTests.AssertPng(bytes, 1400, 3400);
        Assert.True(bytes.Length > 100_000, $"the screenshot is only {bytes.Length} bytes: a blank page?");
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.True(PngReportTests.CountNear(bitmap, "#0b2e59", 6) > 20_000, "the page's header band and base markers");
        Assert.True(PngReportTests.CountNear(bitmap, "#b30000", 40) > 100, "the largest gap (over 1,000 people) is shaded dark red");
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
