using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Routing;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// Issue 11's column engine on porto-metro: one column by the hierarchy sweep (PHAST) against the plain Dijkstra
/// baseline and our bounded search in the same run, 8 columns in one sweep, reverse sweeps, and the pair that backs the
/// Dijkstra-or-sweep rule (a 2-minute column, whose reach is ~1 % of the graph). The hierarchy is built in setup; its
/// build time and memory are printed there (a build is measured by <see cref="ColumnBatchBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class ColumnBenchmarks
{
    private const int LimitMs = 30 * 60_000;
    private const int ShortLimitMs = 2 * 60_000;
    private RoadNetwork _network = null!;
    private ContractionHierarchy _hierarchy = null!;
    private SweepWorkspace _sweep = null!;
    private SearchWorkspace _search = null!;
    private PlainDijkstra _plain = null!;
    private SearchSeed[] _oneSeed = null!;
    private SearchSeed[] _eightSeeds = null!;
    private int _base;

    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkData.PortoMetro();
        var clock = Stopwatch.StartNew();
        _hierarchy = ContractionHierarchy.Build(_network);
        Console.WriteLine($"// porto-metro hierarchy: built in {clock.ElapsedMilliseconds} ms (wall, loaded machine), {_hierarchy.ShortcutCount} shortcuts, " +
            $"{_hierarchy.UpArcCount} up / {_hierarchy.DownArcCount} down arcs, {_hierarchy.MemoryBytes / 1e6:F1} MB; sweep lanes {32L * _network.NodeCount / 1e6:F1} MB per thread");
        _sweep = new SweepWorkspace(_network.NodeCount);
        _search = new SearchWorkspace(_network.NodeCount);
        _plain = new PlainDijkstra(_network.NodeCount);
        int[] nodes = SyntheticNetworks.PickNodes(_network, 8, seed: 2015);
        _base = nodes[0];
        _oneSeed = [new SearchSeed(_base, 0, 0)];
        _eightSeeds = nodes.Select((n, k) => new SearchSeed(n, 0, k)).ToArray();
        MultiSourceSearch.Run(_network, _oneSeed, ShortLimitMs, _search, trackSecondSource: false);
        Console.WriteLine($"// 2-minute reach: {_search.ReachedNodes.Length} nodes = {100.0 * _search.ReachedNodes.Length / _network.NodeCount:F2} % of the graph");
        MultiSourceSearch.Run(_network, _oneSeed, LimitMs, _search, trackSecondSource: false);
        Console.WriteLine($"// 30-minute reach: {_search.ReachedNodes.Length} nodes = {100.0 * _search.ReachedNodes.Length / _network.NodeCount:F2} % of the graph");
    }

    [Benchmark(Baseline = true)]
    public int PlainDijkstra_30min() => _plain.Run(_network, _base, LimitMs);

    [Benchmark]
    public int PlainDijkstra_FullTree() => _plain.Run(_network, _base, int.MaxValue - 1);

    [Benchmark]
    public int OurDijkstra_30min() => MultiSourceSearch.Run(_network, _oneSeed, LimitMs, _search, trackSecondSource: false);

    [Benchmark]
    public int Sweep_OneColumn_30min()
    {
        PhastSweep.Run(_hierarchy, _oneSeed, LimitMs, SweepDirection.FromSources, _sweep);
        return _sweep.TimeMs(_hierarchy, 0, 0);
    }

    [Benchmark]
    public int Sweep_OneColumn_Unbounded()
    {
        PhastSweep.Run(_hierarchy, _oneSeed, ContractionHierarchy.MaxExactTimeMs, SweepDirection.FromSources, _sweep);
        return _sweep.TimeMs(_hierarchy, 0, 0);
    }

    /// <summary>8 columns in one sweep; divide by 8 for the cost per column.</summary>
    [Benchmark]
    public int Sweep_EightColumns_30min()
    {
        PhastSweep.Run(_hierarchy, _eightSeeds, LimitMs, SweepDirection.FromSources, _sweep);
        return _sweep.TimeMs(_hierarchy, 7, 0);
    }

    [Benchmark]
    public int Sweep_EightReverseColumns_30min()
    {
        PhastSweep.Run(_hierarchy, _eightSeeds, LimitMs, SweepDirection.ToTargets, _sweep);
        return _sweep.TimeMs(_hierarchy, 7, 0);
    }

    [Benchmark]
    public int OurDijkstra_2min() => MultiSourceSearch.Run(_network, _oneSeed, ShortLimitMs, _search, trackSecondSource: false);

    [Benchmark]
    public int Sweep_EightColumns_2min()
    {
        PhastSweep.Run(_hierarchy, _eightSeeds, ShortLimitMs, SweepDirection.FromSources, _sweep);
        return _sweep.TimeMs(_hierarchy, 7, 0);
    }
}

/// <summary>
/// Batches on porto-metro with 100,000 SYNTHETIC demand cells (<see cref="BenchmarkData.SyntheticCells"/>, seed 100):
/// 1,000 candidate sites by sweeps with the index loaded, 100 by one Dijkstra each (the same columns; ×10 for 1,000),
/// both on 2 threads; and the hierarchy build. Few iterations: each operation takes seconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ColumnBatchBenchmarks
{
    private const int LimitMs = 30 * 60_000;
    private RoadNetwork _network = null!;
    private SnappedDemand _demand = null!;
    private ContractionHierarchy _hierarchy = null!;
    private SnapPoint[] _candidates = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkData.PortoMetro();
        _demand = SnappedDemand.Snap(new Snapper(_network), BenchmarkData.SyntheticCells(_network, 100_000, seed: 100), new AccessLeg());
        _hierarchy = ContractionHierarchy.Build(_network);
        _candidates = SyntheticNetworks.PickNodes(_network, 1000, seed: 5)
            .Select(n => new SnapPoint(_network.FirstArc(n), 0, 0, _network.NodeLat(n), _network.NodeLon(n))).ToArray();
    }

    [Benchmark]
    public long Candidates1000_Sweep_2Threads() =>
        TravelTimeColumns.Build(_network, _demand, _candidates, new TravelTimeColumnOptions(LimitMs)
        {
            Hierarchy = _hierarchy, Method = ColumnMethod.Sweep, MaxDegreeOfParallelism = 2,
        }).EntryCount;

    [Benchmark(Baseline = true)]
    public long Candidates100_Dijkstra_2Threads() =>
        TravelTimeColumns.Build(_network, _demand, _candidates[..100], new TravelTimeColumnOptions(LimitMs)
        {
            Method = ColumnMethod.Dijkstra, MaxDegreeOfParallelism = 2,
        }).EntryCount;

    [Benchmark]
    public int HierarchyBuild() => ContractionHierarchy.Build(_network).ShortcutCount;
}
