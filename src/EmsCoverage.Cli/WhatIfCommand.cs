using System.CommandLine;

namespace EmsCoverage.Cli;

/// <summary><c>emscov whatif</c>: scenarios (add, remove, move bases; turnout and standards) against the baseline.</summary>
internal static class WhatIfCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "What-if study (TOML): base = the run configuration to start from, and [[scenarios]] with add / remove / move / turnout / standards.",
            Required = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder: whatif.json and scenarios.csv." };
        var json = new Option<bool>("--json") { Description = "Print whatif.json on stdout instead of the readable comparison." };
        var columns = new Option<string?>("--columns")
        {
            Description = "Travel-time column file (.emscols) to reuse and update, so reopening the study needs no new searches. " +
                "A corrupt file, or one computed for another network or population, is refused.",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder with the shared data that ${data} in a configuration stands for (default: ../shared/data beside the repository)." };
        var timeBand = Commands.TimeBandOption();
        var command = new Command("whatif",
            "What if bases are added, moved or closed, turnout times or standards change: population covered per zone and overall, " +
            "people gained and lost, gap areas that open or close, redundancy and N-1, per scenario against the baseline. " +
            "One drive-time search per base site, then every scenario from those columns.\n" +
            "Example: emscov whatif -c data/demo/liechtenstein-whatif.toml\n" + Program.ExitCodeHelp)
        {
            config, output, json, columns, dataDir, timeBand,
        };
        command.SetAction(parse =>
        {
            var study = WhatIfStudy.Load(parse.GetRequiredValue(config));
            var run = WhatIfRun.Compute(study, parse.GetValue(dataDir), parse.GetValue(columns), stderr, parse.GetValue(timeBand));
            if (parse.GetValue(output) is { } folder)
            {
                AtomicOutput.WriteTogether(folder, files =>
                {
                    files.Write("whatif.json", w => WhatIfReports.WriteJson(run, w));
                    files.Write("scenarios.csv", w => WhatIfReports.WriteCsv(run, w));
                });
            }

            if (parse.GetValue(json))
            {
                WhatIfReports.WriteJson(run, stdout, indented: false);
            }
            else
            {
                WhatIfReports.WriteText(run, stdout);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
