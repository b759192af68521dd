using System.CommandLine;
using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Stations;

namespace EmsCoverage.Cli;

/// <summary>The verbs. Each maps options to library calls; no domain logic here.</summary>
internal static class Commands
{
    private const double DefaultMaxSnapDistanceM = 500;
    private const double DefaultTurnoutS = 60;

    public static Command Prepare(TextWriter stdout, TextWriter stderr)
    {
        var osm = new Argument<string>("osm") { Description = "OSM extract (.osm.pbf or .osm XML)." };
        var output = new Option<string>("--output", "-o") { Description = "Prepared network file to write (e.g. region.emsnet).", Required = true };
        var profile = ProfileOption();
        var command = new Command("prepare", "Build the road network from an OSM extract once and store it for fast reuse.\n" +
            "Example: emscov prepare liechtenstein.osm.pbf -o liechtenstein.emsnet\n" + Program.ExitCodeHelp) { osm, output, profile };
        command.SetAction(parse =>
        {
            var loaded = Inputs.ReadOsm(parse.GetRequiredValue(osm), parse.GetValue(profile), stderr);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var hierarchy = Routing.ContractionHierarchy.Build(loaded.Network);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Routing index: {hierarchy.ShortcutCount:N0} shortcuts, {hierarchy.MemoryBytes / 1e6:F1} MB, built in {clock.Elapsed.TotalSeconds:F2} s."));
            NetworkFile.Write(loaded.Network, hierarchy, parse.GetRequiredValue(output));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {parse.GetRequiredValue(output)}: {loaded.Network.NodeCount:N0} nodes, {loaded.Network.ArcCount:N0} arcs, " +
                $"{loaded.Network.LargestComponentNodeCount:N0} nodes in the main component."));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Coverage(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string?>("--config", "-c") { Description = "Run configuration (TOML): network, bases, population, zones and standards. Gives population coverage per zone and the gap areas." };
        var dataDir = DataDirOption();
        var failOnGap = new Option<bool>("--fail-on-gap") { Description = "With --config: exit with code 1 when a zone misses its target." };
        var network = new Option<string?>("--network", "-n") { Description = "Without --config: prepared network file, or an OSM extract (.osm.pbf/.osm)." };
        var stations = new Option<string?>("--stations", "-s")
        {
            Description = "Without --config: ambulance bases as CSV (id,name,lon,lat[,turnout_s]), GeoJSON points, or an OSM extract to take emergency=ambulance_station from.",
        };
        var thresholds = ThresholdsOption();
        var turnout = new Option<double>("--turnout") { Description = "Turnout time in seconds for bases without their own (default 60).", DefaultValueFactory = _ => DefaultTurnoutS };
        var maxSnap = new Option<double>("--max-snap-distance") { Description = "Largest distance in metres from a base or point to a road (default 500).", DefaultValueFactory = _ => DefaultMaxSnapDistanceM };
        var points = new Option<string?>("--points") { Description = "Optional points (CSV or GeoJSON, like the stations) to report drive times for." };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder: summary.json and cells.csv, cells.geojson, gaps.geojson (with --config) or nodes.csv, points.csv." };
        var json = new Option<bool>("--json") { Description = "Print summary.json on stdout instead of the readable summary (one JSON document; schema in docs/outputs.md)." };
        var format = FormatOption();
        var profile = ProfileOption();
        var airBases = new Option<bool>("--include-air-bases") { Description = "With OSM stations: keep air rescue (helicopter) bases." };
        var hospitals = new Option<bool>("--include-hospitals") { Description = "With OSM stations: also use hospitals (amenity=hospital) as bases." };
        var fireStations = new Option<bool>("--include-fire-stations") { Description = "With OSM stations: also use fire stations as bases." };
        var timeBand = TimeBandOption();
        var compareBands = new Option<bool>("--compare-bands") { Description = "With --config: coverage per zone in every time band of the profile, side by side (text, summary.json, bands.csv)." };
        var command = new Command("coverage",
            "Who is reached in time. With --config: population covered per zone against its own standard, gaps, bases and redundancy.\n" +
            "Without: drive times from all bases at once per node (and per point), and road reach per threshold.\n" +
            "Examples: emscov coverage -c data/demo/liechtenstein.toml -o out/\n" +
            "          emscov coverage -n liechtenstein.emsnet -s stations.csv --thresholds 10,30 -o out/\n" + Program.ExitCodeHelp)
        {
            config, dataDir, failOnGap, network, stations, thresholds, turnout, maxSnap, points, output, format, json, profile, airBases, hospitals, fireStations,
            timeBand, compareBands,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(config) is { } configPath)
            {
                if (parse.GetValue(network) is not null || parse.GetValue(stations) is not null)
                {
                    throw new UsageException("--config names the network and the stations itself; leave out --network and --stations.");
                }

                if (parse.GetValue(compareBands) && parse.GetValue(timeBand) is not null)
                {
                    throw new UsageException("--compare-bands runs every time band; leave out --time-band.");
                }

                var formats = OutputFormats.Parse(parse.GetValue(format));
                var populationRun = PopulationRun.Compute(RunConfig.Load(configPath, parse.GetValue(dataDir)).WithTimeBand(parse.GetValue(timeBand)), stderr,
                    parse.GetValue(compareBands));
                WritePopulationOutputs(populationRun, parse.GetValue(output), formats, parse.GetValue(json), stdout, stderr);
                return parse.GetValue(failOnGap) && populationRun.ZonesMissingTarget().Any() ? ExitCodes.GapsFound : ExitCodes.Ok;
            }

            if (parse.GetValue(compareBands))
            {
                throw new UsageException("--compare-bands needs --config run.toml (it compares population coverage per zone).");
            }

            if (parse.GetValue(format) is not null)
            {
                throw new UsageException("--format chooses the files of a population run (--config); the road reach run writes summary.json and nodes.csv.");
            }

            string networkPath = parse.GetValue(network) ?? throw new UsageException("give --config run.toml, or --network and --stations.");
            string stationsPath = parse.GetValue(stations) ?? throw new UsageException("--stations is needed with --network (or use --config run.toml).");
            var options = new StationOptions(
                TimeSpan.FromSeconds(CheckRange(parse.GetValue(turnout), 0, 3600, "--turnout", "seconds")),
                parse.GetValue(airBases), parse.GetValue(hospitals), parse.GetValue(fireStations));
            var run = RunCoverage(
                networkPath, stationsPath, ParseThresholds(parse.GetValue(thresholds)),
                CheckRange(parse.GetValue(maxSnap), 1, 100_000, "--max-snap-distance", "metres"), parse.GetValue(points),
                parse.GetValue(profile), options, stderr, parse.GetValue(timeBand));
            WriteOutputs(run, parse.GetValue(output), parse.GetValue(json), stdout, stderr);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command ExportGraph(TextWriter stdout, TextWriter stderr)
    {
        var network = new Option<string>("--network", "-n") { Description = "Prepared network file, or an OSM extract.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "CSV file to write (one row per arc).", Required = true };
        var profile = ProfileOption();
        var command = new Command("export-graph",
            "Write the road graph as an edge list (arc, from/to node, time in ms, length, OSM way, coordinates) so any tool can check our drive times.\n" +
            "Example: emscov export-graph -n liechtenstein.emsnet -o edges.csv\n" + Program.ExitCodeHelp) { network, output, profile };
        command.SetAction(parse =>
        {
            var loaded = Inputs.LoadNetwork(parse.GetRequiredValue(network), parse.GetValue(profile), stderr);
            string path = parse.GetRequiredValue(output);
            AtomicOutput.WriteTogether(Path.GetDirectoryName(Path.GetFullPath(path))!, writer =>
            {
                writer.Write(Path.GetFileName(path), w => GraphExport.WriteEdgeListCsv(loaded.Network, w));
            });

            stdout.WriteLine($"Wrote {path}: {loaded.Network.ArcCount:N0} arcs. {Reports.OsmAttribution}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Demo(TextWriter stdout, TextWriter stderr)
    {
        var dataDir = DataDirOption();
        var output = new Option<string?>("--output", "-o") { Description = "Also write summary.json, cells.csv, bases.csv, gaps.csv, cells.geojson, gaps.geojson and coverage.gpkg to this folder." };
        var json = new Option<bool>("--json") { Description = "Print summary.json on stdout instead of the readable summary (one JSON document; schema in docs/outputs.md)." };
        var format = FormatOption();
        var command = new Command("demo",
            "Liechtenstein (OSM 2021): who the country's road ambulance base reaches within 10 minutes in the urban core " +
            "(Vaduz, Schaan, Triesen, Balzers) and 30 minutes in the other municipalities, where the gaps are and what one more " +
            "base would change. Runs data/demo/liechtenstein.toml on the shared data.\n" +
            "Examples: emscov demo\n" +
            "          emscov demo -o out/ --format gpkg,shp\n" + Program.ExitCodeHelp)
        {
            dataDir, output, format, json,
        };
        command.SetAction(parse =>
        {
            var formats = OutputFormats.Parse(parse.GetValue(format));
            DataPaths.RequireDataFile(parse.GetValue(dataDir), DataPaths.DemoExtract);
            var run = PopulationRun.Compute(RunConfig.Load(DataPaths.DemoConfig(), parse.GetValue(dataDir)), stderr);
            WritePopulationOutputs(run, parse.GetValue(output), formats, parse.GetValue(json), stdout, stderr);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static CoverageRun RunCoverage(string networkPath, string stationsPath, IReadOnlyList<int> thresholdsMs,
        double maxSnapM, string? pointsPath, string? profilePath, StationOptions options, TextWriter stderr, string? timeBand = null)
    {
        var diagnostics = new DiagnosticBag();
        var loaded = TravelModelInputs.Apply(Inputs.LoadNetwork(networkPath, profilePath, stderr), profilePath, timeBand, null, stderr);
        var stations = Inputs.LoadStations(stationsPath, loaded, options, diagnostics, stderr);
        var points = pointsPath is null ? [] : Inputs.LoadPoints(pointsPath, loaded, diagnostics);
        stderr.WriteLine($"Searching from {stations.Count} base(s), up to {thresholdsMs.Max() / 60_000.0:0.#} min...");
        return CoverageRun.Compute(loaded.Network, loaded.Description, stations, thresholdsMs, maxSnapM, points, diagnostics);
    }

    private static void WriteOutputs(CoverageRun run, string? outputFolder, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (outputFolder is not null)
        {
            stderr.WriteLine($"Writing {outputFolder} ...");
            AtomicOutput.WriteTogether(outputFolder, output =>
            {
                output.Write("summary.json", w => Reports.WriteSummaryJson(run, w));
                output.Write("nodes.csv", w => Reports.WriteNodesCsv(run, w));
                if (run.Points.Count > 0)
                {
                    output.Write("points.csv", w => Reports.WritePointsCsv(run, w));
                }

            });
        }

        if (json)
        {
            Reports.WriteSummaryJson(run, stdout, indented: false);
        }
        else
        {
            Reports.WriteText(run, stdout);
            if (outputFolder is not null)
            {
                stdout.WriteLine($"Files: {Path.Combine(outputFolder, "summary.json")}, nodes.csv{(run.Points.Count > 0 ? ", points.csv" : string.Empty)}");
            }
        }
    }

    private static void WritePopulationOutputs(PopulationRun run, string? outputFolder, OutputFormats formats, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (outputFolder is not null)
        {
            stderr.WriteLine($"Writing {outputFolder} ...");
            AtomicOutput.WriteTogether(outputFolder, output =>
            {
                output.Write("summary.json", w => PopulationReports.WriteSummaryJson(run, w));
                if (formats.Csv)
                {
                    output.Write("cells.csv", w => PopulationReports.WriteCellsCsv(run, w));
                    output.Write("bases.csv", w => PopulationGisOutputs.WriteBasesCsv(run, w));
                    output.Write("gaps.csv", w => PopulationGisOutputs.WriteGapsCsv(run, w));
                }

                if (formats.GeoJson)
                {
                    output.WriteBytes("cells.geojson", s => PopulationReports.WriteCellsGeoJson(run, s));
                    output.WriteBytes("gaps.geojson", s => PopulationReports.WriteGapsGeoJson(run, s));
                }

                if (formats.GeoPackage)
                {
                    output.WriteFile("coverage.gpkg", path => PopulationReports.WriteGeoPackage(run, path));
                }

                if (formats.Shapefile)
                {
                    PopulationGisOutputs.WriteShapefiles(run, output);
                }

                TravelReports.WriteFiles(run, output);
                if (formats.Report)
                {
                    ReportOutputs.Write(run, output);
                }
            });
        }

        if (json)
        {
            PopulationReports.WriteSummaryJson(run, stdout, indented: false);
        }
        else
        {
            PopulationReports.WriteText(run, stdout);
            if (outputFolder is not null)
            {
                stdout.WriteLine($"Files in {outputFolder}: {string.Join(", ", formats.Files())}");
            }
        }
    }

    private static Option<string?> FormatOption() =>
        new("--format", "-f")
        {
            Description = $"With a population run: the files to write besides summary.json, comma-separated: {OutputFormats.Names} " +
                "(shp: zipped shapefiles bases/cells/gaps.shp.zip; report: report.html, map.png, coverage-chart.png), or all. Default geojson,csv,gpkg,report.",
        };

    private static Option<string?> DataDirOption() =>
        new("--data-dir") { Description = "Folder with the shared data that ${data} in a configuration stands for (default: ../shared/data beside the repository)." };

    /// <summary><c>--time-band NAME</c>: route with a time band of the profile (docs/travel-model.md).</summary>
    internal static Option<string?> TimeBandOption() =>
        new("--time-band") { Description = "Route in this time band of the profile (e.g. morning_peak; see docs/travel-model.md). Default: free-flow speeds, or the configuration's [travel] time_band." };

    private static Option<string?> ProfileOption() =>
        new("--profile") { Description = "Ambulance travel profile (TOML); default: the built-in profile (data/profiles/ambulance.toml)." };

    private static Option<string> ThresholdsOption() =>
        new("--thresholds", "-t") { Description = "Response standards in minutes, comma-separated (default 10,30).", DefaultValueFactory = _ => "10,30" };

    /// <summary>Parses "10,30" (minutes; decimals allowed) into distinct, ascending ms, each in (0, 24 h].</summary>
    internal static int[] ParseThresholds(string? text)
    {
        var result = new SortedSet<int>();
        foreach (string part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string number = part.EndsWith("min", StringComparison.OrdinalIgnoreCase) ? part[..^3].Trim() : part;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double minutes) || !double.IsFinite(minutes))
            {
                throw new UsageException($"--thresholds: '{part}' is not a number of minutes (example: --thresholds 10,30).");
            }

            if (minutes <= 0 || minutes > 24 * 60)
            {
                throw new UsageException($"--thresholds: {part} min is out of range; a response standard must be more than 0 and at most 1440 minutes (24 h).");
            }

            result.Add((int)Math.Round(minutes * 60_000));
        }

        if (result.Count == 0)
        {
            throw new UsageException("--thresholds: give at least one response standard in minutes (example: --thresholds 10,30).");
        }

        return [.. result];
    }

    private static double CheckRange(double value, double min, double max, string option, string unit)
    {
        if (!(value >= min && value <= max))
        {
            throw new UsageException($"{option}: {value.ToString(CultureInfo.InvariantCulture)} {unit} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
        }

        return value;
    }
}

/// <summary>How stations are read.</summary>
internal sealed record StationOptions(TimeSpan DefaultTurnout, bool IncludeAirBases, bool IncludeHospitals, bool IncludeFireStations);
