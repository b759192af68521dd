using System.Diagnostics;
using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Cli;

/// <summary>
/// What a run configuration names, read once: the network, the bases placed on it, the demand cells snapped once
/// and their zones. Shared by <c>emscov coverage -c</c>, <c>whatif</c> and <c>place</c>, so all three read the same
/// inputs the same way.
/// </summary>
internal sealed class RunInputs
{
    /// <summary>Name of the default zone in reports (as in the coverage run).</summary>
    public const string OutsideZoneName = "outside all zones";

    public required RunConfig Config { get; init; }
    public required LoadedNetwork Loaded { get; init; }
    public required Snapper Snapper { get; init; }
    public required IReadOnlyList<PlacedStation> Stations { get; init; }
    public required IReadOnlyList<PlacedStation> UsedStations { get; init; }
    public required SourceSet Sources { get; init; }
    public required DemandLayer Layer { get; init; }
    public required string PopulationDescription { get; init; }
    public required int[] CellZone { get; init; }
    public required SnappedDemand Demand { get; init; }
    public required ZoneStandard[] Standards { get; init; }
    public required ZoneStandard Outside { get; init; }
    public required DiagnosticBag Diagnostics { get; init; }

    public LatLonBounds NetworkBounds => LatLonBounds.FromNetwork(Loaded.Network);

    public string Attribution => Config.PopulationSource == "osm"
        ? Reports.OsmAttribution
        : $"{Reports.OsmAttribution}; population: {Config.PopulationAttribution ?? Path.GetFileName(Config.PopulationPath)}";

    public string DataDate => Loaded.Description.DataDate is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"OpenStreetMap data of {d:yyyy-MM-dd}, not current")
        : "OpenStreetMap data of unknown date";

    /// <summary>Target share of zone <paramref name="zoneIndex"/> (the last index is the default zone).</summary>
    public double TargetShare(int zoneIndex) => zoneIndex < Config.Zones.Count ? Config.Zones[zoneIndex].TargetShare : Config.DefaultTargetShare;

    public static int TurnoutMs(TimeSpan turnout) => (int)Math.Round(turnout.TotalMilliseconds);

    public static RunInputs Load(RunConfig config, TextWriter stderr)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = TravelModelInputs.Apply(Inputs.LoadNetwork(config.NetworkPath, config.ProfilePath, stderr),
            config.ProfilePath, config.Travel.TimeBand, config.Travel.CongestionZonesPath, stderr);
        var stations = Inputs.LoadStations(config.StationsPath, loaded,
            new StationOptions(config.DefaultTurnout, config.IncludeAirBases, config.IncludeHospitals, config.IncludeFireStations),
            diagnostics, stderr);
        var (layer, description, cellZone) = PopulationInputs.Load(config, loaded, diagnostics, stderr);
        stderr.WriteLine($"Placing {stations.Count} base(s) and {layer.Cells.Count:N0} demand cells on the roads...");
        var snapper = new Snapper(loaded.Network);
        var (placed, used, sources) = CoverageRun.PlaceStations(loaded.Network, snapper, stations, config.MaxSnapDistanceM, diagnostics);
        var demand = SnappedDemand.Snap(snapper, layer, new AccessLeg(config.MaxSnapDistanceM, config.OffRoadSpeedKmh));
        if (!Enumerable.Range(0, layer.Cells.Count).Any(demand.IsSnapped))
        {
            // Every cell off the roads: a population of another area (or in other coordinates), not a coverage of 0 %.
            var extent = LatLonBounds.FromNetwork(loaded.Network);
            string cells = FormattableString.Invariant($"{layer.Cells.Count:N0} demand cells ({layer.InputPopulation:N0} people)");
            string roads = FormattableString.Invariant(
                $"lon {extent.MinLon:0.####} to {extent.MaxLon:0.####}, lat {extent.MinLat:0.####} to {extent.MaxLat:0.####}");
            throw new InputDataException(config.PopulationPath,
                $"{config.PopulationPath}: none of the {cells} lies within {config.MaxSnapDistanceM.ToString("0.#", CultureInfo.InvariantCulture)} m " +
                $"of a road of the network {Path.GetFileName(config.NetworkPath)} ({roads}); are the population and the network of the same area?");
        }

        return new RunInputs
        {
            Config = config,
            Loaded = loaded,
            Snapper = snapper,
            Stations = placed,
            UsedStations = used,
            Sources = sources,
            Layer = layer,
            PopulationDescription = description,
            CellZone = cellZone,
            Demand = demand,
            Standards = config.Zones.Select(z => new ZoneStandard(z.Name, z.StandardMs)).ToArray(),
            Outside = new ZoneStandard(OutsideZoneName, config.DefaultStandardMs),
            Diagnostics = diagnostics,
        };
    }

    /// <summary>
    /// Travel-time columns for <paramref name="sites"/>, reusing a stored set when <paramref name="cachePath"/> names one
    /// (a corrupt file or one of other inputs is refused), and storing the result there when anything was searched.
    /// </summary>
    public TravelTimeColumns Columns(IReadOnlyList<SnapPoint> sites, int limitMs, string? cachePath, TextWriter stderr)
    {
        TravelTimeColumns? reuse = null;
        if (cachePath is not null && File.Exists(cachePath))
        {
            reuse = TravelTimeColumns.Read(cachePath, Loaded.Network, Demand);
        }

        var clock = Stopwatch.StartNew();
        int total = sites.Select(s => (s.Arc, s.Fraction)).Distinct().Count();
        var progress = new StderrProgress(stderr, total, "searches");
        var columns = TravelTimeColumns.Build(Loaded.Network, Demand, sites, new TravelTimeColumnOptions(limitMs) { Hierarchy = Loaded.Hierarchy }, reuse, progress);
        if (cachePath is not null && (reuse is null || columns.ComputedCount > 0))
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(cachePath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            columns.Write(cachePath);
        }

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Travel-time columns: {columns.Count} sites ({columns.ComputedCount} searched{(reuse is null ? string.Empty : $", the rest from {Path.GetFileName(cachePath)}")}), " +
            $"up to {limitMs / 60_000.0:0.#} min, {columns.EntryCount:N0} (cell, time) pairs, {columns.MemoryBytes / 1e6:0.0} MB, {clock.Elapsed.TotalSeconds:0.0} s."));
        return columns;
    }

    /// <summary>SHA-256 per input, as the coverage run reports them, plus <paramref name="extra"/> files (key, path).</summary>
    public SortedDictionary<string, string> InputHashes(params (string Key, string Path)[] extra)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["config"] = Config.ConfigPath,
            ["stations"] = Config.StationsPath,
            ["population"] = Config.PopulationPath,
        };
        foreach (var z in Config.Zones.Where(z => z.Path is not null))
        {
            files[$"zone:{z.Name}"] = z.Path!;
        }

        foreach (var (key, path) in extra)
        {
            files[key] = path;
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["network_source"] = Loaded.Description.SourceSha256,
            ["profile"] = Loaded.Description.ProfileSha256,
        };
        foreach (var (key, path) in files)
        {
            using var stream = File.OpenRead(path);
            result[key] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }

        return result;
    }

    /// <summary>Why a point could not be used as a base, in words; null when it snaps.</summary>
    public string? SnapProblem(double lat, double lon, out SnapPoint snap)
    {
        if (Snapper.TrySnap(lat, lon, Config.MaxSnapDistanceM, out snap))
        {
            return null;
        }

        var bounds = NetworkBounds;
        return bounds.Contains(lat, lon)
            ? string.Create(CultureInfo.InvariantCulture, $"no road of the main network within {Config.MaxSnapDistanceM:0} m")
            : $"outside the road network (which covers {bounds})";
    }
}

/// <summary>Progress on stderr for long jobs (200 steps or more), at most about every tenth of the work.</summary>
/// <remarks>On a terminal (<see cref="StatusWriter"/> live) the job is a progress bar instead.</remarks>
internal sealed class StderrProgress(TextWriter stderr, int total, string what) : IProgress<int>
{
    private readonly Lock _lock = new();
    private readonly IProgress<int>? _bar = (stderr as StatusWriter)?.Counter(total, what);
    private int _shownTenth;

    public void Report(int value)
    {
        if (_bar is not null)
        {
            _bar.Report(value);
            return;
        }

        if (total < 200)
        {
            return;
        }

        lock (_lock)
        {
            int tenth = (int)(10L * value / total);
            if (tenth > _shownTenth)
            {
                _shownTenth = tenth;
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value:N0}/{total:N0} {what}"));
            }
        }
    }
}
