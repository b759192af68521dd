using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Gaps;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Cli;

/// <summary>Definitive care for one capability: coverage against its care standard per zone, and its gaps.</summary>
/// <param name="Standard">The capability and its standard.</param>
/// <param name="HospitalIndices">Indices into <see cref="CareRun.Hospitals"/> of the capable hospitals used (snapped).</param>
/// <param name="Coverage">Per cell: call to arrival at the nearest capable hospital, judged against the care standard in every zone.</param>
/// <param name="HospitalLegMs">Per cell: drive from the cell's road point to the nearest capable hospital, ms (Unreached when none within the limit).</param>
/// <param name="NearestHospital">Per cell: index into <see cref="CareRun.Hospitals"/>, or -1.</param>
/// <param name="Gaps">Areas whose people miss the care standard.</param>
internal sealed record CapabilityCare(CareStandard Standard, IReadOnlyList<int> HospitalIndices, PopulationCoverage Coverage,
    int[] HospitalLegMs, int[] NearestHospital, IReadOnlyList<GapArea> Gaps);

/// <summary>
/// The <c>[care]</c> part of a coverage run: for each demand cell, time from the nearest base to the cell (the bases'
/// search) + on scene + the drive from the cell to the nearest hospital with the capability (a search from the
/// hospitals on the reversed network, built once), against a care standard per capability.
/// </summary>
internal sealed class CareRun
{
    public required CareConfig Config { get; init; }
    public required IReadOnlyList<Hospital> Hospitals { get; init; }
    public required IReadOnlyList<SnapPoint?> HospitalSnaps { get; init; }
    public required IReadOnlyList<CapabilityCare> ByCapability { get; init; }

    public static CareRun Compute(RunInputs inputs, CareConfig care, TextWriter stderr)
    {
        var hospitals = HospitalInputs.Load(care.HospitalsPath, stderr);
        var network = inputs.Loaded.Network;
        var snaps = new SnapPoint?[hospitals.Count];
        for (int h = 0; h < hospitals.Count; h++)
        {
            if (inputs.Snapper.TrySnap(hospitals[h].Lat, hospitals[h].Lon, inputs.Config.MaxSnapDistanceM, out var snap))
            {
                snaps[h] = snap;
            }
            else
            {
                inputs.Diagnostics.Add("hospital-not-snapped", DiagnosticSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"Hospital '{hospitals[h].Name}' at ({hospitals[h].Lon:0.######}, {hospitals[h].Lat:0.######}) was left out: no road of the main network within {inputs.Config.MaxSnapDistanceM:0} m."),
                    hospitals[h].Origin);
            }
        }

        int limitMs = care.Standards.Max(s => s.StandardMs);
        var demand = inputs.Demand;
        int cells = demand.Layer.Cells.Count;

        // Leg 1: the bases' search, bounded by the largest care standard (the response standards' search may stop earlier).
        var workspace = new SearchWorkspace(network.NodeCount);
        inputs.Sources.Search(limitMs, workspace, trackSecondSource: false);
        var response = new ArrivalTimes[cells];
        for (int c = 0; c < cells; c++)
        {
            response[c] = demand.IsSnapped(c) ? inputs.Sources.Evaluate(demand.Snap(c), workspace, limitMs) : ArrivalTimes.None;
        }

        // Leg 2: one search per capability from its hospitals on the reversed network.
        var reversed = ReversedNetwork.Build(network);
        var results = new List<CapabilityCare>();
        foreach (var standard in care.Standards)
        {
            int[] capable = Enumerable.Range(0, hospitals.Count)
                .Where(h => snaps[h] is not null && hospitals[h].Capabilities.Contains(standard.Capability)).ToArray();
            if (capable.Length == 0)
            {
                inputs.Diagnostics.Add("care-no-capable-hospital", DiagnosticSeverity.Warning,
                    $"No hospital of {Path.GetFileName(care.HospitalsPath)} on the road network has capability '{standard.Capability}': nobody reaches one.",
                    care.HospitalsPath);
            }

            var legMs = DefinitiveCare.TimeToNearestFacilityMs(reversed, capable.Select(h => snaps[h]!.Value).ToArray(), demand, limitMs,
                workspace, out int[] nearest);
            int[] nearestHospital = nearest.Select(i => i < 0 ? -1 : capable[i]).ToArray();
            var arrivals = DefinitiveCare.CombineLegs(demand, response, legMs, care.OnSceneMs);
            var zones = inputs.Standards.Select(z => new ZoneStandard(z.Name, standard.StandardMs)).ToArray();
            var coverage = PopulationCoverage.FromArrivals(demand, inputs.CellZone, zones,
                new ZoneStandard(inputs.Outside.Name, standard.StandardMs), inputs.Sources.Count, arrivals, limitMs);
            var gaps = GapAreas.Build(inputs.Layer, coverage, new GapAreaOptions(PointRadiusM: Math.Max(50, inputs.Config.GridM * 0.75)));
            results.Add(new CapabilityCare(standard, capable, coverage, legMs, nearestHospital, gaps));
        }

        stderr.WriteLine($"Definitive care: {snaps.Count(s => s is not null)} of {hospitals.Count} hospital(s) on the road network; " +
            $"{care.Standards.Count} care standard(s), one reverse search each.");
        return new CareRun { Config = care, Hospitals = hospitals, HospitalSnaps = snaps, ByCapability = results };
    }
}

/// <summary>Coverage of one time band (for <c>--compare-bands</c>).</summary>
/// <param name="Band">Band name, or <c>free_flow</c> for the prepared times.</param>
/// <param name="Coverage">Coverage with the run's bases, demand and standards in that band.</param>
internal sealed record BandCoverage(string Band, PopulationCoverage Coverage);

/// <summary>
/// <c>--compare-bands</c>: the run's coverage in every band, side by side. The inputs are read and snapped once (snaps
/// depend only on geometry, which bands do not change); each band costs one O(arcs) re-timing and one search.
/// </summary>
internal static class BandComparison
{
    /// <summary>Name of the free-flow column.</summary>
    public const string FreeFlow = "free_flow";

    public static IReadOnlyList<BandCoverage> Compute(RunInputs inputs, TextWriter stderr)
    {
        var config = inputs.Config;
        var freeFlow = inputs.Loaded with { Network = inputs.Loaded.FreeFlowNetwork ?? inputs.Loaded.Network };
        var model = TravelModelInputs.Load(freeFlow, config.ProfilePath, config.Travel.CongestionZonesPath, stderr);
        var bands = config.Travel.CompareBands.Count > 0 ? config.Travel.CompareBands : model.Profile.TimeBands.Select(b => b.Name).ToList();
        if (bands.Count == 0)
        {
            throw new InputDataException(model.Profile.SourceName,
                $"{model.Profile.SourceName}: --compare-bands: the profile defines no time bands (add [time_bands.NAME] tables).");
        }

        foreach (string b in bands)
        {
            model.Profile.GetTimeBand(b); // unknown names fail here, before any search
        }

        int limitMs = PopulationCoverage.SearchLimitFor(inputs.Standards.Append(inputs.Outside).Max(z => z.ThresholdMs));
        var snaps = Enumerable.Range(0, inputs.Sources.Count).Select(inputs.Sources.Snap).ToArray();
        var delays = Enumerable.Range(0, inputs.Sources.Count).Select(inputs.Sources.StartDelayMs).ToArray();
        var workspace = new SearchWorkspace(freeFlow.Network.NodeCount);
        var result = new List<BandCoverage>();
        foreach (string? band in bands.Prepend(null))
        {
            var network = model.ForBand(band);
            var sources = new SourceSet(network, snaps, delays);
            sources.Search(limitMs, workspace);
            result.Add(new BandCoverage(band ?? FreeFlow,
                PopulationCoverage.Evaluate(sources, inputs.Demand, inputs.CellZone, inputs.Standards, inputs.Outside, workspace, limitMs)));
        }

        stderr.WriteLine($"Compared {bands.Count} time band(s) and free flow: one search each.");
        return result;
    }
}
