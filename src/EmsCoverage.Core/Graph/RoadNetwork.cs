namespace EmsCoverage.Graph;

/// <summary>
/// An immutable directed road graph in compressed sparse row (CSR) form, with integer travel times.
/// </summary>
/// <remarks>
/// <para>Ids: nodes are dense <c>0 .. NodeCount-1</c>, arcs dense <c>0 .. ArcCount-1</c>; the outgoing arcs of
/// node <c>n</c> are <c>FirstArc(n) .. FirstArc(n + 1) - 1</c>. A two-way road is two arcs that are each other's
/// <see cref="ArcTwin"/>; a one-way road is one arc whose twin is <see cref="NoArc"/>.</para>
/// <para>Units: travel times are whole milliseconds (<c>int</c>, never negative; zero is allowed),
/// lengths are metres, coordinates are WGS84 degrees stored as <c>int</c> × 10⁷.</para>
/// <para>The graph may contain parallel arcs, zero-time arcs and several strongly connected components;
/// nodes are numbered in a space-filling-curve order so that nearby nodes sit near each other in memory.</para>
/// </remarks>
public sealed class RoadNetwork
{
    /// <summary>Value of <see cref="ArcTwin"/> for an arc without a reverse twin (a one-way road).</summary>
    public const int NoArc = -1;

    /// <summary>Scale of the stored coordinates: degrees × 10⁷ as <c>int</c> (about 1 cm).</summary>
    public const double CoordinateScale = 1e7;

    // Layout (flat arrays indexed by dense ids):
    //   _firstArc        NodeCount + 1   first outgoing arc of each node; last entry == ArcCount
    //   _arcHead         ArcCount        node the arc leads to
    //   _arcTail         ArcCount        node the arc starts from
    //   _arcTravelTimeMs ArcCount        travel time in ms (>= 0)
    //   _arcLengthM      ArcCount        length along the shape in metres
    //   _arcTwin         ArcCount        reverse arc of the same road piece, or NoArc
    //   _arcWayId        ArcCount        OSM way id the arc came from (0 when synthetic)
    //   _arcShapeStart   ArcCount + 1    range of intermediate shape points in _shapeLatE7/_shapeLonE7,
    //                                    in the arc's direction, end nodes excluded
    //   _nodeLatE7/_nodeLonE7 NodeCount  coordinates
    //   _nodeComponent   NodeCount       strongly connected component id; 0 is the largest
    //   _arcRoadClass    ArcCount        RoadClass of the arc (Unknown when the source did not say)
    internal readonly int[] _firstArc;
    internal readonly int[] _arcHead;
    internal readonly int[] _arcTail;
    internal readonly int[] _arcTravelTimeMs;
    internal readonly float[] _arcLengthM;
    internal readonly int[] _arcTwin;
    internal readonly long[] _arcWayId;
    internal readonly int[] _arcShapeStart;
    internal readonly int[] _shapeLatE7;
    internal readonly int[] _shapeLonE7;
    internal readonly int[] _nodeLatE7;
    internal readonly int[] _nodeLonE7;
    internal readonly int[] _nodeComponent;
    internal readonly byte[] _arcRoadClass;

    // Derived for the search loop: head and time of each arc side by side, so relaxing an arc touches one cache
    // line instead of two. Rebuilt from _arcHead/_arcTravelTimeMs, never stored in files.
    internal readonly ArcHeadTime[] _arcHeadTime;

    internal RoadNetwork(
        int[] firstArc, int[] arcHead, int[] arcTail, int[] arcTravelTimeMs, float[] arcLengthM, int[] arcTwin,
        long[] arcWayId, int[] arcShapeStart, int[] shapeLatE7, int[] shapeLonE7, int[] nodeLatE7, int[] nodeLonE7,
        int[] nodeComponent, int componentCount, int largestComponentNodeCount, NetworkProvenance provenance,
        byte[]? arcRoadClass = null)
    {
        if (arcRoadClass is not null && arcRoadClass.Length != arcHead.Length)
        {
            throw new ArgumentException("One road class is needed per arc.", nameof(arcRoadClass));
        }

        _arcRoadClass = arcRoadClass ?? new byte[arcHead.Length];
        _firstArc = firstArc;
        _arcHead = arcHead;
        _arcTail = arcTail;
        _arcTravelTimeMs = arcTravelTimeMs;
        _arcLengthM = arcLengthM;
        _arcTwin = arcTwin;
        _arcWayId = arcWayId;
        _arcShapeStart = arcShapeStart;
        _shapeLatE7 = shapeLatE7;
        _shapeLonE7 = shapeLonE7;
        _nodeLatE7 = nodeLatE7;
        _nodeLonE7 = nodeLonE7;
        _nodeComponent = nodeComponent;
        _arcHeadTime = new ArcHeadTime[arcHead.Length];
        for (int a = 0; a < arcHead.Length; a++)
        {
            _arcHeadTime[a] = new ArcHeadTime(arcHead[a], arcTravelTimeMs[a]);
        }

        ComponentCount = componentCount;
        LargestComponentNodeCount = largestComponentNodeCount;
        Provenance = provenance;
    }

    /// <summary>Number of nodes (road intersections and dead ends).</summary>
    public int NodeCount => _nodeLatE7.Length;

    /// <summary>Number of directed arcs.</summary>
    public int ArcCount => _arcHead.Length;

    /// <summary>Number of strongly connected components (1 for a fully connected network).</summary>
    public int ComponentCount { get; }

    /// <summary>Number of nodes in the largest strongly connected component (component id 0).</summary>
    public int LargestComponentNodeCount { get; }

    /// <summary>Where the network came from: hashes of the source extract and of the profile.</summary>
    public NetworkProvenance Provenance { get; }

    /// <summary>First outgoing arc of <paramref name="node"/>; <c>FirstArc(node + 1)</c> ends the range.</summary>
    public int FirstArc(int node) => _firstArc[node];

    /// <summary>Node that <paramref name="arc"/> leads to.</summary>
    public int ArcHead(int arc) => _arcHead[arc];

    /// <summary>Node that <paramref name="arc"/> starts from.</summary>
    public int ArcTail(int arc) => _arcTail[arc];

    /// <summary>Travel time along the whole arc in milliseconds (zero or more).</summary>
    public int ArcTravelTimeMs(int arc) => _arcTravelTimeMs[arc];

    /// <summary>Length of the arc along its shape in metres.</summary>
    public double ArcLengthM(int arc) => _arcLengthM[arc];

    /// <summary>The reverse arc of the same road piece, or <see cref="NoArc"/> on a one-way road.</summary>
    public int ArcTwin(int arc) => _arcTwin[arc];

    /// <summary>Road class of <paramref name="arc"/> (<see cref="RoadClass.Unknown"/> when the source did not say).</summary>
    public RoadClass ArcRoadClass(int arc) => (RoadClass)_arcRoadClass[arc];

    /// <summary>True when at least one arc has a known <see cref="RoadClass"/> (false for files prepared before
    /// road classes were stored: time bands then fall back to their default multiplier).</summary>
    public bool HasRoadClasses => Array.Exists(_arcRoadClass, c => c != 0);

    /// <summary>
    /// The same network (same nodes, arcs, ids, shapes, classes and components) with other arc travel times, in
    /// O(arcs): the topology arrays are shared, not copied, so any search runs on the result unchanged. Used for
    /// time bands and the lights-and-sirens factor (see <c>EmsCoverage.Travel.TravelTimeModel</c>).
    /// </summary>
    /// <param name="arcTravelTimeMs">One travel time per arc in ms, zero or more; the array is copied.</param>
    /// <exception cref="ArgumentException">Wrong length or a negative time.</exception>
    public RoadNetwork WithTravelTimes(ReadOnlySpan<int> arcTravelTimeMs)
    {
        if (arcTravelTimeMs.Length != ArcCount)
        {
            throw new ArgumentException($"One travel time is needed per arc ({ArcCount}), found {arcTravelTimeMs.Length}.", nameof(arcTravelTimeMs));
        }

        if (arcTravelTimeMs.IndexOfAnyInRange(int.MinValue, -1) is int bad and >= 0)
        {
            throw new ArgumentException($"Arc {bad} has a negative travel time ({arcTravelTimeMs[bad]} ms).", nameof(arcTravelTimeMs));
        }

        return new RoadNetwork(_firstArc, _arcHead, _arcTail, arcTravelTimeMs.ToArray(), _arcLengthM, _arcTwin, _arcWayId,
            _arcShapeStart, _shapeLatE7, _shapeLonE7, _nodeLatE7, _nodeLonE7, _nodeComponent, ComponentCount,
            LargestComponentNodeCount, Provenance, _arcRoadClass);
    }

    /// <summary>OSM way id the arc was built from (0 for synthetic networks).</summary>
    public long ArcWayId(int arc) => _arcWayId[arc];

    /// <summary>Latitude of <paramref name="node"/> in WGS84 degrees.</summary>
    public double NodeLat(int node) => _nodeLatE7[node] / CoordinateScale;

    /// <summary>Longitude of <paramref name="node"/> in WGS84 degrees.</summary>
    public double NodeLon(int node) => _nodeLonE7[node] / CoordinateScale;

    /// <summary>Strongly connected component of <paramref name="node"/>; 0 is the largest.</summary>
    public int NodeComponent(int node) => _nodeComponent[node];

    /// <summary>True when <paramref name="arc"/> lies inside the largest strongly connected component.</summary>
    public bool IsArcInLargestComponent(int arc) => _nodeComponent[_arcTail[arc]] == 0 && _nodeComponent[_arcHead[arc]] == 0;

    /// <summary>
    /// Number of shape points of <paramref name="arc"/>, its two end nodes included (so at least 2).
    /// </summary>
    public int ArcShapePointCount(int arc) => _arcShapeStart[arc + 1] - _arcShapeStart[arc] + 2;

    /// <summary>
    /// Shape point <paramref name="index"/> of <paramref name="arc"/> in the arc's direction: 0 is the tail node,
    /// <c>ArcShapePointCount(arc) - 1</c> the head node. Coordinates in WGS84 degrees.
    /// </summary>
    public (double Lat, double Lon) ArcShapePoint(int arc, int index)
    {
        int inner = _arcShapeStart[arc + 1] - _arcShapeStart[arc];
        if (index == 0)
        {
            int t = _arcTail[arc];
            return (_nodeLatE7[t] / CoordinateScale, _nodeLonE7[t] / CoordinateScale);
        }

        if (index == inner + 1)
        {
            int h = _arcHead[arc];
            return (_nodeLatE7[h] / CoordinateScale, _nodeLonE7[h] / CoordinateScale);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, inner + 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        int s = _arcShapeStart[arc] + index - 1;
        return (_shapeLatE7[s] / CoordinateScale, _shapeLonE7[s] / CoordinateScale);
    }
}

/// <summary>Head node and travel time of one arc, packed for the search loop.</summary>
internal readonly record struct ArcHeadTime(int Head, int TimeMs);

/// <summary>Where a road network came from, kept with it so a stale prepared file can be recognised.</summary>
/// <param name="SourceSha256">Lower-case hex SHA-256 of the source extract, or empty for synthetic networks.</param>
/// <param name="ProfileSha256">Lower-case hex SHA-256 of the travel profile text, or empty.</param>
/// <param name="SourceName">File name of the source extract (no folder), for messages and reports.</param>
public sealed record NetworkProvenance(string SourceSha256, string ProfileSha256, string SourceName)
{
    /// <summary>Provenance of a network built in code (tests, generators).</summary>
    public static NetworkProvenance Synthetic { get; } = new(string.Empty, string.Empty, "synthetic");

    /// <summary>Date of the source data (the extract's replication timestamp, or its newest element), when known.
    /// Reports state it, since OSM extracts age.</summary>
    public DateTimeOffset? DataDate { get; init; }
}
