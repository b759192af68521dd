using System.CommandLine;
using System.Globalization;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Geo.Output;
using EmsCoverage.Geo.Population;
using EmsCoverage.Population;
using EmsCoverage.Snapping;

namespace EmsCoverage.Cli;

/// <summary>
/// <c>emscov isochrones</c>: the areas reached within each break, from a run configuration or from a network and
/// stations, as GeoJSON or GeoPackage (union, per base, or nearest-base partition). Maps options to <see cref="IsochroneBuilder"/>.
/// </summary>
internal static class IsochroneCommand
{
    private const double DefaultMaxSnapDistanceM = 1000;
    private const double DefaultOffRoadSpeedKmh = 6;
    private const double DefaultTurnoutS = 60;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Modes = ["union", "per-base", "partition"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string?>("--config", "-c") { Description = "Run configuration (TOML): network, bases, population and access leg; breaks default to its standards." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder that ${data} in a configuration stands for (default: ../shared/data beside the repository)." };
        var network = new Option<string?>("--network", "-n") { Description = "Without --config: prepared network file, or an OSM extract (.osm.pbf/.osm)." };
        var stations = new Option<string?>("--stations", "-s") { Description = "Without --config: bases as CSV (id,name,lon,lat[,turnout_s]), GeoJSON points, or an OSM extract (emergency=ambulance_station)." };
        var population = new Option<string?>("--population") { Description = "Without --config: optional population file (CSV/GeoJSON/GeoPackage points or polygons, GeoTIFF/ASCII grid) for the people inside each area." };
        var breaks = new Option<string?>("--breaks", "-b") { Description = "Breaks in minutes, comma-separated (e.g. 5,10,20,30). Default: the configuration's standards, else 10,30." };
        var mode = new Option<string>("--mode", "-m") { Description = "union (reached from any base), per-base (each base alone, areas overlap) or partition (each area to the base that arrives first). Default union.", DefaultValueFactory = _ => "union" };
        var tolerance = new Option<double>("--tolerance-m") { Description = "Generalisation tolerance in metres: the grid the areas are traced on (default 50; 1 to 5000).", DefaultValueFactory = _ => IsochroneOptions.DefaultToleranceM };
        var output = new Option<string?>("--output", "-o") { Description = "File to write: a GeoPackage when the name ends in .gpkg, GeoJSON otherwise; without it the GeoJSON goes to standard output." };
        var json = new Option<bool>("--json") { Description = "With -o: print a summary of the areas written (one JSON document; schema in docs/outputs.md) instead of the readable one." };
        var turnout = new Option<double>("--turnout") { Description = "Without --config: turnout time in seconds for bases without their own (default 60).", DefaultValueFactory = _ => DefaultTurnoutS };
        var maxSnap = new Option<double>("--max-snap-distance") { Description = "Without --config: largest distance in metres from a base or a point to its road; farther points are never inside (default 1000).", DefaultValueFactory = _ => DefaultMaxSnapDistanceM };
        var offRoad = new Option<double>("--off-road-speed") { Description = "Without --config: speed in km/h from the road to a point off it (default 6, walking).", DefaultValueFactory = _ => DefaultOffRoadSpeedKmh };
        var profile = new Option<string?>("--profile") { Description = "Without --config: ambulance travel profile (TOML); default: the built-in profile." };
        var airBases = new Option<bool>("--include-air-bases") { Description = "With OSM stations: keep air rescue (helicopter) bases." };
        var hospitals = new Option<bool>("--include-hospitals") { Description = "With OSM stations: also use hospitals (amenity=hospital) as bases." };
        var fireStations = new Option<bool>("--include-fire-stations") { Description = "With OSM stations: also use fire stations as bases." };
        var timeBand = Commands.TimeBandOption();
        var command = new Command("isochrones",
            "Draw the areas reached within each break (e.g. 10 and 30 minutes) as GeoJSON or GeoPackage polygons, from the same drive times and " +
            "access leg as the coverage numbers: a demand cell counted as covered lies inside its standard's area. Holes for " +
            "unreached interiors, and the 10-minute area always inside the 30-minute one.\n" +
            "Examples: emscov isochrones -c data/demo/liechtenstein.toml -o isochrones.geojson\n" +
            "          emscov isochrones -n region.emsnet -s stations.csv --breaks 5,10,20,30 --mode partition -o areas.geojson\n" +
            Program.ExitCodeHelp)
        {
            config, dataDir, network, stations, population, breaks, mode, tolerance, output, json, turnout, maxSnap, offRoad, profile, airBases,
            hospitals, fireStations, timeBand,
        };
        command.SetAction(parse =>
        {
            // Check every value before reading anything.
            var isoMode = ParseMode(parse.GetValue(mode));
            double toleranceM = CheckRange(parse.GetValue(tolerance), 1, 5000, "--tolerance-m", "metres");
            int[]? breaksMs = parse.GetValue(breaks) is { } text ? ParseBreaks(text) : null;
            if (parse.GetValue(json) && parse.GetValue(output) is null)
            {
                throw new UsageException("--json prints a summary of the areas written with -o file.geojson; without -o the GeoJSON itself goes to standard output.");
            }

            string? configPath = parse.GetValue(config);
            IsochroneInputs run;
            if (configPath is not null)
            {
                if (parse.GetValue(network) is not null || parse.GetValue(stations) is not null || parse.GetValue(population) is not null)
                {
                    throw new UsageException("--config names the network, the stations and the population itself; leave out --network, --stations and --population.");
                }

                run = FromConfig(RunConfig.Load(configPath, parse.GetValue(dataDir)).WithTimeBand(parse.GetValue(timeBand)), stderr);
            }
            else
            {
                string networkPath = parse.GetValue(network) ?? throw new UsageException("give --config run.toml, or --network and --stations.");
                string stationsPath = parse.GetValue(stations) ?? throw new UsageException("--stations is needed with --network (or use --config run.toml).");
                var access = new AccessLeg(
                    CheckRange(parse.GetValue(maxSnap), 1, 100_000, "--max-snap-distance", "metres"),
                    CheckRange(parse.GetValue(offRoad), 0.5, 200, "--off-road-speed", "km/h"));
                var options = new StationOptions(
                    TimeSpan.FromSeconds(CheckRange(parse.GetValue(turnout), 0, 3600, "--turnout", "seconds")),
                    parse.GetValue(airBases), parse.GetValue(hospitals), parse.GetValue(fireStations));
                run = FromFiles(networkPath, stationsPath, parse.GetValue(population), parse.GetValue(profile), options, access, stderr, parse.GetValue(timeBand));
            }

            breaksMs ??= run.DefaultBreaksMs;
            string where = parse.GetValue(output) is { } o ? o : "standard output";
            stderr.WriteLine(string.Create(Inv,
                $"Drawing {Modes[(int)isoMode]} areas for {string.Join(", ", breaksMs.Select(b => $"{b / 60_000.0:0.##}"))} min from {run.Sources.Count} base(s), tolerance {toleranceM:0.#} m..."));
            IReadOnlyList<IsochronePolygon> polygons;
            try
            {
                polygons = IsochroneBuilder.Build(run.Loaded.Network, run.Sources,
                    new IsochroneOptions(breaksMs.Select(b => TimeSpan.FromMilliseconds(b))) { Mode = isoMode, ToleranceM = toleranceM, Access = run.Access },
                    run.Layer);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var bases = run.Used.Select(p => new IsochroneBase(p.Station.Id, p.Station.Name)).ToArray();
            var members = Members(run, isoMode, breaksMs, toleranceM);
            if (parse.GetValue(output) is { } path)
            {
                AtomicOutput.WriteTogether(Path.GetDirectoryName(Path.GetFullPath(path))!, writer =>
                {
                    if (path.EndsWith(".gpkg", StringComparison.OrdinalIgnoreCase))
                    {
                        writer.WriteFile(Path.GetFileName(path), temp =>
                            IsochroneGeoPackage.Write(temp, polygons, isoMode == IsochroneMode.Union ? null : bases, Provenance(run, members)));
                    }
                    else
                    {
                        writer.WriteBytes(Path.GetFileName(path), s => IsochroneGeoJson.Write(s, polygons, bases, members));
                    }
                });

                if (parse.GetValue(json))
                {
                    IsochroneSummaryJson.Write(stdout, polygons, bases, members, path);
                }
                else
                {
                    WriteSummary(stdout, polygons, bases, path);
                }
            }
            else
            {
                using var s = new MemoryStream();
                IsochroneGeoJson.Write(s, polygons, bases, members);
                stdout.Write(System.Text.Encoding.UTF8.GetString(s.ToArray()));
                stdout.WriteLine();
                WriteSummary(stderr, polygons, bases, where);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"5,10,20,30" (minutes; decimals allowed) into distinct ascending ms, each in (0, 24 h].</summary>
    internal static int[] ParseBreaks(string text)
    {
        var result = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string number = part.EndsWith("min", StringComparison.OrdinalIgnoreCase) ? part[..^3].Trim() : part;
            if (!double.TryParse(number, NumberStyles.Float, Inv, out double minutes) || !double.IsFinite(minutes))
            {
                throw new UsageException($"--breaks: '{part}' is not a number of minutes (example: --breaks 5,10,20,30).");
            }

            if (minutes <= 0 || minutes > 24 * 60)
            {
                throw new UsageException($"--breaks: {part} min is out of range; a break must be more than 0 and at most 1440 minutes (24 h).");
            }

            result.Add((int)Math.Round(minutes * 60_000));
        }

        return result.Count > 0 ? [.. result] : throw new UsageException("--breaks: give at least one break in minutes (example: --breaks 5,10,20,30).");
    }

    internal static IsochroneMode ParseMode(string? text)
    {
        string given = (text ?? string.Empty).Trim().ToLowerInvariant();
        int index = Array.IndexOf(Modes, given);
        if (index >= 0)
        {
            return (IsochroneMode)index;
        }

        string nearest = Modes.OrderBy(m => EditDistance(m, given)).First();
        string hint = given.Length > 0 && EditDistance(nearest, given) <= 3 ? $" (did you mean {nearest}?)" : string.Empty;
        throw new UsageException($"--mode: '{text}' is not a mode; use union, per-base or partition{hint}.");
    }

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static IsochroneInputs FromConfig(RunConfig config, TextWriter stderr)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = TravelModelInputs.Apply(Inputs.LoadNetwork(config.NetworkPath, config.ProfilePath, stderr),
            config.ProfilePath, config.Travel.TimeBand, config.Travel.CongestionZonesPath, stderr);
        var stations = Inputs.LoadStations(config.StationsPath, loaded,
            new StationOptions(config.DefaultTurnout, config.IncludeAirBases, config.IncludeHospitals, config.IncludeFireStations), diagnostics, stderr);
        var (layer, _, _) = PopulationInputs.Load(config, loaded, diagnostics, stderr);
        var snapper = new Snapper(loaded.Network);
        var (_, used, sources) = CoverageRun.PlaceStations(loaded.Network, snapper, stations, config.MaxSnapDistanceM, diagnostics);
        ReportLeftOut(diagnostics, stderr);
        int[] standards = [.. config.Zones.Select(z => z.StandardMs).Append(config.DefaultStandardMs).Distinct().Order()];
        string attribution = config.PopulationSource == "osm"
            ? Reports.OsmAttribution
            : $"{Reports.OsmAttribution}; population: {config.PopulationAttribution ?? Path.GetFileName(config.PopulationPath)}";
        return new IsochroneInputs(loaded, used, sources, layer, new AccessLeg(config.MaxSnapDistanceM, config.OffRoadSpeedKmh), standards, attribution);
    }

    private static IsochroneInputs FromFiles(string networkPath, string stationsPath, string? populationPath, string? profilePath,
        StationOptions options, AccessLeg access, TextWriter stderr, string? timeBand = null)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = TravelModelInputs.Apply(Inputs.LoadNetwork(networkPath, profilePath, stderr), profilePath, timeBand, null, stderr);
        var stations = Inputs.LoadStations(stationsPath, loaded, options, diagnostics, stderr);
        DemandLayer? layer = null;
        string attribution = Reports.OsmAttribution;
        if (populationPath is not null)
        {
            if (!File.Exists(populationPath))
            {
                throw new InputDataException(populationPath, $"{populationPath}: file not found (the population).");
            }

            layer = PopulationFile.Read(populationPath, new PopulationFileOptions(), diagnostics);
            attribution = $"{Reports.OsmAttribution}; population: {Path.GetFileName(populationPath)}";
        }

        var snapper = new Snapper(loaded.Network);
        var (_, used, sources) = CoverageRun.PlaceStations(loaded.Network, snapper, stations, access.MaxSnapDistanceM, diagnostics);
        ReportLeftOut(diagnostics, stderr);
        return new IsochroneInputs(loaded, used, sources, layer, access, [10 * 60_000, 30 * 60_000], attribution);
    }

    private static void ReportLeftOut(DiagnosticBag diagnostics, TextWriter stderr)
    {
        foreach (var d in diagnostics.Items.Where(d => d.Code == "station-not-snapped"))
        {
            stderr.WriteLine($"  {d.Message}");
        }
    }

    private static Dictionary<string, object?> Members(IsochroneInputs run, IsochroneMode mode, int[] breaksMs, double toleranceM) => new()
    {
        ["name"] = "isochrones",
        ["attribution"] = run.Attribution,
        ["mode"] = Modes[(int)mode],
        ["breaks_min"] = breaksMs.Select(b => b / 60_000.0).ToArray(),
        ["tolerance_m"] = toleranceM,
        ["max_snap_distance_m"] = run.Access.MaxSnapDistanceM,
        ["off_road_speed_kmh"] = run.Access.OffRoadSpeedKmh,
        ["data_date"] = run.Loaded.Description.DataDate?.ToString("yyyy-MM-dd", Inv),
        ["network_source_sha256"] = run.Loaded.Description.SourceSha256,
    };

    /// <summary>GeoPackage provenance: the attribution and data date, and the GeoJSON's other members as metadata rows.</summary>
    private static GeoPackageProvenance Provenance(IsochroneInputs run, Dictionary<string, object?> members) =>
        new(run.Attribution, run.Loaded.Description.DataDate is { } d ? DateOnly.FromDateTime(d.DateTime) : null)
        {
            Metadata = [.. members
                .Where(kv => kv.Key is not "attribution" and not "data_date")
                .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value switch
                {
                    null => null,
                    double[] list => string.Join(",", list.Select(x => x.ToString(Inv))),
                    IFormattable f => f.ToString(null, Inv),
                    var other => other.ToString(),
                }))],
        };

    private static void WriteSummary(TextWriter o, IReadOnlyList<IsochronePolygon> polygons, IsochroneBase[] bases, string where)
    {
        o.WriteLine($"Wrote {where}: {polygons.Count} area(s). {Reports.OsmAttribution}.");
        foreach (var p in polygons.OrderBy(p => p.Break).ThenBy(p => p.Base ?? -1))
        {
            string who = p.Base is int b ? $" {bases[b].Name}" : string.Empty;
            string people = p.Population is double pop ? string.Create(Inv, $", {pop:N0} people") : string.Empty;
            o.WriteLine(string.Create(Inv, $"  {p.Break.TotalMinutes,5:0.##} min{who}: {p.AreaKm2:N2} km²{people}"));
        }
    }

    private static double CheckRange(double value, double min, double max, string option, string unit)
    {
        if (!(value >= min && value <= max))
        {
            throw new UsageException($"{option}: {value.ToString(Inv)} {unit} is out of range [{min.ToString(Inv)}, {max.ToString(Inv)}].");
        }

        return value;
    }

    /// <summary>What one isochrone run reads: the network, the bases placed on it, the optional population layer, the
    /// access leg, the breaks to use when none are given, and the attribution the output carries.</summary>
    private sealed record IsochroneInputs(LoadedNetwork Loaded, IReadOnlyList<PlacedStation> Used, Search.SourceSet Sources, DemandLayer? Layer,
        AccessLeg Access, int[] DefaultBreaksMs, string Attribution);
}
