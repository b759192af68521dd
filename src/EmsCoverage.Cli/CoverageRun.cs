using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.Stations;

namespace EmsCoverage.Cli;

/// <summary>A station as used by a run: where it snapped, or why it could not be used.</summary>
internal sealed record PlacedStation(Station Station, SnapPoint? Snap, string? Problem);

/// <summary>A location whose drive times were asked for (from <c>--points</c>).</summary>
internal sealed record PointResult(Station Point, SnapPoint? Snap, ArrivalTimes Times, string? Problem);

/// <summary>Everything one coverage run computed; the writers turn it into files and text.</summary>
internal sealed class CoverageRun
{
    public required RoadNetwork Network { get; init; }
    public required NetworkDescription Description { get; init; }
    public required IReadOnlyList<PlacedStation> Stations { get; init; }
    public required IReadOnlyList<PlacedStation> UsedStations { get; init; }
    public required IReadOnlyList<int> ThresholdsMs { get; init; }
    public required double MaxSnapDistanceM { get; init; }
    public required SearchWorkspace Workspace { get; init; }
    public required IReadOnlyList<ThresholdReach> Reach { get; init; }
    public required double RoadLengthM { get; init; }
    public required double MainRoadLengthM { get; init; }
    public required IReadOnlyList<PointResult> Points { get; init; }
    public required DiagnosticBag Diagnostics { get; init; }

    /// <summary>
    /// Snaps the stations, runs one multi-source search bounded at the largest threshold and measures reach.
    /// Stations are ordered by id first, so ties between equally near stations never depend on input order.
    /// </summary>
    public static CoverageRun Compute(RoadNetwork network, NetworkDescription description, IEnumerable<Station> stations,
        IReadOnlyList<int> thresholdsMs, double maxSnapDistanceM, IReadOnlyList<Station> points, DiagnosticBag diagnostics)
    {
        var snapper = new Snapper(network);
        var (placed, used, sources) = PlaceStations(network, snapper, stations, maxSnapDistanceM, diagnostics);
        var workspace = new SearchWorkspace(network.NodeCount);
        int limitMs = thresholdsMs.Max();
        sources.Search(limitMs, workspace);
        var reach = RoadReach.Compute(network, sources, workspace, thresholdsMs.ToArray());

        var pointResults = new List<PointResult>(points.Count);
        foreach (var point in points)
        {
            if (snapper.TrySnap(point.Lat, point.Lon, maxSnapDistanceM, out var snap))
            {
                pointResults.Add(new PointResult(point, snap, sources.Evaluate(snap, workspace, limitMs), null));
            }
            else
            {
                pointResults.Add(new PointResult(point, null, ArrivalTimes.None, $"no road of the main network within {maxSnapDistanceM:0} m"));
                diagnostics.Add("point-not-snapped", DiagnosticSeverity.Warning,
                    $"Point '{point.Id}' at ({point.Lon:0.######}, {point.Lat:0.######}) has no road of the main network within {maxSnapDistanceM:0} m.", point.Origin);
            }
        }

        double total = 0, main = 0;
        for (int arc = 0; arc < network.ArcCount; arc++)
        {
            int twin = network.ArcTwin(arc);
            if (twin != RoadNetwork.NoArc && twin < arc)
            {
                continue;
            }

            total += network.ArcLengthM(arc);
            if (network.IsArcInLargestComponent(arc))
            {
                main += network.ArcLengthM(arc);
            }
        }

        return new CoverageRun
        {
            Network = network,
            Description = description,
            Stations = placed,
            UsedStations = used,
            ThresholdsMs = thresholdsMs,
            MaxSnapDistanceM = maxSnapDistanceM,
            Workspace = workspace,
            Reach = reach,
            RoadLengthM = total,
            MainRoadLengthM = main,
            Points = pointResults,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>
    /// Snaps the stations (ordered by id, so ties between equally near stations never depend on input order) and
    /// places the ones on a road as search sources; the others become diagnostics. None usable is an input error.
    /// </summary>
    public static (List<PlacedStation> Placed, List<PlacedStation> Used, SourceSet Sources) PlaceStations(
        RoadNetwork network, Snapper snapper, IEnumerable<Station> stations, double maxSnapDistanceM, DiagnosticBag diagnostics)
    {
        var placed = new List<PlacedStation>();
        foreach (var station in stations.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (snapper.TrySnap(station.Lat, station.Lon, maxSnapDistanceM, out var snap))
            {
                placed.Add(new PlacedStation(station, snap, null));
            }
            else
            {
                string problem = $"no road of the main network within {maxSnapDistanceM:0} m";
                placed.Add(new PlacedStation(station, null, problem));
                diagnostics.Add("station-not-snapped", DiagnosticSeverity.Error,
                    $"Station '{station.Name}' at ({station.Lon:0.######}, {station.Lat:0.######}) was left out: {problem}.", $"station {station.Id}");
            }
        }

        var used = placed.Where(p => p.Snap is not null).ToList();
        if (used.Count == 0)
        {
            throw new InputDataException(
                placed.Count == 0
                    ? "No stations to compute coverage from."
                    : $"None of the {placed.Count} stations lies within {maxSnapDistanceM:0} m of a road of the main network; check the coordinates (lon/lat order, the extract's area) or raise the maximum snap distance.");
        }

        var sources = new SourceSet(network,
            used.Select(p => p.Snap!.Value).ToArray(),
            used.Select(p => (int)Math.Round(p.Station.TurnoutTime.TotalMilliseconds)).ToArray());
        return (placed, used, sources);
    }
}

/// <summary>What a report says about the network's origin.</summary>
/// <param name="SourceName">File name of the OSM extract.</param>
/// <param name="DataDate">Date of the OSM data when known (newest element timestamp), else null.</param>
/// <param name="SourceSha256">SHA-256 of the extract.</param>
/// <param name="ProfileSha256">SHA-256 of the travel profile.</param>
internal sealed record NetworkDescription(string SourceName, DateTimeOffset? DataDate, string SourceSha256, string ProfileSha256);
