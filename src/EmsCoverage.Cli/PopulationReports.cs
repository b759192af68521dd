using System.Globalization;
using System.Text.Json;
using EmsCoverage.Coverage;
using EmsCoverage.Geo;
using EmsCoverage.Geo.Gaps;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Geo.Output;
using EmsCoverage.Search;

using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>Writes a <see cref="PopulationRun"/>: summary.json, cells.csv, cells.geojson, gaps.geojson, coverage.gpkg and the planner's text.</summary>
internal static class PopulationReports
{
    public const int SchemaVersion = 1;

    /// <summary>summary.json (schema <c>emscov-population-coverage/1</c>, documented in docs/outputs.md).</summary>
    public static void WriteSummaryJson(PopulationRun run, TextWriter output, bool indented = true)
    {
        var c = run.Coverage;
        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["schema"] = $"emscov-population-coverage/{SchemaVersion}",
            ["title"] = run.Config.Title,
            ["attribution"] = Attribution(run),
            ["data_date"] = run.Loaded.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
            ["inputs_sha256"] = run.InputHashes,
            ["population_source"] = run.PopulationDescription,
            ["population_input"] = Round(run.Layer.InputPopulation, 3),
            ["demand_cells"] = run.Layer.Cells.Count,
            ["search_limit_min"] = c.SearchLimitMs / 60_000.0,
            ["access"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["max_snap_distance_m"] = run.Config.MaxSnapDistanceM,
                ["off_road_speed_kmh"] = run.Config.OffRoadSpeedKmh,
            },
            ["zones"] = c.ByZone.Select((z, i) => Zone(z, run.TargetShare(i))).ToArray(),
            ["overall"] = Zone(c.Overall, null),
            ["bases"] = run.UsedStations.Select((p, i) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = p.Station.Id,
                ["name"] = p.Station.Name,
                ["lon"] = Round(p.Station.Lon, 7),
                ["lat"] = Round(p.Station.Lat, 7),
                ["turnout_s"] = p.Station.TurnoutTime.TotalSeconds,
                ["snap_distance_m"] = Round(p.Snap!.Value.DistanceM, 1),
                ["population_nearest"] = Round(c.ByBase[i].Nearest, 1),
                ["population_nearest_and_covered"] = Round(c.ByBase[i].NearestAndCovered, 1),
                ["population_lost_if_unavailable"] = Round(c.ByBase[i].LostIfUnavailable, 1),
            }).ToArray(),
            ["bases_left_out"] = run.Stations.Where(p => p.Snap is null).Select(p => new { id = p.Station.Id, name = p.Station.Name, problem = p.Problem }).ToArray(),
            ["gaps"] = run.Gaps.Select(g => Gap(g).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)).ToArray(),
            ["suggested_bases"] = run.Suggestions.Select(f => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["gap_rank"] = f.GapRank,
                ["lon"] = Round(f.Lon, 6),
                ["lat"] = Round(f.Lat, 6),
                ["added_covered"] = Round(f.AddedCovered, 1),
                ["zone_covered_share_after"] = f.ZoneSharesAfter.Select((v, i) => (c.Zones[i].Name, Round(v, 4))).ToDictionary(x => x.Name, x => x.Item2),
            }).ToArray(),
            ["diagnostics"] = run.Diagnostics.CountByCode,
        };
        TravelReports.AddToSummary(run, summary);
        output.Write(JsonSerializer.Serialize(summary, indented ? IndentedJson : CompactJson));
        output.Write('\n');
    }

    /// <summary>cells.csv: one row per demand cell.</summary>
    public static void WriteCellsCsv(PopulationRun run, TextWriter o)
    {
        o.Write("cell,lon,lat,population,zone,standard_min,status,best_time_s,best_base,second_time_s,second_base,access_s,snap_distance_m" + TravelReports.CellsCsvHeader(run) + "\n");
        for (int i = 0; i < run.Layer.Cells.Count; i++)
        {
            var cell = run.Layer.Cells[i];
            var r = run.Coverage.Cells[i];
            o.Write(string.Create(Inv, $"{Csv(cell.Id)},{cell.Lon:0.0000000},{cell.Lat:0.0000000},{cell.Population:0.###},{Csv(run.Coverage.Zones[r.Zone].Name)},{run.Coverage.Zones[r.Zone].ThresholdMs / 60_000.0:0.##},{StatusWord(r.Status)},"));
            o.Write(Seconds(r.Times.BestMs));
            o.Write(',');
            o.Write(BaseId(run, r.Times.BestSource));
            o.Write(',');
            o.Write(Seconds(r.Times.SecondMs));
            o.Write(',');
            o.Write(BaseId(run, r.Times.SecondSource));
            o.Write(',');
            o.Write((r.AccessMs / 1000.0).ToString("0.#", Inv));
            o.Write(',');
            o.Write(double.IsNaN(r.SnapDistanceM) ? string.Empty : r.SnapDistanceM.ToString("0.0", Inv));
            o.Write(TravelReports.CellsCsvRow(run, i));
            o.Write('\n');
        }
    }

    /// <summary>cells.geojson: each demand cell's footprint (or a disc for bare points) with its figures.</summary>
    public static void WriteCellsGeoJson(PopulationRun run, Stream output)
    {
        using var w = new GeoJsonFeatureWriter(output, Members(run, "cells"));
        for (int i = 0; i < run.Layer.Cells.Count; i++)
        {
            var cell = run.Layer.Cells[i];
            var shape = cell.Footprint >= 0
                ? GapAreas.CellShape(run.Layer, cell, 0, GeometryFactories.Wgs84)
                : GeometryFactories.Wgs84.CreatePoint(new NetTopologySuite.Geometries.Coordinate(cell.Lon, cell.Lat));
            w.Write(shape, CellProperties(run, i));
        }
    }

    internal static List<KeyValuePair<string, object?>> CellProperties(PopulationRun run, int i)
    {
        var cell = run.Layer.Cells[i];
        var r = run.Coverage.Cells[i];
        return
        [
            new("cell", cell.Id),
            new("population", Round(cell.Population, 3)),
            new("zone", run.Coverage.Zones[r.Zone].Name),
            new("standard_min", run.Coverage.Zones[r.Zone].ThresholdMs / 60_000.0),
            new("status", StatusWord(r.Status)),
            new("best_time_min", Minutes(r.Times.BestMs)),
            new("best_base", BaseIdOrNull(run, r.Times.BestSource)),
            new("second_time_min", Minutes(r.Times.SecondMs)),
            new("second_base", BaseIdOrNull(run, r.Times.SecondSource)),
        ];
    }

    /// <summary>gaps.geojson: dissolved gap areas, largest population first.</summary>
    public static void WriteGapsGeoJson(PopulationRun run, Stream output)
    {
        using var w = new GeoJsonFeatureWriter(output, Members(run, "gaps"));
        foreach (var g in run.Gaps)
        {
            w.Write(g.Area, Gap(g).Where(kv => kv.Key is not "lon" and not "lat"));
        }
    }

    /// <summary>The layers of coverage.gpkg, in the order they are written (documented in docs/outputs.md).</summary>
    internal static class GpkgLayers
    {
        public static readonly GeoPackageLayer Bases = new("bases", GeoPackageGeometryType.Point,
        [
            Text("id"), Text("name"), Real("turnout_s"), Real("snap_distance_m"), Real("population_nearest"),
            Real("population_nearest_and_covered"), Real("population_lost_if_unavailable"),
        ], "Ambulance bases used in the run, at their given position, with the people each reaches first and the people lost if it is unavailable (N-1)");

        private static readonly GeoPackageColumn[] CellColumns =
        [
            Text("cell"), Real("population"), Text("zone"), Real("standard_min"), Text("status"), Real("best_time_min"),
            Text("best_base"), Real("second_time_min"), Text("second_base"),
        ];

        public static readonly GeoPackageLayer Cells = new("cells", GeoPackageGeometryType.MultiPolygon, CellColumns,
            "Demand cells with a footprint (raster cell, hexagon piece, square of buildings): people, zone, status and arrival times in minutes");

        public static readonly GeoPackageLayer CellPoints = new("cell_points", GeoPackageGeometryType.Point, CellColumns,
            "Demand cells given as bare points (no footprint): people, zone, status and arrival times in minutes");

        public static readonly GeoPackageLayer Gaps = new("gaps", GeoPackageGeometryType.MultiPolygon,
        [
            Integer("rank"), Real("population"), Text("zone"), Integer("cells"), Real("best_time_min"), Real("worst_time_min"),
            Real("unreachable_population"), Real("area_km2"),
        ], "Gap areas: dissolved uncovered demand cells, rank 1 with the most people");

        public static readonly GeoPackageLayer Roads = new("roads", GeoPackageGeometryType.LineString,
        [
            Integer("arc"), Integer("twin_arc"), Integer("osm_way_id"), Integer("oneway"), Real("length_m"), Real("time_s"),
            Real("time_reverse_s"), Real("speed_kmh"), Integer("component"),
        ], "Road network as searched, one line per road piece (both directions of a two-way road in one feature), with ambulance travel time and speed");

        /// <summary>The "isochrones" layer (<see cref="IsochroneGeoPackage.Layer"/>, union areas: break_min, area_km2,
        /// population).</summary>
        public const string IsochronesDescription =
            "Areas reached from any base within each zone standard (break_min), drawn from the run's own search and access leg, with their area and the people inside";

        private static GeoPackageColumn Text(string name) => new(name, GeoPackageColumnType.Text);

        private static GeoPackageColumn Real(string name) => new(name, GeoPackageColumnType.Real);

        private static GeoPackageColumn Integer(string name) => new(name, GeoPackageColumnType.Integer);
    }

    /// <summary>
    /// coverage.gpkg: the run's layers for GIS tools (<see cref="GpkgLayers"/>). <paramref name="path"/> must not exist
    /// yet; the counts of the features written per layer are returned.
    /// </summary>
    public static IReadOnlyDictionary<string, int> WriteGeoPackage(PopulationRun run, string path)
    {
        var factory = GeometryFactories.Wgs84;
        var (isochrones, isochroneToleranceM) = UnionIsochrones(run);
        var provenance = new GeoPackageProvenance(Attribution(run),
            run.Loaded.Description.DataDate is { } d ? DateOnly.FromDateTime(d.DateTime) : null)
        {
            Metadata =
            [
                new("schema", $"emscov-population-coverage/{SchemaVersion}"),
                new("title", run.Config.Title),
                new("population_source", run.PopulationDescription),
                new("isochrones_tolerance_m", isochroneToleranceM.ToString(Inv)),
                .. run.InputHashes.Select(kv => new KeyValuePair<string, string?>($"sha256:{kv.Key}", kv.Value)),
            ],
        };
        using var gpkg = new GeoPackageWriter(path, provenance);

        var c = run.Coverage;
        var bases = gpkg.AddLayer(GpkgLayers.Bases);
        for (int i = 0; i < run.UsedStations.Count; i++)
        {
            var p = run.UsedStations[i];
            bases.Add(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(p.Station.Lon, p.Station.Lat)),
            [
                p.Station.Id, p.Station.Name, p.Station.TurnoutTime.TotalSeconds, Round(p.Snap!.Value.DistanceM, 1),
                Round(c.ByBase[i].Nearest, 1), Round(c.ByBase[i].NearestAndCovered, 1), Round(c.ByBase[i].LostIfUnavailable, 1),
            ]);
        }

        // One geometry type per layer: footprints in "cells"; bare points (and a footprint that degenerates to
        // nothing) in "cell_points", which is only written when there are any.
        var cells = gpkg.AddLayer(GpkgLayers.Cells);
        GeoPackageLayerWriter? cellPoints = null;
        for (int i = 0; i < run.Layer.Cells.Count; i++)
        {
            var cell = run.Layer.Cells[i];
            var values = CellProperties(run, i).Select(kv => kv.Value).ToArray();
            var shape = cell.Footprint >= 0 ? GapAreas.CellShape(run.Layer, cell, 0, factory) : null;
            if (shape is { IsEmpty: false })
            {
                cells.Add(shape, values);
            }
            else
            {
                cellPoints ??= gpkg.AddLayer(GpkgLayers.CellPoints);
                cellPoints.Add(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(cell.Lon, cell.Lat)), values);
            }
        }

        var gaps = gpkg.AddLayer(GpkgLayers.Gaps);
        foreach (var g in run.Gaps)
        {
            var properties = Gap(g).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            gaps.Add(g.Area, GpkgLayers.Gaps.Columns.Select(col => properties[col.Name]).ToArray());
        }

        var roads = gpkg.AddLayer(GpkgLayers.Roads);
        var net = run.Loaded.Network;
        for (int arc = 0; arc < net.ArcCount; arc++)
        {
            int twin = net.ArcTwin(arc);
            if (twin != Graph.RoadNetwork.NoArc && twin < arc)
            {
                continue; // written with its twin
            }

            var points = new NetTopologySuite.Geometries.Coordinate[net.ArcShapePointCount(arc)];
            for (int k = 0; k < points.Length; k++)
            {
                var (lat, lon) = net.ArcShapePoint(arc, k);
                points[k] = new NetTopologySuite.Geometries.Coordinate(lon, lat);
            }

            double lengthM = net.ArcLengthM(arc);
            int timeMs = net.ArcTravelTimeMs(arc);
            int tail = net.NodeComponent(net.ArcTail(arc));
            roads.Add(factory.CreateLineString(points),
            [
                arc, twin == Graph.RoadNetwork.NoArc ? null : twin, net.ArcWayId(arc), twin == Graph.RoadNetwork.NoArc,
                Round(lengthM, 1), timeMs / 1000.0, twin == Graph.RoadNetwork.NoArc ? null : net.ArcTravelTimeMs(twin) / 1000.0,
                timeMs > 0 ? Round(lengthM / timeMs * 3600.0, 1) : null,
                tail == net.NodeComponent(net.ArcHead(arc)) ? tail : -1,
            ]);
        }

        int isochroneCount = IsochroneGeoPackage.AddLayer(gpkg, isochrones, null, GpkgLayers.IsochronesDescription);
        gpkg.Finish();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [IsochroneGeoPackage.LayerName] = isochroneCount,
            [GpkgLayers.Bases.Name] = bases.Count,
            [GpkgLayers.Cells.Name] = cells.Count,
            [GpkgLayers.Gaps.Name] = gaps.Count,
            [GpkgLayers.Roads.Name] = roads.Count,
        };
        if (cellPoints is not null)
        {
            counts[GpkgLayers.CellPoints.Name] = cellPoints.Count;
        }

        return counts;
    }

    /// <summary>
    /// Union isochrones at each zone standard (and the standard outside the zones), from the run's bases and access leg,
    /// with the people inside; the tolerance starts at the default and doubles when the grid would be too large.
    /// </summary>
    private static (IReadOnlyList<IsochronePolygon> Polygons, double ToleranceM) UnionIsochrones(PopulationRun run)
    {
        var breaks = run.Config.Zones.Select(z => z.StandardMs).Append(run.Config.DefaultStandardMs).Distinct().Order()
            .Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray();
        var access = new AccessLeg(run.Config.MaxSnapDistanceM, run.Config.OffRoadSpeedKmh);
        for (double toleranceM = IsochroneOptions.DefaultToleranceM; ; toleranceM *= 2)
        {
            try
            {
                var options = new IsochroneOptions(breaks) { ToleranceM = toleranceM, Access = access };
                return (IsochroneBuilder.Build(run.Loaded.Network, run.Inputs.Sources, options, run.Layer), toleranceM);
            }
            catch (ArgumentException) when (toleranceM < 5000)
            {
                // The grid would be too large for this extent: trace on a coarser one.
            }
        }
    }

    /// <summary>The readable summary: who is covered, where the gaps are, which base each place depends on.</summary>
    public static void WriteText(PopulationRun run, TextWriter o)
    {
        var c = run.Coverage;
        o.WriteLine($"EmsCoverage: {run.Config.Title ?? "population coverage by road"}");
        o.WriteLine($"Data: {run.Loaded.Description.SourceName} ({DataDate(run)}); population: {run.PopulationDescription}.");
        o.WriteLine($"{Attribution(run)}.");
        o.WriteLine(string.Create(Inv, $"Bases: {string.Join("; ", run.UsedStations.Select(p => $"{p.Station.Name} (turnout {p.Station.TurnoutTime:m\\:ss})"))}."));
        foreach (var p in run.Stations.Where(p => p.Snap is null))
        {
            o.WriteLine($"  Left out: {p.Station.Name}: {p.Problem}");
        }

        foreach (var d in run.Diagnostics.Items.Where(x => x.Code == Osm.OsmDiagnosticCodes.StationAirRescueExcluded))
        {
            o.WriteLine($"  Left out as not a road base: {d.Message}");
        }

        o.WriteLine();
        o.WriteLine("Who is covered (first ambulance at the door, turnout included):");
        int nameWidth = Math.Max(10, c.ByZone.Max(z => z.Name.Length)) + 2;
        o.WriteLine($"  {"zone".PadRight(nameWidth)}{"standard",9}{"people",10}{"covered",20}{"not covered",13}{"target",8}  meets it?");
        for (int i = 0; i < c.ByZone.Count; i++)
        {
            var z = c.ByZone[i];
            if (z.Population <= 0 && i == c.ByZone.Count - 1)
            {
                continue; // nobody outside the zones
            }

            double target = run.TargetShare(i);
            o.WriteLine(string.Create(Inv,
                $"  {z.Name.PadRight(nameWidth)}{Std(z.ThresholdMs),9}{z.Population,10:N0}{$"{z.Covered:N0} ({Share(z.Covered, z.Population)})",20}{z.Population - z.Covered,13:N0}{target,8:0 %}  {(z.Population <= 0 ? "–" : z.CoveredShare >= target ? "yes" : "NO")}"));
        }

        var all = c.Overall;
        o.WriteLine(string.Create(Inv, $"  {"all".PadRight(nameWidth)}{string.Empty,9}{all.Population,10:N0}{$"{all.Covered:N0} ({Share(all.Covered, all.Population)})",20}{all.Population - all.Covered,13:N0}"));
        if (all.NoRoadNearby + all.NotReachableByRoad > 0)
        {
            o.WriteLine(string.Create(Inv,
                $"  Of those not covered, {all.NoRoadNearby:N0} live more than {run.Config.MaxSnapDistanceM:0} m from a road and {all.NotReachableByRoad:N0} by roads no base reaches."));
        }

        o.Write("  People reached within");
        foreach (int m in new[] { 5, 10, 15, 20, 30, 45, 60 })
        {
            o.Write(string.Create(Inv, $"  {m} min: {Share(all.PopulationWithinMinute[m], all.Population)}"));
        }

        o.WriteLine();
        o.WriteLine();
        if (run.Gaps.Count == 0)
        {
            o.WriteLine("Gaps: none. Everyone is reached within the standard of the zone they live in.");
        }
        else
        {
            o.WriteLine($"Where the gaps are ({run.Gaps.Count} area{(run.Gaps.Count == 1 ? string.Empty : "s")}, most people first):");
            foreach (var g in run.Gaps.Take(10))
            {
                string times = g.BestTimeMs == SearchWorkspace.Unreached ? "not reachable by road"
                    : g.BestTimeMs == g.WorstTimeMs ? $"{Minutes(g.BestTimeMs):0.#} min by road"
                    : string.Create(Inv, $"{Minutes(g.BestTimeMs):0.#}–{Minutes(g.WorstTimeMs):0.#} min by road");
                string place = PlaceName(run, g);
                o.WriteLine(string.Create(Inv,
                    $"  {g.Rank,2}. {g.Population,8:N0} people{place}, zone {g.Zone} (standard {Std(ZoneThreshold(run, g.Zone))}): {times}; around {g.Area.Centroid.Y:0.0000} N, {g.Area.Centroid.X:0.0000} E"));
            }

            if (run.Gaps.Count > 10)
            {
                o.WriteLine(string.Create(Inv, $"  … and {run.Gaps.Count - 10} smaller areas with {run.Gaps.Skip(10).Sum(g => g.Population):N0} people (gaps.geojson has them all)."));
            }
        }

        o.WriteLine();
        o.WriteLine("Which base each place depends on:");
        for (int i = 0; i < run.UsedStations.Count; i++)
        {
            var b = c.ByBase[i];
            o.WriteLine(string.Create(Inv,
                $"  {run.UsedStations[i].Station.Name}: first to arrive for {b.Nearest:N0} people, {b.NearestAndCovered:N0} of them within their standard; {b.LostIfUnavailable:N0} would lose coverage if this base were busy or closed."));
        }

        o.WriteLine(string.Create(Inv, $"  Covered by two bases within the standard (redundancy): {all.CoveredTwice:N0} people ({Share(all.CoveredTwice, all.Population)})."));
        if (run.Suggestions.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"What would close the gaps (one extra base, turnout {run.Config.DefaultTurnout:m\\:ss}, tried at each of the largest gaps):");
            foreach (var f in run.Suggestions)
            {
                var gap = run.Gaps.First(g => g.Rank == f.GapRank);
                string zones = string.Join(", ", c.ByZone.Select((z, i) => (z, i)).Where(x => x.z.Population > 0)
                    .Select(x => string.Create(Inv, $"{x.z.Name} {x.z.CoveredShare:0.0 %} → {f.ZoneSharesAfter[x.i]:0.0 %}")));
                o.WriteLine(string.Create(Inv,
                    $"  A base at {f.Lat:0.0000} N, {f.Lon:0.0000} E (gap {f.GapRank}{PlaceName(run, gap)}) would cover {f.AddedCovered:N0} more people: {zones}."));
            }
        }

        var missing = run.ZonesMissingTarget().ToList();
        o.WriteLine();
        o.WriteLine(missing.Count == 0
            ? "Every zone meets its target."
            : $"Zones below target: {string.Join(", ", missing.Select(z => z.Name))}. The gap list above shows where a new or moved base would help most.");
        TravelReports.WriteText(run, o);
    }

    internal static SortedDictionary<string, object?> Zone(ZoneCoverage z, double? target) => new(StringComparer.Ordinal)
    {
        ["name"] = z.Name,
        ["standard_min"] = z.ThresholdMs > 0 ? z.ThresholdMs / 60_000.0 : null,
        ["target_share"] = target,
        ["meets_target"] = target is { } t && z.Population > 0 ? z.CoveredShare >= t : null,
        ["population"] = Round(z.Population, 1),
        ["covered"] = Round(z.Covered, 1),
        ["covered_share"] = Round(z.CoveredShare, 4),
        ["beyond_standard"] = Round(z.BeyondStandard, 1),
        ["not_reachable_by_road"] = Round(z.NotReachableByRoad, 1),
        ["no_road_nearby"] = Round(z.NoRoadNearby, 1),
        ["covered_by_two_bases"] = Round(z.CoveredTwice, 1),
        ["population_within_minute"] = z.PopulationWithinMinute.Select(v => Round(v, 1)).ToArray(),
    };

    internal static List<KeyValuePair<string, object?>> Gap(GapArea g) =>
    [
        new("rank", g.Rank),
        new("population", Round(g.Population, 1)),
        new("zone", g.Zone),
        new("cells", g.CellCount),
        new("best_time_min", Minutes(g.BestTimeMs)),
        new("worst_time_min", Minutes(g.WorstTimeMs)),
        new("unreachable_population", Round(g.UnreachablePopulation, 1)),
        new("area_km2", Round(g.AreaKm2, 4)),
        new("lon", Round(g.Area.Centroid.X, 6)),
        new("lat", Round(g.Area.Centroid.Y, 6)),
    ];

    private static Dictionary<string, object?> Members(PopulationRun run, string layer) => new()
    {
        ["name"] = layer,
        ["attribution"] = Attribution(run),
        ["data_date"] = run.Loaded.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
        ["inputs_sha256"] = run.InputHashes,
    };

    private static string Attribution(PopulationRun run) => run.Inputs.Attribution;

    private static string DataDate(PopulationRun run) => run.Inputs.DataDate;

    private static string PlaceName(PopulationRun run, GapArea g) => ReportOutputs.Place(run, g) is { } place ? $" in {place}" : string.Empty;

    private static int ZoneThreshold(PopulationRun run, string zone) => run.Coverage.Zones.First(z => z.Name == zone).ThresholdMs;

    private static string StatusWord(CellStatus s) => s switch
    {
        CellStatus.Covered => "covered",
        CellStatus.BeyondStandard => "beyond_standard",
        CellStatus.NotReachableByRoad => "not_reachable_by_road",
        _ => "no_road_nearby",
    };

    private static string Seconds(int ms) => ms == SearchWorkspace.Unreached ? string.Empty : (ms / 1000.0).ToString("0.###", Inv);

    private static double? Minutes(int ms) => ms == SearchWorkspace.Unreached ? null : Math.Round(ms / 60_000.0, 3);

    private static string BaseId(PopulationRun run, int source) => source < 0 ? string.Empty : Csv(run.UsedStations[source].Station.Id);

    private static string? BaseIdOrNull(PopulationRun run, int source) => source < 0 ? null : run.UsedStations[source].Station.Id;

    private static string Std(int ms) => ms <= 0 ? string.Empty : string.Create(Inv, $"{ms / 60_000.0:0.#} min");
}
