using EmsCoverage.Graph;

namespace EmsCoverage.Routing;

/// <summary>
/// Builds a <see cref="ContractionHierarchy"/>: contracts nodes one by one in order of a priority (edge difference
/// plus contracted neighbours plus level), adding a shortcut u→v through the contracted node x whenever a bounded
/// witness search finds no other path from u to v at most as fast as u→x→v.
/// </summary>
/// <remarks>
/// <para>Why the result is exact: a shortcut is left out only when a witness path no slower than it exists among the
/// nodes not yet contracted, so after each contraction the remaining graph keeps every distance between remaining
/// nodes. A witness search that stops early (settle limit) only adds shortcuts that were not needed, never removes
/// a needed one. Ties (zero-time arcs, equal paths) count as witnesses, which is safe because the witness is itself
/// a path of the remaining graph.</para>
/// <para>Priorities are updated lazily: the node on top of the queue is re-evaluated and contracted only if it is
/// still the minimum; its neighbours are re-evaluated after each contraction. Ties break by node id, so the build
/// is deterministic.</para>
/// </remarks>
internal sealed class ContractionBuilder
{
    /// <summary>Nodes a witness search may settle before it gives up (and the shortcut is added).</summary>
    private const int WitnessSettleLimit = 60;

    private readonly RoadNetwork _network;
    private readonly int _n;
    private readonly Adjacency _out;
    private readonly Adjacency _in;
    private readonly bool[] _contracted;
    private readonly int[] _level;
    private readonly int[] _deletedNeighbours;
    private readonly int[] _priority;
    private readonly int[] _neighbourMark;

    // Witness search scratch.
    private readonly int[] _dist;
    private readonly int[] _distStamp;
    private int _stamp;
    private readonly PriorityQueue<int, long> _heap = new();
    private readonly List<(int U, int V, int TimeMs)> _pending = [];

    public ContractionBuilder(RoadNetwork network)
    {
        _network = network;
        _n = network.NodeCount;
        _out = new Adjacency(_n);
        _in = new Adjacency(_n);
        _contracted = new bool[_n];
        _level = new int[_n];
        _deletedNeighbours = new int[_n];
        _priority = new int[_n];
        _neighbourMark = new int[_n];
        _dist = new int[_n];
        _distStamp = new int[_n];
        for (int a = 0; a < network.ArcCount; a++)
        {
            int u = network.ArcTail(a), v = network.ArcHead(a), t = network.ArcTravelTimeMs(a);
            if (u != v && t <= ContractionHierarchy.MaxExactTimeMs)
            {
                _out.AddOrLower(u, v, t, -1);
                _in.AddOrLower(v, u, t, -1);
            }
        }
    }

    public ContractionHierarchy Build()
    {
        var queue = new PriorityQueue<int, long>(_n);
        for (int x = 0; x < _n; x++)
        {
            _priority[x] = Priority(x);
            queue.Enqueue(x, Key(_priority[x], x));
        }

        var rank = new int[_n];
        var upFirst = new int[_n + 1];
        var downFirst = new int[_n + 1];
        var up = new List<(int Other, int TimeMs, int Middle)>(_network.ArcCount);
        var down = new List<(int Other, int TimeMs, int Middle)>(_network.ArcCount);
        int next = 0;
        while (queue.TryDequeue(out int x, out long key))
        {
            if (_contracted[x] || key != Key(_priority[x], x))
            {
                continue; // stale entry
            }

            int p = Priority(x);
            if (p != _priority[x])
            {
                _priority[x] = p;
                if (queue.TryPeek(out _, out long top) && Key(p, x) > top)
                {
                    queue.Enqueue(x, Key(p, x));
                    continue;
                }
            }

            rank[x] = next;
            upFirst[next] = up.Count;
            downFirst[next] = down.Count;
            next++;
            foreach (Edge e in _out.Of(x))
            {
                up.Add((e.Other, e.TimeMs, e.Middle));
            }

            foreach (Edge e in _in.Of(x))
            {
                down.Add((e.Other, e.TimeMs, e.Middle));
            }

            Contract(x);
            foreach (int y in Neighbours(x))
            {
                _deletedNeighbours[y]++;
                _level[y] = Math.Max(_level[y], _level[x] + 1);
                _priority[y] = Priority(y);
                queue.Enqueue(y, Key(_priority[y], y));
            }

            _out.Clear(x);
            _in.Clear(x);
        }

        upFirst[_n] = up.Count;
        downFirst[_n] = down.Count;
        return new ContractionHierarchy(rank, upFirst, ToRankArcs(up, rank, out int[] upMiddle), upMiddle, downFirst,
            ToRankArcs(down, rank, out int[] downMiddle), downMiddle, WhatIf.InputFingerprint.Network(_network));
    }

    private static RankArc[] ToRankArcs(List<(int Other, int TimeMs, int Middle)> arcs, int[] rank, out int[] middle)
    {
        var result = new RankArc[arcs.Count];
        middle = new int[arcs.Count];
        for (int i = 0; i < arcs.Count; i++)
        {
            var (other, time, mid) = arcs[i];
            result[i] = new RankArc(rank[other], time);
            middle[i] = mid < 0 ? -1 : rank[mid];
        }

        return result;
    }

    private static long Key(int priority, int node) => ((long)priority << 32) | (uint)node;

    /// <summary>Edge difference (shortcuts added minus arcs removed) plus contracted neighbours plus level.</summary>
    private int Priority(int x)
    {
        int shortcuts = Simulate(x, apply: false);
        int edgeDifference = shortcuts - _out.Count(x) - _in.Count(x);
        return (2 * edgeDifference) + _deletedNeighbours[x] + _level[x];
    }

    private void Contract(int x)
    {
        Simulate(x, apply: true);
        foreach (var (u, v, t) in _pending)
        {
            _out.AddOrLower(u, v, t, x);
            _in.AddOrLower(v, u, t, x);
        }

        _contracted[x] = true;
        foreach (Edge e in _out.Of(x))
        {
            _in.Remove(e.Other, x);
        }

        foreach (Edge e in _in.Of(x))
        {
            _out.Remove(e.Other, x);
        }
    }

    /// <summary>The distinct remaining neighbours of <paramref name="x"/> (marked so each comes once).</summary>
    private List<int> Neighbours(int x)
    {
        var result = new List<int>(_out.Count(x) + _in.Count(x));
        int mark = x + 1;
        foreach (Edge e in _out.Of(x))
        {
            if (_neighbourMark[e.Other] != mark)
            {
                _neighbourMark[e.Other] = mark;
                result.Add(e.Other);
            }
        }

        foreach (Edge e in _in.Of(x))
        {
            if (_neighbourMark[e.Other] != mark)
            {
                _neighbourMark[e.Other] = mark;
                result.Add(e.Other);
            }
        }

        return result;
    }

    /// <summary>Counts (and with <paramref name="apply"/> collects in <see cref="_pending"/>) the shortcuts contracting x needs.</summary>
    private int Simulate(int x, bool apply)
    {
        _pending.Clear();
        int count = 0;
        Span<Edge> ins = _in.Of(x);
        Span<Edge> outs = _out.Of(x);
        foreach (Edge inEdge in ins)
        {
            int u = inEdge.Other;
            long bound = -1;
            foreach (Edge outEdge in outs)
            {
                long via = (long)inEdge.TimeMs + outEdge.TimeMs;
                if (outEdge.Other != u && via <= ContractionHierarchy.MaxExactTimeMs && via > bound)
                {
                    bound = via;
                }
            }

            if (bound < 0)
            {
                continue;
            }

            Witness(u, x, bound);
            foreach (Edge outEdge in outs)
            {
                long via = (long)inEdge.TimeMs + outEdge.TimeMs;
                if (outEdge.Other == u || via > ContractionHierarchy.MaxExactTimeMs || Dist(outEdge.Other) <= via)
                {
                    continue;
                }

                count++;
                if (apply)
                {
                    _pending.Add((u, outEdge.Other, (int)via));
                }
            }
        }

        return count;
    }

    private int Dist(int node) => _distStamp[node] == _stamp ? _dist[node] : int.MaxValue;

    /// <summary>Dijkstra from <paramref name="source"/> avoiding <paramref name="excluded"/>, up to <paramref name="bound"/> ms
    /// or <see cref="WitnessSettleLimit"/> settled nodes.</summary>
    private void Witness(int source, int excluded, long bound)
    {
        _stamp++;
        _heap.Clear();
        _dist[source] = 0;
        _distStamp[source] = _stamp;
        _heap.Enqueue(source, 0);
        int settled = 0;
        while (_heap.TryDequeue(out int v, out long d))
        {
            if (d != Dist(v))
            {
                continue;
            }

            if (d > bound || ++settled > WitnessSettleLimit)
            {
                break;
            }

            foreach (Edge e in _out.Of(v))
            {
                long nd = d + e.TimeMs;
                if (e.Other != excluded && nd <= bound && nd < Dist(e.Other))
                {
                    _dist[e.Other] = (int)nd;
                    _distStamp[e.Other] = _stamp;
                    _heap.Enqueue(e.Other, nd);
                }
            }
        }
    }

    private readonly record struct Edge(int Other, int TimeMs, int Middle);

    /// <summary>Growable per-node edge lists of the graph being contracted (only edges between remaining nodes).</summary>
    private sealed class Adjacency
    {
        private readonly Edge[][] _edges;
        private readonly int[] _count;

        public Adjacency(int n)
        {
            _edges = new Edge[n][];
            _count = new int[n];
            Array.Fill(_edges, []);
        }

        public int Count(int node) => _count[node];

        public Span<Edge> Of(int node) => _edges[node].AsSpan(0, _count[node]);

        /// <summary>Adds node→other, or lowers the time of the existing edge (parallel arcs keep the fastest).</summary>
        public void AddOrLower(int node, int other, int timeMs, int middle)
        {
            Span<Edge> edges = Of(node);
            for (int i = 0; i < edges.Length; i++)
            {
                if (edges[i].Other == other)
                {
                    if (timeMs < edges[i].TimeMs)
                    {
                        edges[i] = new Edge(other, timeMs, middle);
                    }

                    return;
                }
            }

            int n = _count[node];
            if (n == _edges[node].Length)
            {
                Array.Resize(ref _edges[node], Math.Max(4, n * 2));
            }

            _edges[node][n] = new Edge(other, timeMs, middle);
            _count[node] = n + 1;
        }

        public void Remove(int node, int other)
        {
            Edge[] edges = _edges[node];
            int n = _count[node];
            for (int i = 0; i < n; i++)
            {
                if (edges[i].Other == other)
                {
                    edges[i] = edges[--n];
                    i--;
                }
            }

            _count[node] = n;
        }

        public void Clear(int node)
        {
            _edges[node] = [];
            _count[node] = 0;
        }
    }
}
