using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace EmsCoverage.Geo.Isochrones;

// Design note: how the areas are drawn, and why (longer: docs/isochrones.md).
//
// The polygons must agree with the coverage numbers, so they are drawn from the coverage's own model: a point's time
// is the road arrival at its NEAREST main-component road position (exact along partial arcs and from bases placed
// mid-road, as SourceSet.Evaluate gives it) plus the walk from there at the access leg's off-road speed; farther than
// the maximum snap distance from every road, or nearest to an unreached road, it is unreached. The Valhalla-style
// splat suggested first, the MINIMUM over every reached road within walking reach, bleeds: it paints points whose own
// road is reached late (beside a motorway, across a river from a fast road). Measured with 30 s of slack, it put 13
// hexagon-break pairs of Porto Alegre (4 seeded bases, 5/10/20 min) and 8 demand cells of Liechtenstein inside areas
// the numbers count as uncovered; the nearest-road model puts none (IsochroneCommandTests).
//
// That model jumps in time wherever the nearest road changes, which contours of interpolated node times smear over a
// cell (and over the demand cells near it). So it is still a time grid with marching squares, but:
//  1. The grid (cell = tolerance, local metric projection) covers the reached roads plus the off-road reach (nodes
//     farther out are unreached), with the roads within twice that; every node gets its nearest road by a propagating
//     distance transform (RoadGrid) and its time (TimeField).
//  2. Switch points on grid edges are found on the model itself (regula falsi, bisection at jumps; BreakCategories),
//     not interpolated; cells an outline crosses where the nearest road can change to one reached more than 5 s apart
//     are traced on a 4 x 4 sub-grid with the exact candidate roads (BreakState): outlines follow the line between a
//     reached and an unreached street to a fraction of a metre. Saddles go by the model's time at the cell centre.
//  3. Rings keep the inside on the left and link through switch points named by integer keys (grid edge, or refined
//     cell and sub-edge), never by floating-point matching (CategoryContours): shells are counter-clockwise, holes
//     clockwise, holes for unreached interiors come for free, rings of one break never touch, so polygons are valid
//     by construction (RingPolygons only assigns holes to shells).
//  4. Nesting by construction: breaks are traced in increasing order, a later break's switch point on an edge is
//     never nearer the inside end than an earlier one's, and neither the refined cells nor the centre rule depend on
//     the break; each cell's region for the smaller break, a convex polygon, lies inside its region for the larger.
//  5. Partition: the same tracer on the field of nearest bases gives a planar subdivision into base areas; each is
//     intersected with the break's union (OverlayNG): no overlaps, no gaps, nested up to the overlay's rounding.
//     Per base: one bounded search per base, traced the same way.
// Generalisation is the grid: vertices about a cell apart, no simplifier afterwards (it would break nesting and the
// agreement). One deliberate widening: a point within tolerance/sqrt(2) of a reached point of its nearest road segment
// counts as reached (TimeField.CorridorM), so no reached stretch of road falls between grid nodes and a road reached
// half-way is drawn half-way; the price is up to that much walking (21 s at 50 m, 6 km/h) of optimism.
// Parallel, deterministic: node times, the crossed cells and the tracing run in row bands (each band with its own
// scratch state, segments appended in band order), the partition's overlays per base; the rings do not depend on
// the number of threads.
// Cost: O(grid nodes) for the transform and the times, plus work along the outlines; each crossed cell keeps its
// candidate roads nearest-first from its centre, so a look-up stops at the first road that cannot be nearer. On
// porto-metro (749 x 975 nodes) union polygons for 10 and 30 min take about 50-70 times the 20-base search (2 cores,
// loaded machine), short of the 10x target; see IsochroneBenchmarks and docs/isochrones.md for where the time goes.

/// <summary>
/// Isochrone polygons from ambulance bases for a list of breaks: the union of what any base reaches, each base's own
/// reach, or the nearest-base partition. Drawn from the same travel times and access leg as the population coverage,
/// so a demand cell counted as covered within a break lies inside that break's union polygon.
/// </summary>
/// <remarks>
/// <para>Method: a time grid with a cell of the generalisation tolerance, each node timed by the coverage model
/// (nearest main-component road, its exact arrival, plus the off-road access leg), contoured by marching squares
/// whose switch points are found by bisection on the model itself; holes, validity and nesting
/// (the 10-minute area inside the 30-minute area) hold by construction. See docs/isochrones.md.</para>
/// <para>Accuracy: a point the coverage counts as reached within a break is inside its polygon, and a point inside
/// is reached at most about tolerance/√2 of walking after the break (reached roads are drawn that wide), apart from
/// points within a fraction of a cell of an outline.</para>
/// </remarks>
public static class IsochroneBuilder
{
    /// <summary>The largest grid built (nodes); about 24 bytes each.</summary>
    private const long MaxGridNodes = 40_000_000;

    /// <summary>
    /// Runs the bounded search from <paramref name="bases"/> up to the largest break and draws the areas.
    /// </summary>
    /// <param name="network">The road network the bases are placed on.</param>
    /// <param name="bases">The bases with their turnout times.</param>
    /// <param name="options">Breaks, mode, tolerance and access leg.</param>
    /// <param name="population">Optional demand layer: each polygon gets the people whose cell point lies inside.</param>
    /// <param name="cancellationToken">Checked between breaks and bases.</param>
    /// <returns>The polygons, largest break first (so smaller areas draw on top), then by base.</returns>
    public static IReadOnlyList<IsochronePolygon> Build(RoadNetwork network, SourceSet bases, IsochroneOptions options,
        DemandLayer? population = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(bases);
        int[] breaksMs = BreaksMs(options);
        var workspace = new SearchWorkspace(network.NodeCount);
        bases.Search(breaksMs[^1], workspace, trackSecondSource: false);
        return Build(network, bases, workspace, breaksMs[^1], options, population, cancellationToken);
    }

    /// <summary>
    /// Draws the areas from a finished search: <paramref name="searched"/> holds <c>bases.Search(searchLimitMs, …)</c>
    /// with a limit at least the largest break (e.g. the search a population coverage run already made).
    /// </summary>
    /// <param name="network">The road network the bases are placed on.</param>
    /// <param name="bases">The bases the search started from.</param>
    /// <param name="searched">Workspace holding the search; only read.</param>
    /// <param name="searchLimitMs">The limit the search ran with, in ms.</param>
    /// <param name="options">Breaks, mode, tolerance and access leg.</param>
    /// <param name="population">Optional demand layer: each polygon gets the people whose cell point lies inside.</param>
    /// <param name="cancellationToken">Checked between breaks and bases.</param>
    /// <returns>The polygons, largest break first (so smaller areas draw on top), then by base.</returns>
    /// <exception cref="ArgumentException">A break is not positive, above 24 h or above the search limit; the tolerance
    /// is below 1 m; or the grid would be too large.</exception>
    public static IReadOnlyList<IsochronePolygon> Build(RoadNetwork network, SourceSet bases, SearchWorkspace searched,
        int searchLimitMs, IsochroneOptions options, DemandLayer? population = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(searched);
        int[] breaksMs = BreaksMs(options);
        if (breaksMs[^1] > searchLimitMs)
        {
            throw new ArgumentException(
                $"The largest break ({breaksMs[^1] / 60_000.0:0.##} min) is beyond the search limit ({searchLimitMs / 60_000.0:0.##} min).",
                nameof(searchLimitMs));
        }

        var factory = GeometryFactories.Wgs84;
        var access = options.Access;
        double cellM = options.ToleranceM;
        double corridorM = cellM / Math.Sqrt(2);
        int maxBreakMs = breaksMs[^1];
        double reachM = Math.Min(access.MaxSnapDistanceM, (maxBreakMs / 1000.0 * access.OffRoadSpeedKmh / 3.6) + corridorM);
        var result = new List<IsochronePolygon>();
        if (bases.Count == 0 || !TryReachedBox(network, bases, searched, maxBreakMs, out var box))
        {
            foreach (int b in breaksMs)
            {
                result.Add(new IsochronePolygon(TimeSpan.FromMilliseconds(b), null, factory.CreateMultiPolygon(), 0, population is null ? null : 0));
            }

            return Ordered(result);
        }

        // The grid's nodes reach the off-road reach beyond the reached roads (nodes farther out are unreached), its
        // roads twice that: a node within reach of a reached road then has every road nearer than that one too.
        var grid = RoadGrid.Build(network, box.MinLat, box.MinLon, box.MaxLat, box.MaxLon, reachM + (2 * cellM), (2 * reachM) + (2 * cellM),
            cellM, MaxGridNodes);
        if (options.Mode == IsochroneMode.PerBase)
        {
            var workspace = new SearchWorkspace(network.NodeCount);
            var own = new TimeField(grid, access, corridorM);
            for (int b = 0; b < bases.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var single = new SourceSet(network, [bases.Snap(b)], [bases.StartDelayMs(b)]);
                single.Search(maxBreakMs, workspace, trackSecondSource: false);
                if (!TryReachedBox(network, single, workspace, maxBreakMs, out var reached))
                {
                    foreach (int ms in breaksMs)
                    {
                        result.Add(Polygon(ms, b, factory.CreateMultiPolygon(), population));
                    }

                    continue;
                }

                // This base's own reach, widened by the off-road reach and two cells, so its border nodes are outside.
                double margin = reachM + (2 * cellM);
                var rect = (grid.Column(grid.X(reached.MinLon) - margin), grid.Row(grid.Y(reached.MinLat) - margin),
                    Math.Min(grid.Width - 1, grid.Column(grid.X(reached.MaxLon) + margin) + 1),
                    Math.Min(grid.Height - 1, grid.Row(grid.Y(reached.MaxLat) + margin) + 1));
                own.Compute(new RoadTimes(network, grid, single, workspace, maxBreakMs), rect);
                foreach (var (ms, area) in Breaks(grid, own, rect, breaksMs, factory, cancellationToken))
                {
                    result.Add(Polygon(ms, b, area, population));
                }
            }

            return Ordered(result);
        }

        var field = new TimeField(grid, access, corridorM);
        var all = (0, 0, grid.Width - 1, grid.Height - 1);
        field.Compute(new RoadTimes(network, grid, bases, searched, maxBreakMs), all);
        var unions = Breaks(grid, field, all, breaksMs, factory, cancellationToken);
        if (options.Mode == IsochroneMode.Union)
        {
            foreach (var (ms, area) in unions)
            {
                result.Add(Polygon(ms, null, area, population));
            }

            return Ordered(result);
        }

        // Partition: nearest-base areas, cut by each break's union.
        field.SpreadLabels();
        var categories = new BaseCategories(field);
        var rings = CategoryContours.Trace(grid, all, ref categories);
        var areas = new MultiPolygon?[bases.Count];
        foreach (var group in rings.GroupBy(r => r.Category))
        {
            areas[group.Key] = RingPolygons.Build(grid, group, factory);
        }

        foreach (var (ms, union) in unions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Bases are independent: overlays in parallel (they only read the union; its envelope is cached first),
            // results in base order.
            _ = union.EnvelopeInternal;
            var parts = new IsochronePolygon[bases.Count];
            Parallel.For(0, bases.Count, b =>
            {
                var own = areas[b];
                MultiPolygon part = own is null || union.IsEmpty || !own.EnvelopeInternal.Intersects(union.EnvelopeInternal)
                    ? factory.CreateMultiPolygon()
                    : RingPolygons.Polygonal(OverlayNGRobust.Overlay(union, own, SpatialFunction.Intersection), factory);
                parts[b] = Polygon(ms, b, part, population);
            });
            result.AddRange(parts);
        }

        return Ordered(result);
    }

    private static List<(int BreakMs, MultiPolygon Area)> Breaks(RoadGrid grid, TimeField field, (int, int, int, int) rect,
        int[] breaksMs, GeometryFactory factory, CancellationToken cancellationToken)
    {
        var list = new List<(int, MultiPolygon)>(breaksMs.Length);
        var state = new BreakState(field, rect, breaksMs);
        var previous = new Dictionary<long, double>();
        foreach (int ms in breaksMs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var categories = new BreakCategories(field, ms, state, previous);
            var rings = CategoryContours.Trace(grid, rect, ref categories);
            list.Add((ms, RingPolygons.Build(grid, rings, factory)));
            previous = categories.Current;
        }

        return list;
    }

    private static IsochronePolygon Polygon(int breakMs, int? baseIndex, MultiPolygon area, DemandLayer? population) =>
        new(TimeSpan.FromMilliseconds(breakMs), baseIndex, area, RingPolygons.AreaKm2(area), population is null ? null : PopulationInside(area, population));

    private static List<IsochronePolygon> Ordered(List<IsochronePolygon> polygons) =>
        [.. polygons.OrderByDescending(p => p.Break).ThenBy(p => p.Base ?? -1)];

    /// <summary>People of <paramref name="layer"/> whose cell point lies inside or on <paramref name="area"/>.</summary>
    private static double PopulationInside(MultiPolygon area, DemandLayer layer)
    {
        if (area.IsEmpty)
        {
            return 0;
        }

        var env = area.EnvelopeInternal;
        var locator = new IndexedPointInAreaLocator(area);
        double sum = 0;
        foreach (var cell in layer.Cells)
        {
            if (env.Contains(cell.Lon, cell.Lat) && locator.Locate(new Coordinate(cell.Lon, cell.Lat)) != Location.Exterior)
            {
                sum += cell.Population;
            }
        }

        return sum;
    }

    private static int[] BreaksMs(IsochroneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Access);
        if (options.Breaks.Count == 0)
        {
            throw new ArgumentException("Give at least one break.", nameof(options));
        }

        if (!(options.ToleranceM >= 1) || double.IsInfinity(options.ToleranceM))
        {
            throw new ArgumentException($"The tolerance must be at least 1 m; got {options.ToleranceM}.", nameof(options));
        }

        var set = new SortedSet<int>();
        foreach (var b in options.Breaks)
        {
            if (b <= TimeSpan.Zero || b > TimeSpan.FromHours(24))
            {
                throw new ArgumentException($"A break must be more than 0 and at most 24 h; got {b}.", nameof(options));
            }

            set.Add((int)Math.Round(b.TotalMilliseconds));
        }

        return [.. set];
    }

    /// <summary>The WGS84 box of every road position reached within <paramref name="limitMs"/>, and of the bases.</summary>
    private static bool TryReachedBox(RoadNetwork network, SourceSet sources, SearchWorkspace searched, int limitMs,
        out (double MinLat, double MinLon, double MaxLat, double MaxLon) box)
    {
        double minLat = double.MaxValue, minLon = double.MaxValue, maxLat = double.MinValue, maxLon = double.MinValue;
        bool any = false;
        void Add(double lat, double lon)
        {
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
            any = true;
        }

        void AddArc(int arc)
        {
            int points = network.ArcShapePointCount(arc);
            for (int k = 0; k < points; k++)
            {
                var (lat, lon) = network.ArcShapePoint(arc, k);
                Add(lat, lon);
            }
        }

        foreach (int node in searched.ReachedNodes)
        {
            if (searched.BestTimeMs(node) > limitMs)
            {
                continue;
            }

            Add(network.NodeLat(node), network.NodeLon(node));
            for (int a = network.FirstArc(node); a < network.FirstArc(node + 1); a++)
            {
                AddArc(a); // partly reached arcs
            }
        }

        for (int s = 0; s < sources.Count; s++)
        {
            if (sources.StartDelayMs(s) <= limitMs)
            {
                AddArc(sources.Snap(s).Arc);
            }
        }

        box = (minLat, minLon, maxLat, maxLon);
        return any;
    }
}
