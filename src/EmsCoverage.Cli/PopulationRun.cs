using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Gaps;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Cli;

/// <summary>An extra base tried at a gap: where, and what it would add.</summary>
/// <param name="GapRank">The gap it was placed in.</param>
/// <param name="Lat">Latitude of the base on the road.</param>
/// <param name="Lon">Longitude of the base on the road.</param>
/// <param name="AddedCovered">People newly covered within their standard.</param>
/// <param name="ZoneSharesAfter">Covered share per zone with the extra base (same order as the run's zones).</param>
internal sealed record FixSuggestion(int GapRank, double Lat, double Lon, double AddedCovered, IReadOnlyList<double> ZoneSharesAfter);

/// <summary>One population coverage run: what was read, and what was computed from it.</summary>
internal sealed class PopulationRun
{
    public required RunConfig Config { get; init; }
    public required LoadedNetwork Loaded { get; init; }
    public required IReadOnlyList<PlacedStation> Stations { get; init; }
    public required IReadOnlyList<PlacedStation> UsedStations { get; init; }
    public required DemandLayer Layer { get; init; }
    public required string PopulationDescription { get; init; }
    public required IReadOnlyList<ZoneConfig> Zones { get; init; }
    public required PopulationCoverage Coverage { get; init; }
    public required IReadOnlyList<GapArea> Gaps { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> InputHashes { get; init; }
    public required IReadOnlyList<FixSuggestion> Suggestions { get; init; }
    public required DiagnosticBag Diagnostics { get; init; }

    /// <summary>Zones (in config order) that miss their target share; the default zone counts when anyone lives there.</summary>
    public IEnumerable<ZoneCoverage> ZonesMissingTarget() =>
        Coverage.ByZone.Where((z, i) => z.Population > 0 && z.CoveredShare < TargetShare(i));

    /// <summary>Target share of zone <paramref name="zoneIndex"/> (the last index is the default zone).</summary>
    public double TargetShare(int zoneIndex) => zoneIndex < Zones.Count ? Zones[zoneIndex].TargetShare : Config.DefaultTargetShare;

    /// <summary>Computes the run: network, stations, population and zones from the configuration.</summary>
    public static PopulationRun Compute(RunConfig config, TextWriter stderr)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = Inputs.LoadNetwork(config.NetworkPath, config.ProfilePath, stderr);
        var stations = Inputs.LoadStations(config.StationsPath, loaded,
            new StationOptions(config.DefaultTurnout, config.IncludeAirBases, config.IncludeHospitals, config.IncludeFireStations),
            diagnostics, stderr);
        var (layer, description, cellZone) = PopulationInputs.Load(config, loaded, diagnostics, stderr);

        var snapper = new Snapper(loaded.Network);
        var (placed, used, sources) = CoverageRun.PlaceStations(loaded.Network, snapper, stations, config.MaxSnapDistanceM, diagnostics);
        stderr.WriteLine($"Coverage of {layer.Cells.Count:N0} demand cells ({layer.InputPopulation:N0} people) from {used.Count} base(s)...");
        var standards = config.Zones.Select(z => new ZoneStandard(z.Name, z.StandardMs)).ToArray();
        var outside = new ZoneStandard("outside all zones", config.DefaultStandardMs);
        var demand = SnappedDemand.Snap(snapper, layer, new AccessLeg(config.MaxSnapDistanceM, config.OffRoadSpeedKmh));
        int limitMs = PopulationCoverage.SearchLimitFor(standards.Append(outside).Max(z => z.ThresholdMs));
        var workspace = new SearchWorkspace(loaded.Network.NodeCount);
        sources.Search(limitMs, workspace);
        var coverage = PopulationCoverage.Evaluate(sources, demand, cellZone, standards, outside, workspace, limitMs);
        var gaps = GapAreas.Build(layer, coverage, new GapAreaOptions(PointRadiusM: Math.Max(50, config.GridM * 0.75)));
        var suggestions = SuggestBases(loaded, snapper, sources, demand, cellZone, standards, outside, limitMs, config, coverage, gaps, workspace);

        return new PopulationRun
        {
            Config = config,
            Loaded = loaded,
            Stations = placed,
            UsedStations = used,
            Layer = layer,
            PopulationDescription = description,
            Zones = config.Zones,
            Coverage = coverage,
            Gaps = gaps,
            InputHashes = HashInputs(config, loaded),
            Suggestions = suggestions,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>
    /// "What would fix it": for each of the largest gaps, one extra base at the gap's population-weighted centre
    /// (on the nearest road), evaluated with the same search as the run. A first answer for the planner; issue-size
    /// placement studies optimise over many candidates.
    /// </summary>
    private static List<FixSuggestion> SuggestBases(LoadedNetwork loaded, Snapper snapper, SourceSet sources, SnappedDemand demand,
        int[] cellZone, ZoneStandard[] standards, ZoneStandard outside, int limitMs, RunConfig config, PopulationCoverage coverage,
        IReadOnlyList<GapArea> gaps, SearchWorkspace workspace)
    {
        const int MaxSuggestions = 3;
        var result = new List<FixSuggestion>();
        var layer = demand.Layer;
        foreach (var gap in gaps.Take(MaxSuggestions))
        {
            double lat = 0, lon = 0, people = 0;
            for (int i = 0; i < layer.Cells.Count; i++)
            {
                var cell = layer.Cells[i];
                if (coverage.Cells[i].Status != CellStatus.Covered && gap.Area.EnvelopeInternal.Contains(cell.Lon, cell.Lat)
                    && gap.Area.Contains(Geo.GeometryFactories.Wgs84.CreatePoint(new NetTopologySuite.Geometries.Coordinate(cell.Lon, cell.Lat))))
                {
                    lat += cell.Lat * cell.Population;
                    lon += cell.Lon * cell.Population;
                    people += cell.Population;
                }
            }

            if (people <= 0 || !snapper.TrySnap(lat / people, lon / people, config.MaxSnapDistanceM, out var snap))
            {
                continue;
            }

            var snaps = Enumerable.Range(0, sources.Count).Select(sources.Snap).Append(snap).ToArray();
            var delays = Enumerable.Range(0, sources.Count).Select(sources.StartDelayMs).Append((int)config.DefaultTurnout.TotalMilliseconds).ToArray();
            var withBase = new SourceSet(loaded.Network, snaps, delays);
            withBase.Search(limitMs, workspace);
            var with = PopulationCoverage.Evaluate(withBase, demand, cellZone, standards, outside, workspace, limitMs);
            result.Add(new FixSuggestion(gap.Rank, snap.Lat, snap.Lon, with.Overall.Covered - coverage.Overall.Covered,
                with.ByZone.Select(z => z.CoveredShare).ToArray()));
        }

        return result;
    }

    private static List<KeyValuePair<string, string>> HashInputs(RunConfig config, LoadedNetwork loaded)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["config"] = config.ConfigPath,
            ["stations"] = config.StationsPath,
            ["population"] = config.PopulationPath,
        };
        foreach (var z in config.Zones.Where(z => z.Path is not null))
        {
            files[$"zone:{z.Name}"] = z.Path!;
        }

        var result = new List<KeyValuePair<string, string>>
        {
            new("network_source", loaded.Description.SourceSha256),
            new("profile", loaded.Description.ProfileSha256),
        };
        foreach (var (key, path) in files)
        {
            using var stream = File.OpenRead(path);
            result.Add(new(key, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream))));
        }

        return result;
    }
}
