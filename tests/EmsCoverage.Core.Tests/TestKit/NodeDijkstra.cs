using EmsCoverage.Graph;
using EmsCoverage.Search;

namespace EmsCoverage.Core.Tests.TestKit;

/// <summary>
/// Test oracle for node-level times: a textbook Dijkstra (.NET PriorityQueue, long times) over the network's arc
/// list, from several start labels, forward or on the reversed arcs, then cut at an inclusive limit. Shares no code
/// with the production searches.
/// </summary>
internal static class NodeDijkstra
{
    /// <summary>Time per node (int ms) within <paramref name="limitMs"/>, else <see cref="SearchWorkspace.Unreached"/>.</summary>
    public static int[] Times(RoadNetwork net, IEnumerable<(int Node, int TimeMs)> starts, long limitMs, bool reverse = false)
    {
        var adjacency = new List<(int To, int TimeMs)>[net.NodeCount];
        for (int v = 0; v < net.NodeCount; v++)
        {
            adjacency[v] = [];
        }

        for (int a = 0; a < net.ArcCount; a++)
        {
            int from = net.ArcTail(a), to = net.ArcHead(a);
            if (reverse)
            {
                (from, to) = (to, from);
            }

            adjacency[from].Add((to, net.ArcTravelTimeMs(a)));
        }

        var dist = Enumerable.Repeat(long.MaxValue, net.NodeCount).ToArray();
        var queue = new PriorityQueue<int, long>();
        foreach (var (node, t) in starts)
        {
            if (t < dist[node])
            {
                dist[node] = t;
                queue.Enqueue(node, t);
            }
        }

        while (queue.TryDequeue(out int u, out long d))
        {
            if (d != dist[u])
            {
                continue;
            }

            foreach (var (to, w) in adjacency[u])
            {
                if (d + w < dist[to])
                {
                    dist[to] = d + w;
                    queue.Enqueue(to, d + w);
                }
            }
        }

        return dist.Select(d => d <= limitMs ? (int)d : SearchWorkspace.Unreached).ToArray();
    }
}
