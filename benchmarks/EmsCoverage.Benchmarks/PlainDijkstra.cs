using EmsCoverage.Graph;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// The baseline every search ratio is measured against: a textbook bounded Dijkstra on the same CSR arrays
/// with .NET's <see cref="PriorityQueue{TElement, TPriority}"/> and lazy deletion, one source, no second-best.
/// </summary>
internal sealed class PlainDijkstra(int nodeCount)
{
    private readonly int[] _timeMs = new int[nodeCount];
    private readonly PriorityQueue<int, int> _queue = new();

    public int Run(RoadNetwork network, int source, int limitMs)
    {
        Array.Fill(_timeMs, int.MaxValue);
        _queue.Clear();
        _timeMs[source] = 0;
        _queue.Enqueue(source, 0);
        int settled = 0;
        int[] first = network._firstArc, head = network._arcHead, time = network._arcTravelTimeMs;
        while (_queue.TryDequeue(out int node, out int t))
        {
            if (t != _timeMs[node])
            {
                continue;
            }

            settled++;
            for (int a = first[node]; a < first[node + 1]; a++)
            {
                int h = head[a];
                int arrival = t + time[a];
                if (arrival <= limitMs && arrival < _timeMs[h])
                {
                    _timeMs[h] = arrival;
                    _queue.Enqueue(h, arrival);
                }
            }
        }

        return settled;
    }
}
