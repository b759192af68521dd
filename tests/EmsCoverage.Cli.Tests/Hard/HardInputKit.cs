using System.Text;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Tests;

namespace EmsCoverage.Cli.Tests.Hard;

/// <summary>
/// Inputs shared by the bad-input catalogue, the atomic-output and the fuzz tests: the Liechtenstein extract, a
/// prepared network of it (written once per test run), and good stations and population files in Liechtenstein.
/// </summary>
internal static class HardInputKit
{
    private static readonly Lazy<string> LazyFolder = new(() => Directory.CreateTempSubdirectory("emscov-hard-").FullName);

    private static readonly Lazy<string> LazyNetwork = new(() =>
    {
        string path = Path.Combine(LazyFolder.Value, "liechtenstein.emsnet");
        NetworkFile.Write(OsmNetworkReader.ReadFile(Liechtenstein).Network, path);
        return path;
    });

    /// <summary>The folder of <see cref="Network"/>.</summary>
    public static string NetworkFolder => LazyFolder.Value;

    /// <summary>The real extract, <c>../shared/data/liechtenstein-2021.osm.pbf</c>.</summary>
    public static string Liechtenstein => TestData.Shared("liechtenstein-2021.osm.pbf");

    /// <summary>A prepared network of <see cref="Liechtenstein"/> (read-only: copy it before changing it).</summary>
    public static string Network => LazyNetwork.Value;

    /// <summary>Two bases in Liechtenstein.</summary>
    public const string StationsCsv = "id,name,lon,lat\nvaduz,Vaduz,9.5215,47.1410\nschaan,Schaan,9.5087,47.1651\n";

    /// <summary>Four population points in Liechtenstein.</summary>
    public const string PopulationCsv = "id,lon,lat,population\nv1,9.5215,47.1410,1146\nv2,9.5230,47.1390,700\ns1,9.5100,47.1670,377\nt1,9.5280,47.1070,250\n";

    /// <summary>The repository's <c>data/fixtures</c> file at <paramref name="relative"/> (e.g. <c>stations/swapped.csv</c>).</summary>
    public static string Fixture(string relative) => Path.Combine(TestData.RepositoryRoot, "data", "fixtures", relative);

    /// <summary>A run configuration (TOML) over the given files; <paramref name="standards"/> and
    /// <paramref name="extra"/> are pasted in as they are.</summary>
    public static string Config(string network, string stations, string population, string standards = "default_min = 10", string extra = "") =>
        $"""
        title = "catalogue"
        {extra}
        [network]
        path = '{network}'

        [stations]
        path = '{stations}'

        [population]
        source = "file"
        path = '{population}'

        [standards]
        {standards}
        """;

    /// <summary>The bytes of a text in UTF-8 without a byte order mark.</summary>
    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}

/// <summary>A folder for one case's files, deleted afterwards.</summary>
internal sealed class CaseFolder : IDisposable
{
    public CaseFolder()
    {
        Path = Directory.CreateTempSubdirectory("emscov-case-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, HardInputKit.Utf8(text));
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A copy of <paramref name="source"/> changed by <paramref name="change"/>.</summary>
    public string Edit(string name, string source, Func<byte[], byte[]> change) => Write(name, change(System.IO.File.ReadAllBytes(source)));

    public string Stations() => Write("stations.csv", HardInputKit.StationsCsv);

    public string Population() => Write("population.csv", HardInputKit.PopulationCsv);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
