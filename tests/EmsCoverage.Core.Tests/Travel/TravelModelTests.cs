using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.Travel;

namespace EmsCoverage.Core.Tests.Travel;

/// <summary>Time bands, the sirens factor and congestion zones: hand-computed times on hand-built networks.</summary>
public class TravelModelTests
{
    private static readonly TimeBand MorningPeak = new("morning_peak", null, 0.8,
        new Dictionary<RoadClass, double> { [RoadClass.Primary] = 0.6, [RoadClass.Residential] = 0.9 });

    // W --primary, 5 km, 360 s-- M --residential, 500 m, 60 s-- E, along 47°N; a ferry E -- F (600 s).
    private static RoadNetwork Line()
    {
        var b = new RoadNetworkBuilder();
        int w = b.AddNode(47.0, 9.00), m = b.AddNode(47.0, 9.0657), e = b.AddNode(47.0, 9.0723), f = b.AddNode(47.0, 9.10);
        b.AddRoad(w, m, 360_000, 360_000, 5000, 1, default, RoadClass.Primary);
        b.AddRoad(m, e, 60_000, 60_000, 500, 2, default, RoadClass.Residential);
        b.AddRoad(e, f, 600_000, 600_000, 2100, 3, default, RoadClass.Ferry);
        return b.Build();
    }

    [Fact]
    public void PeakBand_FlipsACellFromCoveredToBeyondStandard()
    {
        // Base at W (turnout 0), a cell at M, standard 8 min. Free flow: 6 min. Morning peak: primary at 60 %
        // of its speed, so 360 s / 0.6 = 600 s = 10 min > 8 min.
        var freeFlow = Line();
        var peak = TravelTimeModel.Apply(freeFlow, MorningPeak, sirens: null, zones: null);
        var snapper = new Snapper(freeFlow);
        Assert.True(snapper.TrySnap(47.0, 9.00, 50, out var baseSnap));
        var layer = new DemandLayer("test", [new DemandCell("m", 47.0, 9.0657, 100)], [], 100);
        var access = new AccessLeg(100, 6);
        var demand = SnappedDemand.Snap(snapper, layer, access);
        var zones = new[] { new ZoneStandard("core", 8 * 60_000) };
        var outside = new ZoneStandard("outside", 30 * 60_000);

        PopulationCoverage Run(RoadNetwork net)
        {
            var bases = new SourceSet(net, [baseSnap], [0]);
            var ws = new SearchWorkspace(net.NodeCount);
            int limit = PopulationCoverage.SearchLimitFor(outside.ThresholdMs);
            bases.Search(limit, ws);
            return PopulationCoverage.Evaluate(bases, demand, [0], zones, outside, ws, limit);
        }

        var free = Run(freeFlow);
        var busy = Run(peak);
        int accessMs = demand.AccessMs(0);
        Assert.Equal(CellStatus.Covered, free.Cells[0].Status);
        Assert.Equal(360_000 + accessMs, free.Cells[0].Times.BestMs);
        Assert.Equal(CellStatus.BeyondStandard, busy.Cells[0].Status);
        Assert.Equal(600_000 + accessMs, busy.Cells[0].Times.BestMs);
        Assert.Equal(100, free.ByZone[0].Covered);
        Assert.Equal(0, busy.ByZone[0].Covered);
    }

    [Fact]
    public void Apply_RetimesPerClass_KeepsTopologyAndFerries()
    {
        var net = Line();
        var peak = TravelTimeModel.Apply(net, MorningPeak, null, null);
        Assert.Same(net._firstArc, peak._firstArc);
        Assert.Same(net._arcHead, peak._arcHead);
        Assert.Same(net._arcRoadClass, peak._arcRoadClass);
        for (int a = 0; a < net.ArcCount; a++)
        {
            int expected = net.ArcRoadClass(a) switch
            {
                RoadClass.Primary => 600_000,             // 360 s / 0.6
                RoadClass.Residential => 66_667,          // 60 s / 0.9 = 66 666.7 ms
                RoadClass.Ferry => 600_000,               // never re-timed
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(expected, peak.ArcTravelTimeMs(a));
        }

        // The free-flow network is untouched.
        Assert.Equal(360_000, net.ArcTravelTimeMs(Enumerable.Range(0, net.ArcCount).First(a => net.ArcRoadClass(a) == RoadClass.Primary)));
    }

    [Theory]
    [InlineData(1000, 36_000, 1.5, 130, 27_692)]   // 100 km/h × 1.5 would be 150: capped at 130 → 1000 m in 27.69 s
    [InlineData(1000, 72_000, 1.5, 130, 48_000)]   // 50 km/h × 1.5 = 75 km/h, under the cap
    [InlineData(1000, 24_000, 1.2, 130, 24_000)]   // already 150 km/h: a speed-up never makes it faster, nor slower
    [InlineData(1000, 36_000, 0.5, 130, 72_000)]   // slow-downs are not capped
    [InlineData(1000, 0, 0.5, 130, 0)]             // zero-time arcs stay zero
    [InlineData(1, 1, 0.9, 130, 1)]                // rounding: 1.11 ms → 1 ms
    public void Retime_HandComputed(double lengthM, int timeMs, double factor, double capKmh, int expectedMs) =>
        Assert.Equal(expectedMs, TravelTimeModel.Retime(timeMs, lengthM, factor, capKmh));

    [Fact]
    public void Sirens_AndCongestionZone_Multiply_WithTheCapOnTheProduct()
    {
        var net = Line();
        var sirens = new SirensSettings(1.0, new Dictionary<RoadClass, double> { [RoadClass.Primary] = 1.25 }, 130);
        int primary = Enumerable.Range(0, net.ArcCount).First(a => net.ArcRoadClass(a) == RoadClass.Primary);
        int residential = Enumerable.Range(0, net.ArcCount).First(a => net.ArcRoadClass(a) == RoadClass.Residential);
        var arcZone = Enumerable.Repeat(-1, net.ArcCount).ToArray();
        arcZone[residential] = 0;
        var zones = new CongestionZoneArcs(arcZone, [new CongestionZone("centre", new Dictionary<string, double> { ["morning_peak"] = 0.5 })]);

        var times = TravelTimeModel.ArcTravelTimesMs(net, MorningPeak, sirens, zones);

        Assert.Equal(480_000, times[primary]);                // 360 s / (1.25 × 0.6) = 480 s
        Assert.Equal(133_333, times[residential]);            // 60 s / (0.9 × 0.5) = 133.33 s
        var night = new TimeBand("night", null, 1.0, new Dictionary<RoadClass, double>());
        var nightTimes = TravelTimeModel.ArcTravelTimesMs(net, night, sirens, zones);
        Assert.Equal(288_000, nightTimes[primary]);           // 50 km/h × 1.25 = 62.5 km/h, under the cap
        Assert.Equal(60_000, nightTimes[residential]);        // the zone lists no multiplier for night
    }

    [Fact]
    public void WithTravelTimes_RejectsWrongLengthAndNegativeTimes()
    {
        var net = Line();
        Assert.Throws<ArgumentException>(() => net.WithTravelTimes(new int[net.ArcCount - 1]));
        var times = new int[net.ArcCount];
        times[2] = -5;
        Assert.Throws<ArgumentException>(() => net.WithTravelTimes(times));
    }
}
