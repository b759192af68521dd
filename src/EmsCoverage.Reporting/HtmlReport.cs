using System.Reflection;
using System.Text;
using System.Text.Json;
using static EmsCoverage.Reporting.ReportStyle;

namespace EmsCoverage.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained, offline page for the planner. A Leaflet map (vendored, inlined) whose basemap
/// is the run's own road network (no tile server), with the bases, the areas reached within each standard and the gap
/// areas shaded by population; tables per zone, per gap and per base; the people-by-minute curve as inline SVG; the
/// attribution and the data date. A Content-Security-Policy forbids every network fetch, so the page provably works
/// offline (<see cref="ContentSecurityPolicy"/>).
/// </summary>
public static class HtmlReport
{
    /// <summary>The page's policy: nothing is loaded from anywhere; only its own inline script, style and data: images.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; " +
        "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The Leaflet version inlined into the page.</summary>
    public const string LeafletVersion = "1.9.4";

    /// <summary>Gap areas listed in the page's table; all of them are on the map.</summary>
    public const int GapsListed = 15;

    /// <summary>
    /// Road points the page's basemap holds at most (about 20 bytes each): local roads are left out first, then main
    /// roads, when a large network would make the file too big. A country the size of Liechtenstein keeps them all.
    /// </summary>
    public const int MaxRoadPoints = 400_000;

    /// <summary>Writes the page.</summary>
    /// <param name="report">What to show.</param>
    /// <param name="output">Where to write it (UTF-8 is expected; the page declares it).</param>
    public static void Write(CoverageReport report, TextWriter output) => Write(report, output, MaxRoadPoints);

    internal static void Write(CoverageReport report, TextWriter output, int maxRoadPoints)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var o = output;
        var roadClasses = BasemapClasses(report, maxRoadPoints);
        o.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        o.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n");
        o.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Counts requests the policy blocked from the very start (checked by the browser test; should stay 0).
        o.Write("<script>window.emsBlocked = [];document.addEventListener('securitypolicyviolation', function (e) { window.emsBlocked.push(e.violatedDirective + ' ' + e.blockedURI); });</script>\n");
        o.Write($"<meta name=\"generator\" content=\"EmsCoverage\">\n<title>{H(report.Title)}</title>\n");
        o.Write($"<!-- Leaflet {LeafletVersion}, BSD 2-Clause licence:\n{LeafletLicence().Replace("--", "- -", StringComparison.Ordinal)}\n-->\n");
        o.Write("<style>\n");
        o.Write(LeafletCss());
        o.Write("\n</style>\n<style>\n");
        o.Write(PageCss);
        o.Write("</style>\n</head>\n<body>\n");

        WriteHeader(report, o);
        o.Write("<main>\n");
        o.Write("<section class=\"map-section\">\n<div id=\"map\" role=\"img\" aria-label=\"Map of bases, areas reached within the standards and gap areas\"></div>\n");
        WriteLegendTemplate(report, roadClasses, o);
        o.Write("</section>\n");
        WriteZones(report, o);
        WriteGaps(report, o);
        WriteFixes(report, o);
        WriteCurve(report, o);
        WriteBases(report, o);
        o.Write("</main>\n");
        WriteFooter(report, roadClasses, o);
        o.Write("<div id=\"render-status\" hidden></div>\n");

        o.Write("<script type=\"application/json\" id=\"report-data\">");
        o.Write(MapData(report, roadClasses));
        o.Write("</script>\n<script>\n");
        o.Write(LeafletJs());
        o.Write("\n</script>\n<script>\n");
        o.Write(PageScript);
        o.Write("</script>\n</body>\n</html>\n");
    }

    private static void WriteHeader(CoverageReport r, TextWriter o)
    {
        var all = r.Overall;
        int missing = r.Zones.Count(z => z.MeetsTarget == false);
        o.Write("<header>\n");
        o.Write($"<h1>{H(r.Title)}</h1>\n");
        o.Write($"<p class=\"sub\">Ambulance coverage by road · {H(DataDate(r))} · population: {H(r.PopulationSource)}</p>\n");
        o.Write("<div class=\"cards\">\n");
        Card(o, "people", People(all.Population), "people in the study area");
        Card(o, "covered", Share(all.CoveredShare), $"reached within their zone's standard ({People(all.Covered)} people)");
        Card(o, "not-covered", People(all.NotCovered), "people not reached in time");
        Card(o, "gaps", r.Gaps.Count.ToString(Inv), r.Gaps.Count == 1 ? "gap area" : "gap areas");
        Card(o, "zones-missing", missing == 0 ? "all" : $"{missing} of {r.Zones.Count(z => z.MeetsTarget is not null)}",
            missing == 0 ? "zones meet their target" : "zones miss their target", missing > 0 ? "bad" : "good");
        o.Write("</div>\n</header>\n");
    }

    private static void Card(TextWriter o, string key, string value, string label, string? tone = null) =>
        o.Write($"<div class=\"card{(tone is null ? string.Empty : " " + tone)}\" data-figure=\"{key}\"><div class=\"value\">{H(value)}</div><div class=\"label\">{H(label)}</div></div>\n");

    private static void WriteLegendTemplate(CoverageReport r, RoadClass[] roadClasses, TextWriter o)
    {
        o.Write("<template id=\"legend-template\"><div class=\"legend-body\">\n<h3>Map</h3>\n");
        o.Write($"<div class=\"item\"><span class=\"sym dot\" style=\"background:{BaseColour}\"></span>ambulance base</div>\n");
        if (r.Suggestions.Count > 0)
        {
            o.Write($"<div class=\"item\"><span class=\"sym dot ring\" style=\"border-color:{SuggestionColour}\"></span>suggested extra base</div>\n");
        }

        var breaks = r.Isochrones.Select(i => i.BreakMin).Order().ToArray();
        for (int i = 0; i < breaks.Length; i++)
        {
            o.Write($"<div class=\"item\"><span class=\"sym box\" style=\"background:{IsochroneColour(i)};opacity:0.6\"></span>reached within {H(Minutes(breaks[i]))}</div>\n");
        }

        o.Write("<h3>Gap areas</h3>\n");
        for (int i = GapClasses.Length - 1; i >= 0; i--)
        {
            o.Write($"<div class=\"item\"><span class=\"sym box\" style=\"background:{GapClasses[i].Colour}\"></span>{H(GapClassLabel(i))}</div>\n");
        }

        o.Write("<h3>Roads</h3>\n");
        foreach (var c in Enumerable.Reverse(roadClasses))
        {
            var (colour, width) = Road(c);
            o.Write(string.Create(Inv, $"<div class=\"item\"><span class=\"sym line\" style=\"border-top:{Math.Max(1, width):0.#}px solid {colour}\"></span>{H(RoadLabel(c))}</div>\n"));
        }

        o.Write("</div></template>\n");
    }

    private static void WriteZones(CoverageReport r, TextWriter o)
    {
        o.Write("<section id=\"zones\">\n<h2>Who is covered</h2>\n");
        o.Write("<p class=\"note\">First ambulance at the door, turnout included, judged against the standard of the zone each person lives in.</p>\n<ul class=\"findings\">\n");
        foreach (var z in r.Zones.Where(z => z.Population > 0))
        {
            string verdict = z.MeetsTarget switch
            {
                true => $"<strong class=\"good\">meets its target</strong> of {Percent(z.TargetShare!.Value)}",
                false => $"<strong class=\"bad\">misses its target</strong> of {Percent(z.TargetShare!.Value)}: {People(z.ShortOfTarget)} more people would have to be reached in time",
                _ => "has no target",
            };
            o.Write($"<li><b>{H(z.Name)}</b>: {People(z.Covered)} of {People(z.Population)} people ({Share(z.CoveredShare)}) are reached within {H(Minutes(z.StandardMin ?? 0))}; the zone {verdict}.</li>\n");
        }

        o.Write("</ul>\n<table class=\"numbers\" id=\"zone-table\">\n<thead><tr><th class=\"t\">zone</th><th class=\"t\">standard</th><th>people</th><th>covered</th><th>share</th><th>target</th><th>meets it?</th>" +
                "<th>beyond the standard</th><th>not reachable by road</th><th>no road nearby</th><th>covered by two bases</th></tr></thead>\n<tbody>\n");
        foreach (var z in r.Zones)
        {
            if (z.Population <= 0 && z == r.Zones[^1])
            {
                continue; // nobody outside the zones
            }

            ZoneRow(o, z, "zone");
        }

        o.Write("</tbody>\n<tfoot>\n");
        ZoneRow(o, r.Overall, "overall");
        o.Write("</tfoot>\n</table>\n");
        if (r.Overall.NoRoadNearby > 0)
        {
            o.Write(string.Create(Inv, $"<p class=\"note\">“No road nearby”: farther than {r.MaxSnapDistanceM:0} m from every road the ambulance can use.</p>\n"));
        }

        o.Write("</section>\n");
    }

    private static void ZoneRow(TextWriter o, ReportZone z, string kind)
    {
        string meets = z.MeetsTarget switch { true => "<span class=\"good\">yes</span>", false => "<span class=\"bad\">NO</span>", _ => "–" };
        o.Write($"<tr data-{kind}=\"{H(z.Name)}\"><th class=\"t\">{H(kind == "overall" ? "all zones" : z.Name)}</th><td class=\"t\">{(z.StandardMin is { } s ? H(Minutes(s)) : "–")}</td>" +
                $"<td data-value=\"population\">{People(z.Population)}</td><td data-value=\"covered\">{People(z.Covered)}</td><td data-value=\"share\">{Share(z.CoveredShare)}</td>" +
                $"<td>{(z.TargetShare is { } t ? Percent(t) : "–")}</td><td>{meets}</td>" +
                $"<td data-value=\"beyond\">{People(z.BeyondStandard)}</td><td data-value=\"unreachable\">{People(z.NotReachableByRoad)}</td>" +
                $"<td data-value=\"no-road\">{People(z.NoRoadNearby)}</td><td data-value=\"twice\">{People(z.CoveredTwice)}</td></tr>\n");
    }

    private static void WriteGaps(CoverageReport r, TextWriter o)
    {
        o.Write("<section id=\"gaps\">\n<h2>Where the gaps are</h2>\n");
        if (r.Gaps.Count == 0)
        {
            o.Write("<p>None: everyone is reached within the standard of the zone they live in.</p>\n</section>\n");
            return;
        }

        double total = r.Gaps.Sum(g => g.Population);
        o.Write($"<p>{People(total)} people live in {r.Gaps.Count} gap area{(r.Gaps.Count == 1 ? string.Empty : "s")} (uncovered places next to each other, joined), most people first. The darker the red on the map, the more people.</p>\n");
        o.Write("<table class=\"numbers\" id=\"gap-table\">\n<thead><tr><th class=\"t\">#</th><th class=\"t\">where</th><th class=\"t\">zone (standard)</th><th>people</th><th>first ambulance</th><th>area</th></tr></thead>\n<tbody>\n");
        foreach (var g in r.Gaps.Take(GapsListed))
        {
            o.Write(string.Create(Inv,
                $"<tr data-gap=\"{g.Rank}\"><td class=\"t\">{g.Rank}</td><td class=\"t\">{H(g.Place ?? Around(g))}</td><td class=\"t\">{H(g.Zone)} ({H(Minutes(g.StandardMin))})</td><td data-value=\"population\">{People(g.Population)}</td><td>{H(GapTimes(g))}</td><td>{g.AreaKm2:0.00} km²</td></tr>\n"));
        }

        o.Write("</tbody>\n</table>\n");
        if (r.Gaps.Count > GapsListed)
        {
            var rest = r.Gaps.Skip(GapsListed).ToArray();
            o.Write($"<p class=\"note\">… and {rest.Length} smaller areas with {People(rest.Sum(g => g.Population))} people (all of them are on the map and in gaps.geojson).</p>\n");
        }

        o.Write("</section>\n");
    }

    private static string Around(ReportGap g)
    {
        var c = g.Area.Centroid;
        return string.Create(Inv, $"around {c.Y:0.000} N, {c.X:0.000} E");
    }

    private static void WriteFixes(CoverageReport r, TextWriter o)
    {
        o.Write("<section id=\"fixes\">\n<h2>What would fix them</h2>\n");
        if (r.Gaps.Count == 0)
        {
            o.Write("<p>Nothing to fix.</p>\n</section>\n");
            return;
        }

        if (r.Suggestions.Count == 0)
        {
            o.Write("<p>No extra base was tried for this run; the largest gaps above are where one would help most.</p>\n</section>\n");
            return;
        }

        o.Write(string.Create(Inv, $"<p>One extra base (turnout {r.SuggestionTurnoutS / 60:0.#} min) tried at each of the largest gaps, at the nearest road to where its people live; everything else unchanged:</p>\n"));
        var best = r.Suggestions.MaxBy(s => s.AddedCovered)!;
        o.Write("<table class=\"numbers\" id=\"fix-table\">\n<thead><tr><th class=\"t\">extra base at</th><th class=\"t\">in gap</th><th>more people covered</th>");
        var zones = r.Zones.Select((z, i) => (z, i)).Where(x => x.z.Population > 0).ToArray();
        foreach (var (z, _) in zones)
        {
            o.Write($"<th>{H(z.Name)}: now → with it</th>");
        }

        o.Write("</tr></thead>\n<tbody>\n");
        foreach (var s in r.Suggestions)
        {
            var gap = r.Gaps.FirstOrDefault(g => g.Rank == s.GapRank);
            o.Write(string.Create(Inv,
                $"<tr data-suggestion=\"{s.GapRank}\"{(s == best ? " class=\"best\"" : string.Empty)}><td class=\"t\">{s.Lat:0.0000} N, {s.Lon:0.0000} E</td><td class=\"t\">{s.GapRank}{(gap?.Place is { } p ? " (" + H(p) + ")" : string.Empty)}</td><td data-value=\"added\">+{People(s.AddedCovered)}</td>"));
            foreach (var (z, i) in zones)
            {
                double after = s.ZoneSharesAfter[i];
                string mark = z.TargetShare is { } t && after >= t && z.CoveredShare < t ? " <span class=\"good\">meets target</span>" : string.Empty;
                o.Write($"<td>{Share(z.CoveredShare)} → {Share(after)}{mark}</td>");
            }

            o.Write("</tr>\n");
        }

        o.Write("</tbody>\n</table>\n");
        o.Write($"<p class=\"note\">A first answer, not an optimised plan: <code>emscov place</code> and <code>emscov whatif</code> compare many sites and scenarios.</p>\n</section>\n");
    }

    private static void WriteCurve(CoverageReport r, TextWriter o)
    {
        o.Write("<section id=\"curve\">\n<h2>People reached by minute</h2>\n");
        o.Write("<p class=\"note\">Share of each zone's people reached by the first ambulance within the minutes on the axis, whatever their standard; dashed lines mark the standards.</p>\n");
        o.Write(CurveSvg.Render(r));
        o.Write("</section>\n");
    }

    private static void WriteBases(CoverageReport r, TextWriter o)
    {
        o.Write("<section id=\"bases\">\n<h2>Which base each place depends on</h2>\n");
        o.Write("<table class=\"numbers\" id=\"base-table\">\n<thead><tr><th class=\"t\">base</th><th>turnout</th><th>first to arrive for</th><th>of them within their standard</th><th>would lose coverage if it were busy or closed (N-1)</th></tr></thead>\n<tbody>\n");
        foreach (var b in r.Bases)
        {
            o.Write(string.Create(Inv,
                $"<tr data-base=\"{H(b.Id)}\"><th class=\"t\">{H(b.Name)}</th><td>{b.TurnoutS / 60:0.#} min</td><td data-value=\"nearest\">{People(b.PopulationNearest)}</td><td data-value=\"nearest-covered\">{People(b.PopulationNearestAndCovered)}</td><td data-value=\"lost\">{People(b.PopulationLostIfUnavailable)}</td></tr>\n"));
        }

        o.Write("</tbody>\n</table>\n");
        o.Write($"<p>Covered by two bases within the standard (redundancy): {People(r.Overall.CoveredTwice)} people ({Share(r.Overall.Population > 0 ? r.Overall.CoveredTwice / r.Overall.Population : 0)}).</p>\n");
        o.Write("</section>\n");
    }

    /// <summary>The road classes drawn: all of them, unless their points exceed the budget (then the minor ones go).</summary>
    internal static RoadClass[] BasemapClasses(CoverageReport r, int maxRoadPoints)
    {
        var points = r.Roads.GroupBy(x => x.Class).ToDictionary(g => g.Key, g => g.Sum(x => (long)x.Line.NumPoints));
        var classes = new List<RoadClass> { RoadClass.Local, RoadClass.Main, RoadClass.Fast };
        while (classes.Count > 1 && classes.Sum(c => points.GetValueOrDefault(c)) > maxRoadPoints)
        {
            classes.RemoveAt(0);
        }

        return [.. classes];
    }

    private static void WriteFooter(CoverageReport r, RoadClass[] roadClasses, TextWriter o)
    {
        o.Write("<footer>\n");
        if (roadClasses.Length < 3)
        {
            var left = new[] { RoadClass.Local, RoadClass.Main }.Where(c => !roadClasses.Contains(c)).ToArray();
            o.Write(string.Create(Inv, $"<p id=\"roads-left-out\">The map leaves out {string.Join(" and ", left.Select(RoadLabel))} ({left.Sum(c => r.Roads.Count(x => x.Class == c)):N0} road pieces) to keep this file small; coverage.gpkg has every road.</p>\n"));
        }

        o.Write($"<p id=\"attribution\">Data: {H(r.Attribution)}. Roads from {H(r.NetworkSource)}; <span id=\"data-date\">{H(DataDate(r))}</span>, not necessarily current. Population: {H(r.PopulationSource)}.</p>\n");
        o.Write($"<p>Made with EmsCoverage. Map drawn with Leaflet {LeafletVersion} (BSD 2-Clause licence, © Volodymyr Agafonkin, CloudMade); no map tiles, no network access: the roads are the run's own network.</p>\n");
        o.Write("</footer>\n");
    }

    /// <summary>The map's data as JSON, safe inside a script element (&lt;, &gt; and &amp; are escaped).</summary>
    private static string MapData(CoverageReport r, RoadClass[] roadClasses)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("attribution", $"{r.Attribution} · {DataDate(r)}");

            w.WriteStartArray("roads");
            foreach (var c in roadClasses)
            {
                var lines = r.Roads.Where(x => x.Class == c).Select(x => x.Line).ToArray();
                if (lines.Length == 0)
                {
                    continue;
                }

                var (colour, width) = Road(c);
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                w.WriteString("class", c.ToString().ToLowerInvariant());
                w.WriteString("colour", colour);
                w.WriteNumber("width", width);
                w.WriteNumber("pieces", lines.Length);
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                GeoJsonText.WriteMultiLine(w, lines);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            var breaks = r.Isochrones.Select(i => i.BreakMin).Order().ToList();
            w.WriteStartArray("isochrones");
            foreach (var iso in r.Isochrones.OrderByDescending(i => i.BreakMin))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                w.WriteNumber("break_min", iso.BreakMin);
                w.WriteString("colour", IsochroneColour(breaks.IndexOf(iso.BreakMin)));
                w.WriteString("name", $"reached within {Minutes(iso.BreakMin)}");
                w.WriteString("label", string.Create(Inv,
                    $"Reached within {Minutes(iso.BreakMin)} from any base: {iso.AreaKm2:N1} km²{(iso.Population is { } p ? $", {People(p)} people" : string.Empty)}"));
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                GeoJsonText.WriteGeometry(w, iso.Area);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("gaps");
            foreach (var g in r.Gaps.OrderBy(g => g.Population))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                w.WriteNumber("rank", g.Rank);
                w.WriteNumber("population", Math.Round(g.Population, 1));
                w.WriteString("colour", GapColour(g.Population));
                w.WriteString("label", $"Gap {g.Rank}{(g.Place is { } p ? " · " + p : string.Empty)}: {People(g.Population)} people, zone {g.Zone} ({Minutes(g.StandardMin)} standard); {GapTimes(g)}");
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                GeoJsonText.WriteGeometry(w, g.Area);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("bases");
            foreach (var b in r.Bases)
            {
                w.WriteStartObject();
                w.WriteString("id", b.Id);
                w.WriteString("name", b.Name);
                w.WriteNumber("lon", GeoJsonText.Round(b.Lon));
                w.WriteNumber("lat", GeoJsonText.Round(b.Lat));
                w.WriteString("label", $"{b.Name}: first to arrive for {People(b.PopulationNearest)} people; {People(b.PopulationLostIfUnavailable)} would lose coverage if it were busy or closed");
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("suggestions");
            foreach (var s in r.Suggestions)
            {
                w.WriteStartObject();
                w.WriteNumber("gap_rank", s.GapRank);
                w.WriteNumber("lon", GeoJsonText.Round(s.Lon));
                w.WriteNumber("lat", GeoJsonText.Round(s.Lat));
                w.WriteString("label", $"Extra base tried at gap {s.GapRank}: +{People(s.AddedCovered)} people covered");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("base_colour", BaseColour);
            w.WriteString("suggestion_colour", SuggestionColour);
            w.WriteString("gap_outline", GapOutline);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Escapes text for HTML content and attribute values; other characters stay as they are (the page is UTF-8).</summary>
    internal static string H(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            s.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return s.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from {typeof(HtmlReport).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string DataUri(string resource)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return "data:image/png;base64," + Convert.ToBase64String(copy.ToArray());
    }

    /// <summary>leaflet.js without its source-map comment (the map file is not shipped).</summary>
    internal static string LeafletJs()
    {
        string js = Resource("leaflet.js");
        int map = js.LastIndexOf("//# sourceMappingURL=", StringComparison.Ordinal);
        return map >= 0 ? js[..map] : js;
    }

    /// <summary>
    /// leaflet.css with the layer control's icons as data: URIs (the page may load nothing else), and no default marker
    /// image (the page draws circle markers; Leaflet's image markers would need files beside the page).
    /// </summary>
    internal static string LeafletCss() => Resource("leaflet.css")
        .Replace("url(images/marker-icon.png)", "none", StringComparison.Ordinal)
        .Replace("url(images/layers.png)", $"url({DataUri("leaflet-layers.png")})", StringComparison.Ordinal)
        .Replace("url(images/layers-2x.png)", $"url({DataUri("leaflet-layers-2x.png")})", StringComparison.Ordinal);

    internal static string LeafletLicence() => Resource("leaflet-LICENSE");

    private const string PageCss = """
:root { --ink:#1d2733; --muted:#5b6775; --line:#d9dee4; --band:#0b2e59; --good:#1a7f37; --bad:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color:var(--ink); background:#fafbfc; font-size:15px; line-height:1.45; }
header { background:var(--band); color:#fff; padding:22px 32px 18px; }
header h1 { margin:0 0 4px; font-size:26px; font-weight:600; }
header .sub { margin:0 0 16px; color:#c9d6e6; font-size:14px; }
.cards { display:flex; gap:14px; flex-wrap:wrap; }
.card { background:rgba(255,255,255,0.1); border-radius:6px; padding:10px 16px; min-width:150px; }
.card .value { font-size:26px; font-weight:700; }
.card .label { font-size:13px; color:#dbe4ef; }
.card.bad .value { color:#ffb4a9; } .card.good .value { color:#a8e6b4; }
main { max-width:1280px; margin:0 auto; padding:18px 32px 8px; }
.map-section { margin:0 0 10px; }
#map { height:720px; border:1px solid var(--line); border-radius:6px; background:#f3f1ec; }
h2 { font-size:20px; margin:26px 0 8px; border-bottom:2px solid var(--band); padding-bottom:4px; }
.note { color:var(--muted); font-size:13px; }
.findings li { margin:4px 0; }
.good { color:var(--good); } .bad { color:var(--bad); }
table.numbers { border-collapse:collapse; width:100%; font-size:14px; margin:8px 0; background:#fff; }
table.numbers th, table.numbers td { border-bottom:1px solid var(--line); padding:6px 8px; text-align:right; white-space:nowrap; }
table.numbers .t { text-align:left; }
table.numbers thead th { background:#eef2f6; font-weight:600; white-space:normal; vertical-align:bottom; }
table.numbers tfoot th, table.numbers tfoot td { font-weight:700; border-top:2px solid var(--ink); }
table.numbers tr.best td { background:#f3ecfa; }
svg.curve { background:#fff; border:1px solid var(--line); border-radius:6px; max-width:100%; height:auto; }
footer { max-width:1280px; margin:0 auto; padding:8px 32px 28px; color:var(--muted); font-size:12.5px; border-top:1px solid var(--line); }
.leaflet-container { font-family:inherit; }
.legend { background:rgba(255,255,255,0.93); padding:8px 10px; border-radius:5px; box-shadow:0 1px 4px rgba(0,0,0,0.3); font-size:12.5px; line-height:1.35; }
.legend h3 { margin:6px 0 3px; font-size:12.5px; } .legend h3:first-child { margin-top:0; }
.legend .item { display:flex; align-items:center; gap:7px; margin:2px 0; }
.legend .sym { display:inline-block; width:18px; flex:none; }
.legend .box { height:12px; border:1px solid rgba(0,0,0,0.35); }
.legend .dot { height:12px; width:12px; border-radius:50%; margin:0 3px; border:2px solid #fff; box-shadow:0 0 0 1px #0b2e59; }
.legend .dot.ring { background:#fff; border:2px dashed; box-shadow:none; }
.legend .line { height:0; }
.leaflet-tooltip.base-label { font-weight:700; }

""";

    private const string PageScript = """
(function () {
  'use strict';
  var status = document.getElementById('render-status');
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var map = L.map('map', { zoomSnap: 0.25, zoomDelta: 0.5 });
  map.attributionControl.setPrefix('Leaflet ' + L.version);
  map.attributionControl.addAttribution(data.attribution.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  L.control.scale({ imperial: false }).addTo(map);

  function layerOf(features, style) {
    return L.geoJSON({ type: 'FeatureCollection', features: features }, {
      style: style,
      onEachFeature: function (f, l) { if (f.properties.label) { l.bindTooltip(f.properties.label, { sticky: true }); } }
    });
  }

  var roads = L.geoJSON({ type: 'FeatureCollection', features: data.roads }, {
    interactive: false,
    style: function (f) { return { color: f.properties.colour, weight: f.properties.width, opacity: 0.95, lineCap: 'round', lineJoin: 'round', className: 'ems-road ems-road-' + f.properties['class'] }; }
  });
  var overlays = {};
  var layers = [];
  data.isochrones.forEach(function (f) {
    var m = f.properties.break_min;
    var l = layerOf([f], function () { return { color: f.properties.colour, weight: 1.2, opacity: 0.9, fillColor: f.properties.colour, fillOpacity: 0.38, className: 'ems-iso ems-iso-' + m }; });
    l.addTo(map);
    overlays['Reached within ' + m + ' min'] = l;
    layers.push({ name: 'iso-' + m, layer: l, features: 1, cls: 'ems-iso-' + m });
  });
  // Roads above the reached areas (so the streets stay readable), below the gaps and the bases.
  roads.addTo(map);
  overlays['Roads'] = roads;
  layers.push({ name: 'roads', layer: roads, features: data.roads.length, cls: 'ems-road' });
  var gaps = layerOf(data.gaps, function (f) { return { color: data.gap_outline, weight: 0.8, opacity: 0.8, fillColor: f.properties.colour, fillOpacity: 0.85, className: 'ems-gap' }; });
  gaps.addTo(map);
  overlays['Gap areas (by people)'] = gaps;
  layers.push({ name: 'gaps', layer: gaps, features: data.gaps.length, cls: 'ems-gap' });

  var suggestions = L.layerGroup(data.suggestions.map(function (s) {
    return L.circleMarker([s.lat, s.lon], { radius: 9, color: data.suggestion_colour, weight: 3, dashArray: '4 3', fillColor: '#ffffff', fillOpacity: 0.8, className: 'ems-suggestion' })
      .bindTooltip(s.label);
  }));
  if (data.suggestions.length > 0) {
    suggestions.addTo(map);
    overlays['Extra base tried at a gap'] = suggestions;
  }
  layers.push({ name: 'suggestions', layer: suggestions, features: data.suggestions.length, cls: 'ems-suggestion' });

  var bases = L.layerGroup(data.bases.map(function (b) {
    return L.circleMarker([b.lat, b.lon], { radius: 8, color: '#ffffff', weight: 2.5, fillColor: data.base_colour, fillOpacity: 1, className: 'ems-base' })
      .bindTooltip(b.name, { permanent: true, direction: 'right', offset: [10, 0], className: 'base-label' })
      .on('mouseover', function (e) { e.target.setTooltipContent(b.label); })
      .on('mouseout', function (e) { e.target.setTooltipContent(b.name); });
  }));
  bases.addTo(map);
  overlays['Ambulance bases'] = bases;
  layers.push({ name: 'bases', layer: bases, features: data.bases.length, cls: 'ems-base' });

  L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map);
  var legend = L.control({ position: 'bottomleft' });
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'legend');
    div.appendChild(document.getElementById('legend-template').content.cloneNode(true));
    return div;
  };
  legend.addTo(map);

  var bounds = L.latLngBounds([]);
  [roads, gaps, bases].forEach(function (l) { var b = l.getBounds ? l.getBounds() : null; if (b && b.isValid()) { bounds.extend(b); } });
  data.bases.forEach(function (b) { bounds.extend([b.lat, b.lon]); });
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [12, 12] }); } else { map.setView([0, 0], 2); }

  // What was drawn, for checks in a headless browser: one element per layer with the features it holds and the
  // SVG paths Leaflet made for them.
  layers.forEach(function (x) {
    var el = document.createElement('span');
    el.setAttribute('data-layer', x.name);
    el.setAttribute('data-features', String(x.features));
    var cls = x.cls;
    el.setAttribute('data-drawn', String(document.querySelectorAll('#map path.' + cls).length));
    status.appendChild(el);
  });
  status.setAttribute('data-resources', String(performance.getEntriesByType('resource').length));
  status.setAttribute('data-csp-violations', String(window.emsBlocked.length));
  status.setAttribute('data-blocked', window.emsBlocked.join(' | '));
  status.setAttribute('data-rendered', 'true');
})();

""";
}
