using System.CommandLine;
using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Stations;

namespace EmsCoverage.Cli;

/// <summary>The <c>emscov</c> command line: thin verbs over the library.</summary>
internal static class Program
{
    internal const string ExitCodeHelp =
        "Exit codes: 0 ok, 1 gaps found (only with --fail-on-gap), 2 usage error, 3 bad input, 4 internal error.";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, TerminalInfo.Detect());

    /// <summary>Runs the CLI with the given streams (tests call this directly): plain text, no colours, no live progress.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, TerminalInfo.None);

    /// <summary>
    /// Runs the CLI. Progress and notes go to <paramref name="stderr"/> through a <see cref="StatusWriter"/>: live
    /// spinners and bars when stderr is a terminal, plain lines when not, nothing with <c>--quiet</c>. Results go to
    /// <paramref name="stdout"/> (held back until the live display ends when both are the same terminal).
    /// </summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, TerminalInfo terminal)
    {
        var status = new StatusWriter(stderr);
        var held = terminal.StderrIsTerminal && terminal.StdoutIsTerminal ? new StringWriter() : null;
        try
        {
            return Run(args, held ?? stdout, stderr, status, terminal);
        }
        finally
        {
            if (held is not null)
            {
                stdout.Write(held.ToString());
                stdout.Flush();
            }
        }
    }

    private static int Run(string[] args, TextWriter stdout, TextWriter stderr, StatusWriter status, TerminalInfo terminal)
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or notes on stderr (errors are still reported).", Recursive = true };
        var root = new RootCommand(
            "EmsCoverage: ambulance coverage on OpenStreetMap roads. Drive times from ambulance bases, " +
            "reach within response standards (e.g. 10 and 30 minutes), per base and in total.\n" +
            "Example: emscov coverage -c data/demo/liechtenstein.toml -o out/\n" +
            "Progress goes to stderr (bars on a terminal, plain lines otherwise; --quiet for none; NO_COLOR honoured), results to stdout; " +
            "--json prints one JSON document on stdout.\n" + ExitCodeHelp)
        {
            quiet,
        };
        root.Add(Commands.Prepare(stdout, status));
        root.Add(Commands.Coverage(stdout, status));
        root.Add(Commands.ExportGraph(stdout, status));
        root.Add(Commands.Demo(stdout, status));
        root.Add(WhatIfCommand.Create(stdout, status));
        root.Add(PlaceCommand.Create(stdout, status));
        root.Add(IsochroneCommand.Create(stdout, status));
        root.Add(ColumnsCommand.Create(stdout, status));
        var threads = new Option<int?>("--threads") { Description = "Most threads for parallel work (default: one per processor); outputs are the same for any value.", Recursive = true };
        root.Add(threads);

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"emscov: {error.Message}");
            }

            stderr.WriteLine("Try 'emscov --help'.");
            return ExitCodes.Usage;
        }

        status.Mode = parse.GetValue(quiet) ? StatusMode.Quiet
            : terminal.StderrIsTerminal && parse.Action is not System.CommandLine.Help.HelpAction ? StatusMode.Live
            : StatusMode.Plain;
        if (parse.GetValue(threads) is < 1)
        {
            stderr.WriteLine("emscov: --threads must be 1 or more.");
            return ExitCodes.Usage;
        }

        using var threadLimit = ThreadLimit.Use(parse.GetValue(threads));
        try
        {
            return status.Run(
                () => parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }),
                terminal);
        }
        catch (InputDataException ex)
        {
            stderr.WriteLine($"emscov: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"emscov: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("emscov: cancelled.");
            return 130;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Readers wrap their own failures in InputDataException; what is left is the file system itself, mostly
            // the output folder (a file in its way, no permission, disk full): the user's to fix, not a bug.
            stderr.WriteLine($"emscov: {ex.Message}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // the last line of defence: report, never crash with a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"emscov: internal error: {ex.GetType().Name}: {ex.Message}");
            stderr.WriteLine("This is a bug in EmsCoverage; please report it with the command line you ran.");
            return ExitCodes.Internal;
        }
    }
}

/// <summary>A command-line value that is wrong in itself (not a file problem): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message)
{
    public UsageException()
        : this("usage error")
    {
    }

    public UsageException(string message, Exception inner)
        : this(message + " " + inner.Message)
    {
    }
}
