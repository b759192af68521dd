using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EmsCoverage.Search;

namespace EmsCoverage.Routing;

/// <summary>Which way a sweep measures time.</summary>
public enum SweepDirection
{
    /// <summary>From the sources to every node (a station's drive times).</summary>
    FromSources,

    /// <summary>From every node to the targets (drive time to the nearest hospital): the same engine on the reversed graph.</summary>
    ToTargets,
}

/// <summary>
/// Exact bounded one-to-all travel times for up to <see cref="LaneCount"/> sources at once (PHAST): per source, a
/// search in the hierarchy's upward graph from its seeds, then one linear pass over all nodes from the highest rank
/// to the lowest, where each node takes the minimum over its downward arcs from already final higher nodes.
/// </summary>
/// <remarks>
/// <para>Exactness: for a node v with true time d(v) ≤ limit there is an up-down path of length d(v) (the hierarchy's
/// property); its upward part is found by the upward search (every label on it is ≤ d(v) ≤ limit, so the limit
/// prunes none of them) and its downward part is followed by the pass, which visits tails before heads. Every value
/// the pass produces is the length of a real path, so never below d(v). Values above the limit become
/// <see cref="SearchWorkspace.Unreached"/>: exactly the nodes a bounded Dijkstra would not reach.</para>
/// <para>The lanes are interleaved (8 × uint per node, one 32-byte vector), so one pass serves 8 sources with one
/// vector min per arc. Unreached is <c>int.MaxValue</c>; with arc times ≤ <see cref="ContractionHierarchy.MaxExactTimeMs"/>
/// a sum never leaves 32 bits unsigned.</para>
/// </remarks>
public static class PhastSweep
{
    /// <summary>Sources served by one sweep.</summary>
    public const int LaneCount = 8;

    /// <summary>
    /// Runs one sweep. Seeds name the lane in <see cref="SearchSeed.Source"/> (0 .. <see cref="LaneCount"/> - 1); lanes
    /// without seeds come out unreached. Results are read from <paramref name="workspace"/>.
    /// </summary>
    /// <param name="hierarchy">The hierarchy of the network the seeds refer to.</param>
    /// <param name="seeds">Start labels: for <see cref="SweepDirection.FromSources"/> the time at which the lane's source
    /// reaches the node; for <see cref="SweepDirection.ToTargets"/> the time from the node to the lane's target set.</param>
    /// <param name="limitMs">Inclusive limit in ms, 0 .. <see cref="ContractionHierarchy.MaxExactTimeMs"/>.</param>
    /// <param name="direction">Forward (from sources) or reverse (to targets).</param>
    /// <param name="workspace">Scratch and results; one per thread.</param>
    /// <exception cref="ArgumentOutOfRangeException">Bad limit, seed node, time or lane.</exception>
    public static void Run(ContractionHierarchy hierarchy, ReadOnlySpan<SearchSeed> seeds, int limitMs, SweepDirection direction,
        SweepWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentOutOfRangeException.ThrowIfNegative(limitMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limitMs, ContractionHierarchy.MaxExactTimeMs);
        int n = hierarchy.NodeCount;
        workspace.Begin(n);
        uint[] dist = workspace._dist;
        bool forward = direction == SweepDirection.FromSources;
        int[] searchFirst = forward ? hierarchy._upFirst : hierarchy._downFirst;
        RankArc[] searchArcs = forward ? hierarchy._upArcs : hierarchy._downArcs;
        int[] sweepFirst = forward ? hierarchy._downFirst : hierarchy._upFirst;
        RankArc[] sweepArcs = forward ? hierarchy._downArcs : hierarchy._upArcs;

        foreach (SearchSeed seed in seeds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(seed.Node, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seed.Node, n, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfNegative(seed.TimeMs, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfNegative(seed.Source, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seed.Source, LaneCount, nameof(seeds));
        }

        for (int lane = 0; lane < LaneCount; lane++)
        {
            UpwardSearch(hierarchy, seeds, lane, limitMs, searchFirst, searchArcs, workspace);
        }

        Sweep(dist, sweepFirst, sweepArcs, (uint)limitMs, n);
        workspace._limitMs = limitMs;
    }

    /// <summary>Dijkstra in the upward graph from one lane's seeds, labels written straight into the lane.</summary>
    private static void UpwardSearch(ContractionHierarchy ch, ReadOnlySpan<SearchSeed> seeds, int lane, int limitMs,
        int[] first, RankArc[] arcs, SweepWorkspace ws)
    {
        uint[] dist = ws._dist;
        RadixHeap queue = ws._queue;
        queue.Clear();
        foreach (SearchSeed seed in seeds)
        {
            if (seed.Source != lane || seed.TimeMs > limitMs)
            {
                continue;
            }

            int r = ch._rankOfNode[seed.Node];
            ref uint label = ref dist[(r * LaneCount) + lane];
            if ((uint)seed.TimeMs < label)
            {
                label = (uint)seed.TimeMs;
                queue.Push((uint)seed.TimeMs, r);
            }
        }

        while (queue.TryPop(out ulong key, out int r))
        {
            uint d = (uint)key;
            if (d != dist[(r * LaneCount) + lane])
            {
                continue; // stale
            }

            int end = first[r + 1];
            for (int a = first[r]; a < end; a++)
            {
                RankArc arc = arcs[a];
                uint nd = d + (uint)arc.TimeMs;
                ref uint label = ref dist[(arc.Other * LaneCount) + lane];
                if (nd <= (uint)limitMs && nd < label)
                {
                    label = nd;
                    queue.Push(nd, arc.Other);
                }
            }
        }
    }

    /// <summary>The linear pass: ranks from high to low, each node pulls from its arcs to higher ranks.</summary>
    private static void Sweep(uint[] dist, int[] first, RankArc[] arcs, uint limitMs, int n)
    {
        Vector256<uint> unreached = Vector256.Create((uint)SearchWorkspace.Unreached);
        Vector256<uint> limit = Vector256.Create(limitMs);
        ref uint d0 = ref MemoryMarshal.GetArrayDataReference(dist);
        ref RankArc a0 = ref MemoryMarshal.GetArrayDataReference(arcs);
        ref int f0 = ref MemoryMarshal.GetArrayDataReference(first);
        int end = Unsafe.Add(ref f0, n);
        for (int r = n - 1; r >= 0; r--)
        {
            int start = Unsafe.Add(ref f0, r);
            ref uint dr = ref Unsafe.Add(ref d0, r * LaneCount);
            Vector256<uint> best = Vector256.LoadUnsafe(ref dr);
            for (int a = start; a < end; a++)
            {
                RankArc arc = Unsafe.Add(ref a0, a);
                Vector256<uint> via = Vector256.LoadUnsafe(ref Unsafe.Add(ref d0, arc.Other * LaneCount)) + Vector256.Create((uint)arc.TimeMs);
                best = Vector256.Min(best, via);
            }

            best = Vector256.ConditionalSelect(Vector256.GreaterThan(best, limit), unreached, best);
            best.StoreUnsafe(ref dr);
            end = start;
        }
    }
}

/// <summary>
/// Scratch memory and results of <see cref="PhastSweep.Run"/>: 8 interleaved time lanes per node (32 bytes per node).
/// Create one per thread and reuse it; results stay readable until the next run.
/// </summary>
public sealed class SweepWorkspace
{
    internal uint[] _dist;
    internal readonly RadixHeap _queue = new();
    internal int _limitMs;

    /// <summary>Creates a workspace for hierarchies of up to <paramref name="nodeCount"/> nodes.</summary>
    public SweepWorkspace(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _dist = new uint[nodeCount * PhastSweep.LaneCount];
    }

    /// <summary>Bytes of the time lanes.</summary>
    public long MemoryBytes => 4L * _dist.Length;

    /// <summary>Time in ms of lane <paramref name="lane"/> at node <paramref name="node"/> (network id), or
    /// <see cref="SearchWorkspace.Unreached"/>.</summary>
    public int TimeMs(ContractionHierarchy hierarchy, int lane, int node)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        return (int)_dist[(hierarchy._rankOfNode[node] * PhastSweep.LaneCount) + lane];
    }

    /// <summary>Copies lane <paramref name="lane"/> into <paramref name="timesByNode"/> (indexed by network node id).</summary>
    public void CopyLane(ContractionHierarchy hierarchy, int lane, Span<int> timesByNode)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        int[] rank = hierarchy._rankOfNode;
        for (int v = 0; v < rank.Length; v++)
        {
            timesByNode[v] = (int)_dist[(rank[v] * PhastSweep.LaneCount) + lane];
        }
    }

    /// <summary>The 8 lanes of the node at rank <paramref name="rank"/> (for callers that read many nodes).</summary>
    internal Vector256<uint> LanesAtRank(int rank) =>
        Vector256.LoadUnsafe(ref _dist[rank * PhastSweep.LaneCount]);

    internal void Begin(int nodeCount)
    {
        if ((long)nodeCount * PhastSweep.LaneCount > _dist.Length)
        {
            throw new ArgumentException(
                $"The workspace holds {_dist.Length / PhastSweep.LaneCount} nodes but the hierarchy has {nodeCount}; create a workspace for it.",
                nameof(nodeCount));
        }

        _dist.AsSpan(0, nodeCount * PhastSweep.LaneCount).Fill((uint)SearchWorkspace.Unreached);
    }
}
