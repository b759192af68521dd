using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Routing;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.Stations;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Cli;

/// <summary>
/// <c>emscov columns</c>: a batch of exact travel-time columns on a prepared network with its routing index, timed,
/// so a user can measure the engine on their own data. Forward: from each source to every target (or every node);
/// reverse: from every node to each destination and to the nearest one.
/// </summary>
internal static class ColumnsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var network = new Option<string>("--network", "-n") { Description = "Prepared network file with its routing index (from emscov prepare).", Required = true };
        var sources = new Option<string>("--sources", "-s") { Description = "Sources (bases, candidate sites) as CSV (id,name,lon,lat) or GeoJSON points; with --reverse, the destinations (e.g. hospitals).", Required = true };
        var targets = new Option<string?>("--targets", "-t") { Description = "Targets (demand points) in the same formats; without it, every node of the network." };
        var limit = new Option<double>("--limit") { Description = "Column bound in minutes of road time (default 30), more than 0 and at most 1440.", DefaultValueFactory = _ => 30 };
        var reverse = new Option<bool>("--reverse") { Description = "Time from every node to each source (and to the nearest) instead of from each source." };
        var method = new Option<ColumnMethod>("--method") { Description = "auto (default), dijkstra or sweep.", DefaultValueFactory = _ => ColumnMethod.Auto };
        var timeBand = Commands.TimeBandOption();
        var maxSnap = new Option<double>("--max-snap-distance") { Description = "Largest distance in metres from a point to a road (default 500).", DefaultValueFactory = _ => 500 };
        var command = new Command("columns",
            "Time a batch of exact travel-time columns on your data and print the timing and memory figures.\n" +
            "Example: emscov columns -n porto.emsnet -s candidates.csv -t demand.csv --limit 30\n" + Program.ExitCodeHelp)
        {
            network, sources, targets, limit, reverse, method, maxSnap, timeBand,
        };
        command.SetAction(parse =>
        {
            double limitMin = parse.GetValue(limit);
            if (!(limitMin > 0 && limitMin <= 1440))
            {
                throw new InputDataException("--limit", $"--limit {limitMin.ToString(CultureInfo.InvariantCulture)}: the column bound must be more than 0 and at most 1440 minutes (24 h).");
            }

            // The global --threads (ThreadLimit) bounds how many columns are computed at once.
            int? threadCount = ThreadLimit.MaxDegreeOfParallelism > 0 ? ThreadLimit.MaxDegreeOfParallelism : null;

            Run(parse.GetRequiredValue(network), parse.GetRequiredValue(sources), parse.GetValue(targets), (int)Math.Round(limitMin * 60_000),
                parse.GetValue(reverse), parse.GetValue(method), threadCount, parse.GetValue(maxSnap), parse.GetValue(timeBand), stdout, stderr);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Run(string networkPath, string sourcesPath, string? targetsPath, int limitMs, bool reverse, ColumnMethod method,
        int? threads, double maxSnapM, string? timeBand, TextWriter stdout, TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        var loaded = Inputs.LoadNetwork(networkPath, null, stderr);
        if (!IsPrepared(networkPath))
        {
            throw new InputDataException(networkPath, $"{networkPath}: is not a prepared network file; run `emscov prepare` first (the columns need its routing index).");
        }

        RoadNetwork net = loaded.Network;
        ContractionHierarchy hierarchy = loaded.Hierarchy ?? NetworkFile.ReadHierarchy(networkPath, net); // the latter names the missing index
        if (timeBand is not null)
        {
            // The stored index is for the prepared (free-flow) times; a band's times get an index of their own.
            loaded = TravelModelInputs.Apply(loaded, null, timeBand, null, stderr);
            net = loaded.Network;
            hierarchy = ContractionHierarchy.Build(net);
        }

        double loadS = clock.Elapsed.TotalSeconds;
        var snapper = new Snapper(net);
        SnapPoint[] sourceSnaps = SnapAll(sourcesPath, "source", loaded, snapper, maxSnapM);
        var w = stdout;
        w.WriteLine(F($"Network: {net.NodeCount:N0} nodes, {net.ArcCount:N0} arcs, with its routing index ({hierarchy.ShortcutCount:N0} shortcuts, {hierarchy.MemoryBytes / 1e6:F1} MB); read and checked in {loadS:F2} s."));
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        if (reverse)
        {
            int[][] perTarget = TimeToTargets.PerTargetMs(net, hierarchy, sourceSnaps, limitMs, threads);
            double s = clock.Elapsed.TotalSeconds;
            int[] nearest = TimeToTargets.NearestMs(net, hierarchy, sourceSnaps, limitMs);
            long reached = nearest.Count(t => t != SearchWorkspace.Unreached);
            w.WriteLine(F($"Reverse columns: {perTarget.Length:N0} destinations × {net.NodeCount:N0} nodes in {s * 1000:F1} ms ({s * 1000 / perTarget.Length:F3} ms per column)."));
            w.WriteLine(F($"Nodes within {limitMs / 60_000.0:0.##} min of a destination: {reached:N0}."));
            w.WriteLine(F($"Memory: columns {4L * perTarget.Length * net.NodeCount / 1e6:F1} MB (dense int ms); allocated {(GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1e6:F1} MB."));
            return;
        }

        if (targetsPath is null)
        {
            // Every node: dense node columns straight from the sweep.
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads ?? -1 };
            int batches = (sourceSnaps.Length + PhastSweep.LaneCount - 1) / PhastSweep.LaneCount;
            long reachedEntries = 0;
            Parallel.For(0, batches, options, () => new SweepWorkspace(net.NodeCount), (b, _, ws) =>
            {
                var seeds = new List<SearchSeed>();
                int from = b * PhastSweep.LaneCount, count = Math.Min(PhastSweep.LaneCount, sourceSnaps.Length - from);
                for (int k = 0; k < count; k++)
                {
                    foreach (SearchSeed seed in new SourceSet(net, [sourceSnaps[from + k]], [0]).Seeds)
                    {
                        seeds.Add(seed with { Source = k });
                    }
                }

                PhastSweep.Run(hierarchy, seeds.ToArray(), limitMs, SweepDirection.FromSources, ws);
                var column = new int[net.NodeCount];
                long reached = 0;
                for (int k = 0; k < count; k++)
                {
                    ws.CopyLane(hierarchy, k, column);
                    reached += column.Count(t => t != SearchWorkspace.Unreached);
                }

                Interlocked.Add(ref reachedEntries, reached);
                return ws;
            }, _ => { });
            double s = clock.Elapsed.TotalSeconds;
            w.WriteLine(F($"Columns: {sourceSnaps.Length:N0} sources × {net.NodeCount:N0} nodes (hierarchy sweeps) in {s * 1000:F1} ms ({s * 1000 / sourceSnaps.Length:F3} ms per column)."));
            w.WriteLine(F($"Reached within {limitMs / 60_000.0:0.##} min: {reachedEntries:N0} (source, node) pairs."));
            w.WriteLine(F($"Memory: sweep lanes {32L * net.NodeCount / 1e6:F1} MB per thread; allocated {(GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1e6:F1} MB."));
            return;
        }

        var points = Inputs.LoadPoints(targetsPath, loaded, new DiagnosticBag());
        if (points.Count == 0)
        {
            throw new InputDataException(targetsPath, $"{targetsPath}: no targets in the file.");
        }

        var layer = new DemandLayer(Path.GetFileName(targetsPath), points.Select(p => new DemandCell(p.Id, p.Lat, p.Lon, 1)).ToArray(), [], points.Count);
        var demand = SnappedDemand.Snap(snapper, layer, new AccessLeg(MaxSnapDistanceM: maxSnapM));
        int snapped = Enumerable.Range(0, points.Count).Count(demand.IsSnapped);
        if (snapped == 0)
        {
            throw new InputDataException(targetsPath, $"{targetsPath}: none of the {points.Count} targets lies within {maxSnapM:0} m of a road.");
        }

        double prepS = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var columns = TravelTimeColumns.Build(net, demand, sourceSnaps, new TravelTimeColumnOptions(limitMs)
        {
            Hierarchy = hierarchy,
            Method = method,
            MaxDegreeOfParallelism = threads,
        });
        double colS = clock.Elapsed.TotalSeconds;
        w.WriteLine(F($"Targets: {points.Count:N0} ({snapped:N0} on a road); snapped and indexed in {prepS:F2} s."));
        w.WriteLine(F($"Columns: {columns.Count:N0} sources ({columns.ComputedCount:N0} distinct) × {points.Count:N0} targets, method {method.ToString().ToLowerInvariant()}, in {colS * 1000:F1} ms ({colS * 1000 / Math.Max(1, columns.ComputedCount):F3} ms per column)."));
        w.WriteLine(F($"Reached within {limitMs / 60_000.0:0.##} min: {columns.EntryCount:N0} (source, target) pairs."));
        w.WriteLine(F($"Memory: columns {columns.MemoryBytes / 1e6:F1} MB; allocated {(GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1e6:F1} MB; peak working set {Environment.WorkingSet / 1e6:F0} MB."));
    }

    private static SnapPoint[] SnapAll(string path, string what, LoadedNetwork loaded, Snapper snapper, double maxSnapM)
    {
        IReadOnlyList<Station> points = Inputs.LoadPoints(path, loaded, new DiagnosticBag());
        if (points.Count == 0)
        {
            throw new InputDataException(path, $"{path}: no {what}s in the file.");
        }

        var snaps = new SnapPoint[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            if (!snapper.TrySnap(points[i].Lat, points[i].Lon, maxSnapM, out snaps[i]))
            {
                throw new InputDataException(path, F($"{path}: {what} '{points[i].Id}' at ({points[i].Lon:0.######}, {points[i].Lat:0.######}) is not within {maxSnapM:0} m of a road."));
            }
        }

        return snaps;
    }

    private static bool IsPrepared(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual("EMSCNET\0"u8);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
