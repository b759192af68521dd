using BenchmarkDotNet.Attributes;
using EmsCoverage.Osm;

namespace EmsCoverage.Benchmarks;

/// <summary>Building the road network from porto-metro-roads-2015.osm.pbf (3.2 MB, 348k OSM nodes): both passes, locality order, SCC.</summary>
[MemoryDiagnoser]
public class NetworkBuildBenchmarks
{
    private string _path = null!;

    [GlobalSetup]
    public void Setup() => _path = BenchmarkData.PathOf(BenchmarkData.PortoMetroFile);

    [Benchmark]
    public int BuildPortoMetro() => OsmNetworkReader.ReadFile(_path).Network.ArcCount;
}
