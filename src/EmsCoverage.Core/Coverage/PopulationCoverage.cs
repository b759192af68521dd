using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Coverage;

/// <summary>Why a demand cell is or is not covered.</summary>
public enum CellStatus
{
    /// <summary>The first ambulance arrives within the cell's standard.</summary>
    Covered,

    /// <summary>Reachable, but the first ambulance arrives after the cell's standard.</summary>
    BeyondStandard,

    /// <summary>A road is near, but no base reaches it within the search limit (e.g. a road island).</summary>
    NotReachableByRoad,

    /// <summary>No road of the main network within the maximum snap distance.</summary>
    NoRoadNearby,
}

/// <summary>A response standard that applies to an area: e.g. "urban core, 10 minutes".</summary>
/// <param name="Name">Zone name as the planner knows it.</param>
/// <param name="ThresholdMs">The standard in ms: covered when the first ambulance arrives within it (inclusive).</param>
public sealed record ZoneStandard(string Name, int ThresholdMs);

/// <summary>How a demand cell is joined to the road: the "access leg" from the road to the people.</summary>
/// <param name="MaxSnapDistanceM">Cells farther than this from any road of the main network are "no road nearby".</param>
/// <param name="OffRoadSpeedKmh">Speed of the leg from the road to the cell's point (a crew on foot: 6 km/h by default).</param>
public sealed record AccessLeg(double MaxSnapDistanceM = 1000, double OffRoadSpeedKmh = 6)
{
    /// <summary>Time in ms to cover <paramref name="distanceM"/> off the road.</summary>
    public int TimeMs(double distanceM) => (int)Math.Round(distanceM / (OffRoadSpeedKmh / 3.6) * 1000, MidpointRounding.AwayFromZero);
}

/// <summary>The result for one demand cell.</summary>
/// <param name="Zone">Index into <see cref="PopulationCoverage.Zones"/>; the last zone is the default zone.</param>
/// <param name="Status">Covered, or why not.</param>
/// <param name="AccessMs">Off-road leg in ms (0 when not snapped).</param>
/// <param name="SnapDistanceM">Distance to the road in metres, or NaN when no road is near.</param>
/// <param name="Times">First and second base, arrival at the cell's point (access leg included).</param>
public readonly record struct CellResult(int Zone, CellStatus Status, int AccessMs, double SnapDistanceM, ArrivalTimes Times);

/// <summary>Population figures for one zone (or all zones together).</summary>
/// <param name="Name">Zone name, or <c>all</c>.</param>
/// <param name="ThresholdMs">The zone's standard in ms (for <c>all</c>: -1, each cell counts against its own zone's).</param>
/// <param name="Population">Everyone living in the zone.</param>
/// <param name="Covered">Reached within the standard.</param>
/// <param name="BeyondStandard">Reached, but later than the standard.</param>
/// <param name="NotReachableByRoad">Near a road no base reaches within the search limit.</param>
/// <param name="NoRoadNearby">Farther than the maximum snap distance from any road.</param>
/// <param name="CoveredTwice">Reached within the standard by two different bases (redundancy).</param>
/// <param name="PopulationWithinMinute">Index m (0–60): people reached within m minutes, whatever their standard.</param>
public sealed record ZoneCoverage(
    string Name, int ThresholdMs, double Population, double Covered, double BeyondStandard, double NotReachableByRoad,
    double NoRoadNearby, double CoveredTwice, IReadOnlyList<double> PopulationWithinMinute)
{
    /// <summary>Share of the zone's people covered (0–1; 0 when nobody lives there).</summary>
    public double CoveredShare => Population > 0 ? Covered / Population : 0;
}

/// <summary>Population figures for one base.</summary>
/// <param name="Nearest">People for whom this base arrives first.</param>
/// <param name="NearestAndCovered">Of those, people it reaches within their standard.</param>
/// <param name="LostIfUnavailable">People covered now who would not be if this base were unavailable (N-1): it is
/// their only base within the standard.</param>
public sealed record BaseCoverage(double Nearest, double NearestAndCovered, double LostIfUnavailable);

/// <summary>
/// Population coverage against per-zone response standards, from one multi-source search.
/// </summary>
/// <remarks>
/// A cell's arrival time is the road arrival at its snap point (partial arcs included, see <see cref="SourceSet"/>)
/// plus the off-road access leg. The search is bounded at <see cref="SearchLimitMs"/> (at least 60 min, for the
/// population-by-minute curve); a cell no base reaches within it is "not reachable by road". Population is summed in
/// the cells' own units: covered + beyond standard + not reachable + no road nearby = the zone's population, exactly
/// up to floating-point addition.
/// </remarks>
public sealed class PopulationCoverage
{
    /// <summary>Minutes of the population-by-minute curve (0 to this, inclusive).</summary>
    public const int CurveMinutes = 60;

    private PopulationCoverage(IReadOnlyList<ZoneStandard> zones, int searchLimitMs, CellResult[] cells,
        IReadOnlyList<ZoneCoverage> byZone, ZoneCoverage overall, IReadOnlyList<BaseCoverage> byBase)
    {
        Zones = zones;
        SearchLimitMs = searchLimitMs;
        Cells = cells;
        ByZone = byZone;
        Overall = overall;
        ByBase = byBase;
    }

    /// <summary>The zones with their standards; the last one is the default for cells outside every zone.</summary>
    public IReadOnlyList<ZoneStandard> Zones { get; }

    /// <summary>The search limit used, in ms.</summary>
    public int SearchLimitMs { get; }

    /// <summary>Per demand cell, in the layer's order.</summary>
    public IReadOnlyList<CellResult> Cells { get; }

    /// <summary>Per zone, in <see cref="Zones"/> order.</summary>
    public IReadOnlyList<ZoneCoverage> ByZone { get; }

    /// <summary>All zones together.</summary>
    public ZoneCoverage Overall { get; }

    /// <summary>Per base (source index of the <see cref="SourceSet"/>).</summary>
    public IReadOnlyList<BaseCoverage> ByBase { get; }

    /// <summary>
    /// Computes coverage.
    /// </summary>
    /// <param name="network">The road network.</param>
    /// <param name="snapper">Snapper over <paramref name="network"/>.</param>
    /// <param name="bases">The bases, snapped, with their turnout times.</param>
    /// <param name="layer">The demand cells.</param>
    /// <param name="cellZone">Zone index per cell (into <paramref name="zones"/>), or -1 for the default zone.</param>
    /// <param name="zones">Zones with their standards.</param>
    /// <param name="defaultStandard">Standard for cells outside every zone (appended as the last zone).</param>
    /// <param name="access">The access leg.</param>
    /// <param name="workspace">Optional reusable workspace; after the call it holds the search.</param>
    public static PopulationCoverage Compute(RoadNetwork network, Snapper snapper, SourceSet bases, DemandLayer layer,
        ReadOnlySpan<int> cellZone, IReadOnlyList<ZoneStandard> zones, ZoneStandard defaultStandard, AccessLeg access,
        SearchWorkspace? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(snapper);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(defaultStandard);
        ArgumentNullException.ThrowIfNull(access);
        int limitMs = SearchLimitFor(zones.Append(defaultStandard).Max(z => z.ThresholdMs));
        workspace ??= new SearchWorkspace(network.NodeCount);
        bases.Search(limitMs, workspace);
        return Evaluate(bases, SnappedDemand.Snap(snapper, layer, access), cellZone, zones, defaultStandard, workspace, limitMs);
    }

    /// <summary>The search limit used for standards up to <paramref name="largestStandardMs"/>: at least 60 min,
    /// four times the largest standard, at most 24 h.</summary>
    public static int SearchLimitFor(int largestStandardMs) =>
        (int)Math.Min(24L * 3_600_000, Math.Max(CurveMinutes * 60_000L, 4L * largestStandardMs));

    /// <summary>
    /// Evaluates coverage from a finished search: <paramref name="searched"/> must hold
    /// <c>bases.Search(limitMs, …)</c>. Costs one pass over the demand cells; no snapping, no routing.
    /// </summary>
    /// <param name="bases">The bases the search started from.</param>
    /// <param name="demand">The demand cells, snapped once.</param>
    /// <param name="cellZone">Zone index per cell, or -1 for the default zone.</param>
    /// <param name="zones">Zones with their standards.</param>
    /// <param name="defaultStandard">Standard outside every zone.</param>
    /// <param name="searched">Workspace holding the search.</param>
    /// <param name="limitMs">The limit the search ran with.</param>
    public static PopulationCoverage Evaluate(SourceSet bases, SnappedDemand demand, ReadOnlySpan<int> cellZone,
        IReadOnlyList<ZoneStandard> zones, ZoneStandard defaultStandard, SearchWorkspace searched, int limitMs)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(searched);
        var arrivals = new SearchedArrivals(bases, demand, searched, limitMs);
        return Build(demand, cellZone, zones, defaultStandard, bases.Count, ref arrivals, limitMs);
    }

    /// <summary>
    /// Evaluates coverage from road arrival times already known per cell (e.g. reduced from cached travel-time
    /// columns, see <c>EmsCoverage.WhatIf.ScenarioEvaluator</c>). The figures are defined exactly as in
    /// <see cref="Evaluate"/>: given the arrivals <see cref="SourceSet.Evaluate"/> would return, the result is the same.
    /// </summary>
    /// <param name="demand">The demand cells, snapped once.</param>
    /// <param name="cellZone">Zone index per cell, or -1 for the default zone.</param>
    /// <param name="zones">Zones with their standards.</param>
    /// <param name="defaultStandard">Standard outside every zone.</param>
    /// <param name="baseCount">Number of bases; every source index in <paramref name="roadArrivals"/> is below it.</param>
    /// <param name="roadArrivals">Per cell: first and second base and their arrival at the cell's snap point on the
    /// road, in ms, without the access leg, <see cref="SearchWorkspace.Unreached"/> above <paramref name="limitMs"/>
    /// (what <see cref="SourceSet.Evaluate"/> returns). Ignored for cells that are not snapped.</param>
    /// <param name="limitMs">The search limit the arrivals were bounded by, in ms.</param>
    /// <exception cref="ArgumentException">The spans do not have one entry per demand cell, or a source index is out of range.</exception>
    public static PopulationCoverage FromArrivals(SnappedDemand demand, ReadOnlySpan<int> cellZone, IReadOnlyList<ZoneStandard> zones,
        ZoneStandard defaultStandard, int baseCount, ReadOnlySpan<ArrivalTimes> roadArrivals, int limitMs)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentOutOfRangeException.ThrowIfNegative(baseCount);
        if (roadArrivals.Length != demand.Layer.Cells.Count)
        {
            throw new ArgumentException("One arrival is needed per demand cell.", nameof(roadArrivals));
        }

        foreach (var a in roadArrivals)
        {
            if (a.BestSource >= baseCount || a.SecondSource >= baseCount)
            {
                throw new ArgumentException($"A source index is not below the base count {baseCount}.", nameof(roadArrivals));
            }
        }

        var arrivals = new KnownArrivals(roadArrivals);
        return Build(demand, cellZone, zones, defaultStandard, baseCount, ref arrivals, limitMs);
    }

    /// <summary>The one definition of the coverage statistics, whatever produced the road arrivals.</summary>
    private static PopulationCoverage Build<TArrivals>(SnappedDemand demand, ReadOnlySpan<int> cellZone,
        IReadOnlyList<ZoneStandard> zones, ZoneStandard defaultStandard, int baseCount, ref TArrivals arrivals, int limitMs)
        where TArrivals : IRoadArrivals
#if NET9_0_OR_GREATER
        , allows ref struct
#endif
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(defaultStandard);
        var layer = demand.Layer;
        if (cellZone.Length != layer.Cells.Count)
        {
            throw new ArgumentException("One zone index is needed per demand cell.", nameof(cellZone));
        }

        var allZones = zones.Append(defaultStandard).ToArray();
        foreach (var z in allZones)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z.ThresholdMs, nameof(zones));
        }

        int zoneCount = allZones.Length;
        var cells = new CellResult[layer.Cells.Count];
        var tally = new Tally[zoneCount];
        for (int z = 0; z < zoneCount; z++)
        {
            tally[z] = new Tally();
        }

        var byBase = new (double Nearest, double NearestCovered, double Lost)[baseCount];
        for (int i = 0; i < cells.Length; i++)
        {
            int zone = cellZone[i] < 0 ? zoneCount - 1 : cellZone[i];
            if (zone >= zoneCount)
            {
                throw new ArgumentOutOfRangeException(nameof(cellZone), cellZone[i], $"Zone index of cell {layer.Cells[i].Id} is out of range.");
            }

            int threshold = allZones[zone].ThresholdMs;
            CellResult result;
            if (!demand.IsSnapped(i))
            {
                result = new CellResult(zone, CellStatus.NoRoadNearby, 0, double.NaN, ArrivalTimes.None);
            }
            else
            {
                int accessMs = demand.AccessMs(i);
                var road = arrivals.At(i);
                var times = new ArrivalTimes(Plus(road.BestMs, accessMs), road.BestSource, Plus(road.SecondMs, accessMs), road.SecondSource);
                var status = times.BestMs == SearchWorkspace.Unreached ? CellStatus.NotReachableByRoad
                    : times.BestMs <= threshold ? CellStatus.Covered
                    : CellStatus.BeyondStandard;
                result = new CellResult(zone, status, accessMs, demand.Snap(i).DistanceM, times);
            }

            cells[i] = result;
            double people = demand.Population(i);
            tally[zone].Add(result, people, threshold);
            if (result.Times.BestSource >= 0)
            {
                ref var b = ref byBase[result.Times.BestSource];
                b.Nearest += people;
                if (result.Status == CellStatus.Covered)
                {
                    b.NearestCovered += people;
                    if (result.Times.SecondMs > threshold)
                    {
                        b.Lost += people;
                    }
                }
            }
        }

        var byZone = new ZoneCoverage[zoneCount];
        var all = new Tally();
        for (int z = 0; z < zoneCount; z++)
        {
            byZone[z] = tally[z].ToZone(allZones[z].Name, allZones[z].ThresholdMs);
            all.Merge(tally[z]);
        }

        return new PopulationCoverage(allZones, limitMs, cells, byZone, all.ToZone("all", -1),
            byBase.Select(b => new BaseCoverage(b.Nearest, b.NearestCovered, b.Lost)).ToArray());
    }

    private static int Plus(int timeMs, int extraMs) =>
        timeMs == SearchWorkspace.Unreached ? SearchWorkspace.Unreached : (int)Math.Min(SearchWorkspace.Unreached - 1L, (long)timeMs + extraMs);

    /// <summary>Road arrival at a demand cell's snap point (access leg not included).</summary>
    private interface IRoadArrivals
    {
        ArrivalTimes At(int cell);
    }

    /// <summary>Arrivals read from a finished multi-source search.</summary>
    private readonly struct SearchedArrivals(SourceSet bases, SnappedDemand demand, SearchWorkspace searched, int limitMs) : IRoadArrivals
    {
        public ArrivalTimes At(int cell) => bases.Evaluate(demand.Snap(cell), searched, limitMs);
    }

    /// <summary>Arrivals given per cell.</summary>
#if NET9_0_OR_GREATER
    private readonly ref struct KnownArrivals(ReadOnlySpan<ArrivalTimes> arrivals) : IRoadArrivals
    {
        private readonly ReadOnlySpan<ArrivalTimes> _arrivals = arrivals;
#else
    // .NET 8 has no ref-struct generic arguments: the arrivals are copied once.
    private readonly struct KnownArrivals(ReadOnlySpan<ArrivalTimes> arrivals) : IRoadArrivals
    {
        private readonly ArrivalTimes[] _arrivals = arrivals.ToArray();
#endif

        public ArrivalTimes At(int cell) => _arrivals[cell];
    }

    private sealed class Tally
    {
        private readonly double[] _withinMinute = new double[CurveMinutes + 1];
        private double _population, _covered, _beyond, _unreachable, _noRoad, _twice;

        public void Add(CellResult r, double people, int thresholdMs)
        {
            _population += people;
            switch (r.Status)
            {
                case CellStatus.Covered:
                    _covered += people;
                    if (r.Times.SecondMs <= thresholdMs)
                    {
                        _twice += people;
                    }

                    break;
                case CellStatus.BeyondStandard:
                    _beyond += people;
                    break;
                case CellStatus.NotReachableByRoad:
                    _unreachable += people;
                    break;
                default:
                    _noRoad += people;
                    break;
            }

            if (r.Times.BestMs != SearchWorkspace.Unreached)
            {
                // First whole minute m with best <= m minutes; counted in every later minute by the prefix sum below.
                long minute = (r.Times.BestMs + 59_999L) / 60_000;
                if (minute <= CurveMinutes)
                {
                    _withinMinute[minute] += people;
                }
            }
        }

        public void Merge(Tally other)
        {
            _population += other._population;
            _covered += other._covered;
            _beyond += other._beyond;
            _unreachable += other._unreachable;
            _noRoad += other._noRoad;
            _twice += other._twice;
            for (int m = 0; m <= CurveMinutes; m++)
            {
                _withinMinute[m] += other._withinMinute[m];
            }
        }

        public ZoneCoverage ToZone(string name, int thresholdMs)
        {
            var curve = new double[CurveMinutes + 1];
            double running = 0;
            for (int m = 0; m <= CurveMinutes; m++)
            {
                running += _withinMinute[m];
                curve[m] = running;
            }

            return new ZoneCoverage(name, thresholdMs, _population, _covered, _beyond, _unreachable, _noRoad, _twice, curve);
        }
    }
}
