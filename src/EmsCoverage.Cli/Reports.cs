using System.Globalization;
using System.Text.Json;
using EmsCoverage.Diagnostics;
using EmsCoverage.Search;

using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>Writes a <see cref="CoverageRun"/> as JSON, CSV and plain text. All machine formats are culture-invariant.</summary>
internal static class Reports
{
    public const string OsmAttribution = "© OpenStreetMap contributors, ODbL 1.0";
    public const int SummarySchemaVersion = 1;

    /// <summary>summary.json: schema documented in docs/summary-schema.md.</summary>
    public static void WriteSummaryJson(CoverageRun run, TextWriter output, bool indented = true)
    {
        var net = run.Network;
        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["schema"] = $"emscov-coverage-summary/{SummarySchemaVersion}",
            ["attribution"] = OsmAttribution,
            ["network"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["source"] = run.Description.SourceName,
                ["source_sha256"] = run.Description.SourceSha256,
                ["profile_sha256"] = run.Description.ProfileSha256,
                ["data_date"] = run.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
                ["nodes"] = net.NodeCount,
                ["arcs"] = net.ArcCount,
                ["components"] = net.ComponentCount,
                ["main_component_nodes"] = net.LargestComponentNodeCount,
                ["road_km"] = Round(run.RoadLengthM / 1000, 3),
                ["main_component_road_km"] = Round(run.MainRoadLengthM / 1000, 3),
            },
            ["thresholds_min"] = run.ThresholdsMs.Select(ms => ms / 60_000.0).ToArray(),
            ["max_snap_distance_m"] = run.MaxSnapDistanceM,
            ["stations"] = run.Stations.Select(p => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = p.Station.Id,
                ["name"] = p.Station.Name,
                ["origin"] = p.Station.Origin,
                ["lon"] = Round(p.Station.Lon, 7),
                ["lat"] = Round(p.Station.Lat, 7),
                ["turnout_s"] = p.Station.TurnoutTime.TotalSeconds,
                ["used"] = p.Snap is not null,
                ["snap_distance_m"] = p.Snap is { } s ? Round(s.DistanceM, 1) : null,
                ["problem"] = p.Problem,
            }).ToArray(),
            ["reach"] = run.Reach.Select(r => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["threshold_min"] = r.ThresholdMs / 60_000.0,
                ["nodes_reached"] = r.NodesReached,
                ["road_km_reached"] = Round(r.RoadLengthReachedM / 1000, 3),
                ["road_share_reached"] = run.RoadLengthM > 0 ? Round(r.RoadLengthReachedM / run.RoadLengthM, 4) : 0,
                ["per_station"] = run.UsedStations.Select((p, i) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["id"] = p.Station.Id,
                    ["nodes_nearest"] = r.NodesNearestBySource[i],
                    ["road_km_nearest"] = Round(r.RoadLengthNearestBySourceM[i] / 1000, 3),
                }).ToArray(),
            }).ToArray(),
            ["points"] = run.Points.Count == 0 ? null : new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["count"] = run.Points.Count,
                ["not_snapped"] = run.Points.Count(p => p.Snap is null),
                ["within_threshold"] = run.ThresholdsMs.ToDictionary(
                    ms => (ms / 60_000.0).ToString(Inv), ms => run.Points.Count(p => p.Times.BestMs <= ms)),
            },
            ["diagnostics"] = run.Diagnostics.CountByCode,
        };
        output.Write(JsonSerializer.Serialize(summary, indented ? IndentedJson : CompactJson));
        output.Write('\n');
    }

    /// <summary>nodes.csv: every network node with its best and second-best base.</summary>
    public static void WriteNodesCsv(CoverageRun run, TextWriter output)
    {
        var ws = run.Workspace;
        output.Write("node,lon,lat,component,best_time_ms,best_station,second_time_ms,second_station\n");
        for (int n = 0; n < run.Network.NodeCount; n++)
        {
            output.Write(string.Create(Inv, $"{n},{run.Network.NodeLon(n):0.0000000},{run.Network.NodeLat(n):0.0000000},{run.Network.NodeComponent(n)},"));
            WriteTimeAndStation(run, output, ws.BestTimeMs(n), ws.BestSource(n));
            output.Write(',');
            WriteTimeAndStation(run, output, ws.SecondTimeMs(n), ws.SecondSource(n));
            output.Write('\n');
        }
    }

    /// <summary>points.csv: the asked-for points with their drive times.</summary>
    public static void WritePointsCsv(CoverageRun run, TextWriter output)
    {
        output.Write("id,lon,lat,snap_distance_m,best_time_ms,best_station,second_time_ms,second_station,problem\n");
        foreach (var p in run.Points)
        {
            output.Write(string.Create(Inv, $"{Csv(p.Point.Id)},{p.Point.Lon:0.0000000},{p.Point.Lat:0.0000000},"));
            output.Write(p.Snap is { } s ? s.DistanceM.ToString("0.0", Inv) : string.Empty);
            output.Write(',');
            WriteTimeAndStation(run, output, p.Times.BestMs, p.Times.BestSource);
            output.Write(',');
            WriteTimeAndStation(run, output, p.Times.SecondMs, p.Times.SecondSource);
            output.Write(',');
            output.Write(Csv(p.Problem ?? (p.Times.BestMs == SearchWorkspace.Unreached ? "beyond the largest threshold" : string.Empty)));
            output.Write('\n');
        }
    }

    /// <summary>The readable summary a planner sees first.</summary>
    public static void WriteText(CoverageRun run, TextWriter o)
    {
        var net = run.Network;
        string date = run.Description.DataDate is { } d ? $"OpenStreetMap data of {d:yyyy-MM-dd}, not current" : "OpenStreetMap data of unknown date";
        o.WriteLine("EmsCoverage: who can an ambulance reach in time, by road");
        o.WriteLine($"Data: {run.Description.SourceName} ({date}). {OsmAttribution}.");
        o.WriteLine(string.Create(Inv,
            $"Road network: {net.NodeCount:N0} junctions and dead ends, {run.RoadLengthM / 1000:N1} km of road an ambulance may drive ({Share(run.MainRoadLengthM, run.RoadLengthM)} in the main connected network)."));
        o.WriteLine();
        o.WriteLine($"Ambulance bases used ({run.UsedStations.Count}):");
        foreach (var p in run.UsedStations)
        {
            o.WriteLine(string.Create(Inv, $"  {p.Station.Name}: on the road {p.Snap!.Value.DistanceM:0} m from the base, turnout {Minutes(p.Station.TurnoutTime)}"));
        }

        var left = run.Stations.Where(p => p.Snap is null).ToList();
        if (left.Count > 0)
        {
            o.WriteLine($"Bases left out ({left.Count}):");
            foreach (var p in left)
            {
                o.WriteLine($"  {p.Station.Name}: {p.Problem}");
            }
        }

        foreach (var diag in run.Diagnostics.Items.Where(x => x.Code == Osm.OsmDiagnosticCodes.StationAirRescueExcluded))
        {
            o.WriteLine($"  Left out as not a road base: {diag.Message} (--include-air-bases keeps it)");
        }

        o.WriteLine();
        o.WriteLine("Road reached by the first ambulance (turnout included):");
        int nameWidth = Math.Max(12, run.UsedStations.Max(p => p.Station.Name.Length) + 4);
        o.Write("".PadRight(nameWidth));
        foreach (var r in run.Reach)
        {
            o.Write($"within {r.ThresholdMs / 60_000.0:0.#} min".PadLeft(24));
        }

        o.WriteLine();
        o.Write("  All bases".PadRight(nameWidth));
        foreach (var r in run.Reach)
        {
            o.Write(string.Create(Inv, $"{r.RoadLengthReachedM / 1000:N1} km ({Share(r.RoadLengthReachedM, run.RoadLengthM)})").PadLeft(24));
        }

        o.WriteLine();
        if (run.UsedStations.Count > 1)
        {
            for (int i = 0; i < run.UsedStations.Count; i++)
            {
                o.Write($"    {run.UsedStations[i].Station.Name} first".PadRight(nameWidth));
                foreach (var r in run.Reach)
                {
                    o.Write(string.Create(Inv, $"{r.RoadLengthNearestBySourceM[i] / 1000:N1} km").PadLeft(24));
                }

                o.WriteLine();
            }
        }

        o.Write("  Junctions reached".PadRight(nameWidth));
        foreach (var r in run.Reach)
        {
            o.Write(string.Create(Inv, $"{r.NodesReached:N0} of {net.NodeCount:N0}").PadLeft(24));
        }

        o.WriteLine();
        var last = run.Reach[^1];
        o.WriteLine();
        o.WriteLine(string.Create(Inv,
            $"Gap: {(run.RoadLengthM - last.RoadLengthReachedM) / 1000:N1} km of road ({Share(run.RoadLengthM - last.RoadLengthReachedM, run.RoadLengthM)}) is more than {last.ThresholdMs / 60_000.0:0.#} min from every base."));
        if (run.Points.Count > 0)
        {
            o.WriteLine();
            foreach (int ms in run.ThresholdsMs)
            {
                int within = run.Points.Count(p => p.Times.BestMs <= ms);
                o.WriteLine(string.Create(Inv, $"Points within {ms / 60_000.0:0.#} min: {within:N0} of {run.Points.Count:N0} ({Share(within, run.Points.Count)})"));
            }
        }

        if (run.Diagnostics.CountByCode.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Data notes: " + string.Join("; ", run.Diagnostics.CountByCode.Select(kv => $"{kv.Key} × {kv.Value}")));
        }
    }

    private static void WriteTimeAndStation(CoverageRun run, TextWriter output, int timeMs, int source)
    {
        if (timeMs == SearchWorkspace.Unreached)
        {
            output.Write(',');
            return;
        }

        output.Write(timeMs.ToString(Inv));
        output.Write(',');
        output.Write(Csv(run.UsedStations[source].Station.Id));
    }

    private static string Minutes(TimeSpan t) => t.ToString(@"m\:ss", Inv);
}
