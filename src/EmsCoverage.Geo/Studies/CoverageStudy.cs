using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Gaps;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Geo.Zones;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.Stations;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Studies;

/// <summary>A planning zone with its response standard (e.g. the urban core with 10 minutes).</summary>
/// <param name="Name">The zone's name as planners use it.</param>
/// <param name="Area">Its polygonal area in WGS84 (X = longitude, Y = latitude).</param>
/// <param name="Standard">The response standard: a person is covered when a base reaches them within it.</param>
/// <param name="TargetShare">The share of the zone's people that should be covered, 0 to 1 (default 0.9).</param>
public sealed record StudyZone(string Name, Geometry Area, TimeSpan Standard, double TargetShare = 0.9);

/// <summary>Options of a <see cref="CoverageStudy"/>; the defaults are those of <c>emscov coverage</c>.</summary>
public sealed record CoverageStudyOptions
{
    /// <summary>Standard for people outside every zone (default 30 min).</summary>
    public TimeSpan DefaultStandard { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Name of the zone of people outside every zone.</summary>
    public string DefaultZoneName { get; init; } = "outside all zones";

    /// <summary>The access leg from a demand cell (or base) to the road: maximum snap distance in metres and off-road
    /// speed in km/h. Bases farther than the maximum from every road are left out and reported.</summary>
    public AccessLeg Access { get; init; } = new();

    /// <summary>How gap areas are drawn.</summary>
    public GapAreaOptions Gaps { get; init; } = new();
}

/// <summary>The figures of one coverage run.</summary>
/// <param name="Coverage">People covered per zone and overall, by minute, per base, N-1 and per cell.</param>
/// <param name="Gaps">Uncovered areas, largest population first.</param>
public sealed record CoverageStudyResult(PopulationCoverage Coverage, IReadOnlyList<GapArea> Gaps);

/// <summary>
/// The entry point for a population coverage study from code: bases on a road network, people in demand cells, zones
/// with their standards. <see cref="Prepare"/> snaps the bases and the demand cells once; <see cref="Run"/> and
/// <see cref="Isochrones"/> may then be called any number of times, from one thread at a time.
/// </summary>
/// <remarks>
/// Times are whole milliseconds on the road graph; an ambulance drives from its base (turnout time first) to the road
/// position nearest each demand cell, then the access leg at <see cref="AccessLeg.OffRoadSpeedKmh"/>. The figures
/// equal those of <c>emscov coverage -c</c> on the same inputs, and every person read is counted exactly once.
/// </remarks>
public sealed class CoverageStudy
{
    private readonly int[] _cellZone;
    private readonly ZoneStandard[] _standards;
    private readonly ZoneStandard _outside;

    private CoverageStudy(RoadNetwork network, Snapper snapper, IReadOnlyList<Station> bases, IReadOnlyList<Station> leftOut,
        SourceSet sources, SnappedDemand demand, IReadOnlyList<StudyZone> zones, int[] cellZone, CoverageStudyOptions options)
    {
        Network = network;
        Snapper = snapper;
        Bases = bases;
        LeftOut = leftOut;
        Sources = sources;
        Demand = demand;
        Zones = zones;
        Options = options;
        _cellZone = cellZone;
        _standards = [.. zones.Select(z => new ZoneStandard(z.Name, StandardMs(z.Standard, z.Name)))];
        _outside = new ZoneStandard(options.DefaultZoneName, StandardMs(options.DefaultStandard, options.DefaultZoneName));
    }

    /// <summary>The road network.</summary>
    public RoadNetwork Network { get; }

    /// <summary>Snaps points to the network's largest connected part (for candidate sites of what-if studies).</summary>
    public Snapper Snapper { get; }

    /// <summary>The bases in use, ordered by id; source index <c>i</c> of <see cref="Sources"/> is <c>Bases[i]</c>.</summary>
    public IReadOnlyList<Station> Bases { get; }

    /// <summary>Bases left out because no road of the main network is within the access leg's snap distance.</summary>
    public IReadOnlyList<Station> LeftOut { get; }

    /// <summary>The bases as search sources (snapped, with their turnout times).</summary>
    public SourceSet Sources { get; }

    /// <summary>The demand cells, snapped once.</summary>
    public SnappedDemand Demand { get; }

    /// <summary>The zones in priority order (where zones overlap, the first wins).</summary>
    public IReadOnlyList<StudyZone> Zones { get; }

    /// <summary>The options the study was prepared with.</summary>
    public CoverageStudyOptions Options { get; }

    /// <summary>Zone index per demand cell (<see cref="Zones"/> order; <c>Zones.Count</c> for outside every zone).</summary>
    public IReadOnlyList<int> CellZone => _cellZone;

    /// <summary>Snaps the bases and the demand cells and assigns each cell its zone.</summary>
    /// <param name="network">The road network (from <c>OsmNetworkReader</c> or a prepared file).</param>
    /// <param name="bases">The ambulance bases; ids must be unique.</param>
    /// <param name="population">The demand cells (from <c>PopulationFile</c>, <c>OsmPopulation</c> or built in code).</param>
    /// <param name="zones">The zones with their standards; may be empty (everyone gets the default standard).</param>
    /// <param name="options">Standards and access leg; null for the defaults.</param>
    /// <param name="diagnostics">Receives one error per base left out; may be null.</param>
    /// <exception cref="ArgumentException">Duplicate base ids, a zone without a polygonal area, a standard that is not
    /// positive or above 24 h, or no base that can be placed on the network.</exception>
    public static CoverageStudy Prepare(RoadNetwork network, IEnumerable<Station> bases, DemandLayer population,
        IReadOnlyList<StudyZone> zones, CoverageStudyOptions? options = null, DiagnosticBag? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(zones);
        options ??= new CoverageStudyOptions();
        var ordered = bases.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var duplicate = ordered.Zip(ordered.Skip(1)).FirstOrDefault(p => p.First.Id == p.Second.Id);
        if (duplicate.First is not null)
        {
            throw new ArgumentException($"Base id '{duplicate.First.Id}' is used twice.", nameof(bases));
        }

        var snapper = new Snapper(network);
        var used = new List<Station>();
        var leftOut = new List<Station>();
        var snaps = new List<SnapPoint>();
        foreach (var station in ordered)
        {
            if (snapper.TrySnap(station.Lat, station.Lon, options.Access.MaxSnapDistanceM, out var snap))
            {
                used.Add(station);
                snaps.Add(snap);
            }
            else
            {
                leftOut.Add(station);
                diagnostics?.Add("station-not-snapped", DiagnosticSeverity.Error,
                    $"Station '{station.Name}' was left out: no road of the main network within {options.Access.MaxSnapDistanceM:0} m.",
                    $"station {station.Id}");
            }
        }

        if (used.Count == 0)
        {
            throw new ArgumentException("No base can be placed on the road network.", nameof(bases));
        }

        var sources = new SourceSet(network, [.. snaps], [.. used.Select(s => (int)Math.Round(s.TurnoutTime.TotalMilliseconds))]);
        var demand = SnappedDemand.Snap(snapper, population, options.Access);
        var cellZone = new ZoneAssigner([.. zones.Select(z => new Zone(z.Name, z.Area))]).ZonesOf(population.Cells);
        for (int i = 0; i < cellZone.Length; i++)
        {
            if (cellZone[i] == ZoneAssigner.NoZone)
            {
                cellZone[i] = zones.Count;
            }
        }

        return new CoverageStudy(network, snapper, used, leftOut, sources, demand, zones, cellZone, options);
    }

    /// <summary>Covered people per zone and overall, and the gap areas, from one multi-source search.</summary>
    /// <param name="cancellationToken">Checked before the search and before the gap areas are drawn.</param>
    public CoverageStudyResult Run(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int limitMs = PopulationCoverage.SearchLimitFor(_standards.Append(_outside).Max(z => z.ThresholdMs));
        var workspace = new SearchWorkspace(Network.NodeCount);
        Sources.Search(limitMs, workspace);
        var coverage = PopulationCoverage.Evaluate(Sources, Demand, _cellZone, _standards, _outside, workspace, limitMs);
        cancellationToken.ThrowIfCancellationRequested();
        return new CoverageStudyResult(coverage, GapAreas.Build(Demand.Layer, coverage, Options.Gaps));
    }

    /// <summary>
    /// The areas reached within each break (union, per base or nearest-base partition), drawn with the study's access
    /// leg so that they agree with the coverage figures; each polygon carries the people inside it.
    /// </summary>
    /// <param name="breaks">The breaks, e.g. 10 and 30 minutes.</param>
    /// <param name="mode">Union (default), per base, or partition.</param>
    /// <param name="toleranceM">Generalisation tolerance in metres (at least 1).</param>
    /// <param name="cancellationToken">Checked between breaks and bases.</param>
    public IReadOnlyList<IsochronePolygon> Isochrones(IEnumerable<TimeSpan> breaks, IsochroneMode mode = IsochroneMode.Union,
        double toleranceM = IsochroneOptions.DefaultToleranceM, CancellationToken cancellationToken = default)
    {
        var options = new IsochroneOptions(breaks) { Mode = mode, ToleranceM = toleranceM, Access = Options.Access };
        return IsochroneBuilder.Build(Network, Sources, options, Demand.Layer, cancellationToken);
    }

    private static int StandardMs(TimeSpan standard, string zone) =>
        standard > TimeSpan.Zero && standard <= TimeSpan.FromHours(24)
            ? (int)Math.Round(standard.TotalMilliseconds)
            : throw new ArgumentException($"The standard of zone '{zone}' must be more than 0 and at most 24 h, not {standard}.", nameof(standard));
}
