using EmsCoverage.Coverage;
using EmsCoverage.Search;
using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>
/// The travel-model parts of a coverage run's report: the time band used, the band comparison
/// (<c>--compare-bands</c>) and definitive care (<c>[care]</c>), in the text, summary.json, cells.csv and their own CSVs.
/// </summary>
internal static class TravelReports
{
    /// <summary>Adds <c>time_band</c>, <c>bands</c> and <c>care</c> to summary.json.</summary>
    public static void AddToSummary(PopulationRun run, IDictionary<string, object?> summary)
    {
        summary["time_band"] = run.Loaded.TimeBand;
        if (run.Bands is { } bands)
        {
            summary["bands"] = bands.Select(b => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["band"] = b.Band,
                ["zones"] = b.Coverage.ByZone.Select((z, i) => PopulationReports.Zone(z, run.TargetShare(i))).ToArray(),
                ["overall"] = PopulationReports.Zone(b.Coverage.Overall, null),
            }).ToArray();
        }

        if (run.Care is { } care)
        {
            summary["care"] = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["hospitals_file"] = Path.GetFileName(care.Config.HospitalsPath),
                ["hospitals"] = care.Hospitals.Select((h, i) => new SortedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["id"] = h.Id,
                    ["name"] = h.Name,
                    ["lon"] = Round(h.Lon, 7),
                    ["lat"] = Round(h.Lat, 7),
                    ["capabilities"] = h.Capabilities.ToArray(),
                    ["on_road_network"] = care.HospitalSnaps[i] is not null,
                }).ToArray(),
                ["on_scene_min"] = care.Config.OnSceneMs / 60_000.0,
                ["target_share"] = care.Config.TargetShare,
                ["capabilities"] = care.ByCapability.Select(c => new SortedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["capability"] = c.Standard.Capability,
                    ["standard_min"] = c.Standard.StandardMs / 60_000.0,
                    ["hospital_count"] = c.HospitalIndices.Count,
                    ["zones"] = c.Coverage.ByZone.Select(z => PopulationReports.Zone(z, care.Config.TargetShare)).ToArray(),
                    ["overall"] = PopulationReports.Zone(c.Coverage.Overall, care.Config.TargetShare),
                    ["gaps"] = c.Gaps.Select(g => new SortedDictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["rank"] = g.Rank,
                        ["zone"] = g.Zone,
                        ["population"] = Round(g.Population, 1),
                        ["cells"] = g.CellCount,
                        ["area_km2"] = Round(g.AreaKm2, 3),
                        ["best_time_min"] = Minutes(g.BestTimeMs),
                        ["worst_time_min"] = Minutes(g.WorstTimeMs),
                        ["unreachable_population"] = Round(g.UnreachablePopulation, 1),
                    }).ToArray(),
                }).ToArray(),
            };
        }
    }

    /// <summary>Extra cells.csv columns (after the existing ones): per capability, time to care and the hospital.</summary>
    public static string CellsCsvHeader(PopulationRun run) => run.Care is not { } care ? string.Empty
        : string.Concat(care.ByCapability.Select(c => $",care_{c.Standard.Capability}_time_s,care_{c.Standard.Capability}_hospital,care_{c.Standard.Capability}_met"));

    /// <summary>The values of <see cref="CellsCsvHeader"/> for cell <paramref name="cell"/>.</summary>
    public static string CellsCsvRow(PopulationRun run, int cell)
    {
        if (run.Care is not { } care)
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (var c in care.ByCapability)
        {
            var r = c.Coverage.Cells[cell];
            int h = c.NearestHospital[cell];
            text.Append(',').Append(r.Times.BestMs == SearchWorkspace.Unreached ? string.Empty : (r.Times.BestMs / 1000.0).ToString("0.###", Inv));
            text.Append(',').Append(h >= 0 && r.Times.BestMs != SearchWorkspace.Unreached ? Csv(care.Hospitals[h].Id) : string.Empty);
            text.Append(',').Append(r.Status == CellStatus.Covered ? "yes" : "no");
        }

        return text.ToString();
    }

    /// <summary>bands.csv (with --compare-bands) and care.csv (with [care]).</summary>
    public static void WriteFiles(PopulationRun run, AtomicOutput output)
    {
        if (run.Bands is { } bands)
        {
            output.Write("bands.csv", w =>
            {
                w.Write("band,zone,standard_min,population,covered,covered_share,target_share,meets_target\n");
                foreach (var b in bands)
                {
                    for (int i = 0; i < b.Coverage.ByZone.Count; i++)
                    {
                        var z = b.Coverage.ByZone[i];
                        double target = run.TargetShare(i);
                        w.Write(string.Create(Inv, $"{Csv(b.Band)},{Csv(z.Name)},{z.ThresholdMs / 60_000.0:0.##},{z.Population:0.#},{z.Covered:0.#},{z.CoveredShare:0.0000},{target:0.####},{(z.Population > 0 ? (z.CoveredShare >= target ? "yes" : "no") : string.Empty)}\n"));
                    }
                }
            });
        }

        if (run.Care is { } care)
        {
            output.Write("care.csv", w =>
            {
                w.Write("capability,standard_min,zone,population,covered,covered_share,target_share,meets_target,beyond_standard,no_capable_hospital_or_base_in_time,no_road_nearby\n");
                foreach (var c in care.ByCapability)
                {
                    foreach (var z in c.Coverage.ByZone.Append(c.Coverage.Overall))
                    {
                        double t = care.Config.TargetShare;
                        w.Write(string.Create(Inv, $"{Csv(c.Standard.Capability)},{c.Standard.StandardMs / 60_000.0:0.##},{Csv(z.Name)},{z.Population:0.#},{z.Covered:0.#},{z.CoveredShare:0.0000},{t:0.####},{(z.Population > 0 ? (z.CoveredShare >= t ? "yes" : "no") : string.Empty)},{z.BeyondStandard:0.#},{z.NotReachableByRoad:0.#},{z.NoRoadNearby:0.#}\n"));
                    }
                }
            });
        }
    }

    /// <summary>The text report's travel-model sections.</summary>
    public static void WriteText(PopulationRun run, TextWriter o)
    {
        if (run.Loaded.TimeBand is { } band)
        {
            o.WriteLine();
            o.WriteLine($"Travel times above are for time band '{band}' (speed multipliers of the profile; docs/travel-model.md).");
        }

        if (run.Bands is { } bands)
        {
            o.WriteLine();
            o.WriteLine("Coverage by time band (share of people covered; same bases, standards and demand; one search per band):");
            int nameWidth = Math.Max(10, bands[0].Coverage.ByZone.Max(z => z.Name.Length)) + 2;
            int col = Math.Max(10, bands.Max(b => b.Band.Length) + 2);
            o.WriteLine("  " + "zone".PadRight(nameWidth) + string.Concat(bands.Select(b => b.Band.PadLeft(col))) + "   target");
            for (int i = 0; i < bands[0].Coverage.ByZone.Count; i++)
            {
                if (bands[0].Coverage.ByZone[i].Population <= 0)
                {
                    continue;
                }

                o.WriteLine("  " + bands[0].Coverage.ByZone[i].Name.PadRight(nameWidth)
                    + string.Concat(bands.Select(b => b.Coverage.ByZone[i].CoveredShare.ToString("0.0 %", Inv).PadLeft(col)))
                    + run.TargetShare(i).ToString("0 %", Inv).PadLeft(9));
            }

            o.WriteLine("  " + "all".PadRight(nameWidth) + string.Concat(bands.Select(b => b.Coverage.Overall.CoveredShare.ToString("0.0 %", Inv).PadLeft(col))));
        }

        if (run.Care is { } care)
        {
            o.WriteLine();
            o.WriteLine(string.Create(Inv, $"Definitive care (call to arrival at a capable hospital: response + {care.Config.OnSceneMs / 60_000.0:0.#} min on scene + drive to the nearest capable hospital{(run.Loaded.TimeBand is { } b ? $", band {b}" : string.Empty)}):"));
            foreach (var c in care.ByCapability)
            {
                o.WriteLine(string.Create(Inv, $"  {c.Standard.Capability} within {c.Standard.StandardMs / 60_000.0:0.#} min ({c.HospitalIndices.Count} capable hospital(s)):"));
                foreach (var z in c.Coverage.ByZone.Where(z => z.Population > 0))
                {
                    bool meets = z.CoveredShare >= care.Config.TargetShare;
                    o.WriteLine(string.Create(Inv, $"    {z.Name,-28}{z.Population,10:N0} people, {z.Covered,10:N0} in time ({z.CoveredShare:0.0 %}; target {care.Config.TargetShare:0 %}: {(meets ? "met" : "NOT met")})"));
                }

                foreach (var g in c.Gaps.Take(3))
                {
                    o.WriteLine(string.Create(Inv, $"    gap {g.Rank}: {g.Population:N0} people in {g.Zone}, {g.AreaKm2:0.#} km², {(g.BestTimeMs == SearchWorkspace.Unreached ? "no capable hospital in time" : $"{g.BestTimeMs / 60_000.0:0.#}-{(g.WorstTimeMs == SearchWorkspace.Unreached ? "∞" : (g.WorstTimeMs / 60_000.0).ToString("0.#", Inv))} min")}"));
                }
            }
        }
    }


    private static double? Minutes(int ms) => ms == SearchWorkspace.Unreached ? null : Math.Round(ms / 60_000.0, 3);
}
