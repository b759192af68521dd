using System.Runtime.CompilerServices;
using EmsCoverage.Graph;

namespace EmsCoverage.Search;

/// <summary>
/// Bounded multi-source forward search (Dijkstra on integer milliseconds): from every source at once, the
/// earliest arrival at each node within a time limit, and optionally the earliest arrival by a second,
/// different source (for redundancy and "what if this base is busy").
/// </summary>
/// <remarks>
/// <para>Labels are pairs (time, source) compared by time, then by source index; each node settles at most one
/// label per distinct source and at most two in all. The first settled label is the lexicographic minimum,
/// so a tie in time goes to the smaller source index, whatever order the seeds came in. The second is the
/// best label among the other sources: a shortest path from source s to v runs through a predecessor u at which
/// s is one of u's two best sources (otherwise u's two better sources would beat s at v), so keeping two labels
/// per node is enough.</para>
/// <para>The limit is inclusive: a node reached at exactly <c>limitMs</c> is reached. Arcs leading out of the
/// limit are not queued, so work is proportional to the reached area.</para>
/// <para>Allocation-free after the workspace has seen one search of this size.</para>
/// </remarks>
public static class MultiSourceSearch
{
    /// <summary>
    /// Runs the search; results are read from <paramref name="workspace"/>.
    /// </summary>
    /// <param name="network">The road network.</param>
    /// <param name="seeds">Starting labels; several may name the same node or the same source.</param>
    /// <param name="limitMs">Inclusive time limit in ms, zero or more.</param>
    /// <param name="workspace">Scratch memory and results, sized for at least the network's node count.</param>
    /// <param name="trackSecondSource">Also compute the best arrival by a second, different source.</param>
    /// <returns>The number of nodes reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative limit, or a seed with a bad node, time or source.</exception>
    public static int Run(RoadNetwork network, ReadOnlySpan<SearchSeed> seeds, int limitMs, SearchWorkspace workspace,
        bool trackSecondSource = true)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentOutOfRangeException.ThrowIfNegative(limitMs);
        workspace.Begin(network.NodeCount);
        int stamp = workspace._stamp;
        NodeLabel[] labels = workspace._labels;
        RadixHeap queue = workspace._queue;

        foreach (SearchSeed seed in seeds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(seed.Node, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seed.Node, network.NodeCount, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfNegative(seed.TimeMs, nameof(seeds));
            ArgumentOutOfRangeException.ThrowIfNegative(seed.Source, nameof(seeds));
            if (seed.TimeMs <= limitMs)
            {
                Offer(labels, queue, stamp, seed.Node, seed.TimeMs, seed.Source, trackSecondSource);
            }
        }

        int[] firstArc = network._firstArc;
        ArcHeadTime[] arcs = network._arcHeadTime;
        int[] reached = workspace._reached;
        int reachedCount = 0;
        int settledLabels = 0;

        while (queue.TryPop(out ulong key, out int node))
        {
            ref NodeLabel label = ref labels[node];
            int timeMs = (int)(key >> 32);
            int source = (int)(uint)key;
            if (label.Settled == 0)
            {
                if (timeMs != label.BestMs || source != label.BestSource)
                {
                    continue; // stale entry: the label was improved after it was queued
                }

                label.Settled = 1;
                reached[reachedCount++] = node;
            }
            else if (label.Settled == 1 && timeMs == label.SecondMs && source == label.SecondSource)
            {
                label.Settled = 2;
            }
            else
            {
                continue;
            }

            settledLabels++;
            int end = firstArc[node + 1];
            for (int arc = firstArc[node]; arc < end; arc++)
            {
                ArcHeadTime a = arcs[arc];
                long arrivalMs = (long)timeMs + a.TimeMs;
                if (arrivalMs <= limitMs)
                {
                    Offer(labels, queue, stamp, a.Head, (int)arrivalMs, source, trackSecondSource);
                }
            }
        }

        workspace._reachedCount = reachedCount;
        workspace.SettledLabelCount = settledLabels;
        return reachedCount;
    }

    /// <summary>Offers label (timeMs, source) to <paramref name="node"/>; queues it if it becomes one of the node's two labels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer(NodeLabel[] labels, RadixHeap queue, int stamp, int node, int timeMs, int source, bool trackSecond)
    {
        ref NodeLabel l = ref labels[node];
        ulong key = Key(timeMs, source);
        if (l.Stamp != stamp)
        {
            l.Stamp = stamp;
            l.Settled = 0;
            l.BestMs = timeMs;
            l.BestSource = source;
            l.SecondMs = SearchWorkspace.Unreached;
            l.SecondSource = SearchWorkspace.NoSource;
            queue.Push(key, node);
            return;
        }

        if (l.Settled == 0)
        {
            if (key < Key(l.BestMs, l.BestSource))
            {
                if (source != l.BestSource && trackSecond)
                {
                    // The old best (another source) becomes second; its queue entry already has its key.
                    l.SecondMs = l.BestMs;
                    l.SecondSource = l.BestSource;
                }

                l.BestMs = timeMs;
                l.BestSource = source;
                queue.Push(key, node);
                return;
            }

            if (source == l.BestSource || !trackSecond)
            {
                return;
            }
        }
        else if (l.Settled == 2 || !trackSecond || source == l.BestSource)
        {
            return;
        }

        if (key < Key(l.SecondMs, l.SecondSource))
        {
            l.SecondMs = timeMs;
            l.SecondSource = source;
            queue.Push(key, node);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(int timeMs, int source) => ((ulong)(uint)timeMs << 32) | (uint)source;
}
