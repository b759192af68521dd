using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Routing;

/// <summary>
/// Reverse columns: the drive time from every node to a set of targets (hospitals, for time to definitive care), from
/// the same hierarchy and sweep as the forward columns, run on the reversed graph.
/// </summary>
/// <remarks>
/// A target on arc u→v at fraction f is reached from u after ⌊f·t(u→v)⌉, on a two-way road from v after
/// ⌊(1−f)·t(v→u)⌉, and from v itself at 0 when f = 1: the terms <see cref="SourceSet.Evaluate"/> uses, so the time
/// from node x equals that of a source standing on x evaluated at the target.
/// </remarks>
public static class TimeToTargets
{
    /// <summary>Per node (network id), the time in ms to the nearest of <paramref name="targets"/> within
    /// <paramref name="limitMs"/>, else <see cref="SearchWorkspace.Unreached"/>.</summary>
    /// <exception cref="ArgumentException">The hierarchy belongs to another network, or no targets.</exception>
    public static int[] NearestMs(RoadNetwork network, ContractionHierarchy hierarchy, IReadOnlyList<SnapPoint> targets, int limitMs)
    {
        Check(network, hierarchy, targets);
        var seeds = new List<SearchSeed>();
        foreach (SnapPoint t in targets)
        {
            AddSeeds(network, t, 0, seeds);
        }

        var ws = new SweepWorkspace(network.NodeCount);
        PhastSweep.Run(hierarchy, seeds.ToArray(), limitMs, SweepDirection.ToTargets, ws);
        var result = new int[network.NodeCount];
        ws.CopyLane(hierarchy, 0, result);
        return result;
    }

    /// <summary>One column per target: <c>result[t][node]</c> is the time from node to target t, or unreached. Targets
    /// are swept 8 at a time, in parallel; the result does not depend on the number of threads.</summary>
    /// <exception cref="ArgumentException">The hierarchy belongs to another network, or no targets.</exception>
    public static int[][] PerTargetMs(RoadNetwork network, ContractionHierarchy hierarchy, IReadOnlyList<SnapPoint> targets, int limitMs,
        int? maxDegreeOfParallelism = null)
    {
        Check(network, hierarchy, targets);
        var result = new int[targets.Count][];
        int batches = (targets.Count + PhastSweep.LaneCount - 1) / PhastSweep.LaneCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, batches, options, () => new SweepWorkspace(network.NodeCount), (b, _, ws) =>
        {
            var seeds = new List<SearchSeed>();
            int from = b * PhastSweep.LaneCount, count = Math.Min(PhastSweep.LaneCount, targets.Count - from);
            for (int k = 0; k < count; k++)
            {
                AddSeeds(network, targets[from + k], k, seeds);
            }

            PhastSweep.Run(hierarchy, seeds.ToArray(), limitMs, SweepDirection.ToTargets, ws);
            for (int k = 0; k < count; k++)
            {
                result[from + k] = new int[network.NodeCount];
                ws.CopyLane(hierarchy, k, result[from + k]);
            }

            return ws;
        }, _ => { });
        return result;
    }

    private static void Check(RoadNetwork network, ContractionHierarchy hierarchy, IReadOnlyList<SnapPoint> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(targets);
        if (!hierarchy.BelongsTo(network))
        {
            throw new ArgumentException("The contraction hierarchy was built for another network.", nameof(hierarchy));
        }

        if (targets.Count == 0)
        {
            throw new ArgumentException("At least one target is needed.", nameof(targets));
        }

        foreach (SnapPoint t in targets)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(t.Arc, nameof(targets));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t.Arc, network.ArcCount, nameof(targets));
        }
    }

    private static void AddSeeds(RoadNetwork network, SnapPoint target, int lane, List<SearchSeed> seeds)
    {
        AddDirection(network, target.Arc, target.Fraction, lane, seeds);
        int twin = network.ArcTwin(target.Arc);
        if (twin != RoadNetwork.NoArc)
        {
            AddDirection(network, twin, 1 - target.Fraction, lane, seeds);
        }
    }

    private static void AddDirection(RoadNetwork network, int arc, double fraction, int lane, List<SearchSeed> seeds)
    {
        seeds.Add(new SearchSeed(network.ArcTail(arc), SnapPoint.TimeFromTailMs(network.ArcTravelTimeMs(arc), fraction), lane));
        if (fraction == 1)
        {
            seeds.Add(new SearchSeed(network.ArcHead(arc), 0, lane));
        }
    }
}
