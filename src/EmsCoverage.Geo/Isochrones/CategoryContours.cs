namespace EmsCoverage.Geo.Isochrones;

/// <summary>What the contour tracer needs to know about a field of categories over the grid.</summary>
internal interface ICellCategories<T>
    where T : ICellCategories<T>
{
    /// <summary>A copy for tracing one band of rows on its own thread: shares what is read, has its own scratch
    /// state and its own record of switch points.</summary>
    T Fork();

    /// <summary>Takes over what a fork recorded (after its band is traced).</summary>
    void Join(T part);

    /// <summary>Category of a grid node: 0 or more, or negative for "outside" (never drawn).</summary>
    int Category(int node);

    /// <summary>Where along the grid edge from <paramref name="startNode"/> to <paramref name="endNode"/> (whose
    /// categories differ) the category changes, as a fraction in (0, 1) from <paramref name="startNode"/>.</summary>
    double SwitchFraction(int edge, int startNode, int endNode);

    /// <summary>Category at the centre of the cell whose lower-left node is (<paramref name="i"/>, <paramref name="j"/>);
    /// asked only for cells whose boundary changes category three or four times.</summary>
    int CentreCategory(int i, int j);

    /// <summary>Whether cell (<paramref name="i"/>, <paramref name="j"/>) is traced on a finer sub-grid. Must not
    /// depend on anything that differs between fields that are to nest.</summary>
    bool Refine(int i, int j);

    /// <summary>Category at projected (<paramref name="x"/>, <paramref name="y"/>) inside refined cell
    /// (<paramref name="i"/>, <paramref name="j"/>).</summary>
    int CategoryAt(double x, double y, int i, int j);

    /// <summary>Narrows the next <see cref="CategoryAt"/> and <see cref="SwitchAt"/> calls in refined cell
    /// (<paramref name="i"/>, <paramref name="j"/>) to points within <paramref name="radius"/> of
    /// (<paramref name="x"/>, <paramref name="y"/>) (a sub-cell); a negative radius widens them to the whole cell.</summary>
    void Focus(int i, int j, double x, double y, double radius);

    /// <summary>Where the category changes on the segment from (<paramref name="x0"/>, <paramref name="y0"/>) to
    /// (<paramref name="x1"/>, <paramref name="y1"/>) inside refined cell (<paramref name="i"/>, <paramref name="j"/>),
    /// as a fraction from the first end, whose category is <paramref name="startCategory"/> (the other end's differs);
    /// <paramref name="key"/> identifies the segment across calls.</summary>
    double SwitchAt(long key, double x0, double y0, double x1, double y1, int startCategory, int i, int j);
}

/// <summary>A closed ring in projected metres (first point not repeated), with its category on the left.</summary>
internal sealed record ContourRing(int Category, double[] X, double[] Y);

/// <summary>
/// Marching squares for a field of categories (in/out for one break, or nearest base): a planar subdivision of the
/// grid whose region boundaries run through one switch point on each grid edge that changes category.
/// </summary>
/// <remarks>
/// <para>In each cell the boundary (corners and switch points, counter-clockwise) splits into arcs of one category.
/// With two arcs one chord between the two switch points separates them. With three or four arcs the category at
/// the cell's centre keeps the middle of the cell and every other arc is cut off by its chord; for in/out fields this
/// is the usual saddle rule (centre inside: the two inside corners connect). Every region of a cell is convex, so
/// regions of nested fields nest.</para>
/// <para>A refined cell is traced the same way on a sub-grid of <see cref="Subdivisions"/>² sub-cells. Its border
/// sub-nodes take their category from the cell edge's own switch point, so the cell meets its neighbours at exactly
/// that point and nothing else changes for them.</para>
/// <para>Vertices are switch points identified by an integer key (the grid edge, or the refined cell and sub-edge),
/// so neighbouring cells link up exactly, with no floating-point matching. Rings keep their category on the left:
/// shells run counter-clockwise, holes clockwise. Where one category touches itself at a single switch point
/// (possible only with three or more categories) the ring continues by the sharpest left turn, which splits the
/// touch into two simple rings.</para>
/// </remarks>
internal static class CategoryContours
{
    /// <summary>Sub-cells per side of a refined cell.</summary>
    public const int Subdivisions = 4;

    /// <summary>Traces the regions of every category ≥ 0 over the node rectangle <paramref name="rect"/>
    /// (inclusive); the nodes on the rectangle's border should be outside.</summary>
    public static List<ContourRing> Trace<T>(RoadGrid grid, (int I0, int J0, int I1, int J1) rect, ref T field)
        where T : ICellCategories<T>
    {
        int i1 = Math.Min(rect.I1, grid.Width - 1), j1 = Math.Min(rect.J1, grid.Height - 1);

        // Row bands in parallel: every switch point and chord depends only on the field, never on the band or the
        // order, so the bands' segments, appended in band order, are those of one pass (edges on a band border are
        // worked out by both bands, identically). Any number of bands or threads gives the same rings.
        int rows = Math.Max(0, j1 - rect.J0);
        int bands = Math.Clamp(rows / 32, 1, 64);
        var tracers = new Tracer<T>[bands];
        var parts = new T[bands];
        for (int b = 0; b < bands; b++)
        {
            parts[b] = field.Fork();
        }

        Parallel.For(0, bands, b =>
        {
            var tracer = new Tracer<T>(grid);
            tracer.Rows(ref parts[b], rect.I0, i1, rect.J0 + (int)((long)rows * b / bands), rect.J0 + (int)((long)rows * (b + 1) / bands));
            tracers[b] = tracer;
        });

        for (int b = 0; b < bands; b++)
        {
            field.Join(parts[b]);
            if (b > 0)
            {
                tracers[0].Append(tracers[b]);
            }
        }

        return tracers[0].Link();
    }

    private static int Normal(int category) => category < 0 ? -1 : category;

    private readonly record struct Segment(int Category, long From, long To);

    private sealed class Tracer<T>
        where T : ICellCategories<T>
    {
        private readonly RoadGrid _grid;
        private readonly long _horizontalEdges;
        private readonly long _edgeCount;
        private readonly Dictionary<long, (double X, double Y)> _points = [];
        private readonly Dictionary<long, double> _fractions = [];
        private readonly List<Segment> _segments = [];

        public Tracer(RoadGrid grid)
        {
            _grid = grid;
            _horizontalEdges = (long)(grid.Width - 1) * grid.Height;
            _edgeCount = _horizontalEdges + ((long)grid.Width * (grid.Height - 1));
        }

        /// <summary>Traces the cells of rows <paramref name="jFrom"/> (inclusive) to <paramref name="jTo"/> (exclusive),
        /// columns <paramref name="i0"/> to <paramref name="i1"/> (exclusive).</summary>
        public void Rows(ref T field, int i0, int i1, int jFrom, int jTo)
        {
            int w = _grid.Width;
            Span<int> cat = stackalloc int[4];
            Span<int> node = stackalloc int[4];
            Span<long> key = stackalloc long[4];
            for (int j = jFrom; j < jTo; j++)
            {
                for (int i = i0; i < i1; i++)
                {
                    node[0] = (j * w) + i;
                    node[1] = node[0] + 1;
                    node[2] = node[0] + w + 1;
                    node[3] = node[0] + w;
                    for (int k = 0; k < 4; k++)
                    {
                        cat[k] = Normal(field.Category(node[k]));
                    }

                    if (cat[0] == cat[1] && cat[1] == cat[2] && cat[2] == cat[3] && !field.Refine(i, j))
                    {
                        continue;
                    }

                    // Counter-clockwise edges: bottom, right, top, left (top and left run against their canonical direction).
                    key[0] = HorizontalEdge(i, j);
                    key[1] = VerticalEdge(i + 1, j);
                    key[2] = HorizontalEdge(i, j + 1);
                    key[3] = VerticalEdge(i, j);
                    for (int k = 0; k < 4; k++)
                    {
                        int k1 = (k + 1) & 3;
                        if (cat[k] != cat[k1])
                        {
                            EdgeSwitch(ref field, key[k], k < 2 ? node[k] : node[k1], k < 2 ? node[k1] : node[k]);
                        }
                    }

                    if (field.Refine(i, j))
                    {
                        RefinedCell(ref field, i, j, cat, key);
                    }
                    else
                    {
                        Cell(cat, key, ref field, i, j);
                    }
                }
            }
        }

        /// <summary>Takes over the segments and switch points of the next band's tracer.</summary>
        public void Append(Tracer<T> next)
        {
            _segments.AddRange(next._segments);
            foreach (var (key, point) in next._points)
            {
                _points.TryAdd(key, point);
            }
        }

        public long HorizontalEdge(int i, int j) => ((long)j * (_grid.Width - 1)) + i;

        public long VerticalEdge(int i, int j) => _horizontalEdges + ((long)j * _grid.Width) + i;

        /// <summary>Fraction of the switch point on a grid edge from its canonical start (left or bottom) node.</summary>
        public double EdgeFraction(long edge) => _fractions[edge];

        public void EdgeSwitch(ref T field, long edge, int startNode, int endNode)
        {
            if (_fractions.ContainsKey(edge))
            {
                return;
            }

            double f = field.SwitchFraction((int)edge, startNode, endNode);
            _fractions[edge] = f;
            double x = _grid.NodeX(startNode % _grid.Width), y = _grid.NodeY(startNode / _grid.Width);
            _points[edge] = edge < _horizontalEdges ? (x + (f * _grid.CellM), y) : (x, y + (f * _grid.CellM));
        }

        /// <summary>Chords of one cell (or sub-cell) from its corner categories (counter-clockwise) and the keys of the
        /// switch points on its four edges.</summary>
        public void Cell(ReadOnlySpan<int> cat, ReadOnlySpan<long> key, ref T field, int i, int j, double centreX = double.NaN, double centreY = double.NaN)
        {
            Span<int> switchAt = stackalloc int[4];
            int m = 0;
            for (int k = 0; k < 4; k++)
            {
                if (cat[k] != cat[(k + 1) & 3])
                {
                    switchAt[m++] = k;
                }
            }

            if (m == 0)
            {
                return;
            }

            // Arc t runs counter-clockwise from the switch on edge switchAt[t] to the one on switchAt[t+1].
            int centre = m == 2 ? cat[(switchAt[1] + 1) & 3]
                : Normal(double.IsNaN(centreX) ? field.CentreCategory(i, j) : field.CategoryAt(centreX, centreY, i, j));
            for (int t = 0; t < m; t++)
            {
                int arcCat = cat[(switchAt[t] + 1) & 3];
                if (arcCat == centre)
                {
                    continue;
                }

                long start = key[switchAt[t]], end = key[switchAt[(t + 1) % m]];
                if (arcCat >= 0)
                {
                    _segments.Add(new Segment(arcCat, end, start));
                }

                if (centre >= 0)
                {
                    _segments.Add(new Segment(centre, start, end));
                }
            }
        }

        public void RefinedCell(ref T field, int i, int j, ReadOnlySpan<int> corner, ReadOnlySpan<long> edgeKey)
        {
            const int K = Subdivisions;
            double h = _grid.CellM / K;
            double x0 = _grid.NodeX(i), y0 = _grid.NodeY(j);
            Span<int> sub = stackalloc int[(K + 1) * (K + 1)];
            field.Focus(i, j, 0, 0, -1);
            for (int b = 0; b <= K; b++)
            {
                for (int a = 0; a <= K; a++)
                {
                    int c;
                    if ((a == 0 || a == K) && (b == 0 || b == K))
                    {
                        c = corner[a == 0 ? (b == 0 ? 0 : 3) : (b == 0 ? 1 : 2)];
                    }
                    else if (b == 0)
                    {
                        c = Border(corner[0], corner[1], edgeKey[0], (double)a / K);
                    }
                    else if (b == K)
                    {
                        c = Border(corner[3], corner[2], edgeKey[2], (double)a / K);
                    }
                    else if (a == 0)
                    {
                        c = Border(corner[0], corner[3], edgeKey[3], (double)b / K);
                    }
                    else if (a == K)
                    {
                        c = Border(corner[1], corner[2], edgeKey[1], (double)b / K);
                    }
                    else
                    {
                        c = Normal(field.CategoryAt(x0 + (a * h), y0 + (b * h), i, j));
                    }

                    sub[(b * (K + 1)) + a] = c;
                }
            }

            // Keys of the sub-edges: horizontal (a, b) then vertical (a, b), after all grid edges.
            long cellBase = _edgeCount + ((((long)j * _grid.Width) + i) * 2 * K * (K + 1));
            Span<int> cat = stackalloc int[4];
            Span<long> key = stackalloc long[4];
            for (int b = 0; b < K; b++)
            {
                for (int a = 0; a < K; a++)
                {
                    cat[0] = sub[(b * (K + 1)) + a];
                    cat[1] = sub[(b * (K + 1)) + a + 1];
                    cat[2] = sub[((b + 1) * (K + 1)) + a + 1];
                    cat[3] = sub[((b + 1) * (K + 1)) + a];
                    if (cat[0] == cat[1] && cat[1] == cat[2] && cat[2] == cat[3])
                    {
                        continue;
                    }

                    field.Focus(i, j, x0 + ((a + 0.5) * h), y0 + ((b + 0.5) * h), h / Math.Sqrt(2));
                    key[0] = SubEdge(ref field, cellBase, true, a, b, cat[0], cat[1], edgeKey, i, j, x0, y0, h);
                    key[1] = SubEdge(ref field, cellBase, false, a + 1, b, cat[1], cat[2], edgeKey, i, j, x0, y0, h);
                    key[2] = SubEdge(ref field, cellBase, true, a, b + 1, cat[3], cat[2], edgeKey, i, j, x0, y0, h);
                    key[3] = SubEdge(ref field, cellBase, false, a, b, cat[0], cat[3], edgeKey, i, j, x0, y0, h);
                    Cell(cat, key, ref field, i, j, x0 + ((a + 0.5) * h), y0 + ((b + 0.5) * h));
                }
            }
        }

        // Category of a border sub-node at fraction f of a cell edge from its canonical start.
        private int Border(int startCat, int endCat, long edge, double f) =>
            startCat == endCat ? startCat : f < _fractions[edge] ? startCat : endCat;

        // Key (and switch point, when the categories differ) of a sub-edge in canonical direction (left to right,
        // bottom to top); border sub-edges take the cell edge's own switch point.
        private long SubEdge(ref T field, long cellBase, bool horizontal, int a, int b, int startCat, int endCat,
            ReadOnlySpan<long> edgeKey, int i, int j, double x0, double y0, double h)
        {
            const int K = Subdivisions;
            if (startCat == endCat)
            {
                return -1;
            }

            if (horizontal && (b == 0 || b == K))
            {
                return edgeKey[b == 0 ? 0 : 2];
            }

            if (!horizontal && (a == 0 || a == K))
            {
                return edgeKey[a == 0 ? 3 : 1];
            }

            long key = horizontal ? cellBase + ((long)b * K) + a : cellBase + ((long)K * (K + 1)) + ((long)b * (K + 1)) + a;
            if (!_points.ContainsKey(key))
            {
                double sx = x0 + (a * h), sy = y0 + (b * h);
                double ex = horizontal ? sx + h : sx, ey = horizontal ? sy : sy + h;
                double f = field.SwitchAt(key, sx, sy, ex, ey, startCat, i, j);
                _points[key] = (sx + (f * (ex - sx)), sy + (f * (ey - sy)));
            }

            return key;
        }

        public List<ContourRing> Link()
        {
            var segments = _segments;
            segments.Sort(static (a, b) => a.Category != b.Category ? a.Category.CompareTo(b.Category) : a.From.CompareTo(b.From));
            var rings = new List<ContourRing>();
            var used = new bool[segments.Count];
            var firstOut = new Dictionary<long, int>();
            var xs = new List<double>();
            var ys = new List<double>();
            int groupStart = 0;
            while (groupStart < segments.Count)
            {
                int category = segments[groupStart].Category;
                int groupEnd = groupStart;
                firstOut.Clear();
                while (groupEnd < segments.Count && segments[groupEnd].Category == category)
                {
                    firstOut.TryAdd(segments[groupEnd].From, groupEnd);
                    groupEnd++;
                }

                for (int s0 = groupStart; s0 < groupEnd; s0++)
                {
                    if (used[s0])
                    {
                        continue;
                    }

                    xs.Clear();
                    ys.Clear();
                    used[s0] = true;
                    int current = s0;
                    bool closed = false;
                    for (int guard = 0; guard <= groupEnd - groupStart; guard++)
                    {
                        var p = _points[segments[current].From];
                        xs.Add(p.X);
                        ys.Add(p.Y);
                        long at = segments[current].To;
                        int next = -1;
                        double bestTurn = double.NegativeInfinity;
                        int first = firstOut.GetValueOrDefault(at, groupEnd);
                        if (first < groupEnd && segments[first].From == at && (first + 1 == groupEnd || segments[first + 1].From != at))
                        {
                            next = !used[first] || first == s0 ? first : -1; // the usual case: one way on
                        }
                        else
                        {
                            for (int c = first; c < groupEnd && segments[c].From == at; c++)
                            {
                                if (used[c] && c != s0)
                                {
                                    continue;
                                }

                                // At a pinch the sharpest left turn keeps to the same region.
                                double turn = Turn(segments[current], segments[c]);
                                if (next < 0 || turn > bestTurn)
                                {
                                    next = c;
                                    bestTurn = turn;
                                }
                            }
                        }

                        if (next < 0)
                        {
                            break; // cannot happen for a consistent field; the open chain is dropped
                        }

                        if (next == s0)
                        {
                            closed = true;
                            break;
                        }

                        used[next] = true;
                        current = next;
                    }

                    if (closed && xs.Count >= 3)
                    {
                        rings.Add(new ContourRing(category, [.. xs], [.. ys]));
                    }
                }

                groupStart = groupEnd;
            }

            return rings;
        }

        // Signed turn angle from segment a into segment b (positive: left).
        private double Turn(Segment a, Segment b)
        {
            var (ax, ay) = _points[a.From];
            var (mx, my) = _points[a.To];
            var (bx, by) = _points[b.To];
            double ux = mx - ax, uy = my - ay, vx = bx - mx, vy = by - my;
            return Math.Atan2((ux * vy) - (uy * vx), (ux * vx) + (uy * vy));
        }
    }
}
