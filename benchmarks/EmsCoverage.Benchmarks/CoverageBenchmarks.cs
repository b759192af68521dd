using BenchmarkDotNet.Attributes;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// Population coverage evaluated from a finished search (issue 3): Porto Alegre's 1,227 real hexagons with 20
/// bases, and 100,000 SYNTHETIC demand cells (seeded, within 200 m of random nodes) on porto-metro with 20 bases.
/// Each pair measures the search and the evaluation after it, so "evaluation costs less than the search" reads off
/// one table. Units: nodes settled (search) or demand cells (evaluation).
/// </summary>
[MemoryDiagnoser]
[SettledColumns]
public class CoverageBenchmarks
{
    private static readonly ZoneStandard Standard = new("all", 10 * 60_000);
    private Case _alegre = null!;
    private Case _metro = null!;

    [GlobalSetup]
    public void Setup()
    {
        var alegreNet = OsmNetworkReader.ReadFile(BenchmarkData.PathOf("porto-alegre.osm.pbf")).Network;
        var alegreCells = PointPopulation.ReadCsv(BenchmarkData.PathOf("porto-alegre-hexgrid.csv"), null, new DiagnosticBag());
        _alegre = new Case(alegreNet, alegreCells, seed: 1);

        var metroNet = BenchmarkData.PortoMetro();
        _metro = new Case(metroNet, BenchmarkData.SyntheticCells(metroNet, 100_000, seed: 100), seed: 2);

        SettledCounts.Record(Key(nameof(Search_PortoAlegre_20Bases)), _alegre.SettledAfterSearch());
        SettledCounts.Record(Key(nameof(Evaluate_PortoAlegre_1227Cells)), _alegre.Demand.Layer.Cells.Count);
        SettledCounts.Record(Key(nameof(Search_PortoMetro_20Bases)), _metro.SettledAfterSearch());
        SettledCounts.Record(Key(nameof(Evaluate_PortoMetro_100kSyntheticCells)), _metro.Demand.Layer.Cells.Count);
    }

    [Benchmark]
    public int Search_PortoAlegre_20Bases() => _alegre.Search();

    [Benchmark]
    public double Evaluate_PortoAlegre_1227Cells() => _alegre.Evaluate();

    [Benchmark]
    public int Search_PortoMetro_20Bases() => _metro.Search();

    [Benchmark]
    public double Evaluate_PortoMetro_100kSyntheticCells() => _metro.Evaluate();

    private static string Key(string method) => $"{nameof(CoverageBenchmarks)}.{method}";

    private sealed class Case
    {
        private readonly SourceSet _bases;
        private readonly SearchWorkspace _workspace;
        private readonly int[] _zones;
        private readonly int _limitMs = PopulationCoverage.SearchLimitFor(Standard.ThresholdMs);

        public Case(RoadNetwork network, DemandLayer layer, int seed)
        {
            var snapper = new Snapper(network);
            Demand = SnappedDemand.Snap(snapper, layer, new AccessLeg());
            int[] nodes = SyntheticNetworks.PickNodes(network, 20, seed);
            _bases = new SourceSet(network,
                nodes.Select(n => new SnapPoint(network.FirstArc(n), 0, 0, network.NodeLat(n), network.NodeLon(n))).ToArray(), new int[20]);
            _workspace = new SearchWorkspace(network.NodeCount);
            _zones = new int[layer.Cells.Count];
            Array.Fill(_zones, -1);
        }

        public SnappedDemand Demand { get; }

        public int SettledAfterSearch()
        {
            Search();
            return _workspace.SettledLabelCount;
        }

        public int Search() => _bases.Search(_limitMs, _workspace);

        // The workspace still holds the search from setup or from Search(): the same every time.
        public double Evaluate() => PopulationCoverage.Evaluate(_bases, Demand, _zones, [], Standard, _workspace, _limitMs).Overall.Covered;
    }
}
