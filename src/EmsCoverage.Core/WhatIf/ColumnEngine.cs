using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Routing;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.WhatIf;

/// <summary>How travel-time columns are computed.</summary>
public enum ColumnMethod
{
    /// <summary>Chosen per job by the documented rule (see docs/routing.md): bounded Dijkstra for few columns or a small reach,
    /// the hierarchy sweep otherwise.</summary>
    Auto,

    /// <summary>One bounded Dijkstra per site.</summary>
    Dijkstra,

    /// <summary>PHAST sweeps over a contraction hierarchy, 8 sites per sweep.</summary>
    Sweep,
}

/// <summary>
/// The one place a travel-time column is computed. Two exact methods give identical columns: a bounded single-source
/// search per site (work in proportion to the area reached), or a PHAST sweep over a <see cref="ContractionHierarchy"/>
/// for 8 sites at once (work in proportion to the network, about 100 times less per node). <see cref="ComputeAll"/>
/// picks one per job.
/// </summary>
/// <remarks>
/// <para>The contract both methods keep: for site s and cell c, the time is exactly
/// <c>new SourceSet(network, [s], [0]).Evaluate(demand.Snap(c), …, limitMs).BestMs</c>, and the column holds the
/// cells where that is reached, in ascending cell order.</para>
/// <para>Dijkstra: the search settles the nodes within the limit, and <see cref="DemandRoadIndex"/> leads from each
/// settled node to the cells whose arc starts there. Cells on the site's own road (which the site may reach directly,
/// without a node) are evaluated with <see cref="SourceSet.Evaluate"/> itself. A bitmap of touched cells, scanned
/// word by word, gives the ascending order without sorting.</para>
/// <para>Sweep: the node times of 8 sites come from one <see cref="PhastSweep"/>; each cell then takes, for all 8 lanes
/// in one vector, the minimum over the same node terms <see cref="SourceSet.Evaluate"/> reads (cell-major, so the
/// columns come out in cell order), and a site's own road adds the direct term.</para>
/// <para>The rule (<see cref="ChooseSweep"/>): a probe of up to <see cref="ProbeColumns"/> columns runs as Dijkstra and
/// measures the reach fraction ρ (nodes settled / nodes). With a hierarchy at hand the rest sweep when
/// ρ ≥ <see cref="SweepMinReachFraction"/>; without one, a hierarchy is built (and cached per network) only when the
/// columns left times ρ reach <see cref="BuildMinColumnReach"/>, where the searches saved pay for the build.
/// Constants from ColumnBenchmarks (benchmarks/README.md).</para>
/// </remarks>
internal sealed class ColumnEngine
{
    /// <summary>Columns computed by Dijkstra first to measure the reach of the job.</summary>
    public const int ProbeColumns = 4;

    /// <summary>Reach fraction above which a sweep beats a bounded Dijkstra per column (a hierarchy being at hand).</summary>
    public const double SweepMinReachFraction = 0.02;

    /// <summary>Columns × reach fraction above which building a hierarchy pays for itself.</summary>
    public const double BuildMinColumnReach = 250;

    private static readonly ConditionalWeakTable<RoadNetwork, ContractionHierarchy> BuiltHierarchies = [];

    private readonly RoadNetwork _network;
    private readonly SnappedDemand _demand;
    private readonly DemandRoadIndex _index;
    private readonly int _limitMs;
    private ContractionHierarchy? _hierarchy;
    private CellTerms? _cellTerms;

    public ColumnEngine(RoadNetwork network, SnappedDemand demand, int limitMs, ContractionHierarchy? hierarchy = null)
    {
        _network = network;
        _demand = demand;
        _limitMs = limitMs;
        _index = new DemandRoadIndex(network, demand);
        if (hierarchy is not null && !hierarchy.BelongsTo(network))
        {
            throw new ArgumentException("The contraction hierarchy was built for another network.", nameof(hierarchy));
        }

        _hierarchy = hierarchy;
    }

    /// <summary>The method the last <see cref="ComputeAll"/> used for the columns after the probe.</summary>
    public ColumnMethod LastMethod { get; private set; } = ColumnMethod.Dijkstra;

    /// <summary>Reach fraction measured by the last probe (0 when there was none).</summary>
    public double LastReachFraction { get; private set; }

    /// <summary>
    /// Computes the columns of <paramref name="sites"/>[<paramref name="toSearch"/>[j]] into <paramref name="columns"/>:
    /// a Dijkstra probe, then the rest by the chosen method; batches are fixed by position, so the result does not
    /// depend on the number of threads.
    /// </summary>
    public void ComputeAll(SnapPoint[] sites, IReadOnlyList<int> toSearch, TravelTimeColumn[] columns, ColumnMethod method,
        ParallelOptions parallel, IProgress<int>? progress)
    {
        int done = 0;
        int probe = method == ColumnMethod.Sweep ? 0 : Math.Min(ProbeColumns, toSearch.Count);
        if (method == ColumnMethod.Dijkstra)
        {
            probe = toSearch.Count;
        }

        long reached = 0;
        Parallel.For(0, probe, parallel, CreateScratch, (j, _, scratch) =>
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            int site = toSearch[j];
            columns[site] = Compute(sites[site], scratch);
            Interlocked.Add(ref reached, scratch.Workspace.ReachedNodes.Length);
            progress?.Report(Interlocked.Increment(ref done));
            return scratch;
        }, _ => { });

        int rest = toSearch.Count - probe;
        if (rest == 0)
        {
            LastMethod = method == ColumnMethod.Sweep ? ColumnMethod.Sweep : ColumnMethod.Dijkstra;
            return;
        }

        LastReachFraction = probe == 0 ? 1 : (double)reached / probe / Math.Max(1, _network.NodeCount);
        bool sweep = method == ColumnMethod.Sweep || ChooseSweep(LastReachFraction, rest, _hierarchy is not null);
        LastMethod = sweep ? ColumnMethod.Sweep : ColumnMethod.Dijkstra;
        if (!sweep)
        {
            Parallel.For(probe, toSearch.Count, parallel, CreateScratch, (j, _, scratch) =>
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                int site = toSearch[j];
                columns[site] = Compute(sites[site], scratch);
                progress?.Report(Interlocked.Increment(ref done));
                return scratch;
            }, _ => { });
            return;
        }

        ContractionHierarchy ch = Hierarchy;
        _cellTerms ??= new CellTerms(_network, _demand, ch);
        int batches = (rest + PhastSweep.LaneCount - 1) / PhastSweep.LaneCount;
        Parallel.For(0, batches, parallel, CreateSweepScratch, (b, _, scratch) =>
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            int from = probe + (b * PhastSweep.LaneCount);
            int count = Math.Min(PhastSweep.LaneCount, toSearch.Count - from);
            Span<SnapPoint> batch = stackalloc SnapPoint[count];
            for (int k = 0; k < count; k++)
            {
                batch[k] = sites[toSearch[from + k]];
            }

            TravelTimeColumn[] result = ComputeBatch(batch, scratch);
            for (int k = 0; k < count; k++)
            {
                columns[toSearch[from + k]] = result[k];
            }

            progress?.Report(Interlocked.Add(ref done, count));
            return scratch;
        }, _ => { });
    }

    /// <summary>The selection rule: see the class remarks.</summary>
    public static bool ChooseSweep(double reachFraction, int columnsLeft, bool hierarchyAtHand) =>
        reachFraction >= SweepMinReachFraction && (hierarchyAtHand || columnsLeft * reachFraction >= BuildMinColumnReach);

    /// <summary>The hierarchy in use: the one given, else one built for this network (once, then cached).</summary>
    public ContractionHierarchy Hierarchy => _hierarchy ??= BuiltHierarchies.GetValue(_network, ContractionHierarchy.Build);

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

    /// <summary>Scratch memory for one sweep worker; not shared between threads.</summary>
    public SweepScratch CreateSweepScratch() => new(_network.NodeCount, _demand.Layer.Cells.Count);

    /// <summary>The columns of up to 8 sites (no turnout) from one sweep; identical to <see cref="Compute"/> for each.</summary>
    public TravelTimeColumn[] ComputeBatch(ReadOnlySpan<SnapPoint> batch, SweepScratch scratch)
    {
        ContractionHierarchy ch = Hierarchy;
        CellTerms terms = _cellTerms ??= new CellTerms(_network, _demand, ch);
        List<SearchSeed> seeds = scratch.Seeds;
        seeds.Clear();
        int nextOwn = int.MaxValue;
        for (int k = 0; k < batch.Length; k++)
        {
            foreach (SearchSeed s in new SourceSet(_network, [batch[k]], [0]).Seeds)
            {
                seeds.Add(new SearchSeed(s.Node, s.TimeMs, k));
            }

            List<int> own = scratch.OwnCells[k];
            own.Clear();
            foreach (int c in _index.CellsOnRoad(_network, batch[k].Arc))
            {
                own.Add(c);
            }

            own.Add(int.MaxValue); // sentinel
            scratch.OwnNext[k] = 0;
            nextOwn = Math.Min(nextOwn, own[0]);
        }

        SweepWorkspace ws = scratch.Workspace;
        PhastSweep.Run(ch, CollectionsMarshal.AsSpan(seeds), _limitMs, SweepDirection.FromSources, ws);

        int[] start = terms.Start;
        int[] rank = terms.Rank;
        int[] along = terms.AlongMs;
        Vector256<uint> limit = Vector256.Create((uint)_limitMs);
        Vector256<uint> unreached = Vector256.Create((uint)SearchWorkspace.Unreached);
        Span<uint> lanes = stackalloc uint[PhastSweep.LaneCount];
        Span<int> counts = stackalloc int[PhastSweep.LaneCount];
        Span<int> maxMs = stackalloc int[PhastSweep.LaneCount];
        int cellCount = start.Length - 1;
        for (int c = 0; c < cellCount; c++)
        {
            int e0 = start[c], e1 = start[c + 1];
            if (e0 == e1)
            {
                continue; // not snapped
            }

            Vector256<uint> acc = unreached;
            for (int e = e0; e < e1; e++)
            {
                acc = Vector256.Min(acc, ws.LanesAtRank(rank[e]) + Vector256.Create((uint)along[e]));
            }

            if (c == nextOwn)
            {
                acc.CopyTo(lanes);
                nextOwn = int.MaxValue;
                for (int k = 0; k < batch.Length; k++)
                {
                    List<int> own = scratch.OwnCells[k];
                    if (own[scratch.OwnNext[k]] == c)
                    {
                        lanes[k] = Math.Min(lanes[k], (uint)DirectOnRoadMs(batch[k], _demand.Snap(c)));
                        scratch.OwnNext[k]++;
                    }

                    nextOwn = Math.Min(nextOwn, own[scratch.OwnNext[k]]);
                }

                acc = Vector256.Create<uint>(lanes);
            }

            uint mask = (~Vector256.GreaterThan(acc, limit)).ExtractMostSignificantBits();
            if (mask == 0)
            {
                continue;
            }

            acc.CopyTo(lanes);
            while (mask != 0)
            {
                int k = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                int n = counts[k]++;
                scratch.LaneCells[k][n] = c;
                scratch.LaneTimes[k][n] = (int)lanes[k];
                maxMs[k] = Math.Max(maxMs[k], (int)lanes[k]);
            }
        }

        var result = new TravelTimeColumn[batch.Length];
        for (int k = 0; k < batch.Length; k++)
        {
            // Uninitialised: every element is overwritten by the copy (the columns are most of a batch's memory traffic).
            int[] cells = GC.AllocateUninitializedArray<int>(counts[k]);
            int[] times = GC.AllocateUninitializedArray<int>(counts[k]);
            scratch.LaneCells[k].AsSpan(0, counts[k]).CopyTo(cells);
            scratch.LaneTimes[k].AsSpan(0, counts[k]).CopyTo(times);
            result[k] = new TravelTimeColumn(cells, times, maxMs[k]);
        }

        return result;
    }

    /// <summary>Time from a site (no turnout) straight along its own road to a cell on the same road, when the cell lies
    /// ahead of it; the same term <see cref="SourceSet.Evaluate"/> adds for sources on the cell's road.</summary>
    private int DirectOnRoadMs(SnapPoint site, SnapPoint cell)
    {
        int best = SearchWorkspace.Unreached;
        Direction(cell.Arc, cell.Fraction);
        int twin = _network.ArcTwin(cell.Arc);
        if (twin != RoadNetwork.NoArc)
        {
            Direction(twin, 1 - cell.Fraction);
        }

        return best;

        void Direction(int arc, double fraction)
        {
            if (DemandRoadIndex.RoadKey(_network, arc) != DemandRoadIndex.RoadKey(_network, site.Arc))
            {
                return;
            }

            int t = _network.ArcTravelTimeMs(arc);
            double position = site.Arc == arc ? site.Fraction : 1 - site.Fraction;
            if (position <= fraction)
            {
                best = Math.Min(best, SnapPoint.TimeFromTailMs(t, fraction) - SnapPoint.TimeFromTailMs(t, position));
            }
        }
    }

    /// <summary>Per-sweep-worker scratch: 8 time lanes per node, seeds, and 8 column buffers.</summary>
    internal sealed class SweepScratch
    {
        public SweepScratch(int nodeCount, int cellCount)
        {
            Workspace = new SweepWorkspace(nodeCount);
            for (int k = 0; k < PhastSweep.LaneCount; k++)
            {
                LaneCells[k] = new int[cellCount];
                LaneTimes[k] = new int[cellCount];
                OwnCells[k] = [];
            }
        }

        public SweepWorkspace Workspace { get; }

        public List<SearchSeed> Seeds { get; } = [];

        public int[][] LaneCells { get; } = new int[PhastSweep.LaneCount][];

        public int[][] LaneTimes { get; } = new int[PhastSweep.LaneCount][];

        public List<int>[] OwnCells { get; } = new List<int>[PhastSweep.LaneCount];

        public int[] OwnNext { get; } = new int[PhastSweep.LaneCount];

        public long MemoryBytes => Workspace.MemoryBytes + (8L * PhastSweep.LaneCount * LaneCells[0].Length);
    }

    /// <summary>
    /// Per cell (ascending), the node terms <see cref="SourceSet.Evaluate"/> reads, with the node as a hierarchy rank:
    /// the tail of the cell's arc plus the partial time, the tail of the twin plus its partial time, and the head node
    /// when the cell sits on it (the same expressions as <see cref="DemandRoadIndex"/>).
    /// </summary>
    internal sealed class CellTerms
    {
        public CellTerms(RoadNetwork network, SnappedDemand demand, ContractionHierarchy hierarchy)
        {
            int cellCount = demand.Layer.Cells.Count;
            Start = new int[cellCount + 1];
            var rank = new List<int>(cellCount * 2);
            var along = new List<int>(cellCount * 2);
            for (int c = 0; c < cellCount; c++)
            {
                Start[c] = rank.Count;
                if (!demand.IsSnapped(c))
                {
                    continue;
                }

                SnapPoint snap = demand.Snap(c);
                Add(snap.Arc, snap.Fraction);
                int twin = network.ArcTwin(snap.Arc);
                if (twin != RoadNetwork.NoArc)
                {
                    Add(twin, 1 - snap.Fraction);
                }
            }

            Start[cellCount] = rank.Count;
            Rank = [.. rank];
            AlongMs = [.. along];

            void Add(int arc, double fraction)
            {
                int t = network.ArcTravelTimeMs(arc);
                rank.Add(hierarchy.Rank(network.ArcTail(arc)));
                along.Add(SnapPoint.TimeFromTailMs(t, fraction));
                if (fraction == 1)
                {
                    rank.Add(hierarchy.Rank(network.ArcHead(arc)));
                    along.Add(0);
                }
            }
        }

        public int[] Start { get; }

        public int[] Rank { get; }

        public int[] AlongMs { get; }

        public long MemoryBytes => 4L * (Start.Length + Rank.Length + AlongMs.Length);
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
