using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Snapping;

namespace EmsCoverage.WhatIf;

/// <summary>
/// The demand cells seen from the road graph: which cells each node leads to (and the partial-arc time from the
/// node to the cell's snap point), and which cells lie on each road. Built once per column set, so a column costs
/// work in proportion to the area its search reaches, not to the number of cells.
/// </summary>
/// <remarks>
/// Layout (CSR, all int):
/// <code>
///   _nodeStart   NodeCount + 1   entries of node n are _nodeStart[n] .. _nodeStart[n + 1] - 1
///   _entryCell   entries         the cell an entry leads to
///   _entryAlong  entries         ms from the node to the cell's snap point along the arc
///   _roadStart   ArcCount + 1    cells on road r (r = the smaller arc id of a two-way road) ..
///   _roadCells   snapped cells
/// </code>
/// The entries are exactly the terms <see cref="Search.SourceSet.Evaluate"/> reads from a finished search: the tail
/// of the cell's arc plus the partial time, the tail of the twin arc plus its partial time, and the head node when
/// the cell sits on it. The only other term, a source on the cell's own road ahead of it, is handled per road.
/// </remarks>
internal sealed class DemandRoadIndex
{
    private readonly int[] _nodeStart;
    private readonly int[] _entryCell;
    private readonly int[] _entryAlong;
    private readonly int[] _roadStart;
    private readonly int[] _roadCells;

    public DemandRoadIndex(RoadNetwork network, SnappedDemand demand)
    {
        _nodeStart = new int[network.NodeCount + 1];
        _roadStart = new int[network.ArcCount + 1];
        ForEachEntry(network, demand, (node, _, _) => _nodeStart[node + 1]++, (road, _) => _roadStart[road + 1]++);
        PrefixSum(_nodeStart);
        PrefixSum(_roadStart);

        var entryCell = new int[_nodeStart[^1]];
        var entryAlong = new int[_nodeStart[^1]];
        var roadCells = new int[_roadStart[^1]];
        int[] nodeNext = (int[])_nodeStart.Clone(), roadNext = (int[])_roadStart.Clone();
        ForEachEntry(network, demand,
            (node, alongMs, cell) =>
            {
                int k = nodeNext[node]++;
                entryCell[k] = cell;
                entryAlong[k] = alongMs;
            },
            (road, cell) => roadCells[roadNext[road]++] = cell);
        _entryCell = entryCell;
        _entryAlong = entryAlong;
        _roadCells = roadCells;
    }

    /// <summary>Bytes held by the index.</summary>
    public long MemoryBytes => 4L * (_nodeStart.Length + _entryCell.Length + _entryAlong.Length + _roadStart.Length + _roadCells.Length);

    /// <summary>Cells reached through node <paramref name="node"/>.</summary>
    public ReadOnlySpan<int> CellsAt(int node, out ReadOnlySpan<int> alongMs)
    {
        int start = _nodeStart[node], end = _nodeStart[node + 1];
        alongMs = _entryAlong.AsSpan(start, end - start);
        return _entryCell.AsSpan(start, end - start);
    }

    /// <summary>Cells snapped to the road of <paramref name="arc"/> (either direction).</summary>
    public ReadOnlySpan<int> CellsOnRoad(RoadNetwork network, int arc)
    {
        int road = RoadKey(network, arc);
        return _roadCells.AsSpan(_roadStart[road], _roadStart[road + 1] - _roadStart[road]);
    }

    /// <summary>The road an arc belongs to: itself, or the smaller id of it and its twin (as <see cref="Search.SourceSet"/> keys roads).</summary>
    public static int RoadKey(RoadNetwork network, int arc)
    {
        int twin = network.ArcTwin(arc);
        return twin == RoadNetwork.NoArc ? arc : Math.Min(arc, twin);
    }

    /// <summary>Calls <paramref name="entry"/>(node, along ms, cell) for every term <see cref="Search.SourceSet.Evaluate"/>
    /// reads, and <paramref name="onRoad"/>(road, cell) once per snapped cell, in cell order.</summary>
    private static void ForEachEntry(RoadNetwork network, SnappedDemand demand, Action<int, int, int> entry, Action<int, int> onRoad)
    {
        int cellCount = demand.Layer.Cells.Count;
        for (int c = 0; c < cellCount; c++)
        {
            if (!demand.IsSnapped(c))
            {
                continue;
            }

            SnapPoint snap = demand.Snap(c);
            int arc = snap.Arc;
            AddDirection(network, arc, snap.Fraction, c, entry);
            int twin = network.ArcTwin(arc);
            if (twin != RoadNetwork.NoArc)
            {
                // The same expression as SourceSet.Evaluate, so "at the head node" is decided identically.
                AddDirection(network, twin, 1 - snap.Fraction, c, entry);
            }

            onRoad(RoadKey(network, arc), c);
        }
    }

    private static void AddDirection(RoadNetwork network, int arc, double fraction, int cell, Action<int, int, int> entry)
    {
        int t = network.ArcTravelTimeMs(arc);
        entry(network.ArcTail(arc), SnapPoint.TimeFromTailMs(t, fraction), cell);
        if (fraction == 1)
        {
            entry(network.ArcHead(arc), 0, cell);
        }
    }

    private static void PrefixSum(int[] counts)
    {
        for (int i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }
    }
}
