using BenchmarkDotNet.Attributes;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// What-if studies and placement (issue 5) on porto-metro with 100,000 SYNTHETIC demand cells (seeded: within 200 m
/// of random nodes, 1–49 people each; not a real population) and one zone with a 10-minute standard.
/// <list type="bullet">
/// <item>Columns: 50 candidate sites per operation on all cores (Units = candidates, so ns/unit is the cost per
/// candidate; 1,000 candidates cost 20 operations), and one column on one thread.</item>
/// <item>One scenario of 20 bases from their columns: the min-reduction alone, the summary figures
/// (<see cref="ScenarioEvaluator.Summarize"/>: zones, redundancy, N-1, per-cell status, no per-cell objects) and the
/// full coverage figures (<see cref="PopulationCoverage"/>, per-cell results and the by-minute curve), with columns
/// bounded at the standard (10 min) and at the coverage run's limit (60 min, for the by-minute curve).
/// Units = (cell, time) pairs merged.</item>
/// <item>Placement of 10 sites among 1,000 candidates with 20 bases kept, greedy alone and greedy + swaps; columns
/// are built in setup. Units = candidates.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[SettledColumns]
public class WhatIfBenchmarks
{
    private const int StandardMs = 10 * 60_000;
    private static readonly ZoneStandard Standard = new("all", StandardMs);
    private RoadNetwork _network = null!;
    private SnappedDemand _demand = null!;
    private int[] _cellZone = null!;
    private SnapPoint[] _candidates = null!;
    private ScenarioEvaluator _at10 = null!;
    private ScenarioEvaluator _at60 = null!;
    private ScenarioEvaluator _placement = null!;
    private ScenarioBase[] _bases = null!;
    private ScenarioBase[] _candidateBases = null!;
    private ArrivalTimes[] _arrivals = null!;
    private ScenarioSummary _summary10 = null!;
    private ScenarioSummary _summary60 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkData.PortoMetro();
        var snapper = new Snapper(_network);
        _demand = SnappedDemand.Snap(snapper, BenchmarkData.SyntheticCells(_network, 100_000, seed: 100), new AccessLeg());
        _cellZone = new int[_demand.Layer.Cells.Count];
        Array.Fill(_cellZone, -1);
        var baseSites = AtNodes(SyntheticNetworks.PickNodes(_network, 20, seed: 2));
        _candidates = AtNodes(SyntheticNetworks.PickNodes(_network, 1000, seed: 5));
        _bases = Enumerable.Range(0, 20).Select(i => new ScenarioBase(i, 60_000)).ToArray();
        _candidateBases = Enumerable.Range(20, 1000).Select(i => new ScenarioBase(i, 60_000)).ToArray();
        _arrivals = new ArrivalTimes[_demand.Layer.Cells.Count];

        var columns10 = TravelTimeColumns.Build(_network, _demand, baseSites, new TravelTimeColumnOptions(StandardMs));
        var columns60 = TravelTimeColumns.Build(_network, _demand, baseSites, new TravelTimeColumnOptions(PopulationCoverage.SearchLimitFor(StandardMs)));
        _at10 = new ScenarioEvaluator(columns10, _demand);
        _at60 = new ScenarioEvaluator(columns60, _demand);
        _summary10 = new ScenarioSummary(_at10);
        _summary60 = new ScenarioSummary(_at60);
        var all = TravelTimeColumns.Build(_network, _demand, [.. baseSites, .. _candidates], new TravelTimeColumnOptions(StandardMs), reuse: columns10);
        _placement = new ScenarioEvaluator(all, _demand);

        Console.WriteLine($"// porto-metro: {_network.NodeCount:N0} nodes; {_demand.Layer.Cells.Count:N0} synthetic cells");
        Console.WriteLine($"// 20 base columns at 10 min: {columns10.EntryCount:N0} pairs ({columns10.MemoryBytes / 1e6:0.0} MB); at 60 min: {columns60.EntryCount:N0} pairs ({columns60.MemoryBytes / 1e6:0.0} MB)");
        Console.WriteLine($"// 1,020 columns at 10 min: {all.EntryCount:N0} pairs, {all.MemoryBytes / 1e6:0.0} MB");
        SettledCounts.Record(Key(nameof(BuildColumns_50Candidates_AllCores)), 50);
        SettledCounts.Record(Key(nameof(BuildColumn_OneCandidate_OneThread)), 1);
        SettledCounts.Record(Key(nameof(Scenario20Bases_Reduction_10min)), columns10.EntryCount);
        SettledCounts.Record(Key(nameof(Scenario20Bases_Summary_10min)), columns10.EntryCount);
        SettledCounts.Record(Key(nameof(Scenario20Bases_Coverage_10min)), columns10.EntryCount);
        SettledCounts.Record(Key(nameof(Scenario20Bases_Reduction_60min)), columns60.EntryCount);
        SettledCounts.Record(Key(nameof(Scenario20Bases_Summary_60min)), columns60.EntryCount);
        SettledCounts.Record(Key(nameof(Scenario20Bases_Coverage_60min)), columns60.EntryCount);
        SettledCounts.Record(Key(nameof(Place10Of1000_Greedy)), 1000);
        SettledCounts.Record(Key(nameof(Place10Of1000_GreedyAndSwaps)), 1000);
    }

    [Benchmark]
    public long BuildColumns_50Candidates_AllCores() =>
        TravelTimeColumns.Build(_network, _demand, _candidates.AsSpan(0, 50).ToArray(), new TravelTimeColumnOptions(StandardMs)).EntryCount;

    [Benchmark]
    public long BuildColumn_OneCandidate_OneThread() =>
        TravelTimeColumns.Build(_network, _demand, [_candidates[7]], new TravelTimeColumnOptions(StandardMs) { MaxDegreeOfParallelism = 1 }).EntryCount;

    [Benchmark]
    public int Scenario20Bases_Reduction_10min()
    {
        _at10.ComputeRoadArrivals(_bases, StandardMs, _arrivals);
        return _arrivals[12_345].BestSource;
    }

    [Benchmark]
    public double Scenario20Bases_Summary_10min()
    {
        _at10.Summarize(_bases, _cellZone, [], Standard, StandardMs, _summary10);
        return _summary10.Overall.Covered;
    }

    [Benchmark]
    public double Scenario20Bases_Coverage_10min() => _at10.Evaluate(_bases, _cellZone, [], Standard, StandardMs).Overall.Covered;

    [Benchmark]
    public int Scenario20Bases_Reduction_60min()
    {
        _at60.ComputeRoadArrivals(_bases, _at60.Columns.LimitMs, _arrivals);
        return _arrivals[12_345].BestSource;
    }

    [Benchmark]
    public double Scenario20Bases_Summary_60min()
    {
        _at60.Summarize(_bases, _cellZone, [], Standard, _at60.Columns.LimitMs, _summary60);
        return _summary60.Overall.Covered;
    }

    [Benchmark]
    public double Scenario20Bases_Coverage_60min() => _at60.Evaluate(_bases, _cellZone, [], Standard, _at60.Columns.LimitMs).Overall.Covered;

    [Benchmark]
    public double Place10Of1000_Greedy() =>
        StationPlacement.Optimize(_placement, _cellZone, [], Standard, _bases, _candidateBases, new PlacementOptions { SiteCount = 10, LocalSearch = false }).Objective;

    [Benchmark]
    public double Place10Of1000_GreedyAndSwaps() =>
        StationPlacement.Optimize(_placement, _cellZone, [], Standard, _bases, _candidateBases, new PlacementOptions { SiteCount = 10 }).Objective;

    private static string Key(string method) => $"{nameof(WhatIfBenchmarks)}.{method}";

    private SnapPoint[] AtNodes(int[] nodes) =>
        [.. nodes.Select(n => new SnapPoint(_network.FirstArc(n), 0, 0, _network.NodeLat(n), _network.NodeLon(n)))];
}
