using EmsCoverage.Coverage;
using EmsCoverage.Search;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>
/// Arrival time at the grid's nodes and at any point in between, by the same model as the population coverage: the
/// road arrival at the nearest main-component road position (partial arcs and bases on the road included, exactly as
/// <see cref="SourceSet.Evaluate"/> gives it, see <see cref="RoadTimes"/>) plus the off-road access leg, or unreached
/// when that road is farther than the access leg's maximum snap distance or is not reached within the search limit.
/// </summary>
/// <remarks>
/// One generalisation is made on purpose, the road's drawn width: a point within <see cref="CorridorM"/> of its nearest
/// road segment counts as reached when the earliest point of that segment within that distance is reached (no
/// walking), and beyond it the walk is charged from <see cref="CorridorM"/> on. A grid of cell h always has a node
/// within h/√2 of any point, so with <c>CorridorM</c> = h/√2 every reached stretch of road, however short its reach at
/// the break, shows in the polygons, and a road reached half-way is drawn half-way. The price: a point inside is
/// reached at most about <c>CorridorM</c> of walking (21 s for 50 m cells at 6 km/h) after the break.
/// </remarks>
internal sealed class TimeField
{
    private readonly RoadGrid _grid;
    private readonly double _maxSnapM;
    private readonly double _msPerM;
    private RoadTimes _roads = null!;
    private (int I0, int J0, int I1, int J1) _rect = (0, 0, -1, -1);

    public TimeField(RoadGrid grid, AccessLeg access, double corridorM)
    {
        _grid = grid;
        _maxSnapM = access.MaxSnapDistanceM;
        _msPerM = 1000 / (access.OffRoadSpeedKmh / 3.6);
        CorridorM = corridorM;
        TimeMs = new double[grid.Width * grid.Height];
        Label = new int[grid.Width * grid.Height];
        Array.Fill(TimeMs, double.PositiveInfinity);
        Array.Fill(Label, SearchWorkspace.NoSource);
    }

    /// <summary>Drawn half-width of a road, metres: within it no walking is charged (see the remarks).</summary>
    public double CorridorM { get; }

    /// <summary>Per node: arrival time in ms (fractional: the access leg is not rounded), or +∞.</summary>
    public double[] TimeMs { get; }

    /// <summary>Per node: the source arriving first at the node's road position, or <see cref="SearchWorkspace.NoSource"/>.</summary>
    public int[] Label { get; }

    /// <summary>The node rectangle last computed (inclusive); every node outside it reads +∞ / no source.</summary>
    public (int I0, int J0, int I1, int J1) Rect => _rect;

    public RoadGrid Grid => _grid;

    /// <summary>Computes the nodes of the rectangle from a finished search; clears the previous rectangle.</summary>
    public void Compute(RoadTimes roads, (int I0, int J0, int I1, int J1) rect)
    {
        for (int j = _rect.J0; j <= _rect.J1; j++)
        {
            int row = j * _grid.Width;
            Array.Fill(TimeMs, double.PositiveInfinity, row + _rect.I0, _rect.I1 - _rect.I0 + 1);
            Array.Fill(Label, SearchWorkspace.NoSource, row + _rect.I0, _rect.I1 - _rect.I0 + 1);
        }

        _roads = roads;
        _rect = rect;
        // Nodes are independent: rows in parallel give the same values as in sequence.
        int[] nearest = _grid.NearestSegment;
        Parallel.For(rect.J0, rect.J1 + 1, new ParallelOptions { MaxDegreeOfParallelism = ThreadLimit.MaxDegreeOfParallelism }, j =>
        {
            double y = _grid.NodeY(j);
            for (int i = rect.I0; i <= rect.I1; i++)
            {
                int n = (j * _grid.Width) + i;
                int s = nearest[n];
                if (s >= 0)
                {
                    (TimeMs[n], Label[n]) = AtSegment(s, _grid.NodeX(i), y);
                }
            }
        });
    }

    /// <summary>Gives every unlabelled node next to a labelled one that neighbour's label (the one with the earliest
    /// time), so that the nearest-base areas cover every reached point and a little beyond, and unlabels the border.</summary>
    public void SpreadLabels()
    {
        var (i0, j0, i1, j1) = _rect;
        var spread = new List<(int Node, int Label)>();
        for (int j = j0; j <= j1; j++)
        {
            for (int i = i0; i <= i1; i++)
            {
                int n = (j * _grid.Width) + i;
                if (Label[n] >= 0)
                {
                    continue;
                }

                double best = double.PositiveInfinity;
                int label = SearchWorkspace.NoSource;
                for (int dj = -1; dj <= 1; dj++)
                {
                    for (int di = -1; di <= 1; di++)
                    {
                        int ni = i + di, nj = j + dj;
                        if (ni < i0 || ni > i1 || nj < j0 || nj > j1)
                        {
                            continue;
                        }

                        int m = (nj * _grid.Width) + ni;
                        if (Label[m] >= 0 && (label < 0 || TimeMs[m] < best || (TimeMs[m] == best && Label[m] < label)))
                        {
                            best = TimeMs[m];
                            label = Label[m];
                        }
                    }
                }

                if (label >= 0)
                {
                    spread.Add((n, label));
                }
            }
        }

        foreach (var (n, label) in spread)
        {
            Label[n] = label;
        }

        // The rectangle's border nodes stay unlabelled, so the base areas close inside it. (Labels reach as far as
        // the maximum snap distance from reached roads, which may be beyond the rectangle; the breaks' areas end
        // more than a cell inside it, so the cut changes no part of the partition.)
        for (int i = i0; i <= i1; i++)
        {
            Label[(j0 * _grid.Width) + i] = SearchWorkspace.NoSource;
            Label[(j1 * _grid.Width) + i] = SearchWorkspace.NoSource;
        }

        for (int j = j0; j <= j1; j++)
        {
            Label[(j * _grid.Width) + i0] = SearchWorkspace.NoSource;
            Label[(j * _grid.Width) + i1] = SearchWorkspace.NoSource;
        }
    }

    /// <summary>Time and label at projected (<paramref name="x"/>, <paramref name="y"/>), with the nearest road taken
    /// among <paramref name="segments"/> (road segments of the grid, e.g. those nearest to the surrounding nodes).</summary>
    public (double TimeMs, int Label) At(double x, double y, ReadOnlySpan<int> segments)
    {
        int best = -1;
        double bestD = double.PositiveInfinity;
        foreach (int s in segments)
        {
            double d = _grid.DistanceSquared(s, x, y);
            if (d < bestD || (d == bestD && s < best))
            {
                bestD = d;
                best = s;
            }
        }

        return best < 0 ? (double.PositiveInfinity, SearchWorkspace.NoSource) : AtSegment(best, x, y);
    }

    /// <summary>As <see cref="At"/>, with <paramref name="segments"/> sorted by their distance
    /// <paramref name="fromCentreM"/> from some centre that (<paramref name="x"/>, <paramref name="y"/>) is
    /// <paramref name="offsetM"/> away from: a segment with fromCentre − offset beyond the best distance so far cannot
    /// be nearer, nor can any after it.</summary>
    public (double TimeMs, int Label) AtNearestFirst(double x, double y, ReadOnlySpan<int> segments, ReadOnlySpan<double> fromCentreM, double offsetM)
    {
        int best = -1;
        double best2 = double.PositiveInfinity, bestD = double.PositiveInfinity;
        for (int k = 0; k < segments.Length; k++)
        {
            // A hair of slack: rounding must never prune a segment at the same distance as the best (ties go by segment).
            if (fromCentreM[k] - offsetM > bestD + 1e-6)
            {
                break;
            }

            int s = segments[k];
            double d2 = _grid.DistanceSquared(s, x, y);
            if (d2 < best2 || (d2 == best2 && s < best))
            {
                best2 = d2;
                bestD = Math.Sqrt(d2);
                best = s;
            }
        }

        return best < 0 ? (double.PositiveInfinity, SearchWorkspace.NoSource) : AtSegment(best, x, y);
    }

    /// <summary>Writes the distinct nearest segments of <paramref name="nodes"/> to <paramref name="segments"/>; returns
    /// how many.</summary>
    public int SegmentsOf(ReadOnlySpan<int> nodes, Span<int> segments)
    {
        int count = 0;
        int[] nearest = _grid.NearestSegment;
        foreach (int n in nodes)
        {
            int s = nearest[n];
            if (s >= 0 && !segments[..count].Contains(s))
            {
                segments[count++] = s;
            }
        }

        return count;
    }

    /// <summary>Road arrival (no access leg) at the point of <paramref name="segment"/> nearest to (<paramref name="x"/>,
    /// <paramref name="y"/>), in ms, or +∞.</summary>
    public double RoadMsAt(int segment, double x, double y)
    {
        _grid.Distance(segment, x, y, out double fraction);
        var (ms, _) = _roads.At(_grid.SegmentRoad(segment), fraction);
        return ms == SearchWorkspace.Unreached ? double.PositiveInfinity : ms;
    }

    private (double TimeMs, int Label) AtSegment(int segment, double x, double y)
    {
        double d = _grid.Window(segment, x, y, CorridorM, out double at, out double from, out double to);
        if (!(d < _maxSnapM))
        {
            return (double.PositiveInfinity, SearchWorkspace.NoSource);
        }

        int road = _grid.SegmentRoad(segment);
        var (ms, source) = d < CorridorM ? _roads.Earliest(road, at, from, to) : _roads.At(road, at);
        if (ms == SearchWorkspace.Unreached)
        {
            return (double.PositiveInfinity, SearchWorkspace.NoSource);
        }

        return (ms + (Math.Max(0, d - CorridorM) * _msPerM), source);
    }
}
