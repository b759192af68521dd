using System.Text.RegularExpressions;

namespace EmsCoverage.Reporting.Tests;

public class HtmlReportTests
{
    private static string Page(CoverageReport? report = null)
    {
        using var w = new StringWriter();
        HtmlReport.Write(report ?? ReportFixture.Create(), w);
        return w.ToString();
    }

    [Fact]
    public void Page_DeclaresAPolicyThatForbidsEveryNetworkFetch()
    {
        string html = Page();
        var meta = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">");
        Assert.True(meta.Success, "no CSP meta tag");
        Assert.True(meta.Index < html.IndexOf("<script", StringComparison.Ordinal), "the policy must come before any script");
        var directives = meta.Groups[1].Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal("'none'", directives["connect-src"]);
        Assert.Equal("'unsafe-inline'", directives["script-src"]);
        Assert.Equal("data:", directives["img-src"]);
        Assert.DoesNotContain(directives.Values, v => v.Contains("http", StringComparison.Ordinal) || v.Contains('*', StringComparison.Ordinal) || v.Contains("'self'", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_ReferencesNothingOutsideItself()
    {
        string html = Page();
        string withoutScripts = HtmlText.WithoutScripts(html);
        Assert.DoesNotContain(HtmlText.UrlAttributes(html), url => url.Length > 0 && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith('#'));
        Assert.DoesNotMatch("(?i)<link\\b", withoutScripts);
        Assert.DoesNotMatch("(?i)@import", withoutScripts);
        // CSS url(...) only as data: (Leaflet's layer icons, inlined) or the old-IE VML behaviour, which loads nothing.
        foreach (Match m in Regex.Matches(withoutScripts, "url\\(([^)]*)\\)"))
        {
            Assert.True(m.Groups[1].Value.StartsWith("data:", StringComparison.Ordinal) || m.Groups[1].Value == "#default#VML", $"url({m.Groups[1].Value}) in the page's style");
        }

        Assert.DoesNotMatch("<script[^>]*\\bsrc\\s*=", html);
        Assert.DoesNotContain("sourceMappingURL", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_InlinesLeafletWithItsLicence()
    {
        string html = Page();
        Assert.Contains(HtmlReport.LeafletJs(), html, StringComparison.Ordinal);
        Assert.Contains("Leaflet 1.9.4", HtmlReport.LeafletJs(), StringComparison.Ordinal);
        Assert.Contains(".leaflet-container", html, StringComparison.Ordinal);
        Assert.Contains("BSD 2-Clause License", html, StringComparison.Ordinal);
        Assert.Contains("Volodymyr Agafonkin", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneTable_HasTheZonesNumbers()
    {
        string html = Page();
        // Nobody lives outside the zones: that row is left out; the overall row is in the footer.
        Assert.Equal(["core", "rural"], HtmlText.RowKeys(html, "zone-table", "data-zone"));
        var core = HtmlText.Row(html, "data-zone=\"core\"");
        Assert.Equal("1,000", core["population"]);
        Assert.Equal("800", core["covered"]);
        Assert.Equal("80.0 %", core["share"]);
        Assert.Equal("150", core["beyond"]);
        Assert.Equal("30", core["unreachable"]);
        Assert.Equal("20", core["no-road"]);
        Assert.Equal("100", core["twice"]);
        var all = HtmlText.Row(html, "data-overall=\"all\"");
        Assert.Equal("1,500", all["population"]);
        Assert.Equal("1,280", all["covered"]);
        Assert.Equal("85.3 %", all["share"]); // 1280 / 1500
        Assert.Matches("<tr data-zone=\"core\">.*?<span class=\"bad\">NO</span>", html);
        Assert.Matches("<tr data-zone=\"rural\">.*?<span class=\"good\">yes</span>", html);
    }

    [Fact]
    public void Findings_SayWhoIsCoveredAndWhatIsMissing_InWords()
    {
        string html = Page();
        // core: 90 % of 1,000 = 900 needed, 800 covered -> 100 short.
        Assert.Contains("<b>core</b>: 800 of 1,000 people (80.0 %) are reached within 10 min; the zone <strong class=\"bad\">misses its target</strong> of 90 %: 100 more people", html, StringComparison.Ordinal);
        Assert.Contains("<b>rural</b>: 480 of 500 people (96.0 %) are reached within 30 min; the zone <strong class=\"good\">meets its target</strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"zones-missing\"><div class=\"value\">1 of 2</div>", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"covered\"><div class=\"value\">85.3 %</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GapAndFixTables_ListTheGaps_AndTheSuggestedBase()
    {
        string html = Page();
        Assert.Equal(["1", "2", "3"], HtmlText.RowKeys(html, "gap-table", "data-gap"));
        Assert.Equal("120", HtmlText.Row(html, "data-gap=\"1\"")["population"]);
        Assert.Equal("7", HtmlText.Row(html, "data-gap=\"3\"")["population"]);
        Assert.Matches("<tr data-gap=\"1\">.*?Southville.*?11.5–14.2 min by road", html);
        Assert.Matches("<tr data-gap=\"3\">.*?Hilltop.*?not reachable by road", html);
        Assert.Matches("<tr data-gap=\"2\">.*?around 47.150 N, 9.450 E", html);
        Assert.Equal("+110", HtmlText.Row(html, "data-suggestion=\"1\"")["added"]);
        Assert.Matches("<tr data-suggestion=\"1\".*?80.0 % → 91.0 % <span class=\"good\">meets target</span>", html);
    }

    [Fact]
    public void BaseTable_HasEachBasesFigures()
    {
        string html = Page();
        Assert.Equal(["b1", "b2"], HtmlText.RowKeys(html, "base-table", "data-base"));
        var south = HtmlText.Row(html, "data-base=\"b2\"");
        Assert.Equal("600", south["nearest"]);
        Assert.Equal("500", south["nearest-covered"]);
        Assert.Equal("120", south["lost"]);
        Assert.Matches("<tr data-base=\"b2\"><th class=\"t\">South base</th><td>1.5 min</td>", html);
    }

    [Fact]
    public void MapData_HoldsEveryLayer()
    {
        var report = ReportFixture.Create();
        using var data = HtmlText.MapData(Page(report));
        var root = data.RootElement;
        var roads = root.GetProperty("roads").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("class").GetString()!,
            f => f.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        Assert.Equal(new Dictionary<string, int> { ["local"] = 2, ["main"] = 1, ["fast"] = 1 }, roads);
        Assert.Equal([30.0, 10.0], root.GetProperty("isochrones").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("break_min").GetDouble()));
        var tenMinutes = root.GetProperty("isochrones")[1].GetProperty("geometry");
        Assert.Equal("MultiPolygon", tenMinutes.GetProperty("type").GetString());
        Assert.Equal(2, tenMinutes.GetProperty("coordinates")[0].GetArrayLength()); // shell and hole

        // Gaps drawn smallest first (the largest on top), each shaded by its people.
        var gaps = root.GetProperty("gaps").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        Assert.Equal([3, 2, 1], gaps.Select(g => g.GetProperty("rank").GetInt32()));
        Assert.Equal(["#fdd49e", "#fc8d59", "#fc8d59"], gaps.Select(g => g.GetProperty("colour").GetString()));
        Assert.Equal(["b1", "b2"], root.GetProperty("bases").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.Equal(1, root.GetProperty("suggestions").GetArrayLength());
        Assert.Contains("ODbL", root.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.Contains("2021-10-28", root.GetProperty("attribution").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LargeNetworks_LeaveOutTheLocalRoadsFirst_AndSaySo()
    {
        // Fixture roads: local 3 + 2 points, main 3, fast 2. A budget of 5 points keeps main and fast roads.
        var report = ReportFixture.Create();
        Assert.Equal([RoadClass.Local, RoadClass.Main, RoadClass.Fast], HtmlReport.BasemapClasses(report, 10));
        Assert.Equal([RoadClass.Main, RoadClass.Fast], HtmlReport.BasemapClasses(report, 5));
        Assert.Equal([RoadClass.Fast], HtmlReport.BasemapClasses(report, 4));
        Assert.Equal([RoadClass.Fast], HtmlReport.BasemapClasses(report, 0)); // the fast roads always stay

        using var w = new StringWriter();
        HtmlReport.Write(report, w, maxRoadPoints: 5);
        string html = w.ToString();
        using var data = HtmlText.MapData(html);
        Assert.Equal(["main", "fast"], data.RootElement.GetProperty("roads").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("class").GetString()));
        Assert.Contains("<p id=\"roads-left-out\">The map leaves out local roads (2 road pieces)", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">local roads</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("roads-left-out", Page(report), StringComparison.Ordinal);
        Assert.Contains(">local roads</div>", Page(report), StringComparison.Ordinal);
    }

    [Fact]
    public void MapData_CoordinatesAreRoundedToAboutAMetre()
    {
        var report = ReportFixture.Create() with
        {
            Roads = [new ReportRoad(RoadClass.Main, new NetTopologySuite.Geometries.GeometryFactory().CreateLineString(
                [new(9.123456789, 47.987654321), new(9.123456111, 47.987654999), new(9.2, 47.9)]))],
        };
        using var data = HtmlText.MapData(Page(report));
        var line = data.RootElement.GetProperty("roads")[0].GetProperty("geometry").GetProperty("coordinates")[0];
        Assert.Equal(2, line.GetArrayLength()); // the second point rounds onto the first
        Assert.Equal(9.12346, line[0][0].GetDouble());
        Assert.Equal(47.98765, line[0][1].GetDouble());
    }

    [Fact]
    public void Curve_HasOneLinePerZoneWithPeople_AndTheStandards()
    {
        string html = Page();
        var series = HtmlText.CurveSeries(html);
        Assert.Equal(["core", "rural", "all zones"], series.Select(s => s.Series));
        Assert.All(series, s => Assert.Equal(61, s.Points));
        Assert.Equal(0.95, series[0].FinalShare, 4);          // 950 of 1,000 within 60 min
        Assert.Equal(0.98, series[1].FinalShare, 4);          // 490 of 500
        Assert.Equal(1440.0 / 1500, series[2].FinalShare, 4);
        Assert.Equal(["10", "30"], Regex.Matches(html, "<line class=\"standard\" data-standard=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Footer_HasTheAttributionAndTheDataDate()
    {
        string html = Page();
        Assert.Matches("<p id=\"attribution\">Data: © OpenStreetMap contributors, ODbL 1.0; population: test grid\\.", html);
        Assert.Contains("<span id=\"data-date\">OpenStreetMap data of 2021-10-28</span>", html, StringComparison.Ordinal);
        string unknown = Page(ReportFixture.Create() with { DataDate = null });
        Assert.Contains("OpenStreetMap data of unknown date", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_IsEscaped_InTheTablesAndInTheMapData()
    {
        string evil = "<script>alert(1)</script> & Co";
        var report = ReportFixture.Create(evil) with
        {
            Bases = [new ReportBase("x\"y", evil, 9.5, 47.2, 60, 1, 1, 0)],
        };
        string html = Page(report);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
        using var data = HtmlText.MapData(html); // parses: the JSON did not end early
        Assert.Equal(evil, data.RootElement.GetProperty("bases")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void NoGaps_SaysEveryoneIsReached()
    {
        var report = ReportFixture.Create() with { Gaps = [], Suggestions = [] };
        string html = Page(report);
        Assert.Contains("None: everyone is reached within the standard of the zone they live in.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"gap-table\"", html, StringComparison.Ordinal);
        using var data = HtmlText.MapData(html);
        Assert.Equal(0, data.RootElement.GetProperty("gaps").GetArrayLength());
    }
}
