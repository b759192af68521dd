using BenchmarkDotNet.Attributes;
using EmsCoverage.Coverage;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// Isochrone polygons for 10 and 30 minutes from 20 bases on porto-metro (issue 4), against the bounded search they
/// are drawn from (the baseline, in the same class so the ratio reads off one table). The polygon benchmarks start
/// from the finished search held in a workspace, as a coverage run hands it over, so they measure polygon building
/// only: the grid, the nearest-road transform, the times, the tracing and the multipolygons. Target: union polygons
/// within 10 times the search.
/// </summary>
[MemoryDiagnoser]
public class IsochroneBenchmarks
{
    private const int LimitMs = 30 * 60_000;
    private static readonly IsochroneOptions Union = new([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)]) { Access = new AccessLeg() };
    private RoadNetwork _network = null!;
    private SourceSet _bases = null!;
    private SearchWorkspace _searched = null!;
    private SearchWorkspace _scratch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkData.PortoMetro();
        int[] nodes = SyntheticNetworks.PickNodes(_network, 20, seed: 2015);
        _bases = new SourceSet(_network,
            nodes.Select(n => new SnapPoint(_network.FirstArc(n), 0, 0, _network.NodeLat(n), _network.NodeLon(n))).ToArray(), new int[20]);
        _searched = new SearchWorkspace(_network.NodeCount);
        _scratch = new SearchWorkspace(_network.NodeCount);
        _bases.Search(LimitMs, _searched, trackSecondSource: false);
        var polygons = IsochroneBuilder.Build(_network, _bases, _searched, LimitMs, Union);
        Console.WriteLine($"// porto-metro: {_network.NodeCount} nodes; union 10/30 min: {polygons.Sum(p => p.Area.NumPoints)} vertices, " +
            $"{string.Join(", ", polygons.Select(p => $"{p.Break.TotalMinutes} min {p.AreaKm2:0} km²"))}");
    }

    /// <summary>The search the polygons are drawn from: 20 bases, 30 minutes, first arrivals only.</summary>
    [Benchmark(Baseline = true)]
    public int Search_30Min_20Bases() => _bases.Search(LimitMs, _scratch, trackSecondSource: false);

    [Benchmark]
    public int Polygons_Union_10And30Min() => IsochroneBuilder.Build(_network, _bases, _searched, LimitMs, Union).Count;

    [Benchmark]
    public int Polygons_Partition_10And30Min() =>
        IsochroneBuilder.Build(_network, _bases, _searched, LimitMs, Union with { Mode = IsochroneMode.Partition }).Count;

    /// <summary>Per base: includes one bounded search per base (20 searches) besides the polygons.</summary>
    [Benchmark]
    public int Polygons_PerBase_10And30Min() =>
        IsochroneBuilder.Build(_network, _bases, _searched, LimitMs, Union with { Mode = IsochroneMode.PerBase }).Count;
}
