using EmsCoverage.Coverage;
using EmsCoverage.Geo;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Graph;
using EmsCoverage.Reporting;
using EmsCoverage.Search;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Cli;

/// <summary>
/// The reports people look at, beside the machine outputs of a population coverage run: <c>report.html</c> (one
/// offline page) and the slides' <c>map.png</c> and <c>coverage-chart.png</c>. Fills the reporting project's
/// <see cref="CoverageReport"/> from the run; the drawing lives in EmsCoverage.Reporting.
/// </summary>
internal static class ReportOutputs
{
    public const string HtmlFile = "report.html";
    public const string MapFile = "map.png";
    public const string ChartFile = "coverage-chart.png";

    /// <summary>The file names written by <see cref="Write"/>.</summary>
    public static readonly string[] Files = [HtmlFile, MapFile, ChartFile];

    /// <summary>Writes report.html, map.png and coverage-chart.png into <paramref name="output"/> (committed with the run's other files).</summary>
    public static void Write(PopulationRun run, AtomicOutput output)
    {
        var report = Build(run);
        output.Write(HtmlFile, w => HtmlReport.Write(report, w));
        output.WriteBytes(MapFile, s => PngReport.WriteMap(report, s));
        output.WriteBytes(ChartFile, s => PngReport.WriteChart(report, s));
    }

    /// <summary>The report model of a run; draws the areas reached within the zones' standards (union of all bases).</summary>
    public static CoverageReport Build(PopulationRun run)
    {
        var c = run.Coverage;
        var config = run.Config;
        var network = run.Loaded.Network;
        var zones = c.ByZone.Select((z, i) => Zone(z, run.TargetShare(i))).ToArray();

        // The standards people live under (the default zone's only when someone lives outside every zone).
        int[] breaksMs = c.ByZone.Where(z => z.Population > 0 && z.ThresholdMs > 0).Select(z => z.ThresholdMs).Distinct().Order().ToArray();
        if (breaksMs.Length == 0)
        {
            breaksMs = [c.Zones[^1].ThresholdMs];
        }

        var polygons = IsochroneBuilder.Build(network, run.Inputs.Sources,
            new IsochroneOptions(breaksMs.Select(b => TimeSpan.FromMilliseconds(b)))
            {
                Mode = IsochroneMode.Union,
                Access = new AccessLeg(config.MaxSnapDistanceM, config.OffRoadSpeedKmh),
            },
            run.Layer);

        return new CoverageReport
        {
            Title = config.Title ?? "Ambulance coverage by road",
            Attribution = run.Inputs.Attribution,
            DataDate = run.Loaded.Description.DataDate is { } d ? DateOnly.FromDateTime(d.UtcDateTime) : null,
            NetworkSource = run.Loaded.Description.SourceName,
            PopulationSource = run.PopulationDescription,
            Zones = zones,
            Overall = Zone(c.Overall, null),
            Bases = run.UsedStations.Select((p, i) => new ReportBase(p.Station.Id, p.Station.Name, p.Station.Lon, p.Station.Lat,
                p.Station.TurnoutTime.TotalSeconds, c.ByBase[i].Nearest, c.ByBase[i].NearestAndCovered, c.ByBase[i].LostIfUnavailable)).ToArray(),
            Gaps = run.Gaps.Select(g => new ReportGap(g.Rank, Place(run, g), g.Zone,
                c.Zones.First(z => z.Name == g.Zone).ThresholdMs / 60_000.0, g.Population, Minutes(g.BestTimeMs), Minutes(g.WorstTimeMs),
                g.UnreachablePopulation, g.AreaKm2, g.Area)).ToArray(),
            Suggestions = run.Suggestions.Select(s => new ReportSuggestion(s.GapRank, s.Lon, s.Lat, s.AddedCovered, s.ZoneSharesAfter)).ToArray(),
            SuggestionTurnoutS = config.DefaultTurnout.TotalSeconds,
            Isochrones = polygons.Select(p => new ReportIsochrone(p.Break.TotalMinutes, p.Area, p.AreaKm2, p.Population)).ToArray(),
            Roads = Roads(network),
            MaxSnapDistanceM = config.MaxSnapDistanceM,
        };
    }

    /// <summary>Every road piece once (a two-way road with its twin), classed by the ambulance's speed on it.</summary>
    internal static ReportRoad[] Roads(RoadNetwork net)
    {
        var factory = GeometryFactories.Wgs84;
        var roads = new List<ReportRoad>(net.ArcCount / 2);
        for (int arc = 0; arc < net.ArcCount; arc++)
        {
            int twin = net.ArcTwin(arc);
            if (twin != RoadNetwork.NoArc && twin < arc)
            {
                continue; // drawn with its twin
            }

            var points = new Coordinate[net.ArcShapePointCount(arc)];
            for (int k = 0; k < points.Length; k++)
            {
                var (lat, lon) = net.ArcShapePoint(arc, k);
                points[k] = new Coordinate(lon, lat);
            }

            int timeMs = net.ArcTravelTimeMs(arc);
            double speedKmh = timeMs > 0 ? net.ArcLengthM(arc) / timeMs * 3600.0 : 0;
            roads.Add(new ReportRoad(ReportRoad.ClassFor(speedKmh), factory.CreateLineString(points)));
        }

        return [.. roads];
    }

    private static ReportZone Zone(ZoneCoverage z, double? target) => new(z.Name, z.ThresholdMs > 0 ? z.ThresholdMs / 60_000.0 : null, target,
        z.Population, z.Covered, z.BeyondStandard, z.NotReachableByRoad, z.NoRoadNearby, z.CoveredTwice, z.PopulationWithinMinute.ToArray());

    private static double? Minutes(int ms) => ms == SearchWorkspace.Unreached ? null : ms / 60_000.0;

    /// <summary>The place a gap is in: OSM-derived cells are named "&lt;area&gt;/&lt;i&gt;,&lt;j&gt;", and the area most of its people live in names it (null for other cells).</summary>
    // OSM-derived cells are named "<area>/<i>,<j>": the area most of a gap's people live in names the gap.
    internal static string? Place(PopulationRun run, Geo.Gaps.GapArea g)
    {
        var names = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (int i in g.Cells)
        {
            var cell = run.Layer.Cells[i];
            int slash = cell.Id.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                string name = cell.Id[..slash];
                names[name] = names.GetValueOrDefault(name) + cell.Population;
            }
        }

        return names.Count == 0 ? null : names.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key;
    }
}
