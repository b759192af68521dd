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
    public required RunInputs Inputs { get; init; }
    public required PopulationCoverage Coverage { get; init; }
    public required IReadOnlyList<GapArea> Gaps { get; init; }
    public required IReadOnlyList<FixSuggestion> Suggestions { get; init; }
    public required IReadOnlyDictionary<string, string> InputHashes { get; init; }

    /// <summary>Coverage per time band (free flow first), with --compare-bands; else null.</summary>
    public IReadOnlyList<BandCoverage>? Bands { get; init; }

    /// <summary>Definitive care, when the configuration has a [care] table; else null.</summary>
    public CareRun? Care { get; init; }

    public RunConfig Config => Inputs.Config;
    public LoadedNetwork Loaded => Inputs.Loaded;
    public IReadOnlyList<PlacedStation> Stations => Inputs.Stations;
    public IReadOnlyList<PlacedStation> UsedStations => Inputs.UsedStations;
    public DemandLayer Layer => Inputs.Layer;
    public string PopulationDescription => Inputs.PopulationDescription;
    public DiagnosticBag Diagnostics => Inputs.Diagnostics;

    /// <summary>Zones (in config order) that miss their target share; the default zone counts when anyone lives there.</summary>
    public IEnumerable<ZoneCoverage> ZonesMissingTarget() =>
        Coverage.ByZone.Where((z, i) => z.Population > 0 && z.CoveredShare < TargetShare(i));

    /// <summary>Target share of zone <paramref name="zoneIndex"/> (the last index is the default zone).</summary>
    public double TargetShare(int zoneIndex) => Inputs.TargetShare(zoneIndex);

    /// <summary>Computes the run: network, stations, population and zones from the configuration.</summary>
    /// <param name="config">The run configuration.</param>
    /// <param name="stderr">Progress messages.</param>
    /// <param name="compareBands">Also compute coverage in every time band (--compare-bands).</param>
    public static PopulationRun Compute(RunConfig config, TextWriter stderr, bool compareBands = false)
    {
        var inputs = RunInputs.Load(config, stderr);
        var (layer, demand, cellZone, standards, outside) = (inputs.Layer, inputs.Demand, inputs.CellZone, inputs.Standards, inputs.Outside);
        var sources = inputs.Sources;
        var loaded = inputs.Loaded;
        stderr.WriteLine($"Coverage of {layer.Cells.Count:N0} demand cells ({layer.InputPopulation:N0} people) from {inputs.UsedStations.Count} base(s)...");
        int limitMs = PopulationCoverage.SearchLimitFor(standards.Append(outside).Max(z => z.ThresholdMs));
        var workspace = new SearchWorkspace(loaded.Network.NodeCount);
        sources.Search(limitMs, workspace);
        var coverage = PopulationCoverage.Evaluate(sources, demand, cellZone, standards, outside, workspace, limitMs);
        var gaps = GapAreas.Build(layer, coverage, new GapAreaOptions(PointRadiusM: Math.Max(50, config.GridM * 0.75)));
        var suggestions = SuggestBases(loaded, inputs.Snapper, sources, demand, cellZone, standards, outside, limitMs, config, coverage, gaps, workspace);

        return new PopulationRun
        {
            Inputs = inputs,
            Coverage = coverage,
            Gaps = gaps,
            Suggestions = suggestions,
            InputHashes = inputs.InputHashes(TravelInputFiles(config)),
            Bands = compareBands ? BandComparison.Compute(inputs, stderr) : null,
            Care = config.Care is { } care ? CareRun.Compute(inputs, care, stderr) : null,
        };
    }

    // Files the travel model read, hashed with the other inputs.
    private static (string Key, string Path)[] TravelInputFiles(RunConfig config)
    {
        var files = new List<(string Key, string Path)>();
        if (config.Care is { } care && File.Exists(care.HospitalsPath))
        {
            files.Add(("care_hospitals", care.HospitalsPath));
        }

        if (config.Travel.CongestionZonesPath is { } zones && File.Exists(zones))
        {
            files.Add(("congestion_zones", zones));
        }

        return [.. files];
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
            foreach (int i in gap.Cells)
            {
                var cell = layer.Cells[i];
                lat += cell.Lat * cell.Population;
                lon += cell.Lon * cell.Population;
                people += cell.Population;
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
}
