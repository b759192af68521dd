using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Population;

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

    /// <summary>SYNTHETIC demand: <paramref name="count"/> cells within 200 m of random nodes (seeded), 1–49 people each.</summary>
    public static DemandLayer SyntheticCells(RoadNetwork net, int count, int seed)
    {
        var rng = new Random(seed);
        var cells = new DemandCell[count];
        for (int i = 0; i < count; i++)
        {
            int n = rng.Next(net.NodeCount);
            double dLat = (rng.NextDouble() - 0.5) * 2 * 200 / 111_195.0;
            double dLon = (rng.NextDouble() - 0.5) * 2 * 200 / 111_195.0 / Math.Cos(double.DegreesToRadians(net.NodeLat(n)));
            cells[i] = new DemandCell($"s{i}", net.NodeLat(n) + dLat, net.NodeLon(n) + dLon, rng.Next(1, 50));
        }

        return new DemandLayer("synthetic (seeded)", cells, [], cells.Sum(c => c.Population));
    }
}
