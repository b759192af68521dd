using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Gaps;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Cli;

/// <summary>A base as a scenario has it.</summary>
/// <param name="Id">Station id (an added base: its name).</param>
/// <param name="Name">Name for reports.</param>
/// <param name="Lat">Latitude asked for (the station's, or the scenario's).</param>
/// <param name="Lon">Longitude asked for.</param>
/// <param name="Snap">Where it joins the road.</param>
/// <param name="TurnoutMs">Turnout in ms.</param>
/// <param name="Change">What the scenario did to it: <c>kept</c>, <c>added</c>, <c>moved</c>, <c>turnout</c>.</param>
internal sealed record ScenarioSite(string Id, string Name, double Lat, double Lon, SnapPoint Snap, int TurnoutMs, string Change);

/// <summary>How the gap areas changed against the baseline.</summary>
internal sealed record GapChange(int Before, double BeforePopulation, int After, double AfterPopulation, int Closed, double ClosedPopulation,
    int Opened, double OpenedPopulation);

/// <summary>A zone's (or all zones') figures with its name, as the what-if reports show them.</summary>
internal sealed record ZoneRow(string Name, ZoneFigures Figures)
{
    public int ThresholdMs => Figures.ThresholdMs;
    public double Population => Figures.Population;
    public double Covered => Figures.Covered;
    public double CoveredShare => Figures.CoveredShare;
    public double BeyondStandard => Figures.BeyondStandard;
    public double NotReachableByRoad => Figures.NotReachableByRoad;
    public double NoRoadNearby => Figures.NoRoadNearby;
    public double CoveredTwice => Figures.CoveredTwice;
}

/// <summary>A scenario's figures, copied out of its <see cref="ScenarioSummary"/> (the same doubles as a coverage run's).</summary>
internal sealed record ScenarioFigures(int SearchLimitMs, IReadOnlyList<ZoneRow> ByZone, ZoneRow Overall, IReadOnlyList<BaseFigures> ByBase)
{
    public static ScenarioFigures From(ScenarioSummary s) =>
        new(s.LimitMs, [.. Enumerable.Range(0, s.ZoneCount).Select(z => new ZoneRow(s.Zone(z).Name, s.ByZone[z]))], new ZoneRow("all", s.Overall), s.ByBase.ToArray());
}

/// <summary>One evaluated scenario (the baseline is one too, with no changes).</summary>
internal sealed class ScenarioOutcome
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Changes { get; init; }
    public required IReadOnlyList<ScenarioSite> Bases { get; init; }
    public required IReadOnlyList<string> Removed { get; init; }
    public required ScenarioFigures Coverage { get; init; }
    public required IReadOnlyList<GapArea> Gaps { get; init; }
    public double Gained { get; init; }
    public double Lost { get; init; }
    public GapChange? GapChange { get; init; }
}

/// <summary>A what-if study: every scenario evaluated from one set of travel-time columns, compared with the baseline.</summary>
internal sealed class WhatIfRun
{
    public required WhatIfStudy Study { get; init; }
    public required RunInputs Inputs { get; init; }
    public required TravelTimeColumns Columns { get; init; }
    public required ScenarioOutcome Baseline { get; init; }
    public required IReadOnlyList<ScenarioOutcome> Scenarios { get; init; }

    public static WhatIfRun Compute(WhatIfStudy study, string? dataDir, string? columnsPath, TextWriter stderr, string? timeBand = null)
    {
        if (!File.Exists(study.BaseConfigPath))
        {
            throw new InputDataException(study.Path, $"{study.Path}: base = \"{Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(study.Path))!, study.BaseConfigPath)}\": file not found (the run configuration the study starts from).");
        }

        var inputs = RunInputs.Load(RunConfig.Load(study.BaseConfigPath, dataDir).WithTimeBand(timeBand), stderr);
        var baselineSites = inputs.UsedStations
            .Select(p => new ScenarioSite(p.Station.Id, p.Station.Name, p.Station.Lat, p.Station.Lon, p.Snap!.Value, RunInputs.TurnoutMs(p.Station.TurnoutTime), "kept"))
            .ToList();
        var resolved = Resolve(study, inputs, baselineSites);

        // One column per distinct road position; enough reach for every scenario's own search limit.
        var sites = baselineSites.Concat(resolved.SelectMany(s => s.Bases)).Select(b => b.Snap).Distinct().ToList();
        int limitMs = resolved.Select(s => s.LimitMs).Append(LimitFor(inputs.Standards, inputs.Outside)).Max();
        stderr.WriteLine($"What-if: {study.Scenarios.Count} scenario(s) over {inputs.Layer.Cells.Count:N0} demand cells; {sites.Count} base site(s) in all.");
        var columns = inputs.Columns(sites, limitMs, columnsPath, stderr);
        var evaluator = new ScenarioEvaluator(columns, inputs.Demand);
        var gapOptions = new GapAreaOptions(PointRadiusM: Math.Max(50, inputs.Config.GridM * 0.75));

        // The figures come from the summary pass (no per-cell objects); the per-cell results are built only where the
        // gap areas need them (their cells' times and zones), and dropped once the gaps are drawn.
        IReadOnlyList<GapArea> Gaps(ScenarioBase[] bases, ZoneStandard[] zones, ZoneStandard outside, ScenarioSummary summary)
        {
            bool anyGap = false;
            for (int i = 0; i < inputs.Layer.Cells.Count && !anyGap; i++)
            {
                anyGap = !summary.IsCovered(i) && inputs.Layer.Cells[i].Population > 0;
            }

            return anyGap ? GapAreas.Build(inputs.Layer, evaluator.Evaluate(bases, inputs.CellZone, zones, outside, summary.LimitMs), gapOptions) : [];
        }

        ScenarioBase[] Bases(IReadOnlyList<ScenarioSite> sites) => [.. sites.Select(b => new ScenarioBase(columns.IndexOf(b.Snap), b.TurnoutMs))];

        var baselineBases = Bases(baselineSites);
        var baseSummary = new ScenarioSummary(evaluator);
        evaluator.Summarize(baselineBases, inputs.CellZone, inputs.Standards, inputs.Outside, LimitFor(inputs.Standards, inputs.Outside), baseSummary);
        var baseline = new ScenarioOutcome
        {
            Name = "baseline",
            Changes = [],
            Bases = baselineSites,
            Removed = [],
            Coverage = ScenarioFigures.From(baseSummary),
            Gaps = Gaps(baselineBases, inputs.Standards, inputs.Outside, baseSummary),
        };

        var outcomes = new List<ScenarioOutcome>();
        var summary = new ScenarioSummary(evaluator);
        foreach (var s in resolved)
        {
            var bases = Bases(s.Bases);
            evaluator.Summarize(bases, inputs.CellZone, s.Zones, s.Outside, s.LimitMs, summary);
            var gaps = Gaps(bases, s.Zones, s.Outside, summary);
            var (gained, lost) = summary.CoverageChangeFrom(baseSummary);
            outcomes.Add(new ScenarioOutcome
            {
                Name = s.Spec.Name,
                Changes = s.Changes,
                Bases = s.Bases,
                Removed = s.Removed,
                Coverage = ScenarioFigures.From(summary),
                Gaps = gaps,
                Gained = gained,
                Lost = lost,
                GapChange = CompareGaps(baseline.Gaps, gaps),
            });
        }

        return new WhatIfRun { Study = study, Inputs = inputs, Columns = columns, Baseline = baseline, Scenarios = outcomes };
    }

    private static int LimitFor(IEnumerable<ZoneStandard> zones, ZoneStandard outside) =>
        PopulationCoverage.SearchLimitFor(zones.Append(outside).Max(z => z.ThresholdMs));

    /// <summary>Gaps that close (no gap of the scenario overlaps them) and open (overlapping no baseline gap).</summary>
    private static GapChange CompareGaps(IReadOnlyList<GapArea> before, IReadOnlyList<GapArea> after)
    {
        static bool Overlaps(GapArea g, IReadOnlyList<GapArea> others) =>
            others.Any(o => o.Area.EnvelopeInternal.Intersects(g.Area.EnvelopeInternal) && o.Area.Intersects(g.Area));

        var closed = before.Where(g => !Overlaps(g, after)).ToList();
        var opened = after.Where(g => !Overlaps(g, before)).ToList();
        return new GapChange(before.Count, before.Sum(g => g.Population), after.Count, after.Sum(g => g.Population),
            closed.Count, closed.Sum(g => g.Population), opened.Count, opened.Sum(g => g.Population));
    }

    private sealed record ResolvedScenario(ScenarioSpec Spec, List<ScenarioSite> Bases, List<string> Removed, List<string> Changes,
        ZoneStandard[] Zones, ZoneStandard Outside)
    {
        public int LimitMs => LimitFor(Zones, Outside);
    }

    /// <summary>Applies each scenario's changes to the baseline; every problem in the study is reported at once.</summary>
    private static List<ResolvedScenario> Resolve(WhatIfStudy study, RunInputs inputs, List<ScenarioSite> baseline)
    {
        var problems = new List<string>();
        var known = inputs.Stations.ToDictionary(p => p.Station.Id, StringComparer.Ordinal);
        string knownIds = string.Join(", ", inputs.Stations.Select(p => $"'{p.Station.Id}' ({p.Station.Name})").Take(20));
        var result = new List<ResolvedScenario>();
        foreach (var spec in study.Scenarios)
        {
            string where = $"scenario '{spec.Name}'";
            var bases = baseline.ToDictionary(b => b.Id, StringComparer.Ordinal);
            var removed = new List<string>();
            var changes = new List<string>();
            bool Known(string id, string what)
            {
                if (known.ContainsKey(id))
                {
                    return true;
                }

                problems.Add($"{where}: {what}: no base with id '{id}' in the run's stations; the ids are: {knownIds}");
                return false;
            }

            foreach (string id in spec.Remove)
            {
                if (!Known(id, "remove"))
                {
                    continue;
                }

                if (!bases.Remove(id))
                {
                    problems.Add($"{where}: remove: base '{id}' is not in use (removed twice, or left out of the run: {known[id].Problem ?? "removed"})");
                    continue;
                }

                removed.Add(id);
                changes.Add($"remove {known[id].Station.Name}");
            }

            foreach (var m in spec.Move)
            {
                if (!Known(m.Id, "move"))
                {
                    continue;
                }

                if (spec.Remove.Contains(m.Id))
                {
                    problems.Add($"{where}: base '{m.Id}' is both removed and moved");
                    continue;
                }

                if (inputs.SnapProblem(m.Lat, m.Lon, out var snap) is { } problem)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: move '{m.Id}' to lon {m.Lon}, lat {m.Lat}: {problem}"));
                    continue;
                }

                var station = known[m.Id].Station;
                int turnout = bases.TryGetValue(m.Id, out var old) ? old.TurnoutMs : RunInputs.TurnoutMs(station.TurnoutTime);
                bases[m.Id] = new ScenarioSite(m.Id, station.Name, m.Lat, m.Lon, snap, turnout, "moved");
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"move {station.Name} to {m.Lat:0.0000} N, {m.Lon:0.0000} E"));
            }

            foreach (var t in spec.Turnout)
            {
                if (!Known(t.Id, "turnout"))
                {
                    continue;
                }

                if (!bases.TryGetValue(t.Id, out var b))
                {
                    problems.Add($"{where}: turnout: base '{t.Id}' is not in this scenario (removed, or left out of the run)");
                    continue;
                }

                bases[t.Id] = b with { TurnoutMs = (int)Math.Round(t.TurnoutS * 1000), Change = b.Change == "kept" ? "turnout" : b.Change };
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"turnout of {b.Name} {b.TurnoutMs / 1000.0:0.#} s → {t.TurnoutS:0.#} s"));
            }

            foreach (var a in spec.Add)
            {
                if (bases.ContainsKey(a.Name) || known.ContainsKey(a.Name) || spec.Add.Count(x => x.Name == a.Name) > 1)
                {
                    problems.Add($"{where}: add '{a.Name}': the name is already a base id or used twice; give the new base another name");
                    continue;
                }

                if (inputs.SnapProblem(a.Lat, a.Lon, out var snap) is { } problem)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: add '{a.Name}' at lon {a.Lon}, lat {a.Lat}: {problem}"));
                    continue;
                }

                int turnout = a.TurnoutS is { } s ? (int)Math.Round(s * 1000) : RunInputs.TurnoutMs(inputs.Config.DefaultTurnout);
                bases[a.Name] = new ScenarioSite(a.Name, a.Name, a.Lat, a.Lon, snap, turnout, "added");
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"add {a.Name} at {a.Lat:0.0000} N, {a.Lon:0.0000} E (turnout {turnout / 1000.0:0.#} s)"));
            }

            var zones = inputs.Standards.ToArray();
            var outside = inputs.Outside;
            foreach (var c in spec.Standards)
            {
                int ms = (int)Math.Round(c.StandardMin * 60_000);
                int z = Array.FindIndex(zones, x => x.Name == c.Zone);
                if (z >= 0)
                {
                    changes.Add(string.Create(CultureInfo.InvariantCulture, $"standard of {c.Zone} {zones[z].ThresholdMs / 60_000.0:0.#} → {c.StandardMin:0.#} min"));
                    zones[z] = zones[z] with { ThresholdMs = ms };
                }
                else if (c.Zone == WhatIfStudy.DefaultZoneKey)
                {
                    changes.Add(string.Create(CultureInfo.InvariantCulture, $"standard outside the zones {outside.ThresholdMs / 60_000.0:0.#} → {c.StandardMin:0.#} min"));
                    outside = outside with { ThresholdMs = ms };
                }
                else
                {
                    problems.Add($"{where}: standards: no zone '{c.Zone}'; the zones are: {string.Join(", ", zones.Select(x => x.Name).Append(WhatIfStudy.DefaultZoneKey))}");
                }
            }

            // Sources in id order, as the coverage run orders its stations, so ties break the same way.
            var ordered = bases.Values.OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
            result.Add(new ResolvedScenario(spec, ordered, removed, changes, zones, outside));
        }

        if (problems.Count > 0)
        {
            throw new InputDataException(study.Path, $"{study.Path}: {(problems.Count == 1 ? problems[0] : $"{problems.Count} problems:\n  " + string.Join("\n  ", problems))}");
        }

        return result;
    }
}
