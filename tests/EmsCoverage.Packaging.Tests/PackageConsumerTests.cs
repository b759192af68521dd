using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EmsCoverage.Osm.Tests;
using Xunit.Abstractions;

namespace EmsCoverage.Packaging.Tests;

/// <summary>
/// Packs EmsCoverage.Core, .Osm and .Geo into a local folder, restores them into a fresh console project from that
/// folder (as a GIS tool would), and runs the coverage sample (<c>samples/CoverageStudy/Program.cs</c>) on
/// Liechtenstein through the public API only: for net10.0, and for net8.0 run on the installed runtime with
/// roll-forward. The printed figures must equal the in-process reference to the person.
/// </summary>
public sealed partial class PackageConsumerTests(PackedLibraries packed, ITestOutputHelper output) : IClassFixture<PackedLibraries>
{
    [Fact]
    public void Packed_libraries_run_the_coverage_sample_on_net10() => RunConsumer("net10.0", rollForward: false);

    [Fact]
    public void Packed_libraries_run_the_coverage_sample_on_net8_with_roll_forward() => RunConsumer("net8.0", rollForward: true);

    private void RunConsumer(string targetFramework, bool rollForward)
    {
        string project = Path.Combine(packed.Folder.Path, "consumer-" + targetFramework);
        Directory.CreateDirectory(project);
        File.Copy(Path.Combine(TestData.RepositoryRoot, "samples", "CoverageStudy", "Program.cs"), Path.Combine(project, "Program.cs"));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <UseAppHost>false</UseAppHost>
                <RestorePackagesPath>{Path.Combine(project, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EmsCoverage.Osm" Version="{PackedLibraries.Version}" />
                <PackageReference Include="EmsCoverage.Geo" Version="{PackedLibraries.Version}" />
              </ItemGroup>
            </Project>
            """);
        // Our packages come from the packed folder (the only source that has them); their dependencies (NTS, OsmSharp,
        // SQLite, ...) from the package sources the machine restores from anyway.
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packed.Feed}" />
              </packageSources>
            </configuration>
            """);
        // A folder of its own: the repository's Directory.Build.props and central versions must not apply.
        File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");

        PackedLibraries.Run("dotnet", ["build", "-c", "Release", "--nologo"], project, output);
        var env = rollForward ? new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" } : [];
        string dll = Path.Combine(project, "bin", "Release", targetFramework, "Consumer.dll");
        string printed = PackedLibraries.Run("dotnet", [dll, LiechtensteinStudy.Extract], project, output, env);

        var reference = LiechtensteinStudy.Reference;
        var zones = ZoneLine().Matches(printed).ToDictionary(m => m.Groups["zone"].Value,
            m => (Covered: double.Parse(m.Groups["covered"].Value, CultureInfo.InvariantCulture),
                  Population: double.Parse(m.Groups["population"].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(reference.Count, zones.Count);
        foreach (var zone in reference)
        {
            Assert.Equal(Math.Round(zone.Covered), zones[zone.Name].Covered);
            Assert.Equal(Math.Round(zone.Population), zones[zone.Name].Population);
        }

        Assert.Matches(@"isochrone 10 min: [0-9.]+ km²", printed);
        Assert.Matches(@"gap 1: [0-9]+ people", printed);
    }

    [GeneratedRegex(@"^zone (?<zone>.+): (?<covered>[0-9]+) of (?<population>[0-9]+) people covered", RegexOptions.Multiline)]
    private static partial Regex ZoneLine();
}

/// <summary>The three libraries packed once per test run into a temporary folder.</summary>
public sealed class PackedLibraries : IDisposable
{
    /// <summary>The version packed: a pre-release of its own, so no cached copy of a real release is picked up.</summary>
    public const string Version = "0.0.0-consumer-test";

    public PackedLibraries()
    {
        Folder = new TempFolder();
        Feed = Folder.File("feed");
        foreach (string library in new[] { "Core", "Osm", "Geo" })
        {
            string csproj = Path.Combine(TestData.RepositoryRoot, "src", "EmsCoverage." + library, $"EmsCoverage.{library}.csproj");
            // A separate output folder, so packing never writes over the assemblies the test run has loaded.
            Run("dotnet", ["pack", csproj, "-c", "Release", "--nologo", "-o", Feed, $"-p:Version={Version}",
                "--artifacts-path", Folder.File("build")], TestData.RepositoryRoot, output: null);
        }
    }

    internal TempFolder Folder { get; }

    public string Feed { get; }

    public void Dispose() => Folder.Dispose();

    /// <summary>Runs a process to completion; fails the test with its output when it exits non-zero.</summary>
    public static string Run(string file, IEnumerable<string> args, string workingDirectory, ITestOutputHelper? output,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output?.WriteLine($"$ {file} {string.Join(' ', args)}\n{stdout}{stderr.Result}");
        Assert.True(process.ExitCode == 0, $"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
