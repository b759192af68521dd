using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EmsCoverage.Graph;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>
/// A square grid of nodes in a local metric projection, and for every node the nearest road of the network's main
/// component (the roads the <see cref="Snapping.Snapper"/> snaps demand cells to) with its distance.
/// </summary>
/// <remarks>
/// <para>Projection: equirectangular around the grid's centre (x east, y north, metres), as the snapper measures
/// distances; node (i, j) sits at (<see cref="X0"/> + i·h, <see cref="Y0"/> + j·h) and has index j·Width + i.</para>
/// <para>Nearest road: every shape segment is written to the nodes within about one cell of it, then two raster
/// sweeps (forward and backward, each also along the row in the opposite direction) hand each node's candidate to
/// its neighbours, which keep it when it is nearer (vector propagation, as in Danielsson's distance transform, with
/// exact point-to-segment distances). Node pairs where propagation picks a slightly farther segment are rare and
/// only move a contour within the cell.</para>
/// </remarks>
internal sealed class RoadGrid
{
    private readonly double _mPerDegLat;
    private readonly double _mPerDegLon;

    // Segments: projected end points, the indexed arc and the arc fractions at both ends.
    private readonly Segment[] _segments;

    /// <summary>Cells per side of the blocks whose emptiness lets far-from-road queries skip empty country fast.</summary>
    private const int Block = 8;

    // Bucket index: the segments whose box touches grid cell c are _bucketSegments[_bucketStart[c] .. _bucketStart[c+1]-1];
    // _blockUsed marks the Block x Block groups of cells holding any. Read-only once built: queries are thread-safe.
    private int[] _bucketStart = [];
    private int[] _bucketSegments = [];
    private bool[] _blockUsed = [];
    private int _blockColumns;

    private RoadGrid(double lat0, double lon0, double x0, double y0, double cellM, int width, int height,
        List<double> ax, List<double> ay, List<double> bx, List<double> by, List<int> arc, List<double> f0, List<double> f1)
    {
        Lat0 = lat0;
        Lon0 = lon0;
        _mPerDegLat = double.DegreesToRadians(Geodesy.EarthRadiusM);
        _mPerDegLon = _mPerDegLat * Math.Cos(double.DegreesToRadians(lat0));
        X0 = x0;
        Y0 = y0;
        CellM = cellM;
        Width = width;
        Height = height;
        _segments = new Segment[arc.Count];
        var roads = new List<int>();
        for (int s = 0; s < _segments.Length; s++)
        {
            if (s == 0 || arc[s] != arc[s - 1])
            {
                roads.Add(arc[s]); // segments of one arc are consecutive
            }

            double dx = bx[s] - ax[s], dy = by[s] - ay[s];
            double len2 = (dx * dx) + (dy * dy);
            _segments[s] = new Segment(ax[s], ay[s], dx, dy, len2 > 0 ? 1 / len2 : 0, f0[s], f1[s] - f0[s], arc[s], roads.Count - 1);
        }

        Roads = [.. roads];

        NearestSegment = new int[width * height];
        NearestDistanceM = new double[width * height];
    }

    /// <summary>Latitude of the projection centre.</summary>
    public double Lat0 { get; }

    /// <summary>Longitude of the projection centre.</summary>
    public double Lon0 { get; }

    /// <summary>Projected x of node column 0, metres.</summary>
    public double X0 { get; }

    /// <summary>Projected y of node row 0, metres.</summary>
    public double Y0 { get; }

    /// <summary>Distance between neighbouring nodes, metres.</summary>
    public double CellM { get; }

    /// <summary>Nodes per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Per node: nearest road segment, or -1 when none lies in the grid's reach.</summary>
    public int[] NearestSegment { get; }

    /// <summary>Per node: distance to <see cref="NearestSegment"/> in metres (infinity when none).</summary>
    public double[] NearestDistanceM { get; }

    /// <summary>The roads in the grid, each by its indexed arc (the lower-numbered arc of a two-way road).</summary>
    public int[] Roads { get; }

    /// <summary>Number of road segments indexed.</summary>
    public int SegmentCount => _segments.Length;

    /// <summary>
    /// Lays a grid of <paramref name="cellM"/> over the WGS84 box (<paramref name="minLat"/> … <paramref name="maxLon"/>)
    /// widened by <paramref name="marginM"/> on every side, and finds each node's nearest main-component road among the
    /// roads within <paramref name="roadMarginM"/> (at least <paramref name="marginM"/>) of the box.
    /// </summary>
    /// <exception cref="ArgumentException">The grid would exceed <paramref name="maxNodes"/> nodes.</exception>
    public static RoadGrid Build(RoadNetwork network, double minLat, double minLon, double maxLat, double maxLon, double marginM,
        double roadMarginM, double cellM, long maxNodes)
    {
        double lat0 = (minLat + maxLat) / 2, lon0 = (minLon + maxLon) / 2;
        double mLat = double.DegreesToRadians(Geodesy.EarthRadiusM);
        double mLon = mLat * Math.Cos(double.DegreesToRadians(lat0));
        double xMin = ((minLon - lon0) * mLon) - marginM, xMax = ((maxLon - lon0) * mLon) + marginM;
        double yMin = ((minLat - lat0) * mLat) - marginM, yMax = ((maxLat - lat0) * mLat) + marginM;
        long width = (long)Math.Ceiling((xMax - xMin) / cellM) + 1;
        long height = (long)Math.Ceiling((yMax - yMin) / cellM) + 1;
        if (width * height > maxNodes)
        {
            throw new ArgumentException(
                $"A {cellM:0.#} m grid over the reached area would need {width * height:N0} nodes (at most {maxNodes:N0}); " +
                "use a larger generalisation tolerance or shorter breaks.", nameof(cellM));
        }

        var ax = new List<double>();
        var ay = new List<double>();
        var bx = new List<double>();
        var by = new List<double>();
        var arcs = new List<int>();
        var f0 = new List<double>();
        var f1 = new List<double>();
        var px = new List<double>();
        var py = new List<double>();
        for (int arc = 0; arc < network.ArcCount; arc++)
        {
            int twin = network.ArcTwin(arc);
            if ((twin != RoadNetwork.NoArc && twin < arc) || !network.IsArcInLargestComponent(arc))
            {
                continue; // as the snapper: one arc per two-way road, main component only
            }

            int points = network.ArcShapePointCount(arc);
            px.Clear();
            py.Clear();
            double sxMin = double.MaxValue, sxMax = double.MinValue, syMin = double.MaxValue, syMax = double.MinValue;
            for (int k = 0; k < points; k++)
            {
                var (lat, lon) = network.ArcShapePoint(arc, k);
                double x = (lon - lon0) * mLon, y = (lat - lat0) * mLat;
                px.Add(x);
                py.Add(y);
                sxMin = Math.Min(sxMin, x);
                sxMax = Math.Max(sxMax, x);
                syMin = Math.Min(syMin, y);
                syMax = Math.Max(syMax, y);
            }

            double extra = Math.Max(0, roadMarginM - marginM);
            if (sxMax < xMin - extra || sxMin > xMax + extra || syMax < yMin - extra || syMin > yMax + extra)
            {
                continue;
            }

            double total = 0;
            for (int k = 1; k < points; k++)
            {
                total += Math.Sqrt(Sq(px[k] - px[k - 1]) + Sq(py[k] - py[k - 1]));
            }

            double before = 0;
            for (int k = 1; k < points; k++)
            {
                double len = Math.Sqrt(Sq(px[k] - px[k - 1]) + Sq(py[k] - py[k - 1]));
                ax.Add(px[k - 1]);
                ay.Add(py[k - 1]);
                bx.Add(px[k]);
                by.Add(py[k]);
                arcs.Add(arc);
                f0.Add(total > 0 ? before / total : 0);
                f1.Add(total > 0 ? Math.Min(1, (before + len) / total) : 0);
                before += len;
            }
        }

        var grid = new RoadGrid(lat0, lon0, xMin, yMin, cellM, (int)width, (int)height, ax, ay, bx, by, arcs, f0, f1);
        grid.FindNearestRoads();
        grid.IndexSegments();
        return grid;
    }

    /// <summary>Projected x of column <paramref name="i"/>.</summary>
    public double NodeX(int i) => X0 + (i * CellM);

    /// <summary>Projected y of row <paramref name="j"/>.</summary>
    public double NodeY(int j) => Y0 + (j * CellM);

    /// <summary>WGS84 longitude of projected <paramref name="x"/>.</summary>
    public double Lon(double x) => Lon0 + (x / _mPerDegLon);

    /// <summary>WGS84 latitude of projected <paramref name="y"/>.</summary>
    public double Lat(double y) => Lat0 + (y / _mPerDegLat);

    /// <summary>Projected x of WGS84 longitude <paramref name="lon"/>.</summary>
    public double X(double lon) => (lon - Lon0) * _mPerDegLon;

    /// <summary>Projected y of WGS84 latitude <paramref name="lat"/>.</summary>
    public double Y(double lat) => (lat - Lat0) * _mPerDegLat;

    /// <summary>Column of the node at or left of projected <paramref name="x"/>, clamped to the grid.</summary>
    public int Column(double x) => Math.Clamp((int)Math.Floor((x - X0) / CellM), 0, Width - 1);

    /// <summary>Row of the node at or below projected <paramref name="y"/>, clamped to the grid.</summary>
    public int Row(double y) => Math.Clamp((int)Math.Floor((y - Y0) / CellM), 0, Height - 1);

    /// <summary>Distance in metres from (<paramref name="x"/>, <paramref name="y"/>) to segment
    /// <paramref name="segment"/>, and the arc fraction of the nearest point on it.</summary>
    public double Distance(int segment, double x, double y, out double arcFraction)
    {
        ref readonly Segment g = ref _segments[segment];
        double t = Math.Clamp((((x - g.Ax) * g.Dx) + ((y - g.Ay) * g.Dy)) * g.InvLength2, 0, 1);
        double ex = g.Ax + (t * g.Dx) - x, ey = g.Ay + (t * g.Dy) - y;
        arcFraction = g.F0 + (t * g.DF);
        return Math.Sqrt((ex * ex) + (ey * ey));
    }

    /// <summary>
    /// Distance from (<paramref name="x"/>, <paramref name="y"/>) to segment <paramref name="segment"/>, and the arc
    /// fractions of the nearest point (<paramref name="atFraction"/>) and of where the points of the segment within
    /// <paramref name="radiusM"/> of it begin and end (all three equal when the segment is farther than that).
    /// </summary>
    public double Window(int segment, double x, double y, double radiusM, out double atFraction, out double fromFraction, out double toFraction)
    {
        ref readonly Segment g = ref _segments[segment];
        double t = Math.Clamp((((x - g.Ax) * g.Dx) + ((y - g.Ay) * g.Dy)) * g.InvLength2, 0, 1);
        double ex = g.Ax + (t * g.Dx) - x, ey = g.Ay + (t * g.Dy) - y;
        double d2 = (ex * ex) + (ey * ey);
        double t0 = t, t1 = t;
        if (d2 < radiusM * radiusM && g.InvLength2 > 0)
        {
            // Points A + u·D with |A + u·D - q|² <= r²: u = u* ± sqrt((r² - h²) / |D|²), h the distance to the line.
            double uLine = (((x - g.Ax) * g.Dx) + ((y - g.Ay) * g.Dy)) * g.InvLength2;
            double lx = g.Ax + (uLine * g.Dx) - x, ly = g.Ay + (uLine * g.Dy) - y;
            double half = Math.Sqrt(Math.Max(0, ((radiusM * radiusM) - ((lx * lx) + (ly * ly))) * g.InvLength2));
            t0 = Math.Clamp(uLine - half, 0, 1);
            t1 = Math.Clamp(uLine + half, 0, 1);
        }

        atFraction = g.F0 + (t * g.DF);
        fromFraction = g.F0 + (t0 * g.DF);
        toFraction = g.F0 + (t1 * g.DF);
        return Math.Sqrt(d2);
    }

    /// <summary>Arc (the lower-numbered arc of its road) that segment <paramref name="segment"/> belongs to.</summary>
    public int SegmentArc(int segment) => _segments[segment].Arc;

    /// <summary>Index into <see cref="Roads"/> of the road segment <paramref name="segment"/> belongs to.</summary>
    public int SegmentRoad(int segment) => _segments[segment].Road;

    /// <summary>
    /// Every segment that can be the nearest one of some point within <paramref name="radiusM"/> of
    /// (<paramref name="x"/>, <paramref name="y"/>): those no farther from that centre than the nearest one plus
    /// 2 × <paramref name="radiusM"/> (for a point q within r of the centre c, its nearest segment s satisfies
    /// d(c, s) ≤ d(q, s) + r ≤ d(q, s_c) + r ≤ d(c, s_c) + 2r). <paramref name="boundM"/> must be at least the centre's
    /// distance to its nearest segment (e.g. a nearby node's distance plus how far it is).
    /// </summary>
    public void CandidatesNear(double x, double y, double radiusM, double boundM, List<int> result, CandidateScratch scratch)
    {
        result.Clear();
        if (double.IsInfinity(boundM))
        {
            return;
        }

        // A segment is listed in every bucket its box touches: a stamp per query keeps each once, without sorting.
        int mark = scratch.Next();
        int[] stamp = scratch.Stamp;
        var found = scratch.Found;
        found.Clear();
        double reach = boundM + (2 * radiusM);
        double reach2 = reach * reach;
        int i0 = BucketColumn(x - reach), i1 = BucketColumn(x + reach), j0 = BucketRow(y - reach), j1 = BucketRow(y + reach);
        double best2 = double.PositiveInfinity;
        int cw = Width - 1;
        for (int bj = j0 / Block; bj <= j1 / Block; bj++)
        {
            for (int bi = i0 / Block; bi <= i1 / Block; bi++)
            {
                if (!_blockUsed[(bj * _blockColumns) + bi])
                {
                    continue; // no segment anywhere in these Block x Block cells
                }

                int jEnd = Math.Min(j1, (bj * Block) + Block - 1), iEnd = Math.Min(i1, (bi * Block) + Block - 1);
                for (int j = Math.Max(j0, bj * Block); j <= jEnd; j++)
                {
                    for (int i = Math.Max(i0, bi * Block); i <= iEnd; i++)
                    {
                        int c = (j * cw) + i;
                        for (int k = _bucketStart[c]; k < _bucketStart[c + 1]; k++)
                        {
                            int seg = _bucketSegments[k];
                            if (stamp[seg] == mark)
                            {
                                continue;
                            }

                            stamp[seg] = mark;
                            double d2 = DistanceSquared(seg, x, y);
                            if (d2 <= reach2)
                            {
                                found.Add((seg, d2));
                                best2 = Math.Min(best2, d2);
                            }
                        }
                    }
                }
            }
        }

        double keep = Math.Sqrt(best2) + (2 * radiusM);
        double keep2 = keep * keep;
        foreach (var (seg, d2) in found)
        {
            if (d2 <= keep2)
            {
                result.Add(seg);
            }
        }
    }

    private void IndexSegments()
    {
        int cells = (Width - 1) * (Height - 1);
        var counts = new int[cells + 1];
        ForEachBucket((s, c) => counts[c + 1]++);
        for (int c = 0; c < cells; c++)
        {
            counts[c + 1] += counts[c];
        }

        _bucketStart = counts;
        _blockColumns = ((Width - 2) / Block) + 1;
        _blockUsed = new bool[_blockColumns * (((Height - 2) / Block) + 1)];
        for (int c = 0; c < cells; c++)
        {
            if (counts[c + 1] > counts[c])
            {
                _blockUsed[((c / (Width - 1) / Block) * _blockColumns) + (c % (Width - 1) / Block)] = true;
            }
        }

        _bucketSegments = new int[counts[^1]];
        var next = (int[])counts.Clone();
        ForEachBucket((s, c) => _bucketSegments[next[c]++] = s);
    }

    private void ForEachBucket(Action<int, int> visit)
    {
        for (int s = 0; s < _segments.Length; s++)
        {
            ref readonly Segment g = ref _segments[s];
            int i0 = BucketColumn(Math.Min(g.Ax, g.Ax + g.Dx)), i1 = BucketColumn(Math.Max(g.Ax, g.Ax + g.Dx));
            int j0 = BucketRow(Math.Min(g.Ay, g.Ay + g.Dy)), j1 = BucketRow(Math.Max(g.Ay, g.Ay + g.Dy));
            for (int j = j0; j <= j1; j++)
            {
                for (int i = i0; i <= i1; i++)
                {
                    visit(s, (j * (Width - 1)) + i);
                }
            }
        }
    }

    private int BucketColumn(double x) => Math.Clamp((int)Math.Floor((x - X0) / CellM), 0, Width - 2);

    private int BucketRow(double y) => Math.Clamp((int)Math.Floor((y - Y0) / CellM), 0, Height - 2);

    private void FindNearestRoads()
    {
        int[] nearest = NearestSegment;
        double[] dist = NearestDistanceM;
        Array.Fill(nearest, -1);
        Array.Fill(dist, double.PositiveInfinity);
        double h = CellM, diagonal = h * Math.Sqrt(2);

        // Seed: the nodes around points every half cell along each segment.
        for (int s = 0; s < _segments.Length; s++)
        {
            ref readonly Segment g = ref _segments[s];
            double len = Math.Sqrt((g.Dx * g.Dx) + (g.Dy * g.Dy));
            int steps = Math.Max(1, (int)Math.Ceiling(len / (h / 2)));
            int lastI = int.MinValue, lastJ = int.MinValue;
            for (int k = 0; k <= steps; k++)
            {
                double x = g.Ax + (g.Dx * k / steps), y = g.Ay + (g.Dy * k / steps);
                // Points beyond the grid (roads kept for the nodes near its border) seed the nearest border nodes.
                int i0 = Math.Clamp((int)Math.Floor((x - X0) / h), 0, Width - 2), j0 = Math.Clamp((int)Math.Floor((y - Y0) / h), 0, Height - 2);
                if (i0 == lastI && j0 == lastJ)
                {
                    continue;
                }

                lastI = i0;
                lastJ = j0;
                for (int j = Math.Max(0, j0); j <= Math.Min(Height - 1, j0 + 1); j++)
                {
                    for (int i = Math.Max(0, i0); i <= Math.Min(Width - 1, i0 + 1); i++)
                    {
                        Offer((j * Width) + i, s, NodeX(i), NodeY(j));
                    }
                }
            }
        }

        // Forward sweep (rows upwards; each row left to right from the row below and the left, then right to
        // left), backward sweep the mirror image.
        for (int j = 0; j < Height; j++)
        {
            double y = NodeY(j);
            int row = j * Width;
            for (int i = 0; i < Width; i++)
            {
                int n = row + i;
                double x = NodeX(i);
                if (i > 0)
                {
                    Take(n, n - 1, x, y, h);
                }

                if (j > 0)
                {
                    Take(n, n - Width, x, y, h);
                    if (i > 0)
                    {
                        Take(n, n - Width - 1, x, y, diagonal);
                    }

                    if (i + 1 < Width)
                    {
                        Take(n, n - Width + 1, x, y, diagonal);
                    }
                }
            }

            for (int i = Width - 2; i >= 0; i--)
            {
                Take(row + i, row + i + 1, NodeX(i), y, h);
            }
        }

        for (int j = Height - 1; j >= 0; j--)
        {
            double y = NodeY(j);
            int row = j * Width;
            for (int i = Width - 1; i >= 0; i--)
            {
                int n = row + i;
                double x = NodeX(i);
                if (i + 1 < Width)
                {
                    Take(n, n + 1, x, y, h);
                }

                if (j + 1 < Height)
                {
                    Take(n, n + Width, x, y, h);
                    if (i + 1 < Width)
                    {
                        Take(n, n + Width + 1, x, y, diagonal);
                    }

                    if (i > 0)
                    {
                        Take(n, n + Width - 1, x, y, diagonal);
                    }
                }
            }

            for (int i = 1; i < Width; i++)
            {
                Take(row + i, row + i - 1, NodeX(i), y, h);
            }
        }
    }

    // Node n considers the nearest segment of its neighbour m, 'step' metres away. That segment is at least the
    // neighbour's distance minus the step from n, so it is skipped unseen when that cannot beat n's own.
    // (Indices are in range by construction: the sweeps only pass neighbours inside the grid.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Take(int n, int m, double x, double y, double step)
    {
        ref int nearest = ref MemoryMarshal.GetArrayDataReference(NearestSegment);
        ref double dist = ref MemoryMarshal.GetArrayDataReference(NearestDistanceM);
        int s = Unsafe.Add(ref nearest, m);
        if (s < 0 || s == Unsafe.Add(ref nearest, n) || Unsafe.Add(ref dist, m) - step > Unsafe.Add(ref dist, n))
        {
            return;
        }

        Offer(n, s, x, y);
    }

    // Node n takes segment s when it is nearer (equal distances: the lower segment, i.e. the lower arc, as the
    // snapper's ties go).
    private void Offer(int n, int s, double x, double y)
    {
        double d2 = Distance2(s, x, y);
        double best = NearestDistanceM[n];
        double best2 = best * best;
        if (d2 < best2 || (d2 == best2 && s < NearestSegment[n]))
        {
            NearestDistanceM[n] = Math.Sqrt(d2);
            NearestSegment[n] = s;
        }
    }

    /// <summary>Squared distance in m² from (<paramref name="x"/>, <paramref name="y"/>) to segment <paramref name="segment"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double DistanceSquared(int segment, double x, double y) => Distance2(segment, x, y);

    private double Distance2(int segment, double x, double y)
    {
        ref readonly Segment g = ref _segments[segment];
        double t = Math.Clamp((((x - g.Ax) * g.Dx) + ((y - g.Ay) * g.Dy)) * g.InvLength2, 0, 1);
        double ex = g.Ax + (t * g.Dx) - x, ey = g.Ay + (t * g.Dy) - y;
        return (ex * ex) + (ey * ey);
    }

    private static double Sq(double v) => v * v;

    /// <summary>A straight piece of a road's shape: start, direction (to the end), 1 / length², arc fraction at
    /// the start and its change to the end, and the road's indexed arc.</summary>
    private readonly record struct Segment(double Ax, double Ay, double Dx, double Dy, double InvLength2, double F0, double DF, int Arc, int Road);
}

/// <summary>Per-thread scratch state of <see cref="RoadGrid.CandidatesNear"/>: a stamp per segment and the segments
/// found with their squared distances.</summary>
internal sealed class CandidateScratch(int segmentCount)
{
    private int _mark;

    public int[] Stamp { get; } = new int[segmentCount];

    public List<(int Segment, double Distance2)> Found { get; } = [];

    /// <summary>A fresh stamp value for the next query.</summary>
    public int Next()
    {
        if (++_mark == int.MaxValue)
        {
            Array.Clear(Stamp);
            _mark = 1;
        }

        return _mark;
    }
}
