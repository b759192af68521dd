using BenchmarkDotNet.Attributes;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// Bounded 30-minute searches on porto-metro (the real extract, car graph) from 1 base in central Porto and from
/// 20 bases picked with a fixed seed, against a textbook Dijkstra (.NET PriorityQueue) on the same arrays in the
/// same run; plus one unbounded search (the whole tree) from the central base.
/// </summary>
[MemoryDiagnoser]
[SettledColumns]
public class SearchBenchmarks
{
    private const int LimitMs = 30 * 60_000;
    private RoadNetwork _network = null!;
    private SearchWorkspace _workspace = null!;
    private PlainDijkstra _plain = null!;
    private SourceSet _oneBase = null!;
    private SourceSet _twentyBases = null!;
    private int _firstBaseNode;

    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkData.PortoMetro();
        _workspace = new SearchWorkspace(_network.NodeCount);
        _plain = new PlainDijkstra(_network.NodeCount);
        int[] baseNodes = SyntheticNetworks.PickNodes(_network, 20, seed: 2015);
        _firstBaseNode = NearestMainNode(_network, 41.1496, -8.6109); // Avenida dos Aliados, central Porto
        SnapPoint AtNode(int node) => new(_network.FirstArc(node), 0, 0, _network.NodeLat(node), _network.NodeLon(node));
        _oneBase = new SourceSet(_network, [AtNode(_firstBaseNode)], [0]);
        _twentyBases = new SourceSet(_network, baseNodes.Select(AtNode).ToArray(), new int[20]);

        SettledCounts.Record(Key(nameof(PlainDijkstra_OneBase)), _plain.Run(_network, _firstBaseNode, LimitMs));
        _oneBase.Search(LimitMs, _workspace, trackSecondSource: false);
        SettledCounts.Record(Key(nameof(OneBase)), _workspace.SettledLabelCount);
        _oneBase.Search(int.MaxValue - 1, _workspace, trackSecondSource: false);
        SettledCounts.Record(Key(nameof(OneBase_FullTree)), _workspace.SettledLabelCount);
        _twentyBases.Search(LimitMs, _workspace, trackSecondSource: false);
        SettledCounts.Record(Key(nameof(TwentyBases_BestOnly)), _workspace.SettledLabelCount);
        _twentyBases.Search(LimitMs, _workspace, trackSecondSource: true);
        SettledCounts.Record(Key(nameof(TwentyBases_BestAndSecond)), _workspace.SettledLabelCount);
        Console.WriteLine($"// porto-metro: {_network.NodeCount} nodes, {_network.ArcCount} arcs; 20 bases reach {_workspace.ReachedNodes.Length} nodes in 30 min");
    }

    [Benchmark(Baseline = true)]
    public int PlainDijkstra_OneBase() => _plain.Run(_network, _firstBaseNode, LimitMs);

    [Benchmark]
    public int OneBase() => _oneBase.Search(LimitMs, _workspace, trackSecondSource: false);

    [Benchmark]
    public int OneBase_FullTree() => _oneBase.Search(int.MaxValue - 1, _workspace, trackSecondSource: false);

    [Benchmark]
    public int TwentyBases_BestOnly() => _twentyBases.Search(LimitMs, _workspace, trackSecondSource: false);

    [Benchmark]
    public int TwentyBases_BestAndSecond() => _twentyBases.Search(LimitMs, _workspace, trackSecondSource: true);

    private static int NearestMainNode(RoadNetwork network, double lat, double lon)
    {
        int best = -1;
        double bestM = double.MaxValue;
        for (int n = 0; n < network.NodeCount; n++)
        {
            double m = Geodesy.HaversineM(lat, lon, network.NodeLat(n), network.NodeLon(n));
            if (network.NodeComponent(n) == 0 && m < bestM)
            {
                best = n;
                bestM = m;
            }
        }

        return best;
    }

    private static string Key(string method) => $"{nameof(SearchBenchmarks)}.{method}";
}
