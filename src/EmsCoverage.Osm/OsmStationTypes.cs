using EmsCoverage.Diagnostics;
using EmsCoverage.Stations;

namespace EmsCoverage.Osm;

/// <summary>What kind of OSM object a station was read from.</summary>
public enum OsmStationKind
{
    /// <summary><c>emergency=ambulance_station</c> (or <c>emergency=air_rescue_service</c>).</summary>
    AmbulanceStation,

    /// <summary><c>amenity=hospital</c> (only with <see cref="OsmStationOptions.IncludeHospitals"/>).</summary>
    Hospital,

    /// <summary><c>amenity=fire_station</c> (only with <see cref="OsmStationOptions.IncludeFireStations"/>).</summary>
    FireStation,
}

/// <summary>Which OSM objects become stations, and how duplicates are merged.</summary>
public sealed record OsmStationOptions
{
    /// <summary>The defaults: road ambulance stations only, air-rescue bases excluded, 100 m / 1 km duplicate radii.</summary>
    public static OsmStationOptions Default { get; } = new();

    /// <summary>Keep air-rescue (helicopter) bases; by default they are excluded with an info diagnostic.</summary>
    public bool IncludeAirRescue { get; init; }

    /// <summary>Also read <c>amenity=hospital</c> objects (as <see cref="OsmStationKind.Hospital"/>).</summary>
    public bool IncludeHospitals { get; init; }

    /// <summary>Also read <c>amenity=fire_station</c> objects (as <see cref="OsmStationKind.FireStation"/>).</summary>
    public bool IncludeFireStations { get; init; }

    /// <summary>
    /// Objects of the same kind closer than this (metres) are one station (e.g. a node inside its building), unless
    /// both are named and the names differ (neither contains the other).
    /// </summary>
    public double DuplicateRadiusM { get; init; } = 100;

    /// <summary>
    /// Objects of the same kind with the same name closer than this (metres) are one station (a hospital drawn as a
    /// node, a building and a campus). Same-named objects farther apart stay separate: generic names such as
    /// "Feuerwehr" or "Rettungswache" repeat from town to town.
    /// </summary>
    public double SameNameRadiusM { get; init; } = 1000;

    /// <summary>Turnout time given to every station read (zero by default; a stations file can override per base).</summary>
    public TimeSpan TurnoutTime { get; init; } = TimeSpan.Zero;
}

/// <summary>A station read from OSM, with where it came from.</summary>
/// <param name="Station">The station (Id like <c>osm-way-876186284</c>, Origin like <c>osm way/876186284</c>).</param>
/// <param name="Kind">What kind of object it is.</param>
/// <param name="IsAirRescue">True for an air-rescue (helicopter) base.</param>
/// <param name="OsmType"><c>node</c>, <c>way</c> or <c>relation</c>.</param>
/// <param name="OsmId">The OSM id.</param>
public sealed record OsmStation(Station Station, OsmStationKind Kind, bool IsAirRescue, string OsmType, long OsmId)
{
    /// <summary>The object's <c>emergency=*</c> value (e.g. <c>yes</c> on a hospital with an emergency department), or null.</summary>
    public string? Emergency { get; init; }

    /// <summary>The object's <c>healthcare:speciality=*</c> value (e.g. <c>cardiology;neurology</c>), or null.</summary>
    public string? HealthcareSpeciality { get; init; }
}

/// <summary>Stations read from an extract.</summary>
public sealed class OsmStationResult
{
    internal OsmStationResult(IReadOnlyList<OsmStation> stations, DiagnosticBag diagnostics)
    {
        OsmStations = stations;
        Stations = stations.Select(s => s.Station).ToArray();
        Diagnostics = diagnostics;
    }

    /// <summary>The stations with their OSM details, ordered by kind, then node/way/relation, then id.</summary>
    public IReadOnlyList<OsmStation> OsmStations { get; }

    /// <summary>The same stations as plain <see cref="Station"/> records.</summary>
    public IReadOnlyList<Station> Stations { get; }

    /// <summary>Exclusions (air rescue), merged duplicates and objects without geometry.</summary>
    public DiagnosticBag Diagnostics { get; }
}
