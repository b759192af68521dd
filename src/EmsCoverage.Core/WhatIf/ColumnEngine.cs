using System.Numerics;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.WhatIf;

/// <summary>
/// The one place a travel-time column is computed: a bounded single-source search from the site, then the road
/// arrival at every demand cell it reaches. <see cref="TravelTimeColumns.Build"/> calls it per site, in parallel.
/// </summary>
/// <remarks>
/// <para>Issue 11's batch engine (a contraction hierarchy with PHAST-style sweeps) replaces this class; the contract it
/// must keep is <see cref="Compute"/>'s: for site s and cell c, the time is exactly
/// <c>new SourceSet(network, [s], [0]).Evaluate(demand.Snap(c), …, limitMs).BestMs</c>, and the column holds the
/// cells where that is reached, in ascending cell order.</para>
/// <para>Work per column is proportional to the area reached: the search settles the nodes within the limit, and
/// <see cref="DemandRoadIndex"/> leads from each settled node to the cells whose arc starts there. Cells on the site's
/// own road (which the site may reach directly, without a node) are evaluated with <see cref="SourceSet.Evaluate"/>
/// itself. A bitmap of touched cells, scanned word by word, gives the ascending order without sorting.</para>
/// </remarks>
internal sealed class ColumnEngine
{
    private readonly RoadNetwork _network;
    private readonly SnappedDemand _demand;
    private readonly DemandRoadIndex _index;
    private readonly int _limitMs;

    public ColumnEngine(RoadNetwork network, SnappedDemand demand, int limitMs)
    {
        _network = network;
        _demand = demand;
        _limitMs = limitMs;
        _index = new DemandRoadIndex(network, demand);
    }

    /// <summary>Bytes of the engine's own index (scratch per worker: see <see cref="Scratch"/>).</summary>
    public long IndexMemoryBytes => _index.MemoryBytes;

    /// <summary>Scratch memory for one worker; not shared between threads.</summary>
    public Scratch CreateScratch() => new(_network.NodeCount, _demand.Layer.Cells.Count);

    /// <summary>The column of a site with no turnout: road arrival (ms) at each cell reached within the limit.</summary>
    public TravelTimeColumn Compute(SnapPoint site, Scratch scratch)
    {
        var sources = new SourceSet(_network, [site], [0]);
        sources.Search(_limitMs, scratch.Workspace, trackSecondSource: false);
        SearchWorkspace ws = scratch.Workspace;
        int[] time = scratch.TimeMs;
        ulong[] touched = scratch.Touched;
        int limit = _limitMs;

        foreach (int node in ws.ReachedNodes)
        {
            long atNode = ws.BestTimeMs(node);
            ReadOnlySpan<int> cells = _index.CellsAt(node, out ReadOnlySpan<int> along);
            for (int e = 0; e < cells.Length; e++)
            {
                long t = atNode + along[e];
                if (t > limit)
                {
                    continue;
                }

                int c = cells[e];
                ref ulong word = ref touched[c >> 6];
                ulong bit = 1UL << (c & 63);
                if ((word & bit) == 0)
                {
                    word |= bit;
                    time[c] = (int)t;
                }
                else if (t < time[c])
                {
                    time[c] = (int)t;
                }
            }
        }

        // The site's own road: it may reach a cell ahead of it directly. Evaluate gives the complete answer there.
        foreach (int c in _index.CellsOnRoad(_network, site.Arc))
        {
            int t = sources.Evaluate(_demand.Snap(c), ws, limit).BestMs;
            if (t != SearchWorkspace.Unreached)
            {
                touched[c >> 6] |= 1UL << (c & 63);
                time[c] = t;
            }
        }

        int count = 0;
        foreach (ulong w in touched)
        {
            count += BitOperations.PopCount(w);
        }

        var outCells = new int[count];
        var outTimes = new int[count];
        int k = 0, maxMs = 0;
        for (int wi = 0; wi < touched.Length; wi++)
        {
            ulong w = touched[wi];
            touched[wi] = 0;
            while (w != 0)
            {
                int c = (wi << 6) + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
                outCells[k] = c;
                outTimes[k] = time[c];
                maxMs = Math.Max(maxMs, time[c]);
                k++;
            }
        }

        return new TravelTimeColumn(outCells, outTimes, maxMs);
    }

    /// <summary>Per-worker scratch: a search workspace, a time per cell and a bitmap of the cells touched.</summary>
    internal sealed class Scratch(int nodeCount, int cellCount)
    {
        public SearchWorkspace Workspace { get; } = new(nodeCount);

        public int[] TimeMs { get; } = new int[cellCount];

        public ulong[] Touched { get; } = new ulong[(cellCount + 63) / 64];

        public long MemoryBytes => (24L * Workspace.Capacity) + (4L * Workspace.Capacity) + (4L * TimeMs.Length) + (8L * Touched.Length);
    }
}
