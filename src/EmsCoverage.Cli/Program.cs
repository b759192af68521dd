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

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with the given streams (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "EmsCoverage: ambulance coverage on OpenStreetMap roads. Drive times from ambulance bases, " +
            "reach within response standards (e.g. 10 and 30 minutes), per base and in total.\n" + ExitCodeHelp);
        root.Add(Commands.Prepare(stdout, stderr));
        root.Add(Commands.Coverage(stdout, stderr));
        root.Add(Commands.ExportGraph(stdout, stderr));
        root.Add(Commands.Demo(stdout, stderr));
        root.Add(WhatIfCommand.Create(stdout, stderr));
        root.Add(PlaceCommand.Create(stdout, stderr));
        root.Add(IsochroneCommand.Create(stdout, stderr));
        root.Add(ColumnsCommand.Create(stdout, stderr));

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

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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
