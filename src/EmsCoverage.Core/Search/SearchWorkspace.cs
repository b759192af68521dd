using System.Runtime.InteropServices;

namespace EmsCoverage.Search;

/// <summary>
/// Reusable scratch memory and results of one search. Create one per thread and reuse it: after the first
/// search on a network, later searches allocate nothing. Results stay readable until the next search.
/// </summary>
/// <remarks>Not thread-safe. Resetting between searches is O(1): labels carry the number of the search that
/// wrote them, and a label from an older search reads as unreached.</remarks>
public sealed class SearchWorkspace
{
    /// <summary>Time reported for a node no source reaches within the limit.</summary>
    public const int Unreached = int.MaxValue;

    /// <summary>Source reported for a node no source reaches within the limit.</summary>
    public const int NoSource = -1;

    internal NodeLabel[] _labels;
    internal readonly RadixHeap _queue = new();
    internal int[] _reached;
    internal int _reachedCount;
    internal int _stamp;

    /// <summary>Creates a workspace for networks of up to <paramref name="nodeCount"/> nodes.</summary>
    public SearchWorkspace(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _labels = new NodeLabel[nodeCount];
        _reached = new int[nodeCount];
    }

    /// <summary>Number of nodes this workspace can hold.</summary>
    public int Capacity => _labels.Length;

    /// <summary>Nodes reached within the limit by the last search, in the order they were settled (non-decreasing time).</summary>
    public ReadOnlySpan<int> ReachedNodes => _reached.AsSpan(0, _reachedCount);

    /// <summary>Number of labels the last search settled: one per reached node, plus one per node that also got a second-best source.</summary>
    public int SettledLabelCount { get; internal set; }

    /// <summary>Earliest arrival at <paramref name="node"/> in ms, or <see cref="Unreached"/>.</summary>
    public int BestTimeMs(int node)
    {
        ref NodeLabel l = ref _labels[node];
        return l.Stamp == _stamp ? l.BestMs : Unreached;
    }

    /// <summary>Source (index into the seeds' sources) of the earliest arrival, or <see cref="NoSource"/>.
    /// Ties in time go to the smaller source index.</summary>
    public int BestSource(int node)
    {
        ref NodeLabel l = ref _labels[node];
        return l.Stamp == _stamp ? l.BestSource : NoSource;
    }

    /// <summary>Earliest arrival at <paramref name="node"/> by a source other than <see cref="BestSource"/>, or
    /// <see cref="Unreached"/> (always unreached when the search ran without second-best tracking).</summary>
    public int SecondTimeMs(int node)
    {
        ref NodeLabel l = ref _labels[node];
        return l.Stamp == _stamp ? l.SecondMs : Unreached;
    }

    /// <summary>Source of <see cref="SecondTimeMs"/>, or <see cref="NoSource"/>.</summary>
    public int SecondSource(int node)
    {
        ref NodeLabel l = ref _labels[node];
        return l.Stamp == _stamp ? l.SecondSource : NoSource;
    }

    internal void Begin(int nodeCount)
    {
        if (nodeCount > _labels.Length)
        {
            throw new ArgumentException(
                $"The workspace holds {_labels.Length} nodes but the network has {nodeCount}; create a workspace for this network.",
                nameof(nodeCount));
        }

        if (_stamp == int.MaxValue)
        {
            Array.Clear(_labels);
            _stamp = 0;
        }

        _stamp++;
        _queue.Clear();
        _reachedCount = 0;
        SettledLabelCount = 0;
    }
}

/// <summary>Per-node search state; 24 bytes so a relaxation touches one cache line.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NodeLabel
{
    public int Stamp;
    public int Settled;       // 0: nothing settled, 1: best settled, 2: best and second settled
    public int BestMs;
    public int BestSource;
    public int SecondMs;
    public int SecondSource;
}
