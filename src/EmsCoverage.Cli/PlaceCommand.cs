using System.CommandLine;

namespace EmsCoverage.Cli;

/// <summary><c>emscov place</c>: where the next bases should go, keeping the existing ones.</summary>
internal static class PlaceCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config", "-c") { Description = "Run configuration (TOML): network, existing bases, population, zones and standards.", Required = true };
        var candidates = new Option<string>("--candidates")
        {
            Description = "Candidate sites: a points file (CSV id,name,lon,lat[,turnout_s] or GeoJSON), a road spacing in metres (e.g. 1000: " +
                "one site per 1 km square, on the nearest road), osm:hospitals or osm:fire_stations (from the run's OSM extract).",
            Required = true,
        };
        var count = new Option<int?>("-k") { Description = "Number of sites to add (lscp: the most to add, default 50)." };
        var method = new Option<string>("--method")
        {
            Description = "mclp: most people covered within their standard (default); lscp: fewest sites so every zone reaches its target; " +
                "backup: most people covered by two bases; mexclp: most people covered in expectation when each base is busy a share q of the time.",
            DefaultValueFactory = _ => "mclp",
        };
        var busy = new Option<double?>("--busy-fraction") { Description = "mexclp: share of time a base is busy, 0 ≤ q < 1." };
        var target = new Option<double?>("--target-percent") { Description = "lscp: one target share for every zone, in percent (default: each zone's target_percent from the configuration)." };
        var turnout = new Option<double?>("--turnout") { Description = "Turnout time of the new sites in seconds (default: the configuration's stations.turnout_s)." };
        var columns = new Option<string?>("--columns") { Description = "Travel-time column file (.emscols) to reuse and update; a corrupt file or one of other inputs is refused." };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder: placement.json, sites.csv, sites.geojson." };
        var json = new Option<bool>("--json") { Description = "Print placement.json on stdout instead of the readable answer." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the shared data that ${data} in a configuration stands for (default: ../shared/data beside the repository)." };
        var timeBand = Commands.TimeBandOption();
        var command = new Command("place",
            "Choose new base sites among candidates, keeping the existing bases: maximal covering (MCLP, lazy greedy + swaps), fewest sites " +
            "for the zone targets (LSCP-style), backup coverage, or expected coverage with busy bases (MEXCLP). Reports the sites in order, " +
            "what each adds, and an upper bound where the method gives one.\n" +
            "Examples: emscov place -c data/demo/liechtenstein.toml --candidates 1000 -k 2\n" +
            "          emscov place -c data/demo/liechtenstein.toml --candidates osm:fire_stations --method lscp\n" + Program.ExitCodeHelp)
        {
            config, candidates, count, method, busy, target, turnout, columns, output, json, dataDir, timeBand,
        };
        command.SetAction(parse =>
        {
            var request = new PlaceRequest(parse.GetRequiredValue(candidates), parse.GetValue(count), parse.GetValue(method) ?? "mclp",
                parse.GetValue(busy), parse.GetValue(target), parse.GetValue(turnout), parse.GetValue(columns));
            _ = PlaceRun.ParseMethod(request.Method); // a usage error before any file is read
            var run = PlaceRun.Compute(RunConfig.Load(parse.GetRequiredValue(config), parse.GetValue(dataDir)).WithTimeBand(parse.GetValue(timeBand)), request, stderr);
            if (parse.GetValue(output) is { } folder)
            {
                AtomicOutput.WriteTogether(folder, files =>
                {
                    files.Write("placement.json", w => PlaceReports.WriteJson(run, w));
                    files.Write("sites.csv", w => PlaceReports.WriteCsv(run, w));
                    files.WriteBytes("sites.geojson", s => PlaceReports.WriteGeoJson(run, s));
                });
            }

            if (parse.GetValue(json))
            {
                PlaceReports.WriteJson(run, stdout, indented: false);
            }
            else
            {
                PlaceReports.WriteText(run, stdout);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
