using System.Diagnostics;
using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo;
using EmsCoverage.Osm;
using EmsCoverage.Snapping;
using EmsCoverage.Stations;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Cli;

/// <summary>What <c>emscov place</c> was asked for.</summary>
/// <param name="Candidates">A points file, a road spacing in metres, <c>osm:hospitals</c> or <c>osm:fire_stations</c>.</param>
/// <param name="Count">-k: sites to add (set covering: the most to add); null when not given.</param>
/// <param name="Method"><c>mclp</c>, <c>lscp</c>, <c>backup</c> or <c>mexclp</c>.</param>
/// <param name="BusyFraction">MEXCLP's q.</param>
/// <param name="TargetPercent">Set covering: one target for every zone instead of the configuration's.</param>
/// <param name="TurnoutS">Turnout of the new sites; null: the configuration's default (or a candidate file's own).</param>
/// <param name="ColumnsPath">Column file to reuse and update.</param>
internal sealed record PlaceRequest(string Candidates, int? Count, string Method, double? BusyFraction, double? TargetPercent, double? TurnoutS, string? ColumnsPath);

/// <summary>A candidate site on the road.</summary>
internal sealed record PlacementCandidate(string Id, string Name, double Lat, double Lon, SnapPoint Snap, int TurnoutMs);

/// <summary>One chosen site with the coverage after adding it (and those before it).</summary>
internal sealed record PlacementStep(PlacementCandidate Site, PlacedSite Figures, PopulationCoverage CoverageAfter);

/// <summary>A placement run: candidates, the optimiser's answer, and exact coverage before and after each site.</summary>
internal sealed class PlaceRun
{
    public const int DefaultSetCoveringMaximum = 50;

    public required RunInputs Inputs { get; init; }
    public required PlacementOptions Options { get; init; }
    public required string CandidateSource { get; init; }

    /// <summary>The candidates' points file, or null when they were generated or read from the OSM extract.</summary>
    public string? CandidateFile { get; init; }
    public required IReadOnlyList<PlacementCandidate> Candidates { get; init; }
    public required int CandidatesLeftOut { get; init; }
    public required TravelTimeColumns Columns { get; init; }
    public required PlacementResult Result { get; init; }
    public required PopulationCoverage Before { get; init; }
    public required IReadOnlyList<PlacementStep> Steps { get; init; }
    public required double[] Targets { get; init; }
    public required TimeSpan OptimiseTime { get; init; }

    public PopulationCoverage After => Steps.Count > 0 ? Steps[^1].CoverageAfter : Before;

    public static PlacementMethod ParseMethod(string text) => text.ToUpperInvariant() switch
    {
        "MCLP" => PlacementMethod.MaximalCovering,
        "LSCP" => PlacementMethod.SetCovering,
        "BACKUP" => PlacementMethod.BackupCoverage,
        "MEXCLP" => PlacementMethod.ExpectedCoverage,
        _ => throw new UsageException($"--method: '{text}' is not a method; use mclp (most people covered), lscp (fewest sites for the targets), backup (most people covered twice) or mexclp (expected coverage with busy bases)."),
    };

    public static PlaceRun Compute(RunConfig config, PlaceRequest request, TextWriter stderr)
    {
        var method = ParseMethod(request.Method);
        int count = request.Count ?? (method == PlacementMethod.SetCovering ? DefaultSetCoveringMaximum
            : throw new UsageException("-k: give the number of sites to add (e.g. -k 3)."));
        if (count is < 1 or > 1000)
        {
            throw new UsageException($"-k: {count} is out of range; add between 1 and 1000 sites.");
        }

        if (method == PlacementMethod.ExpectedCoverage && request.BusyFraction is null)
        {
            throw new UsageException("--method mexclp needs --busy-fraction q: the share of time a base is busy (0 ≤ q < 1, e.g. 0.2).");
        }

        if (request.BusyFraction is { } q && (method != PlacementMethod.ExpectedCoverage || !(q >= 0 && q < 1)))
        {
            throw new UsageException(method != PlacementMethod.ExpectedCoverage
                ? "--busy-fraction applies to --method mexclp only."
                : string.Create(CultureInfo.InvariantCulture, $"--busy-fraction: {q} is out of range; give 0 ≤ q < 1 (e.g. 0.2)."));
        }

        if (request.TargetPercent is { } p && (method != PlacementMethod.SetCovering || !(p > 0 && p <= 100)))
        {
            throw new UsageException(method != PlacementMethod.SetCovering
                ? "--target-percent applies to --method lscp only (the other methods take -k sites)."
                : string.Create(CultureInfo.InvariantCulture, $"--target-percent: {p} is out of range; give more than 0 and at most 100."));
        }

        if (request.TurnoutS is { } t && !(t >= 0 && t <= 3600))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--turnout: {t} s is out of range [0, 3600]."));
        }

        double? spacing = ParseSpacing(request.Candidates);
        var inputs = RunInputs.Load(config, stderr);
        int turnoutMs = RunInputs.TurnoutMs(request.TurnoutS is { } ts ? TimeSpan.FromSeconds(ts) : config.DefaultTurnout);
        var (candidates, leftOut, source) = LoadCandidates(inputs, request.Candidates, spacing, turnoutMs, request.TurnoutS is not null, stderr);

        var existingSites = inputs.UsedStations.Select(s => s.Snap!.Value).ToList();
        var sites = existingSites.Concat(candidates.Select(c => c.Snap)).ToList();
        int standardLimitMs = inputs.Standards.Append(inputs.Outside).Max(z => z.ThresholdMs);
        var columns = inputs.Columns(sites, standardLimitMs, request.ColumnsPath, stderr);
        var evaluator = new ScenarioEvaluator(columns, inputs.Demand);
        var existing = inputs.UsedStations.Select((s, i) => new ScenarioBase(i, RunInputs.TurnoutMs(s.Station.TurnoutTime))).ToArray();
        var candidateBases = candidates.Select((c, j) => new ScenarioBase(existing.Length + j, c.TurnoutMs)).ToArray();
        var targets = Enumerable.Range(0, inputs.Standards.Length + 1)
            .Select(z => request.TargetPercent is { } tp ? tp / 100 : inputs.TargetShare(z)).ToArray();
        var options = new PlacementOptions
        {
            Method = method,
            SiteCount = count,
            BusyFraction = request.BusyFraction ?? 0,
            TargetShares = targets,
        };

        stderr.WriteLine($"Choosing {(method == PlacementMethod.SetCovering ? $"at most {count}" : count.ToString(CultureInfo.InvariantCulture))} site(s) among {candidates.Count:N0} candidates ({MethodName(method)})...");
        var clock = Stopwatch.StartNew();
        var result = StationPlacement.Optimize(evaluator, inputs.CellZone, inputs.Standards, inputs.Outside, existing, candidateBases, options,
            new StderrProgress(stderr, count, "sites chosen"));
        var optimiseTime = clock.Elapsed;

        // Exact figures as a coverage run gives them (search limit for the population-by-minute curve), site by site.
        var chosen = result.Sites.Select(s => candidates[s.Candidate]).ToList();
        int fullLimitMs = PopulationCoverage.SearchLimitFor(standardLimitMs);
        var full = TravelTimeColumns.Build(inputs.Loaded.Network, inputs.Demand, existingSites.Concat(chosen.Select(c => c.Snap)).ToList(),
            new TravelTimeColumnOptions(fullLimitMs) { Hierarchy = inputs.Loaded.Hierarchy });
        var fullEvaluator = new ScenarioEvaluator(full, inputs.Demand);
        var bases = existing.ToList();
        var before = fullEvaluator.Evaluate([.. bases], inputs.CellZone, inputs.Standards, inputs.Outside, fullLimitMs);
        var steps = new List<PlacementStep>();
        for (int i = 0; i < chosen.Count; i++)
        {
            bases.Add(new ScenarioBase(existing.Length + i, chosen[i].TurnoutMs));
            steps.Add(new PlacementStep(chosen[i], result.Sites[i],
                fullEvaluator.Evaluate([.. bases], inputs.CellZone, inputs.Standards, inputs.Outside, fullLimitMs)));
        }

        return new PlaceRun
        {
            Inputs = inputs,
            Options = options,
            CandidateSource = source,
            CandidateFile = spacing is null && !request.Candidates.StartsWith("osm:", StringComparison.OrdinalIgnoreCase) ? request.Candidates : null,
            Candidates = candidates,
            CandidatesLeftOut = leftOut,
            Columns = columns,
            Result = result,
            Before = before,
            Steps = steps,
            Targets = targets,
            OptimiseTime = optimiseTime,
        };
    }

    public static string MethodName(PlacementMethod m) => m switch
    {
        PlacementMethod.MaximalCovering => "maximal covering, MCLP",
        PlacementMethod.SetCovering => "fewest sites for the targets, LSCP-style",
        PlacementMethod.BackupCoverage => "backup coverage: people covered twice",
        _ => "expected coverage with busy bases, MEXCLP",
    };

    private static double? ParseSpacing(string text)
    {
        string number = text.EndsWith('m') ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double spacing))
        {
            return null;
        }

        return spacing is >= 50 and <= 50_000 ? spacing
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--candidates {text}: a road spacing must be between 50 and 50000 metres."));
    }

    private static (List<PlacementCandidate> Candidates, int LeftOut, string Source) LoadCandidates(RunInputs inputs, string text,
        double? spacing, int turnoutMs, bool turnoutGiven, TextWriter stderr)
    {
        var network = inputs.Loaded.Network;
        if (spacing is { } s)
        {
            var snaps = CandidateSites.OnRoadGrid(inputs.Snapper, s);
            // A generated site is on the road itself: no distance from a point to report.
            var list = snaps.Select((p, k) => new PlacementCandidate($"road-{k + 1}", $"road site {k + 1}", p.Lat, p.Lon, p with { DistanceM = 0 }, turnoutMs)).ToList();
            stderr.WriteLine($"Candidates: {list.Count:N0} road sites about {s:0} m apart.");
            return list.Count > 0 ? (list, 0, string.Create(CultureInfo.InvariantCulture, $"road sites about {s:0} m apart"))
                : throw new InputDataException($"--candidates {text}: the network has no road of its main component to place sites on.");
        }

        IReadOnlyList<Station> stations;
        string source;
        if (text.StartsWith("osm:", StringComparison.OrdinalIgnoreCase))
        {
            var kind = text[4..].ToUpperInvariant() switch
            {
                "HOSPITALS" => OsmStationKind.Hospital,
                "FIRE_STATIONS" => OsmStationKind.FireStation,
                _ => throw new UsageException($"--candidates {text}: use osm:hospitals or osm:fire_stations (or a points file, or a road spacing in metres)."),
            };
            string path = inputs.Config.NetworkPath;
            if (!(path.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".osm", StringComparison.OrdinalIgnoreCase)))
            {
                throw new InputDataException(path, $"--candidates {text}: the run's network {path} is a prepared file, not an OSM extract; give the candidates in a points file instead.");
            }

            var read = OsmStationReader.Read(path, new OsmStationOptions
            {
                IncludeHospitals = kind == OsmStationKind.Hospital,
                IncludeFireStations = kind == OsmStationKind.FireStation,
                TurnoutTime = TimeSpan.FromMilliseconds(turnoutMs),
            });
            stations = read.OsmStations.Where(o => o.Kind == kind).Select(o => o.Station).ToList();
            source = kind == OsmStationKind.Hospital ? "hospitals (amenity=hospital) in the OSM extract" : "fire stations (amenity=fire_station) in the OSM extract";
            if (stations.Count == 0)
            {
                throw new InputDataException(path, $"{path}: has no {(kind == OsmStationKind.Hospital ? "hospital (amenity=hospital)" : "fire station (amenity=fire_station)")} to use as a candidate site.");
            }
        }
        else
        {
            if (!File.Exists(text))
            {
                throw new InputDataException(text, $"--candidates {text}: no such file, and not a road spacing in metres, osm:hospitals or osm:fire_stations.");
            }

            stations = StationFile.Read(text, inputs.Diagnostics, new StationFileOptions
            {
                DefaultTurnoutTime = TimeSpan.FromMilliseconds(turnoutMs),
                ExpectedBounds = LatLonBounds.FromNetwork(network, marginM: 2000),
            });
            source = Path.GetFileName(text);
        }

        var candidates = new List<PlacementCandidate>();
        int leftOut = 0;
        foreach (var st in stations.OrderBy(x => x.Id, StringComparer.Ordinal))
        {
            if (inputs.SnapProblem(st.Lat, st.Lon, out var snap) is { } problem)
            {
                leftOut++;
                inputs.Diagnostics.Add("candidate-not-snapped", DiagnosticSeverity.Warning, $"Candidate '{st.Name}' was left out: {problem}.", st.Origin);
                continue;
            }

            candidates.Add(new PlacementCandidate(st.Id, st.Name, st.Lat, st.Lon, snap, turnoutGiven ? turnoutMs : RunInputs.TurnoutMs(st.TurnoutTime)));
        }

        stderr.WriteLine($"Candidates: {candidates.Count:N0} from {source}{(leftOut > 0 ? $" ({leftOut} left out: not near a road of the network)" : string.Empty)}.");
        return candidates.Count > 0 ? (candidates, leftOut, source)
            : throw new InputDataException(text, $"--candidates {text}: none of the {stations.Count} candidates lies within {inputs.Config.MaxSnapDistanceM:0} m of a road of the network.");
    }
}
