namespace EmsCoverage.Graph;

/// <summary>
/// Collects nodes and arcs in any order and builds an immutable <see cref="RoadNetwork"/>: nodes renumbered
/// along a Hilbert curve for memory locality, arcs grouped by tail (CSR), strongly connected components found.
/// </summary>
/// <remarks>Node ids handed out by <see cref="AddNode"/> are builder ids; after <see cref="Build"/> use
/// <see cref="BuiltNodeId"/> to map them to the network's ids. Building is deterministic: the same calls in the
/// same order give the same network.</remarks>
public sealed class RoadNetworkBuilder
{
    private readonly List<int> _nodeLatE7 = [];
    private readonly List<int> _nodeLonE7 = [];
    private readonly List<int> _arcTail = [];
    private readonly List<int> _arcHead = [];
    private readonly List<int> _arcTimeMs = [];
    private readonly List<float> _arcLengthM = [];
    private readonly List<int> _arcTwin = [];
    private readonly List<long> _arcWayId = [];
    private readonly List<byte> _arcRoadClass = [];
    private readonly List<int> _arcShapeStart = [0];
    private readonly List<int> _shapeLatE7 = [];
    private readonly List<int> _shapeLonE7 = [];
    private int[]? _builtNodeId;

    /// <summary>Number of nodes added so far.</summary>
    public int NodeCount => _nodeLatE7.Count;

    /// <summary>Number of arcs added so far.</summary>
    public int ArcCount => _arcTail.Count;

    /// <summary>Adds a node at WGS84 <paramref name="lat"/>/<paramref name="lon"/> degrees; returns its builder id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Coordinates outside [-90, 90] / [-180, 180] or not finite.</exception>
    public int AddNode(double lat, double lon)
    {
        if (!(lat >= -90 && lat <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(lat), lat, "Latitude must be within [-90, 90] degrees.");
        }

        if (!(lon >= -180 && lon <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "Longitude must be within [-180, 180] degrees.");
        }

        _nodeLatE7.Add(ToE7(lat));
        _nodeLonE7.Add(ToE7(lon));
        return _nodeLatE7.Count - 1;
    }

    /// <summary>
    /// Adds one road piece between builder nodes <paramref name="from"/> and <paramref name="to"/>: an arc
    /// from→to when <paramref name="forwardTimeMs"/> is zero or more, an arc to→from when
    /// <paramref name="backwardTimeMs"/> is zero or more (negative means "not drivable that way"); when both
    /// exist they are each other's twin.
    /// </summary>
    /// <param name="from">Builder id of the node where the shape starts.</param>
    /// <param name="to">Builder id of the node where the shape ends.</param>
    /// <param name="forwardTimeMs">Travel time from→to in ms, or negative for none.</param>
    /// <param name="backwardTimeMs">Travel time to→from in ms, or negative for none.</param>
    /// <param name="lengthM">Length along the shape in metres.</param>
    /// <param name="wayId">OSM way id (0 when synthetic).</param>
    /// <param name="innerShape">Intermediate shape points from→to as (lat, lon) degrees, end nodes excluded.</param>
    /// <param name="roadClass">Road class of both arcs (for time bands); <see cref="RoadClass.Unknown"/> when not known.</param>
    public void AddRoad(int from, int to, int forwardTimeMs, int backwardTimeMs, double lengthM, long wayId,
        ReadOnlySpan<(double Lat, double Lon)> innerShape = default, RoadClass roadClass = RoadClass.Unknown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, NodeCount);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, NodeCount);
        if (!(lengthM >= 0) || double.IsInfinity(lengthM))
        {
            throw new ArgumentOutOfRangeException(nameof(lengthM), lengthM, "Length must be finite and not negative.");
        }

        int forward = forwardTimeMs >= 0 ? AddArc(from, to, forwardTimeMs, lengthM, wayId, innerShape, reversed: false, roadClass) : RoadNetwork.NoArc;
        int backward = backwardTimeMs >= 0 ? AddArc(to, from, backwardTimeMs, lengthM, wayId, innerShape, reversed: true, roadClass) : RoadNetwork.NoArc;
        if (forward != RoadNetwork.NoArc && backward != RoadNetwork.NoArc)
        {
            _arcTwin[forward] = backward;
            _arcTwin[backward] = forward;
        }
    }

    /// <summary>Adds a single directed arc without a twin (a one-way road piece).</summary>
    /// <param name="from">Builder id of the tail node.</param>
    /// <param name="to">Builder id of the head node.</param>
    /// <param name="timeMs">Travel time in ms (zero or more).</param>
    /// <param name="lengthM">Length in metres; when omitted, the great-circle distance between the nodes.</param>
    /// <param name="roadClass">Road class of the arc (for time bands).</param>
    public void AddArc(int from, int to, int timeMs, double? lengthM = null, RoadClass roadClass = RoadClass.Unknown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeMs);
        double length = lengthM ?? Geodesy.HaversineM(
            _nodeLatE7[from] / RoadNetwork.CoordinateScale, _nodeLonE7[from] / RoadNetwork.CoordinateScale,
            _nodeLatE7[to] / RoadNetwork.CoordinateScale, _nodeLonE7[to] / RoadNetwork.CoordinateScale);
        AddRoad(from, to, timeMs, -1, length, 0, default, roadClass);
    }

    private int AddArc(int tail, int head, int timeMs, double lengthM, long wayId,
        ReadOnlySpan<(double Lat, double Lon)> inner, bool reversed, RoadClass roadClass)
    {
        _arcRoadClass.Add((byte)roadClass);
        _arcTail.Add(tail);
        _arcHead.Add(head);
        _arcTimeMs.Add(timeMs);
        _arcLengthM.Add((float)lengthM);
        _arcTwin.Add(RoadNetwork.NoArc);
        _arcWayId.Add(wayId);
        for (int i = 0; i < inner.Length; i++)
        {
            var p = inner[reversed ? inner.Length - 1 - i : i];
            _shapeLatE7.Add(ToE7(p.Lat));
            _shapeLonE7.Add(ToE7(p.Lon));
        }

        _arcShapeStart.Add(_shapeLatE7.Count);
        return _arcTail.Count - 1;
    }

    /// <summary>After <see cref="Build"/>: the network node id of builder node <paramref name="builderNode"/>.</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Build"/>.</exception>
    public int BuiltNodeId(int builderNode) =>
        (_builtNodeId ?? throw new InvalidOperationException("Call Build() before asking for built node ids."))[builderNode];

    /// <summary>Builds the immutable network.</summary>
    /// <param name="provenance">Hashes of the source and profile; <see cref="NetworkProvenance.Synthetic"/> when built in code.</param>
    public RoadNetwork Build(NetworkProvenance? provenance = null)
    {
        int n = _nodeLatE7.Count;
        int m = _arcTail.Count;

        // 1. Locality order: sort nodes by their index on a Hilbert curve over the bounding box.
        int[] order = HilbertOrder(n);
        var newId = new int[n];
        for (int i = 0; i < n; i++)
        {
            newId[order[i]] = i;
        }

        _builtNodeId = newId;
        var latE7 = new int[n];
        var lonE7 = new int[n];
        for (int i = 0; i < n; i++)
        {
            latE7[i] = _nodeLatE7[order[i]];
            lonE7[i] = _nodeLonE7[order[i]];
        }

        // 2. CSR: counting sort of arcs by new tail, stable in insertion order.
        var firstArc = new int[n + 1];
        for (int a = 0; a < m; a++)
        {
            firstArc[newId[_arcTail[a]] + 1]++;
        }

        for (int i = 0; i < n; i++)
        {
            firstArc[i + 1] += firstArc[i];
        }

        var next = (int[])firstArc.Clone();
        var newArc = new int[m];
        for (int a = 0; a < m; a++)
        {
            newArc[a] = next[newId[_arcTail[a]]]++;
        }

        var head = new int[m];
        var tail = new int[m];
        var time = new int[m];
        var length = new float[m];
        var twin = new int[m];
        var way = new long[m];
        var roadClass = new byte[m];
        var shapeCount = new int[m];
        for (int a = 0; a < m; a++)
        {
            int b = newArc[a];
            head[b] = newId[_arcHead[a]];
            tail[b] = newId[_arcTail[a]];
            time[b] = _arcTimeMs[a];
            length[b] = _arcLengthM[a];
            twin[b] = _arcTwin[a] == RoadNetwork.NoArc ? RoadNetwork.NoArc : newArc[_arcTwin[a]];
            way[b] = _arcWayId[a];
            roadClass[b] = _arcRoadClass[a];
            shapeCount[b] = _arcShapeStart[a + 1] - _arcShapeStart[a];
        }

        var shapeStart = new int[m + 1];
        for (int b = 0; b < m; b++)
        {
            shapeStart[b + 1] = shapeStart[b] + shapeCount[b];
        }

        var shapeLat = new int[shapeStart[m]];
        var shapeLon = new int[shapeStart[m]];
        for (int a = 0; a < m; a++)
        {
            int b = newArc[a];
            int count = _arcShapeStart[a + 1] - _arcShapeStart[a];
            for (int k = 0; k < count; k++)
            {
                shapeLat[shapeStart[b] + k] = _shapeLatE7[_arcShapeStart[a] + k];
                shapeLon[shapeStart[b] + k] = _shapeLonE7[_arcShapeStart[a] + k];
            }
        }

        // 3. Strongly connected components, renumbered so that 0 is the largest.
        var (component, componentCount, largest) = StronglyConnectedComponents.Compute(firstArc, head);

        return new RoadNetwork(firstArc, head, tail, time, length, twin, way, shapeStart, shapeLat, shapeLon,
            latE7, lonE7, component, componentCount, largest, provenance ?? NetworkProvenance.Synthetic, roadClass);
    }

    private int[] HilbertOrder(int n)
    {
        var order = new int[n];
        if (n == 0)
        {
            return order;
        }

        int minLat = int.MaxValue, maxLat = int.MinValue, minLon = int.MaxValue, maxLon = int.MinValue;
        for (int i = 0; i < n; i++)
        {
            minLat = Math.Min(minLat, _nodeLatE7[i]);
            maxLat = Math.Max(maxLat, _nodeLatE7[i]);
            minLon = Math.Min(minLon, _nodeLonE7[i]);
            maxLon = Math.Max(maxLon, _nodeLonE7[i]);
        }

        double spanLat = Math.Max(1, (double)maxLat - minLat);
        double spanLon = Math.Max(1, (double)maxLon - minLon);
        var keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            uint x = (uint)Math.Min(65535, (_nodeLonE7[i] - (double)minLon) / spanLon * 65536);
            uint y = (uint)Math.Min(65535, (_nodeLatE7[i] - (double)minLat) / spanLat * 65536);
            keys[i] = ((long)HilbertIndex(x, y) << 31) | (uint)i; // ties broken by insertion order
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }

    // Position of (x, y) on a Hilbert curve filling a 2^16 × 2^16 square.
    private static uint HilbertIndex(uint x, uint y)
    {
        uint d = 0;
        for (uint s = 1u << 15; s > 0; s >>= 1)
        {
            uint rx = (x & s) > 0 ? 1u : 0u;
            uint ry = (y & s) > 0 ? 1u : 0u;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }

                (x, y) = (y, x);
            }
        }

        return d;
    }

    private static int ToE7(double degrees) => (int)Math.Round(degrees * RoadNetwork.CoordinateScale);
}
