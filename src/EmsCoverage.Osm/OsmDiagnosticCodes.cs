namespace EmsCoverage.Osm;

/// <summary>Stable codes of the diagnostics the OSM layer reports (<see cref="EmsCoverage.Diagnostics.Diagnostic.Code"/>).</summary>
public static class OsmDiagnosticCodes
{
    /// <summary>Warning: a <c>maxspeed</c> value could not be used; the class default speed was applied.</summary>
    public const string MaxSpeedUnparsed = "maxspeed-unparsed";

    /// <summary>Info: <c>oneway=reversible/alternating</c>; treated as drivable both ways.</summary>
    public const string OnewayReversible = "oneway-reversible";

    /// <summary>Warning: a <c>oneway</c> value was not understood; the next less specific tag (or the implied rule) decided.</summary>
    public const string OnewayUnparsed = "oneway-unparsed";

    /// <summary>Info: an access value in neither the profile's allowed nor denied list; ignored.</summary>
    public const string AccessUnknown = "access-unknown";

    /// <summary>Warning: a ferry's <c>duration</c> tag could not be read; its length and the ferry speed were used.</summary>
    public const string FerryDurationUnparsed = "ferry-duration-unparsed";

    /// <summary>Warning (one summary per file): ways name OSM nodes that are not in the file; ways were split there.</summary>
    public const string DanglingNodeRefs = "dangling-node-refs";

    /// <summary>Info (one summary per file): road pieces that start and end at the same node with no length were dropped.</summary>
    public const string SelfLoopsSkipped = "self-loops-skipped";

    /// <summary>Warning: an arc's travel time did not fit in an <c>int</c> of milliseconds and was clamped.</summary>
    public const string ArcTimeClamped = "arc-time-clamped";

    /// <summary>Info: two OSM objects were taken to be the same station; one was kept.</summary>
    public const string StationDuplicate = "station-duplicate";

    /// <summary>Info: an air-rescue (helicopter) base was left out of the stations (see the include option).</summary>
    public const string StationAirRescueExcluded = "station-air-rescue-excluded";

    /// <summary>Warning: a station way or relation has no node with coordinates in the file; it was skipped.</summary>
    public const string StationNoGeometry = "station-no-geometry";
}
