using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.TestKit;

/// <summary>
/// The test oracle: a plain single-source Dijkstra per source on an explicit arc list in which every source
/// and every target location is inserted as a node of its own (arcs split at those positions). Best and second
/// sources are then picked per node by brute force over the per-source times. It shares nothing with the
/// production search but the definition of partial-arc rounding (<see cref="SnapPoint.TimeFromTailMs"/>).
/// </summary>
internal sealed class ReferenceDijkstra
{
    private readonly List<(int From, int To, long TimeMs)> _arcs = [];
    private readonly int _nodeCount;
    private readonly int[] _sourceNode;
    private readonly int[] _targetNode;

    public ReferenceDijkstra(RoadNetwork net, SnapPoint[] sources, SnapPoint[] targets)
    {
        int next = net.NodeCount;
        // Group all points by road (arc and twin), with positions along the lower-numbered arc.
        var byRoad = new Dictionary<int, List<double>>();
        var pointRoad = new List<(int Road, double Position)>();
        foreach (var p in sources.Concat(targets))
        {
            int twin = net.ArcTwin(p.Arc);
            int road = twin == RoadNetwork.NoArc ? p.Arc : Math.Min(p.Arc, twin);
            double pos = road == p.Arc ? p.Fraction : 1 - p.Fraction;
            pointRoad.Add((road, pos));
            if (!byRoad.TryGetValue(road, out var list))
            {
                byRoad[road] = list = [];
            }

            list.Add(pos);
        }

        var virtualNode = new Dictionary<(int, double), int>();
        for (int a = 0; a < net.ArcCount; a++)
        {
            int twin = net.ArcTwin(a);
            int road = twin == RoadNetwork.NoArc ? a : Math.Min(a, twin);
            if (!byRoad.TryGetValue(road, out var positions))
            {
                _arcs.Add((net.ArcTail(a), net.ArcHead(a), net.ArcTravelTimeMs(a)));
                continue;
            }

            // Positions along this arc, ascending, each with its key along the road (computed once from the
            // road position, never converted back: 1 - (1 - p) is not always p in floating point).
            var along = positions.Where(p => p > 0 && p < 1).Distinct()
                .Select(roadPos => (Along: road == a ? roadPos : 1 - roadPos, RoadPos: roadPos))
                .OrderBy(x => x.Along).ToList();
            int t = net.ArcTravelTimeMs(a);
            int prevNode = net.ArcTail(a);
            int prevMs = 0;
            foreach (var (p, roadPos) in along)
            {
                if (!virtualNode.TryGetValue((road, roadPos), out int v))
                {
                    virtualNode[(road, roadPos)] = v = next++;
                }

                int ms = SnapPoint.TimeFromTailMs(t, p);
                _arcs.Add((prevNode, v, ms - prevMs));
                prevNode = v;
                prevMs = ms;
            }

            _arcs.Add((prevNode, net.ArcHead(a), t - prevMs));
        }

        _nodeCount = next;
        int NodeOf(SnapPoint p, (int Road, double Position) rp)
        {
            if (rp.Position > 0 && rp.Position < 1)
            {
                return virtualNode[(rp.Road, rp.Position)];
            }

            // At an end of the road: position 0/1 along the lower-numbered arc.
            bool atTailOfRoadArc = rp.Position == 0;
            return atTailOfRoadArc ? net.ArcTail(rp.Road) : net.ArcHead(rp.Road);
        }

        _sourceNode = sources.Select((p, i) => NodeOf(p, pointRoad[i])).ToArray();
        _targetNode = targets.Select((p, i) => NodeOf(p, pointRoad[sources.Length + i])).ToArray();
    }

    /// <summary>Per-source times to every (expanded) node, unbounded; long.MaxValue when unreachable.</summary>
    public long[][] TimesPerSource(int[] startDelaysMs)
    {
        var result = new long[_sourceNode.Length][];
        var adjacency = _arcs.GroupBy(a => a.From).ToDictionary(g => g.Key, g => g.ToList());
        for (int s = 0; s < _sourceNode.Length; s++)
        {
            var dist = Enumerable.Repeat(long.MaxValue, _nodeCount).ToArray();
            var queue = new PriorityQueue<int, long>();
            dist[_sourceNode[s]] = startDelaysMs[s];
            queue.Enqueue(_sourceNode[s], startDelaysMs[s]);
            while (queue.TryDequeue(out int u, out long d))
            {
                if (d != dist[u] || !adjacency.TryGetValue(u, out var outs))
                {
                    continue;
                }

                foreach (var (_, to, w) in outs)
                {
                    if (d + w < dist[to])
                    {
                        dist[to] = d + w;
                        queue.Enqueue(to, d + w);
                    }
                }
            }

            result[s] = dist;
        }

        return result;
    }

    public int TargetNode(int target) => _targetNode[target];

    /// <summary>Best and second-best (distinct source) arrival at expanded node <paramref name="node"/> within the limit.</summary>
    public static ArrivalTimes Pick(long[][] perSource, int node, int limitMs)
    {
        var labels = Enumerable.Range(0, perSource.Length)
            .Where(s => perSource[s][node] <= limitMs)
            .Select(s => (Time: (int)perSource[s][node], Source: s))
            .OrderBy(l => l.Time).ThenBy(l => l.Source)
            .ToList();
        return new ArrivalTimes(
            labels.Count > 0 ? labels[0].Time : SearchWorkspace.Unreached,
            labels.Count > 0 ? labels[0].Source : SearchWorkspace.NoSource,
            labels.Count > 1 ? labels[1].Time : SearchWorkspace.Unreached,
            labels.Count > 1 ? labels[1].Source : SearchWorkspace.NoSource);
    }
}
