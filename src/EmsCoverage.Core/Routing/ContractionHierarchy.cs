using EmsCoverage.Graph;

namespace EmsCoverage.Routing;

/// <summary>
/// A contraction hierarchy over a <see cref="RoadNetwork"/>: every node has a rank, and the arcs (original arcs and
/// shortcuts) are split into upward arcs (to a higher rank) and downward arcs (from a higher rank). Every shortest
/// path of at most <see cref="MaxExactTimeMs"/> has an equally short path that first climbs and then descends, which
/// is what <see cref="PhastSweep"/> uses to compute exact one-to-all travel times.
/// </summary>
/// <remarks>
/// <para>Layout (CSR, indexed by rank <c>r</c>, not by node id):</para>
/// <code>
///   _upFirst    NodeCount + 1   upward arcs of r: _upFirst[r] .. _upFirst[r + 1] - 1
///   _upArcs     UpArcCount      (head rank &gt; r, travel time ms) of an arc r → head
///   _upMiddle   UpArcCount      rank of the contracted node a shortcut bridges, or -1 for an original arc
///   _downFirst  NodeCount + 1   downward arcs into r
///   _downArcs   DownArcCount    (tail rank &gt; r, travel time ms) of an arc tail → r
///   _downMiddle DownArcCount    as _upMiddle
///   _rankOfNode NodeCount       rank of each node id;  _nodeOfRank: the inverse
/// </code>
/// <para>Weights are the network's exact integer milliseconds; a shortcut weighs exactly the sum of the two arcs it
/// replaces. Arcs and shortcuts above <see cref="MaxExactTimeMs"/> are left out (they lie on no path within it), which
/// keeps every sum in 32 bits. Self-loops are dropped and parallel arcs reduced to the fastest: neither changes a
/// shortest path.</para>
/// <para>The hierarchy records the network fingerprint (<see cref="NetworkSha256"/>) it was built for; use it only with
/// that network.</para>
/// </remarks>
public sealed class ContractionHierarchy
{
    /// <summary>Longest travel time the hierarchy answers exactly: 2³⁰ ms (about 12 days), far above any limit.</summary>
    public const int MaxExactTimeMs = 1 << 30;

    internal readonly int[] _upFirst;
    internal readonly RankArc[] _upArcs;
    internal readonly int[] _upMiddle;
    internal readonly int[] _downFirst;
    internal readonly RankArc[] _downArcs;
    internal readonly int[] _downMiddle;
    internal readonly int[] _rankOfNode;
    internal readonly int[] _nodeOfRank;

    internal ContractionHierarchy(int[] rankOfNode, int[] upFirst, RankArc[] upArcs, int[] upMiddle, int[] downFirst,
        RankArc[] downArcs, int[] downMiddle, string networkSha256)
    {
        _rankOfNode = rankOfNode;
        _nodeOfRank = new int[rankOfNode.Length];
        for (int n = 0; n < rankOfNode.Length; n++)
        {
            _nodeOfRank[rankOfNode[n]] = n;
        }

        _upFirst = upFirst;
        _upArcs = upArcs;
        _upMiddle = upMiddle;
        _downFirst = downFirst;
        _downArcs = downArcs;
        _downMiddle = downMiddle;
        NetworkSha256 = networkSha256;
    }

    /// <summary>Number of nodes (the network's).</summary>
    public int NodeCount => _rankOfNode.Length;

    /// <summary>Number of upward arcs (original arcs and shortcuts).</summary>
    public int UpArcCount => _upArcs.Length;

    /// <summary>Number of downward arcs (original arcs and shortcuts).</summary>
    public int DownArcCount => _downArcs.Length;

    /// <summary>Number of shortcuts among the upward and downward arcs.</summary>
    public int ShortcutCount
    {
        get
        {
            int n = 0;
            foreach (int m in _upMiddle)
            {
                n += m >= 0 ? 1 : 0;
            }

            foreach (int m in _downMiddle)
            {
                n += m >= 0 ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>Lower-case hex SHA-256 fingerprint of the network the hierarchy belongs to.</summary>
    public string NetworkSha256 { get; }

    /// <summary>Bytes held by the hierarchy's arrays.</summary>
    public long MemoryBytes =>
        (4L * (_upFirst.Length + _downFirst.Length + _rankOfNode.Length + _nodeOfRank.Length))
        + (12L * (_upArcs.Length + _downArcs.Length));

    /// <summary>Rank of <paramref name="node"/>: 0 was contracted first, <c>NodeCount - 1</c> last.</summary>
    public int Rank(int node) => _rankOfNode[node];

    /// <summary>Builds the hierarchy of <paramref name="network"/> (deterministic: same network, same hierarchy).</summary>
    public static ContractionHierarchy Build(RoadNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new ContractionBuilder(network).Build();
    }

    /// <summary>True when this hierarchy was built for <paramref name="network"/> (same fingerprint).</summary>
    public bool BelongsTo(RoadNetwork network) => NetworkSha256 == WhatIf.InputFingerprint.Network(network);
}

/// <summary>An arc of the hierarchy: the rank at its other end and its travel time, packed for the sweep loop.</summary>
internal readonly record struct RankArc(int Other, int TimeMs);
