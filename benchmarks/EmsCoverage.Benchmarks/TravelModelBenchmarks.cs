using BenchmarkDotNet.Attributes;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.Travel;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// The travel model (issue 7) on porto-metro: re-timing the arcs for a band (O(arcs)), one band's search and
/// evaluation (the plain baseline), the four-band comparison with free flow (5 × baseline + 4 re-timings expected,
/// no rebuild), and the definitive-care second leg (reversed network built once; one search from the hospitals).
/// 20 seeded bases, 20,000 SYNTHETIC demand cells (seeded, within 200 m of random nodes), 10-minute standard.
/// </summary>
[MemoryDiagnoser]
public class TravelModelBenchmarks
{
    private static readonly ZoneStandard Standard = new("all", 10 * 60_000);
    private readonly int _limitMs = PopulationCoverage.SearchLimitFor(Standard.ThresholdMs);
    private RoadNetwork _freeFlow = null!;
    private IReadOnlyList<TimeBand> _bands = null!;
    private SnapPoint[] _bases = null!;
    private SnapPoint[] _hospitals = null!;
    private SnappedDemand _demand = null!;
    private int[] _zones = null!;
    private SearchWorkspace _workspace = null!;
    private ReversedNetwork _reversed = null!;
    private RoadNetwork _peak = null!;

    [GlobalSetup]
    public void Setup()
    {
        _freeFlow = BenchmarkData.PortoMetro();
        _bands = AmbulanceProfile.Default.TimeBands;
        var snapper = new Snapper(_freeFlow);
        var layer = BenchmarkData.SyntheticCells(_freeFlow, 20_000, seed: 700);
        _demand = SnappedDemand.Snap(snapper, layer, new AccessLeg());
        _zones = new int[layer.Cells.Count];
        Array.Fill(_zones, -1);
        _bases = SyntheticNetworks.PickNodes(_freeFlow, 20, 7).Select(AtNode).ToArray();
        _hospitals = SyntheticNetworks.PickNodes(_freeFlow, 6, 8).Select(AtNode).ToArray();
        _workspace = new SearchWorkspace(_freeFlow.NodeCount);
        _reversed = ReversedNetwork.Build(_freeFlow);
        _peak = TravelTimeModel.Apply(_freeFlow, AmbulanceProfile.Default.GetTimeBand("morning_peak"), AmbulanceProfile.Default.Sirens, null);
    }

    private SnapPoint AtNode(int n) => new(_freeFlow.FirstArc(n), 0, 0, _freeFlow.NodeLat(n), _freeFlow.NodeLon(n));

    /// <summary>Baseline: one band's coverage = one search + one evaluation over the cells.</summary>
    [Benchmark(Baseline = true)]
    public double OneBand_SearchAndEvaluate() => SearchAndEvaluate(_peak);

    /// <summary>Re-timing every arc for one band (no search).</summary>
    [Benchmark]
    public int Retime_MorningPeak() => TravelTimeModel.Apply(_freeFlow, _bands[2], AmbulanceProfile.Default.Sirens, null).ArcCount;

    /// <summary>--compare-bands: free flow and the four bands, each re-timed and searched once.</summary>
    [Benchmark]
    public double CompareBands_FreeFlowAnd4Bands()
    {
        double covered = SearchAndEvaluate(_freeFlow);
        foreach (var band in _bands)
        {
            covered += SearchAndEvaluate(TravelTimeModel.Apply(_freeFlow, band, AmbulanceProfile.Default.Sirens, null));
        }

        return covered;
    }

    /// <summary>Building the reversed network (once per care run).</summary>
    [Benchmark]
    public int ReversedNetwork_Build() => ReversedNetwork.Build(_freeFlow).Network.ArcCount;

    /// <summary>Definitive care's second leg: one search from 6 hospitals on the reversed network, read at every cell.</summary>
    [Benchmark]
    public int HospitalLeg_ReverseSearch_6Hospitals() =>
        DefinitiveCare.TimeToNearestFacilityMs(_reversed, _hospitals, _demand, _limitMs, _workspace, out _).Length;

    private double SearchAndEvaluate(RoadNetwork network)
    {
        var bases = new SourceSet(network, _bases, new int[_bases.Length]);
        bases.Search(_limitMs, _workspace);
        return PopulationCoverage.Evaluate(bases, _demand, _zones, [], Standard, _workspace, _limitMs).Overall.Covered;
    }
}
