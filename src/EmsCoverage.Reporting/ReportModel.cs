using NetTopologySuite.Geometries;

namespace EmsCoverage.Reporting;

/// <summary>
/// Everything a coverage report shows, as plain values: the caller (the CLI's coverage run) fills it, the writers
/// (<see cref="HtmlReport"/>, <see cref="PngReport"/>) only draw it. Geometries are WGS84 (X = longitude, Y = latitude).
/// </summary>
public sealed record CoverageReport
{
    /// <summary>Title of the study (e.g. the run configuration's title).</summary>
    public required string Title { get; init; }

    /// <summary>Licence notice of the data, e.g. "© OpenStreetMap contributors, ODbL 1.0" plus the population source.</summary>
    public required string Attribution { get; init; }

    /// <summary>Date of the OSM data (newest element of the extract), or null when unknown.</summary>
    public required DateOnly? DataDate { get; init; }

    /// <summary>File name of the OSM extract the roads come from.</summary>
    public required string NetworkSource { get; init; }

    /// <summary>How the people were placed, in words.</summary>
    public required string PopulationSource { get; init; }

    /// <summary>Zones in configuration order, the default zone ("outside all zones") last.</summary>
    public required IReadOnlyList<ReportZone> Zones { get; init; }

    /// <summary>All zones together (each person judged against their own zone's standard).</summary>
    public required ReportZone Overall { get; init; }

    /// <summary>The bases used, with their figures.</summary>
    public required IReadOnlyList<ReportBase> Bases { get; init; }

    /// <summary>Gap areas, rank 1 (most people) first.</summary>
    public required IReadOnlyList<ReportGap> Gaps { get; init; }

    /// <summary>Extra bases tried at the largest gaps (may be empty).</summary>
    public IReadOnlyList<ReportSuggestion> Suggestions { get; init; } = [];

    /// <summary>Turnout time of a suggested base, seconds.</summary>
    public double SuggestionTurnoutS { get; init; }

    /// <summary>Areas reached from any base within each break (the zones' standards), one per break.</summary>
    public required IReadOnlyList<ReportIsochrone> Isochrones { get; init; }

    /// <summary>The road network as the basemap.</summary>
    public required IReadOnlyList<ReportRoad> Roads { get; init; }

    /// <summary>Demand farther than this from every road counts as "no road nearby", metres.</summary>
    public double MaxSnapDistanceM { get; init; }
}

/// <summary>Coverage of one zone against its own standard. Population = covered + beyond + not reachable + no road.</summary>
/// <param name="Name">Zone name.</param>
/// <param name="StandardMin">Response standard in minutes (null for the overall figures).</param>
/// <param name="TargetShare">Share of people that must be reached within the standard, 0–1 (null for overall).</param>
/// <param name="Population">People living in the zone.</param>
/// <param name="Covered">People reached within the standard.</param>
/// <param name="BeyondStandard">People reached by road, but later than the standard.</param>
/// <param name="NotReachableByRoad">People near a road that no base reaches within the search limit.</param>
/// <param name="NoRoadNearby">People farther than the maximum snap distance from every road.</param>
/// <param name="CoveredTwice">People reached within the standard by two bases.</param>
/// <param name="PopulationWithinMinute">People reached within 0, 1, …, 60 minutes (61 values), whatever their standard.</param>
public sealed record ReportZone(
    string Name,
    double? StandardMin,
    double? TargetShare,
    double Population,
    double Covered,
    double BeyondStandard,
    double NotReachableByRoad,
    double NoRoadNearby,
    double CoveredTwice,
    IReadOnlyList<double> PopulationWithinMinute)
{
    /// <summary>Covered share, 0–1 (0 when nobody lives there).</summary>
    public double CoveredShare => Population > 0 ? Covered / Population : 0;

    /// <summary>People not reached within the standard.</summary>
    public double NotCovered => Population - Covered;

    /// <summary>Whether the zone meets its target; null without a target or without people.</summary>
    public bool? MeetsTarget => TargetShare is { } t && Population > 0 ? CoveredShare >= t : null;

    /// <summary>People more that must be covered to meet the target (0 when met).</summary>
    public double ShortOfTarget => TargetShare is { } t ? Math.Max(0, Math.Ceiling((t * Population) - Covered - 1e-9)) : 0;
}

/// <summary>One ambulance base and what depends on it.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">Name as people know it.</param>
/// <param name="Lon">Longitude as given.</param>
/// <param name="Lat">Latitude as given.</param>
/// <param name="TurnoutS">Turnout time, seconds.</param>
/// <param name="PopulationNearest">People it reaches first.</param>
/// <param name="PopulationNearestAndCovered">Of those, people reached within their standard.</param>
/// <param name="PopulationLostIfUnavailable">People covered now only by this base (N-1).</param>
public sealed record ReportBase(string Id, string Name, double Lon, double Lat, double TurnoutS, double PopulationNearest,
    double PopulationNearestAndCovered, double PopulationLostIfUnavailable);

/// <summary>One gap area: dissolved uncovered demand cells.</summary>
/// <param name="Rank">1 = most people.</param>
/// <param name="Place">Name of the place most of its people live in, or null.</param>
/// <param name="Zone">Zone name.</param>
/// <param name="StandardMin">That zone's standard, minutes.</param>
/// <param name="Population">People in the gap.</param>
/// <param name="BestTimeMin">Earliest arrival in the gap, minutes (null when no part is reachable by road).</param>
/// <param name="WorstTimeMin">Latest arrival, minutes (null when no part is reachable by road).</param>
/// <param name="UnreachablePopulation">People of the gap no base reaches by road.</param>
/// <param name="AreaKm2">Area in km².</param>
/// <param name="Area">The polygon(s), WGS84.</param>
public sealed record ReportGap(int Rank, string? Place, string Zone, double StandardMin, double Population, double? BestTimeMin,
    double? WorstTimeMin, double UnreachablePopulation, double AreaKm2, Geometry Area);

/// <summary>An extra base tried at a gap, and what it would change.</summary>
/// <param name="GapRank">The gap it was placed in.</param>
/// <param name="Lon">Longitude on the road.</param>
/// <param name="Lat">Latitude on the road.</param>
/// <param name="AddedCovered">People newly covered within their standard.</param>
/// <param name="ZoneSharesAfter">Covered share per zone with the extra base (order of <see cref="CoverageReport.Zones"/>).</param>
public sealed record ReportSuggestion(int GapRank, double Lon, double Lat, double AddedCovered, IReadOnlyList<double> ZoneSharesAfter);

/// <summary>The area reached from any base within a break.</summary>
/// <param name="BreakMin">The break, minutes.</param>
/// <param name="Area">The area, WGS84 (may be empty).</param>
/// <param name="AreaKm2">Its area, km².</param>
/// <param name="Population">People whose demand point lies inside, or null when not counted.</param>
public sealed record ReportIsochrone(double BreakMin, MultiPolygon Area, double AreaKm2, double? Population);

/// <summary>How a road is drawn on the basemap: by the ambulance's speed on it.</summary>
public enum RoadClass
{
    /// <summary>Below 45 km/h: residential and service streets, town centres.</summary>
    Local,

    /// <summary>45 to 70 km/h: through roads between places.</summary>
    Main,

    /// <summary>70 km/h and faster: motorways, trunk and rural main roads.</summary>
    Fast,
}

/// <summary>One road piece of the basemap.</summary>
/// <param name="Class">How it is drawn.</param>
/// <param name="Line">Its shape, WGS84.</param>
public sealed record ReportRoad(RoadClass Class, LineString Line)
{
    /// <summary>The class of a road the ambulance drives at <paramref name="speedKmh"/>.</summary>
    /// <param name="speedKmh">Ambulance speed along the road.</param>
    /// <returns><see cref="RoadClass.Fast"/> from 70 km/h, <see cref="RoadClass.Main"/> from 45 km/h, else <see cref="RoadClass.Local"/>.</returns>
    public static RoadClass ClassFor(double speedKmh) => speedKmh >= 70 ? RoadClass.Fast : speedKmh >= 45 ? RoadClass.Main : RoadClass.Local;
}
