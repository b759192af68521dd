using System.Diagnostics;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests;

/// <summary>
/// emscov as a .NET tool: the CLI project packs into EmsCoverage.Cli.nupkg, <c>dotnet tool install --tool-path</c>
/// installs it from that folder, and the installed <c>emscov</c> runs. Real pack and install (about half a minute;
/// part of the normal test run, so CI runs it).
/// </summary>
[Trait("Category", "Packaging")]
public sealed class ToolPackageTests
{
    [Fact]
    public void Pack_InstallAsTool_AndRunEmscovHelp()
    {
        using var temp = new TempFolder();
        string packages = temp.File("packages");
        string tools = temp.File("tools");
        string project = Path.Combine(TestData.RepositoryRoot, "src", "EmsCoverage.Cli", "EmsCoverage.Cli.csproj");

        // The tool is packed per runtime (a pointer package plus one package per RID), which publishes for that RID:
        // build into the temporary folder, never over the assemblies this test run has loaded.
        var pack = Dotnet(temp.Path, "pack", project, "-c", "Release", "-o", packages, "--artifacts-path", temp.File("build"));
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack.Output}");
        string[] files = [.. Directory.GetFiles(packages, "*.nupkg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
        Assert.Equal(new[] { "EmsCoverage.Cli.0.1.0.nupkg", "EmsCoverage.Cli.linux-x64.0.1.0.nupkg" }, files);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packages, "EmsCoverage.Cli.0.1.0.nupkg")))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        }

        // The platform package carries the linux-x64 natives only (all platforms' SkiaSharp would be ~190 MB).
        Assert.InRange(new FileInfo(Path.Combine(packages, "EmsCoverage.Cli.linux-x64.0.1.0.nupkg")).Length, 1_000_000, 60_000_000);

        var install = Dotnet(temp.Path, "tool", "install", "EmsCoverage.Cli", "--tool-path", tools, "--add-source", packages);
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed:\n{install.Output}");

        string emscov = Path.Combine(tools, OperatingSystem.IsWindows() ? "emscov.exe" : "emscov");
        Assert.True(File.Exists(emscov), $"no {emscov} after install:\n{install.Output}");
        var help = Run(temp.Path, emscov, "--help");
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("Example: emscov coverage", help.Output, StringComparison.Ordinal);
        Assert.Contains("whatif", help.Output, StringComparison.Ordinal);

        var usage = Run(temp.Path, emscov, "coverage", "--no-such-option");
        Assert.Equal(2, usage.ExitCode); // the installed tool keeps the exit codes
    }

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args) =>
        Run(workingDirectory, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", args);

    private static (int ExitCode, string Output) Run(string workingDirectory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', args)}: no answer within 5 minutes\n{stdout.Result}{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
