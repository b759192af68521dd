using EmsCoverage.Graph;
using EmsCoverage.Osm;

namespace EmsCoverage.Benchmarks;

/// <summary>Real extracts for benchmarks, read from ../shared/data beside the repository root.</summary>
internal static class BenchmarkData
{
    public const string PortoMetroFile = "porto-metro-roads-2015.osm.pbf";

    public static string PathOf(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EmsCoverage.sln")))
            {
                string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", fileName));
                return File.Exists(path)
                    ? path
                    : throw new FileNotFoundException($"{fileName}: not found at {path}; the benchmarks read the shared data beside the repository.", path);
            }
        }

        throw new DirectoryNotFoundException("The repository root (the folder holding EmsCoverage.sln) was not found above the benchmark binaries.");
    }

    public static RoadNetwork PortoMetro() => OsmNetworkReader.ReadFile(PathOf(PortoMetroFile)).Network;
}
