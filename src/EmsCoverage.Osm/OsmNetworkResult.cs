using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;

namespace EmsCoverage.Osm;

/// <summary>Counts from reading one extract, for reports and regression checks.</summary>
/// <param name="WaysRead">All ways in the file.</param>
/// <param name="RoadWays">Ways with a <c>highway</c> tag or <c>route=ferry</c>.</param>
/// <param name="DrivableWays">Ways the profile lets an ambulance use (ferries included), with at least two distinct nodes.</param>
/// <param name="FerryWays">Drivable ferry ways.</param>
/// <param name="ReferencedNodes">Distinct OSM nodes referenced by drivable ways.</param>
/// <param name="DanglingNodeRefs">References from drivable ways to OSM nodes missing from the file (each occurrence counted).</param>
/// <param name="DegenerateWays">Drivable-tagged ways skipped because they have fewer than two distinct nodes.</param>
/// <param name="SelfLoopsSkipped">Road pieces dropped because they start and end at the same node with zero length.</param>
public sealed record OsmNetworkCounts(
    int WaysRead,
    int RoadWays,
    int DrivableWays,
    int FerryWays,
    int ReferencedNodes,
    int DanglingNodeRefs,
    int DegenerateWays,
    int SelfLoopsSkipped);

/// <summary>A road network read from an OSM extract, with what was found on the way.</summary>
public sealed class OsmNetworkResult
{
    internal OsmNetworkResult(RoadNetwork network, DiagnosticBag diagnostics, OsmNetworkCounts counts, OsmFileFormat format,
        DateTimeOffset? headerTimestamp, DateTimeOffset? maxElementTimestamp)
    {
        Network = network;
        Diagnostics = diagnostics;
        Counts = counts;
        Format = format;
        HeaderTimestamp = headerTimestamp;
        MaxElementTimestamp = maxElementTimestamp;
    }

    /// <summary>The drivable road network (provenance: file hash, profile hash, file name).</summary>
    public RoadNetwork Network { get; }

    /// <summary>Data problems found (unparsed maxspeeds, dangling references, …).</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>Counts of ways and nodes read and used.</summary>
    public OsmNetworkCounts Counts { get; }

    /// <summary>How the file was encoded.</summary>
    public OsmFileFormat Format { get; }

    /// <summary>The PBF header's replication timestamp (the extract's data date), when present.</summary>
    public DateTimeOffset? HeaderTimestamp { get; }

    /// <summary>The latest edit timestamp among the elements read, when the file carries element metadata.</summary>
    public DateTimeOffset? MaxElementTimestamp { get; }

    /// <summary>Best available data date for reports: <see cref="HeaderTimestamp"/>, else <see cref="MaxElementTimestamp"/>, else null.</summary>
    public DateTimeOffset? DataTimestamp => HeaderTimestamp ?? MaxElementTimestamp;
}
