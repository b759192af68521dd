using EmsCoverage.Snapping;

namespace EmsCoverage.Graph;

/// <summary>
/// The reverse of a <see cref="RoadNetwork"/>: every arc u→v becomes v→u with the same time, length, class and
/// (reversed) shape; node ids are unchanged. A forward search on it from a set of targets gives, for every node,
/// the time from that node TO the nearest target on the original network — "how long from here to the nearest
/// hospital" with the same search code as every other search.
/// </summary>
/// <remarks>Built once in O(nodes + arcs); locations snapped on the original network are moved onto it with
/// <see cref="ToReversed"/> (the arc's reverse, at <c>1 - fraction</c>).</remarks>
public sealed class ReversedNetwork
{
    private readonly int[] _reversedOf;
    private readonly int[] _forwardOf;

    private ReversedNetwork(RoadNetwork forward, RoadNetwork network, int[] reversedOf, int[] forwardOf)
    {
        Forward = forward;
        Network = network;
        _reversedOf = reversedOf;
        _forwardOf = forwardOf;
    }

    /// <summary>The original network.</summary>
    public RoadNetwork Forward { get; }

    /// <summary>The reversed network (search on it like on any other).</summary>
    public RoadNetwork Network { get; }

    /// <summary>The arc of <see cref="Network"/> that reverses arc <paramref name="forwardArc"/> of <see cref="Forward"/>.</summary>
    public int ReversedArc(int forwardArc) => _reversedOf[forwardArc];

    /// <summary>The arc of <see cref="Forward"/> that arc <paramref name="reversedArc"/> of <see cref="Network"/> reverses.</summary>
    public int ForwardArc(int reversedArc) => _forwardOf[reversedArc];

    /// <summary>A location snapped on <see cref="Forward"/>, as the same place on <see cref="Network"/>.</summary>
    public SnapPoint ToReversed(SnapPoint forwardSnap) =>
        forwardSnap with { Arc = _reversedOf[forwardSnap.Arc], Fraction = 1 - forwardSnap.Fraction };

    /// <summary>Builds the reverse of <paramref name="forward"/>.</summary>
    public static ReversedNetwork Build(RoadNetwork forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        int n = forward.NodeCount;
        int m = forward.ArcCount;

        // CSR by the new tail (the old head), stable in the order of the old arcs.
        var firstArc = new int[n + 1];
        for (int a = 0; a < m; a++)
        {
            firstArc[forward._arcHead[a] + 1]++;
        }

        for (int v = 0; v < n; v++)
        {
            firstArc[v + 1] += firstArc[v];
        }

        var next = (int[])firstArc.Clone();
        var reversedOf = new int[m];
        var forwardOf = new int[m];
        for (int a = 0; a < m; a++)
        {
            int r = next[forward._arcHead[a]]++;
            reversedOf[a] = r;
            forwardOf[r] = a;
        }

        var head = new int[m];
        var tail = new int[m];
        var time = new int[m];
        var length = new float[m];
        var twin = new int[m];
        var way = new long[m];
        var roadClass = new byte[m];
        var shapeStart = new int[m + 1];
        for (int r = 0; r < m; r++)
        {
            int a = forwardOf[r];
            head[r] = forward._arcTail[a];
            tail[r] = forward._arcHead[a];
            time[r] = forward._arcTravelTimeMs[a];
            length[r] = forward._arcLengthM[a];
            int t = forward._arcTwin[a];
            twin[r] = t == RoadNetwork.NoArc ? RoadNetwork.NoArc : reversedOf[t];
            way[r] = forward._arcWayId[a];
            roadClass[r] = forward._arcRoadClass[a];
            shapeStart[r + 1] = shapeStart[r] + (forward._arcShapeStart[a + 1] - forward._arcShapeStart[a]);
        }

        var shapeLat = new int[shapeStart[m]];
        var shapeLon = new int[shapeStart[m]];
        for (int r = 0; r < m; r++)
        {
            int a = forwardOf[r];
            int from = forward._arcShapeStart[a];
            int count = forward._arcShapeStart[a + 1] - from;
            for (int k = 0; k < count; k++)
            {
                shapeLat[shapeStart[r] + k] = forward._shapeLatE7[from + count - 1 - k];
                shapeLon[shapeStart[r] + k] = forward._shapeLonE7[from + count - 1 - k];
            }
        }

        // Reversing every arc keeps the strongly connected components: node arrays are shared.
        var network = new RoadNetwork(firstArc, head, tail, time, length, twin, way, shapeStart, shapeLat, shapeLon,
            forward._nodeLatE7, forward._nodeLonE7, forward._nodeComponent, forward.ComponentCount,
            forward.LargestComponentNodeCount, forward.Provenance, roadClass);
        return new ReversedNetwork(forward, network, reversedOf, forwardOf);
    }
}
