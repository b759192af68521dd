using System.Globalization;
using System.Text.Json;

using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>Writes a <see cref="WhatIfRun"/>: whatif.json, scenarios.csv and the planner's text.</summary>
internal static class WhatIfReports
{
    public const int SchemaVersion = 1;

    /// <summary>whatif.json (schema <c>emscov-whatif/1</c>, documented in docs/whatif.md).</summary>
    public static void WriteJson(WhatIfRun run, TextWriter output, bool indented = true)
    {
        var i = run.Inputs;
        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["schema"] = $"emscov-whatif/{SchemaVersion}",
            ["title"] = run.Study.Title ?? i.Config.Title,
            ["attribution"] = i.Attribution,
            ["data_date"] = i.Loaded.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
            ["inputs_sha256"] = i.InputHashes(("study", run.Study.Path)),
            ["population_source"] = i.PopulationDescription,
            ["demand_cells"] = i.Layer.Cells.Count,
            ["columns"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["sites"] = run.Columns.Count,
                ["searched"] = run.Columns.ComputedCount,
                ["limit_min"] = run.Columns.LimitMs / 60_000.0,
                ["pairs"] = run.Columns.EntryCount,
                ["memory_bytes"] = run.Columns.MemoryBytes,
            },
            ["baseline"] = Scenario(run, run.Baseline),
            ["scenarios"] = run.Scenarios.Select(s => Scenario(run, s)).ToArray(),
        };
        output.Write(JsonSerializer.Serialize(summary, indented ? IndentedJson : CompactJson));
        output.Write('\n');
    }

    /// <summary>scenarios.csv: one row per scenario and zone (and <c>all</c>), the baseline first.</summary>
    public static void WriteCsv(WhatIfRun run, TextWriter o)
    {
        o.Write("scenario,zone,standard_min,population,covered,covered_share,covered_change,covered_twice,beyond_standard,not_reachable_by_road,no_road_nearby\n");
        foreach (var s in run.Scenarios.Prepend(run.Baseline))
        {
            var zones = s.Coverage.ByZone.Append(s.Coverage.Overall).ToList();
            var baseZones = run.Baseline.Coverage.ByZone.Append(run.Baseline.Coverage.Overall).ToList();
            for (int z = 0; z < zones.Count; z++)
            {
                var c = zones[z];
                o.Write(string.Create(Inv,
                    $"{Csv(s.Name)},{Csv(c.Name)},{(c.ThresholdMs > 0 ? (c.ThresholdMs / 60_000.0).ToString("0.##", Inv) : string.Empty)},{c.Population:0.#},{c.Covered:0.#},{c.CoveredShare:0.####},{c.Covered - baseZones[z].Covered:0.#},{c.CoveredTwice:0.#},{c.BeyondStandard:0.#},{c.NotReachableByRoad:0.#},{c.NoRoadNearby:0.#}\n"));
            }
        }
    }

    /// <summary>The readable comparison.</summary>
    public static void WriteText(WhatIfRun run, TextWriter o)
    {
        var i = run.Inputs;
        o.WriteLine($"EmsCoverage what-if: {run.Study.Title ?? i.Config.Title ?? Path.GetFileName(run.Study.Path)}");
        o.WriteLine($"Data: {i.Loaded.Description.SourceName} ({i.DataDate}); population: {i.PopulationDescription}.");
        o.WriteLine($"{i.Attribution}.");
        o.WriteLine(string.Create(Inv,
            $"Each scenario is evaluated from {run.Columns.Count} cached drive-time column(s) (one search per base site, up to {run.Columns.LimitMs / 60_000.0:0.#} min); the figures equal a full coverage run of that scenario."));
        o.WriteLine();
        var b = run.Baseline;
        o.WriteLine($"Baseline: {b.Bases.Count} base(s): {string.Join("; ", b.Bases.Select(x => x.Name))}.");
        WriteZones(o, b, null);
        WriteResilience(o, b);
        foreach (var s in run.Scenarios)
        {
            o.WriteLine();
            o.WriteLine($"Scenario \"{s.Name}\": {string.Join("; ", s.Changes)}.");
            WriteZones(o, s, b);
            o.WriteLine(string.Create(Inv, $"  People newly covered: {s.Gained:N0}; no longer covered: {s.Lost:N0}."));
            var g = s.GapChange!;
            o.WriteLine(string.Create(Inv,
                $"  Gap areas: {g.Before} ({g.BeforePopulation:N0} people) → {g.After} ({g.AfterPopulation:N0} people); {g.Closed} close ({g.ClosedPopulation:N0} people), {g.Opened} open ({g.OpenedPopulation:N0} people)."));
            WriteResilience(o, s);
        }
    }

    private static void WriteZones(TextWriter o, ScenarioOutcome s, ScenarioOutcome? baseline)
    {
        var c = s.Coverage;
        int width = Math.Max(10, c.ByZone.Max(z => z.Name.Length)) + 2;
        o.WriteLine(baseline is null
            ? $"  {"zone".PadRight(width)}{"standard",9}{"people",10}{"covered",20}"
            : $"  {"zone".PadRight(width)}{"standard",9}{"people",10}{"covered before",20}{"covered after",20}{"change",10}");
        for (int z = 0; z <= c.ByZone.Count; z++)
        {
            var zone = z < c.ByZone.Count ? c.ByZone[z] : c.Overall;
            if (z == c.ByZone.Count - 1 && zone.Population <= 0)
            {
                continue; // nobody outside the zones
            }

            string std = zone.ThresholdMs > 0 ? string.Create(Inv, $"{zone.ThresholdMs / 60_000.0:0.#} min") : string.Empty;
            string now = string.Create(Inv, $"{zone.Covered:N0} ({Share(zone.Covered, zone.Population)})");
            if (baseline is null)
            {
                o.WriteLine(string.Create(Inv, $"  {zone.Name.PadRight(width)}{std,9}{zone.Population,10:N0}{now,20}"));
                continue;
            }

            var before = z < c.ByZone.Count ? baseline.Coverage.ByZone[z] : baseline.Coverage.Overall;
            string then = string.Create(Inv, $"{before.Covered:N0} ({Share(before.Covered, before.Population)})");
            o.WriteLine(string.Create(Inv, $"  {zone.Name.PadRight(width)}{std,9}{zone.Population,10:N0}{then,20}{now,20}{Signed(zone.Covered - before.Covered),10}"));
        }
    }

    private static void WriteResilience(TextWriter o, ScenarioOutcome s)
    {
        var c = s.Coverage;
        o.WriteLine(string.Create(Inv, $"  Covered by two bases (redundancy): {c.Overall.CoveredTwice:N0} ({Share(c.Overall.CoveredTwice, c.Overall.Population)})."));
        if (s.Bases.Count > 0)
        {
            o.WriteLine("  Would lose coverage if the base were busy or closed (N-1): " + string.Join("; ",
                s.Bases.Select((x, k) => string.Create(Inv, $"{x.Name} {c.ByBase[k].LostIfUnavailable:N0}"))) + ".");
        }
    }

    private static SortedDictionary<string, object?> Scenario(WhatIfRun run, ScenarioOutcome s)
    {
        var c = s.Coverage;
        var baseZones = run.Baseline.Coverage.ByZone;
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = s.Name,
            ["changes"] = s.Changes,
            ["search_limit_min"] = c.SearchLimitMs / 60_000.0,
            ["removed"] = s.Removed,
            ["bases"] = s.Bases.Select((b, k) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = b.Id,
                ["name"] = b.Name,
                ["change"] = b.Change,
                ["lon"] = Round(b.Lon, 7),
                ["lat"] = Round(b.Lat, 7),
                ["road_lon"] = Round(b.Snap.Lon, 7),
                ["road_lat"] = Round(b.Snap.Lat, 7),
                ["snap_distance_m"] = Round(b.Snap.DistanceM, 1),
                ["turnout_s"] = b.TurnoutMs / 1000.0,
                ["population_nearest"] = Round(c.ByBase[k].Nearest, 1),
                ["population_nearest_and_covered"] = Round(c.ByBase[k].NearestAndCovered, 1),
                ["population_lost_if_unavailable"] = Round(c.ByBase[k].LostIfUnavailable, 1),
            }).ToArray(),
            ["zones"] = c.ByZone.Select((z, k) => Zone(z, ReferenceEquals(s, run.Baseline) ? null : baseZones[k], run.Inputs.TargetShare(k))).ToArray(),
            ["overall"] = Zone(c.Overall, ReferenceEquals(s, run.Baseline) ? null : run.Baseline.Coverage.Overall, null),
            ["gaps"] = s.Gaps.Count,
            ["gap_population"] = Round(s.Gaps.Sum(g => g.Population), 1),
        };
        if (s.GapChange is { } g)
        {
            result["gained_population"] = Round(s.Gained, 1);
            result["lost_population"] = Round(s.Lost, 1);
            result["gaps_change"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["closed"] = g.Closed,
                ["closed_population"] = Round(g.ClosedPopulation, 1),
                ["opened"] = g.Opened,
                ["opened_population"] = Round(g.OpenedPopulation, 1),
            };
        }

        return result;
    }

    private static SortedDictionary<string, object?> Zone(ZoneRow z, ZoneRow? baseline, double? target)
    {
        var d = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = z.Name,
            ["standard_min"] = z.ThresholdMs > 0 ? z.ThresholdMs / 60_000.0 : null,
            ["target_share"] = target,
            ["meets_target"] = target is { } t && z.Population > 0 ? z.CoveredShare >= t : null,
            ["population"] = Round(z.Population, 1),
            ["covered"] = Round(z.Covered, 1),
            ["covered_share"] = Round(z.CoveredShare, 4),
            ["beyond_standard"] = Round(z.BeyondStandard, 1),
            ["not_reachable_by_road"] = Round(z.NotReachableByRoad, 1),
            ["no_road_nearby"] = Round(z.NoRoadNearby, 1),
            ["covered_by_two_bases"] = Round(z.CoveredTwice, 1),
        };
        if (baseline is not null)
        {
            d["covered_change"] = Round(z.Covered - baseline.Covered, 1);
            d["covered_by_two_bases_change"] = Round(z.CoveredTwice - baseline.CoveredTwice, 1);
        }

        return d;
    }

    private static string Signed(double v) => Math.Round(v) == 0 ? "0" : v.ToString("+#,0;-#,0", Inv);
}
