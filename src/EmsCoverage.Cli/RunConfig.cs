using EmsCoverage.Diagnostics;
using EmsCoverage.Osm;
using Tomlyn.Model;

namespace EmsCoverage.Cli;

/// <summary>One zone of a run configuration and where its area comes from.</summary>
/// <param name="Name">Zone name (e.g. <c>urban_core</c>).</param>
/// <param name="StandardMs">Response standard in ms.</param>
/// <param name="TargetShare">Share of the zone's people that must be covered (0–1) for the zone to meet its standard.</param>
/// <param name="OsmAreas">Names of OSM admin areas making up the zone (population source "osm"), or empty.</param>
/// <param name="Path">Polygon file holding the zone's area, or null.</param>
/// <param name="Feature">With <paramref name="Path"/>: the value of <paramref name="NameField"/> to pick; null = every polygon.</param>
/// <param name="NameField">With <paramref name="Path"/>: attribute that names the features.</param>
internal sealed record ZoneConfig(string Name, int StandardMs, double TargetShare, IReadOnlyList<string> OsmAreas, string? Path, string? Feature, string NameField);

/// <summary>
/// A coverage run described in TOML (see <c>data/demo/liechtenstein.toml</c> and docs/config.md). Paths are relative
/// to the file's folder; <c>${data}</c> stands for the shared data folder. Unknown keys are errors.
/// </summary>
internal sealed record RunConfig(
    string ConfigPath,
    string? Title,
    string NetworkPath,
    string? ProfilePath,
    string StationsPath,
    TimeSpan DefaultTurnout,
    bool IncludeAirBases,
    bool IncludeHospitals,
    bool IncludeFireStations,
    string PopulationSource,
    string PopulationPath,
    string PopulationField,
    string? PopulationAttribution,
    int AdminLevel,
    double GridM,
    double MaxSnapDistanceM,
    double OffRoadSpeedKmh,
    int DefaultStandardMs,
    double DefaultTargetShare,
    IReadOnlyList<ZoneConfig> Zones)
{
    private static readonly string[] RootKeys = ["title", "network", "stations", "population", "access", "standards", "zones", "travel", "care"];
    private static readonly string[] NetworkKeys = ["path", "profile"];
    private static readonly string[] StationKeys = ["path", "turnout_s", "include_air_bases", "include_hospitals", "include_fire_stations"];
    private static readonly string[] PopulationKeys = ["source", "path", "field", "admin_level", "grid_m", "attribution"];
    private static readonly string[] AccessKeys = ["max_snap_distance_m", "off_road_speed_kmh"];
    private static readonly string[] StandardKeys = ["default_min", "default_target_percent"];
    private static readonly string[] ZoneKeys = ["name", "standard_min", "target_percent", "osm_areas", "path", "feature", "name_field"];
    private const double MaxStandardMin = 24 * 60;

    /// <summary>Reads and validates a run configuration.</summary>
    public static RunConfig Load(string path, string? dataFolder)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: file not found (the run configuration).");
        }

        TomlTable root = TomlWalker.ParseDocument(File.ReadAllBytes(path), path, "a TOML run configuration");
        var r = new TomlWalker(path);
        r.CheckKeys(root, string.Empty, RootKeys);
        string baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string data = DataPaths.DataFolder(dataFolder);
        string Resolve(string p) => System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, p.Replace("${data}", data, StringComparison.Ordinal)));

        var network = r.RequireTable(root, "network", string.Empty);
        r.CheckKeys(network, "network", NetworkKeys);
        string networkPath = Resolve(r.RequireString(network, "path", "network"));
        string? profile = r.OptionalString(network, "profile", "network") is { } pr ? Resolve(pr) : null;

        var stations = r.RequireTable(root, "stations", string.Empty);
        r.CheckKeys(stations, "stations", StationKeys);
        string stationsPath = Resolve(r.RequireString(stations, "path", "stations"));
        double turnoutS = r.OptionalNumber(stations, "turnout_s", "stations", 0, 3600) ?? 60;

        var population = r.RequireTable(root, "population", string.Empty);
        r.CheckKeys(population, "population", PopulationKeys);
        string source = r.OptionalString(population, "source", "population") ?? "file";
        if (source is not ("file" or "osm"))
        {
            throw r.Error($"'population.source' must be \"file\" or \"osm\", found \"{source}\"");
        }

        string populationPath = r.OptionalString(population, "path", "population") is { } pp ? Resolve(pp)
            : source == "osm" ? networkPath
            : throw r.Error("missing key 'population.path' (the population file)");

        var access = root.TryGetValue("access", out _) ? r.RequireTable(root, "access", string.Empty) : new TomlTable();
        r.CheckKeys(access, "access", AccessKeys);

        var standards = r.RequireTable(root, "standards", string.Empty);
        r.CheckKeys(standards, "standards", StandardKeys);
        int defaultMs = MinutesToMs(r.RequireNumber(standards, "default_min", "standards", 0, MaxStandardMin), "standards.default_min", r);
        double defaultTarget = (r.OptionalNumber(standards, "default_target_percent", "standards", 0, 100) ?? 90) / 100;

        var zones = new List<ZoneConfig>();
        if (root.TryGetValue("zones", out object? zonesValue))
        {
            if (zonesValue is not TomlTableArray zoneArray)
            {
                throw r.Error($"'zones' must be an array of tables ([[zones]]), found {TomlWalker.Describe(zonesValue)}");
            }

            for (int i = 0; i < zoneArray.Count; i++)
            {
                var z = zoneArray[i];
                string context = $"zones[{i + 1}]";
                r.CheckKeys(z, context, ZoneKeys);
                string name = r.RequireString(z, "name", context);
                if (!z.TryGetValue("standard_min", out _))
                {
                    throw r.Error($"zone '{name}' has no standard: add standard_min (e.g. standard_min = 10)");
                }

                int ms = MinutesToMs(r.RequireNumber(z, "standard_min", context, 0, MaxStandardMin), $"{context}.standard_min", r);
                double target = (r.OptionalNumber(z, "target_percent", context, 0, 100) ?? defaultTarget * 100) / 100;
                string[] areas = z.TryGetValue("osm_areas", out _) ? r.RequireStringArray(z, "osm_areas", context) : [];
                string? zonePath = r.OptionalString(z, "path", context) is { } zp ? Resolve(zp) : null;
                if ((areas.Length == 0) == (zonePath is null))
                {
                    throw r.Error($"zone '{name}' needs exactly one of osm_areas (OSM admin area names) or path (a polygon file)");
                }

                if (zones.Any(o => o.Name == name))
                {
                    throw r.Error($"zone '{name}' is defined twice");
                }

                zones.Add(new ZoneConfig(name, ms, target, areas, zonePath, r.OptionalString(z, "feature", context),
                    r.OptionalString(z, "name_field", context) ?? "name"));
            }
        }

        return new RunConfig(
            path,
            r.OptionalString(root, "title", string.Empty),
            networkPath,
            profile,
            stationsPath,
            TimeSpan.FromSeconds(turnoutS),
            OptionalBool(r, stations, "include_air_bases", "stations"),
            OptionalBool(r, stations, "include_hospitals", "stations"),
            OptionalBool(r, stations, "include_fire_stations", "stations"),
            source,
            populationPath,
            r.OptionalString(population, "field", "population") ?? "population",
            r.OptionalString(population, "attribution", "population"),
            (int)(r.OptionalNumber(population, "admin_level", "population", 1, 11) ?? 8),
            r.OptionalNumber(population, "grid_m", "population", 10, 5000) ?? 100,
            r.OptionalNumber(access, "max_snap_distance_m", "access", 1, 100_000) ?? 1000,
            r.OptionalNumber(access, "off_road_speed_kmh", "access", 0.5, 200) ?? 6,
            defaultMs,
            defaultTarget,
            zones)
        {
            Travel = RunConfigTravel.ReadTravel(r, root, Resolve),
            Care = RunConfigTravel.ReadCare(r, root, Resolve, defaultTarget),
        };
    }

    /// <summary>The <c>[travel]</c> table: time band, congestion zones, bands to compare.</summary>
    public TravelConfig Travel { get; init; } = TravelConfig.None;

    /// <summary>The <c>[care]</c> table (definitive care), or null when the configuration has none.</summary>
    public CareConfig? Care { get; init; }

    /// <summary>This configuration with <paramref name="timeBand"/> (from <c>--time-band</c>) when given.</summary>
    public RunConfig WithTimeBand(string? timeBand) =>
        timeBand is null ? this : this with { Travel = Travel with { TimeBand = timeBand } };

    private static bool OptionalBool(TomlWalker r, TomlTable table, string key, string context) =>
        table.ContainsKey(key) && r.RequireBool(table, key, context);

    private static int MinutesToMs(double minutes, string key, TomlWalker r) =>
        minutes > 0 ? (int)Math.Round(minutes * 60_000)
        : throw r.Error($"'{key}' = {minutes} min: a response standard must be more than 0 and at most {MaxStandardMin} minutes (24 h)");
}
