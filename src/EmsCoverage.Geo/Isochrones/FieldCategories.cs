using System.Runtime.InteropServices;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>
/// In/out of one break: a point is in when it is reached within the break. Switch points are found on the time model
/// itself (regula falsi and bisection, not by interpolating node times), and the cells an outline crosses where the
/// nearest road can change to one reached more than <see cref="BreakState.JumpMs"/> apart are traced on a sub-grid,
/// so the outline follows jumps in time (the line between a reached street and an unreached one beside it) to a
/// fraction of a metre.
/// </summary>
/// <remarks>Nesting: breaks are traced in increasing order; on a (sub-)edge crossed by several breaks the switch of a
/// later break is never nearer the inside end than an earlier one's; the centre rule and the choice of refined cells
/// do not depend on the break. So each (sub-)cell's region for the smaller break, a convex polygon, lies inside its
/// region for the larger one.</remarks>
internal readonly struct BreakCategories : ICellCategories<BreakCategories>
{
    /// <summary>A switch point at a jump in time is bracketed to this length (metres), so placed within half of it:
    /// well below the tolerance, and each halving of a sub-edge's bracket is a model evaluation saved.</summary>
    private const double BracketM = 0.8;

    /// <summary>Most evaluations per switch point.</summary>
    private const int MaxSteps = 16;

    /// <summary>A switch point is taken where the time is this close to the break (1/20 s: 8 cm of walking).</summary>
    private const double ToleranceMs = 50;

    /// <summary>Switch points keep this share of an edge from its ends, so no two vertices nearly coincide.</summary>
    private const double Margin = 0.01;

    private readonly TimeField _field;
    private readonly double _breakMs;
    private readonly BreakState _state;
    private readonly Dictionary<long, double> _previous;
    private readonly FocusState _focus;

    /// <param name="field">Times at the nodes.</param>
    /// <param name="breakMs">The break.</param>
    /// <param name="state">What the breaks of one field share: all breaks (for the choice of refined cells) and the
    /// times at cell centres and sub-grid points.</param>
    /// <param name="previous">Switch points of the previous (smaller) break by key, as the fraction from the inside
    /// end; read only.</param>
    public BreakCategories(TimeField field, double breakMs, BreakState state, Dictionary<long, double> previous)
    {
        _field = field;
        _breakMs = breakMs;
        _state = state;
        _previous = previous;
        _focus = new FocusState(state);
        Current = [];
    }

    public BreakCategories Fork() => new(_field, _breakMs, _state, _previous);

    public void Join(BreakCategories part)
    {
        foreach (var (key, u) in part.Current)
        {
            Current[key] = u;
        }
    }

    /// <summary>This break's switch points by key, as the fraction from the inside end.</summary>
    public Dictionary<long, double> Current { get; }

    public int Category(int node) => _field.TimeMs[node] <= _breakMs ? 0 : -1;

    public double SwitchFraction(int edge, int startNode, int endNode)
    {
        var grid = _field.Grid;
        double sx = grid.NodeX(startNode % grid.Width), sy = grid.NodeY(startNode / grid.Width);
        double ex = grid.NodeX(endNode % grid.Width), ey = grid.NodeY(endNode / grid.Width);
        // Both cells beside the edge are crossed by this break; either one's candidates hold the nearest road of
        // every point on the edge. The lower-left node of the cell above (or right of) the edge is its start node.
        int i = startNode % grid.Width, j = startNode / grid.Width;
        var cell = _state.Cell(i < _state.Rect.I1 && j < _state.Rect.J1 ? startNode : startNode - (startNode == endNode - 1 ? grid.Width : 1));
        return Bisect(edge, sx, sy, ex, ey, _field.TimeMs[startNode] <= _breakMs, cell, _field.TimeMs[startNode], _field.TimeMs[endNode]);
    }

    public int CentreCategory(int i, int j)
    {
        var grid = _field.Grid;
        var cell = _state.Cell((j * grid.Width) + i);
        if (double.IsNaN(cell.CentreMs))
        {
            cell.CentreMs = cell.At(_field, grid.NodeX(i) + (grid.CellM / 2), grid.NodeY(j) + (grid.CellM / 2)).TimeMs;
        }

        return cell.CentreMs <= _breakMs ? 0 : -1;
    }

    public bool Refine(int i, int j) => _state.IsRefined(i, j);

    public int CategoryAt(double x, double y, int i, int j)
    {
        var grid = _field.Grid;
        var cell = _focus.Current;
        double step = grid.CellM / CategoryContours.Subdivisions / 2;
        int index = ((int)Math.Round((y - grid.NodeY(j)) / step) * BreakState.Side) + (int)Math.Round((x - grid.NodeX(i)) / step);
        double t = cell.Times![index];
        if (double.IsNaN(t))
        {
            t = cell.At(_field, x, y).TimeMs;
            cell.Times[index] = t;
        }

        return t <= _breakMs ? 0 : -1;
    }

    public double SwitchAt(long key, double x0, double y0, double x1, double y1, int startCategory, int i, int j) =>
        Bisect(key, x0, y0, x1, y1, startCategory >= 0, _focus.Current, Known(x0, y0, i, j), Known(x1, y1, i, j));

    // The time at a sub-grid point already looked up, else NaN.
    private double Known(double x, double y, int i, int j)
    {
        var grid = _field.Grid;
        double step = grid.CellM / CategoryContours.Subdivisions / 2;
        int index = ((int)Math.Round((y - grid.NodeY(j)) / step) * BreakState.Side) + (int)Math.Round((x - grid.NodeX(i)) / step);
        return _focus.Current.Times![index];
    }

    public void Focus(int i, int j, double x, double y, double radius) => _focus.Set(i, j, x, y, radius);

    private double Bisect(long key, double sx, double sy, double ex, double ey, bool startIn, CellData cell,
        double startMs, double endMs)
    {
        double x0 = startIn ? sx : ex, y0 = startIn ? sy : ey;
        double dx = (startIn ? ex : sx) - x0, dy = (startIn ? ey : sy) - y0;
        double lo = 0, hi = 1;
        double minBracket = Math.Min(0.25, BracketM / Math.Sqrt((dx * dx) + (dy * dy)));
        double inMs = startIn ? startMs : endMs, outMs = startIn ? endMs : startMs;
        double flo = (double.IsNaN(inMs) ? cell.At(_field, x0, y0).TimeMs : inMs) - _breakMs;
        double fhi = (double.IsNaN(outMs) ? cell.At(_field, x0 + dx, y0 + dy).TimeMs : outMs) - _breakMs;
        int side = 0;
        double u = double.NaN;
        for (int k = 0; k < MaxSteps && hi - lo > minBracket; k++)
        {
            bool secant = flo <= 0 && fhi > 0 && double.IsFinite(flo) && double.IsFinite(fhi);
            double mid = secant ? Math.Clamp(((lo * fhi) - (hi * flo)) / (fhi - flo), lo + (minBracket / 4), hi - (minBracket / 4)) : (lo + hi) / 2;
            double f = cell.At(_field, x0 + (mid * dx), y0 + (mid * dy)).TimeMs - _breakMs;
            if (Math.Abs(f) < ToleranceMs)
            {
                u = mid;
                break;
            }

            if (f <= 0)
            {
                lo = mid;
                flo = f;
                if (side == -1)
                {
                    fhi /= 2;
                }

                side = -1;
            }
            else
            {
                hi = mid;
                fhi = f;
                if (side == 1)
                {
                    flo /= 2;
                }

                side = 1;
            }
        }

        if (double.IsNaN(u))
        {
            u = (lo + hi) / 2;
        }

        u = Math.Clamp(u, Margin, 1 - Margin);
        if (_previous.TryGetValue(key, out double before))
        {
            u = Math.Max(u, before);
        }

        Current[key] = u;
        return startIn ? u : 1 - u;
    }
}

/// <summary>What the breaks traced on one <see cref="TimeField"/> share: the breaks, the cells an outline can cross
/// with the roads that can be nearest inside them, which of those are refined, and times already looked up.</summary>
internal sealed class BreakState
{
    /// <summary>Sub-grid points per side, at half a sub-cell (so sub-cell centres included).</summary>
    public const int Side = (2 * CategoryContours.Subdivisions) + 1;

    /// <summary>Arrival times of neighbouring roads further apart than this make a crossed cell refined (5 s).</summary>
    public const double JumpMs = 5000;

    private readonly int _columns;
    private readonly bool[] _refined;
    private readonly CellData?[] _cells;
    private readonly RoadGrid _grid;
    private readonly int _width;

    /// <summary>
    /// Finds the cells an outline of some break crosses (corner times on both sides of the break) and, for each, the
    /// road segments that can be the nearest one of a point in it. Such a cell is refined when those roads reach it at
    /// times more than <see cref="JumpMs"/> apart: there the time jumps where the nearest road changes; its candidates
    /// then come from the grid's bucket index (exact), otherwise from the nodes around it. The choice does not depend
    /// on the break being traced, which nesting needs.
    /// </summary>
    public BreakState(TimeField field, (int I0, int J0, int I1, int J1) rect, int[] breaksMs)
    {
        Rect = rect;
        BreaksMs = breaksMs;
        var grid = field.Grid;
        _grid = grid;
        _width = grid.Width;
        _columns = rect.I1 - rect.I0 + 1;
        _refined = new bool[_columns * (rect.J1 - rect.J0 + 1)];
        _cells = new CellData?[_refined.Length];
        double[] t = field.TimeMs;
        double r = grid.CellM / Math.Sqrt(2);
        int refinedCount = 0;

        // Cells are independent: rows in parallel write disjoint entries, the same as in sequence.
        Parallel.For(rect.J0, rect.J1, () => (new List<int>(), new CandidateScratch(grid.SegmentCount)), (j, _, local) =>
        {
            var (list, scratch) = local;
            int w = grid.Width, rowRefined = 0;
            for (int i = rect.I0; i < rect.I1; i++)
            {
                int n = (j * w) + i;
                double lo = Math.Min(Math.Min(t[n], t[n + 1]), Math.Min(t[n + w], t[n + w + 1]));
                if (lo > breaksMs[^1])
                {
                    continue;
                }

                double hi = Math.Max(Math.Max(t[n], t[n + 1]), Math.Max(t[n + w], t[n + w + 1]));
                bool crossed = false;
                foreach (int b in breaksMs)
                {
                    crossed |= lo <= b && hi > b;
                }

                if (!crossed)
                {
                    continue;
                }

                double cx = grid.NodeX(i) + (grid.CellM / 2), cy = grid.NodeY(j) + (grid.CellM / 2);
                bool refine = Candidates(field, i, j, cx, cy, r, list, out double bound);
                double[]? times = null;
                int at = ((j - rect.J0) * _columns) + (i - rect.I0);
                if (refine)
                {
                    // The centre's distance to a segment near it bounds its distance to the nearest one.
                    grid.CandidatesNear(cx, cy, r, bound, list, scratch);
                    _refined[at] = true;
                    times = new double[Side * Side];
                    Array.Fill(times, double.NaN);
                    rowRefined++;
                }

                _cells[at] = new CellData(grid, [.. list], cx, cy, times);
            }

            Interlocked.Add(ref refinedCount, rowRefined);
            return local;
        }, _ => { });
        RefinedCount = refinedCount;
    }

    /// <summary>The node rectangle traced.</summary>
    public (int I0, int J0, int I1, int J1) Rect { get; }

    /// <summary>All breaks, ascending.</summary>
    public int[] BreaksMs { get; }

    /// <summary>Number of refined cells.</summary>
    public int RefinedCount { get; }

    /// <summary>
    /// Writes the nearest segments of the 4 × 4 nodes around cell (i, j) that can be nearest inside it (no farther
    /// from its centre than the nearest plus twice the half-diagonal) to <paramref name="list"/>, and tells whether
    /// the roads among them reach the cell at times more than <see cref="JumpMs"/> apart: then the time jumps
    /// where the nearest road changes, and the cell is worth refining.
    /// </summary>
    private static bool Candidates(TimeField field, int i, int j, double cx, double cy, double r, List<int> list, out double best)
    {
        var grid = field.Grid;
        list.Clear();
        best = double.PositiveInfinity;
        for (int nj = Math.Max(0, j - 1); nj <= Math.Min(grid.Height - 1, j + 2); nj++)
        {
            for (int ni = Math.Max(0, i - 1); ni <= Math.Min(grid.Width - 1, i + 2); ni++)
            {
                int s = grid.NearestSegment[(nj * grid.Width) + ni];
                if (s >= 0 && !list.Contains(s))
                {
                    list.Add(s);
                    best = Math.Min(best, grid.Distance(s, cx, cy, out _));
                }
            }
        }

        int kept = 0;
        for (int k = 0; k < list.Count; k++)
        {
            if (grid.Distance(list[k], cx, cy, out _) <= best + (2 * r))
            {
                list[kept++] = list[k];
            }
        }

        list.RemoveRange(kept, list.Count - kept);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int k = 0; k < list.Count; k++)
        {
            // One time per road: skip segments of a road already seen.
            int arc = grid.SegmentArc(list[k]);
            bool seen = false;
            for (int m = 0; m < k && !seen; m++)
            {
                seen = grid.SegmentArc(list[m]) == arc;
            }

            if (!seen)
            {
                double t = field.RoadMsAt(list[k], cx, cy);
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
        }

        return hi > lo && (double.IsPositiveInfinity(hi) ? !double.IsPositiveInfinity(lo) : hi - lo > JumpMs);
    }

    public bool IsRefined(int i, int j) =>
        i >= Rect.I0 && i < Rect.I1 && j >= Rect.J0 && j < Rect.J1 && _refined[((j - Rect.J0) * _columns) + (i - Rect.I0)];

    /// <summary>A crossed cell, by its lower-left node.</summary>
    public CellData Cell(int lowerLeftNode) =>
        _cells[(((lowerLeftNode / _width) - Rect.J0) * _columns) + (lowerLeftNode % _width) - Rect.I0]!;

    /// <summary>The grid.</summary>
    public RoadGrid Grid => _grid;
}

/// <summary>The refined cell a tracer is working on (one per thread: tracing runs in row bands).</summary>
internal sealed class FocusState(BreakState state)
{
    private readonly BreakState _state = state;

    /// <summary>The refined cell in focus (see <see cref="ICellCategories{T}.Focus"/>).</summary>
    public CellData Current { get; private set; } = null!;

    /// <summary>Focuses on refined cell (i, j) when <paramref name="radius"/> is negative; sub-cells need no narrowing,
    /// as every look-up in the cell prunes its candidates by their distance from the cell's centre.</summary>
    public void Set(int i, int j, double x, double y, double radius)
    {
        if (radius < 0)
        {
            Current = _state.Cell((j * _state.Grid.Width) + i);
        }
    }
}

/// <summary>A cell an outline crosses: the segments that can be nearest inside it, by their distance from its centre,
/// the time at its centre (NaN until looked up) and, when refined, the times at its sub-grid points (NaN until looked
/// up).</summary>
internal sealed class CellData
{
    private readonly double _cx, _cy;

    public CellData(RoadGrid grid, int[] candidates, double cx, double cy, double[]? times)
    {
        _cx = cx;
        _cy = cy;
        var distances = new double[candidates.Length];
        for (int k = 0; k < candidates.Length; k++)
        {
            distances[k] = Math.Sqrt(grid.DistanceSquared(candidates[k], cx, cy));
        }

        // Nearest first (the order among equal distances does not matter: ties are settled by segment).
        Array.Sort(distances, candidates);
        CentreDistancesM = distances;
        Candidates = candidates;
        Times = times;
    }

    /// <summary>The candidate segments, nearest to the centre first.</summary>
    public int[] Candidates { get; }

    /// <summary>Distance of each candidate from the cell's centre, ascending.</summary>
    public double[] CentreDistancesM { get; }

    public double[]? Times { get; }

    public double CentreMs { get; set; } = double.NaN;

    /// <summary>Time and label at (<paramref name="x"/>, <paramref name="y"/>) inside the cell: the same answer as
    /// <see cref="TimeField.At"/> over all candidates, but a candidate farther from the centre than the best so far
    /// plus the point's own distance from the centre cannot be nearer (triangle inequality), so the scan stops there.</summary>
    public (double TimeMs, int Label) At(TimeField field, double x, double y) =>
        field.AtNearestFirst(x, y, Candidates, CentreDistancesM, Math.Sqrt(((x - _cx) * (x - _cx)) + ((y - _cy) * (y - _cy))));
}

/// <summary>
/// Nearest base: the category of a node is the base arriving first at its road position. Switch points are found by
/// bisection on the same model; cells are not refined (the partition's outlines come from the breaks' areas).
/// </summary>
internal readonly struct BaseCategories : ICellCategories<BaseCategories>
{
    private const int Steps = 8;
    private const double Margin = 0.01;
    private readonly TimeField _field;

    public BaseCategories(TimeField field)
    {
        _field = field;
    }

    public int Category(int node) => _field.Label[node];

    public double SwitchFraction(int edge, int startNode, int endNode)
    {
        var grid = _field.Grid;
        int startLabel = _field.Label[startNode];
        double x0 = grid.NodeX(startNode % grid.Width), y0 = grid.NodeY(startNode / grid.Width);
        double dx = grid.NodeX(endNode % grid.Width) - x0, dy = grid.NodeY(endNode / grid.Width) - y0;
        Span<int> segments = stackalloc int[2];
        int count = _field.SegmentsOf([startNode, endNode], segments);
        double lo = 0, hi = 1;
        for (int k = 0; k < Steps; k++)
        {
            double mid = (lo + hi) / 2;
            if (_field.At(x0 + (mid * dx), y0 + (mid * dy), segments[..count]).Label == startLabel)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Clamp((lo + hi) / 2, Margin, 1 - Margin);
    }

    public int CentreCategory(int i, int j)
    {
        var grid = _field.Grid;
        int n = (j * grid.Width) + i;
        ReadOnlySpan<int> corners = [n, n + 1, n + grid.Width + 1, n + grid.Width];
        Span<int> segments = stackalloc int[4];
        int count = _field.SegmentsOf(corners, segments);
        int label = _field.At(grid.NodeX(i) + (grid.CellM / 2), grid.NodeY(j) + (grid.CellM / 2), segments[..count]).Label;
        int earliest = -1;
        foreach (int c in corners)
        {
            if (label >= 0 && _field.Label[c] == label)
            {
                return label;
            }

            if (_field.Label[c] >= 0 && (earliest < 0 || _field.TimeMs[c] < _field.TimeMs[earliest]))
            {
                earliest = c;
            }
        }

        // The centre's base owns no corner: the corner reached first keeps the middle.
        return earliest >= 0 ? _field.Label[earliest] : -1;
    }

    public bool Refine(int i, int j) => false;

    public BaseCategories Fork() => this;

    public void Join(BaseCategories part)
    {
    }

    public void Focus(int i, int j, double x, double y, double radius) => throw new NotSupportedException();

    public int CategoryAt(double x, double y, int i, int j) => throw new NotSupportedException();

    public double SwitchAt(long key, double x0, double y0, double x1, double y1, int startCategory, int i, int j) =>
        throw new NotSupportedException();
}
