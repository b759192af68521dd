using System.Globalization;
using System.Text.Json;
using EmsCoverage.Coverage;
using EmsCoverage.Geo;
using EmsCoverage.Geo.Output;
using EmsCoverage.WhatIf;
using NetTopologySuite.Geometries;

using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>Writes a <see cref="PlaceRun"/>: placement.json, sites.csv, sites.geojson and the planner's text.</summary>
internal static class PlaceReports
{
    public const int SchemaVersion = 1;

    /// <summary>placement.json (schema <c>emscov-placement/1</c>, documented in docs/whatif.md).</summary>
    public static void WriteJson(PlaceRun run, TextWriter output, bool indented = true)
    {
        var r = run.Result;
        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["schema"] = $"emscov-placement/{SchemaVersion}",
            ["title"] = run.Inputs.Config.Title,
            ["attribution"] = run.Inputs.Attribution,
            ["data_date"] = run.Inputs.Loaded.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
            ["inputs_sha256"] = InputHashes(run),
            ["method"] = MethodKey(r.Method),
            ["objective"] = ObjectiveName(run),
            ["sites_asked"] = run.Options.SiteCount,
            ["busy_fraction"] = r.Method == PlacementMethod.ExpectedCoverage ? run.Options.BusyFraction : null,
            ["candidates"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["source"] = run.CandidateSource,
                ["count"] = run.Candidates.Count,
                ["left_out"] = run.CandidatesLeftOut,
            },
            ["existing_bases"] = run.Inputs.UsedStations.Select(s => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = s.Station.Id,
                ["name"] = s.Station.Name,
            }).ToArray(),
            ["sites"] = run.Steps.Select((s, i) => Site(run, s, i)).ToArray(),
            ["objective_before"] = Round(r.ObjectiveBefore, 1),
            ["objective_after"] = Round(r.Objective, 1),
            ["objective_greedy"] = Round(r.GreedyObjective, 1),
            ["upper_bound"] = r.UpperBound is { } b ? Round(b, 1) : null,
            ["bound_note"] = r.BoundNote,
            ["swaps"] = r.Swaps,
            ["swap_optimal"] = r.Method == PlacementMethod.SetCovering ? null : r.IsSwapOptimal,
            ["heuristic"] = true,
            ["targets_met"] = r.TargetsMet,
            ["target_shares"] = r.Method == PlacementMethod.SetCovering ? run.Targets : null,
            ["minimum_sites_lower_bound"] = r.MinimumSitesLowerBound,
            ["zones_before"] = Zones(run.Before, run),
            ["zones_after"] = Zones(run.After, run),
            ["overall_before"] = Zone(run.Before.Overall, null, null),
            ["overall_after"] = Zone(run.After.Overall, run.Before.Overall, null),
            ["optimise_seconds"] = Round(run.OptimiseTime.TotalSeconds, 3),
            ["columns"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["sites"] = run.Columns.Count,
                ["searched"] = run.Columns.ComputedCount,
                ["limit_min"] = run.Columns.LimitMs / 60_000.0,
                ["memory_bytes"] = run.Columns.MemoryBytes,
            },
        };
        output.Write(JsonSerializer.Serialize(summary, indented ? IndentedJson : CompactJson));
        output.Write('\n');
    }

    /// <summary>sites.csv: one row per chosen site, in order.</summary>
    public static void WriteCsv(PlaceRun run, TextWriter o)
    {
        o.Write("rank,id,name,lon,lat,road_lon,road_lat,snap_distance_m,osm_way,turnout_s,objective_added,covered_added,covered_twice_added,objective_lost_if_removed,covered_share_after\n");
        for (int i = 0; i < run.Steps.Count; i++)
        {
            var s = run.Steps[i];
            var c = s.Site;
            o.Write(string.Create(Inv,
                $"{i + 1},{Csv(c.Id)},{Csv(c.Name)},{c.Lon:0.0000000},{c.Lat:0.0000000},{c.Snap.Lon:0.0000000},{c.Snap.Lat:0.0000000},{c.Snap.DistanceM:0.0},{WayId(run, c)},{c.TurnoutMs / 1000.0:0.###},{s.Figures.ObjectiveAdded:0.###},{s.Figures.CoveredAdded:0.#},{s.Figures.CoveredTwiceAdded:0.#},{s.Figures.ObjectiveLostIfRemoved:0.###},{s.CoverageAfter.Overall.CoveredShare:0.####}\n"));
        }
    }

    /// <summary>sites.geojson: the chosen sites as points on the road, with their figures.</summary>
    public static void WriteGeoJson(PlaceRun run, Stream output)
    {
        using var w = new GeoJsonFeatureWriter(output, new Dictionary<string, object?>
        {
            ["name"] = "chosen sites",
            ["attribution"] = run.Inputs.Attribution,
            ["data_date"] = run.Inputs.Loaded.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
            ["inputs_sha256"] = InputHashes(run),
            ["method"] = MethodKey(run.Result.Method),
        });
        for (int i = 0; i < run.Steps.Count; i++)
        {
            var s = run.Steps[i];
            w.Write(GeometryFactories.Wgs84.CreatePoint(new Coordinate(s.Site.Snap.Lon, s.Site.Snap.Lat)), Site(run, s, i).Where(kv => kv.Key != "zone_covered_share_after"));
        }
    }

    /// <summary>The readable answer: the sites in order, what each adds, and how far from the best it can be.</summary>
    public static void WriteText(PlaceRun run, TextWriter o)
    {
        var r = run.Result;
        var i = run.Inputs;
        o.WriteLine($"EmsCoverage placement: {PlaceRun.MethodName(r.Method)}; {run.Candidates.Count:N0} candidates ({run.CandidateSource}).");
        o.WriteLine($"Data: {i.Loaded.Description.SourceName} ({i.DataDate}); population: {i.PopulationDescription}.");
        o.WriteLine($"{i.Attribution}.");
        o.WriteLine($"Existing bases kept: {(i.UsedStations.Count == 0 ? "none" : string.Join("; ", i.UsedStations.Select(s => s.Station.Name)))}.");
        o.WriteLine($"Now: {Shares(run.Before, run)}; {Covered(run.Before)}.");
        o.WriteLine();
        if (run.Steps.Count == 0)
        {
            o.WriteLine(r.Method == PlacementMethod.SetCovering && r.TargetsMet == true
                ? "Every zone already meets its target: no new site is needed."
                : "No candidate adds anything.");
        }
        else
        {
            o.WriteLine("Chosen sites, in order (each given the sites before it):");
        }

        for (int k = 0; k < run.Steps.Count; k++)
        {
            var s = run.Steps[k];
            var c = s.Site;
            string objective = r.Method is PlacementMethod.MaximalCovering or PlacementMethod.SetCovering ? string.Empty
                : string.Create(Inv, $", {ObjectiveName(run)} +{s.Figures.ObjectiveAdded:N0}");
            o.WriteLine(string.Create(Inv,
                $"  {k + 1}. {c.Name} at {c.Snap.Lat:0.00000} N, {c.Snap.Lon:0.00000} E ({(c.Snap.DistanceM < 0.5 ? string.Empty : $"road {c.Snap.DistanceM:0} m from the point, ")}OSM way {WayId(run, c)}): " +
                $"+{s.Figures.CoveredAdded:N0} people covered, +{s.Figures.CoveredTwiceAdded:N0} covered twice{objective}; then {Shares(s.CoverageAfter, run)}"));
        }

        o.WriteLine();
        o.WriteLine($"After: {Shares(run.After, run)}; {Covered(run.After)}.");
        if (r.Method == PlacementMethod.SetCovering)
        {
            string targets = string.Join(", ", run.After.ByZone.Select((z, k) => (z, k)).Where(x => x.z.Population > 0)
                .Select(x => string.Create(Inv, $"{x.z.Name} {run.Targets[x.k]:0 %}")));
            o.WriteLine(r.TargetsMet == true
                ? $"Targets ({targets}) met with {run.Steps.Count} new site(s). {Capitalise(r.BoundNote)}."
                : $"Targets ({targets}) NOT met with these candidates and at most {run.Options.SiteCount} site(s). {Capitalise(r.BoundNote)}.");
        }
        else
        {
            o.WriteLine(string.Create(Inv,
                $"{Capitalise(ObjectiveName(run))}: {r.ObjectiveBefore:N0} → {r.Objective:N0} (greedy {r.GreedyObjective:N0}; {r.Swaps} swap(s) improved it; {(r.IsSwapOptimal ? "no single swap improves it further" : "swap passes ran out")})."));
            if (r.UpperBound is { } bound)
            {
                double gap = bound > 0 ? (bound - r.Objective) / bound : 0;
                o.WriteLine(string.Create(Inv,
                    $"Upper bound: no choice of {run.Options.SiteCount} candidate(s) reaches more than {bound:N0} (this answer is within {gap:0.0 %}); {r.BoundNote}."));
            }
        }

        o.WriteLine("A heuristic answer among the candidates given; a planner's review of the sites (land, access, staffing) comes next.");
    }

    private static SortedDictionary<string, object?> Site(PlaceRun run, PlacementStep s, int index) => new(StringComparer.Ordinal)
    {
        ["rank"] = index + 1,
        ["id"] = s.Site.Id,
        ["name"] = s.Site.Name,
        ["lon"] = Round(s.Site.Lon, 7),
        ["lat"] = Round(s.Site.Lat, 7),
        ["road_lon"] = Round(s.Site.Snap.Lon, 7),
        ["road_lat"] = Round(s.Site.Snap.Lat, 7),
        ["snap_distance_m"] = Round(s.Site.Snap.DistanceM, 1),
        ["osm_way"] = WayId(run, s.Site),
        ["turnout_s"] = s.Site.TurnoutMs / 1000.0,
        ["objective_added"] = Round(s.Figures.ObjectiveAdded, 3),
        ["covered_added"] = Round(s.Figures.CoveredAdded, 1),
        ["covered_twice_added"] = Round(s.Figures.CoveredTwiceAdded, 1),
        ["objective_lost_if_removed"] = Round(s.Figures.ObjectiveLostIfRemoved, 3),
        ["covered_after"] = Round(s.CoverageAfter.Overall.Covered, 1),
        ["zone_covered_share_after"] = s.CoverageAfter.ByZone.ToDictionary(z => z.Name, z => Round(z.CoveredShare, 4)),
    };

    private static object[] Zones(PopulationCoverage c, PlaceRun run) =>
        [.. c.ByZone.Select((z, k) => Zone(z, ReferenceEquals(c, run.Before) ? null : run.Before.ByZone[k], run.Inputs.TargetShare(k)))];

    private static SortedDictionary<string, object?> Zone(ZoneCoverage z, ZoneCoverage? before, double? target)
    {
        var d = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = z.Name,
            ["standard_min"] = z.ThresholdMs > 0 ? z.ThresholdMs / 60_000.0 : null,
            ["target_share"] = target,
            ["population"] = Round(z.Population, 1),
            ["covered"] = Round(z.Covered, 1),
            ["covered_share"] = Round(z.CoveredShare, 4),
            ["covered_by_two_bases"] = Round(z.CoveredTwice, 1),
        };
        if (before is not null)
        {
            d["covered_change"] = Round(z.Covered - before.Covered, 1);
        }

        return d;
    }

    private static SortedDictionary<string, string> InputHashes(PlaceRun run) =>
        run.CandidateFile is { } file ? run.Inputs.InputHashes(("candidates", file)) : run.Inputs.InputHashes();

    private static string MethodKey(PlacementMethod m) => m switch
    {
        PlacementMethod.MaximalCovering => "mclp",
        PlacementMethod.SetCovering => "lscp",
        PlacementMethod.BackupCoverage => "backup",
        _ => "mexclp",
    };

    private static string ObjectiveName(PlaceRun run) => run.Result.Method switch
    {
        PlacementMethod.BackupCoverage => "people covered by two bases",
        PlacementMethod.ExpectedCoverage => string.Create(Inv, $"expected people covered (each base busy {run.Options.BusyFraction:0.# %} of the time)"),
        _ => "people covered",
    };

    private static long WayId(PlaceRun run, PlacementCandidate c) => run.Inputs.Loaded.Network.ArcWayId(c.Snap.Arc);

    private static string Shares(PopulationCoverage c, PlaceRun run) => string.Join(", ", c.ByZone.Where(z => z.Population > 0)
        .Select(z => string.Create(Inv, $"{z.Name} {z.CoveredShare:0.0 %}")));

    private static string Covered(PopulationCoverage c) =>
        string.Create(Inv, $"{c.Overall.Covered:N0} of {c.Overall.Population:N0} people covered ({c.Overall.CoveredShare:0.0 %}), {c.Overall.CoveredTwice:N0} twice");

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
