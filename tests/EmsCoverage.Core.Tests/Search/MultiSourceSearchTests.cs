using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Search;

public class MultiSourceSearchTests
{
    private const int Unreached = SearchWorkspace.Unreached;

    private static SearchWorkspace Run(NamedNetwork n, int limitMs, params (string Node, int TimeMs, int Source)[] seeds)
    {
        var ws = new SearchWorkspace(n.Network.NodeCount);
        MultiSourceSearch.Run(n.Network, seeds.Select(s => new SearchSeed(n[s.Node], s.TimeMs, s.Source)).ToArray(), limitMs, ws);
        return ws;
    }

    //  A --60s--> B --60s--> C --30s--> D      (all one-way)
    //  └──────── 200s ───────┘
    [Fact]
    public void OneWay_TwoShortArcsBeatOneLong_AndNothingFlowsBackwards()
    {
        var n = TestNetworks.FromRoads(("A", "B", 60, -1), ("B", "C", 60, -1), ("A", "C", 200, -1), ("C", "D", 30, -1));

        var fromA = Run(n, 3_600_000, ("A", 0, 0));
        Assert.Equal(120_000, fromA.BestTimeMs(n["C"]));
        Assert.Equal(150_000, fromA.BestTimeMs(n["D"]));

        var fromD = Run(n, 3_600_000, ("D", 0, 0));
        Assert.Equal(0, fromD.BestTimeMs(n["D"]));
        Assert.Equal(Unreached, fromD.BestTimeMs(n["C"]));
        Assert.Equal(SearchWorkspace.NoSource, fromD.BestSource(n["A"]));
    }

    //  S0 (turnout 90 s) --10s-- X --10s-- S1 (turnout 0)      two-way
    //  X is reached by S1 at 10 s and by S0 at 100 s.
    [Fact]
    public void TurnoutDelay_IsASeedOffset_AndDecidesTheNearestBase()
    {
        var n = TestNetworks.FromRoads(("S0", "X", 10, 10), ("X", "S1", 10, 10));

        var ws = Run(n, 3_600_000, ("S0", 90_000, 0), ("S1", 0, 1));

        Assert.Equal(10_000, ws.BestTimeMs(n["X"]));
        Assert.Equal(1, ws.BestSource(n["X"]));
        Assert.Equal(100_000, ws.SecondTimeMs(n["X"]));
        Assert.Equal(0, ws.SecondSource(n["X"]));
        Assert.Equal(20_000, ws.BestTimeMs(n["S0"]));  // S1 drives to S0's base before S0's crew leaves
        Assert.Equal(1, ws.BestSource(n["S0"]));
        Assert.Equal(90_000, ws.SecondTimeMs(n["S0"]));
    }

    //  S0 --30s-- M --30s-- S1    M is reached at 30 s by both: the tie goes to the smaller source index,
    //  whatever the order of the seeds.
    [Fact]
    public void TwoBasesAtEqualTime_TieGoesToSmallerIndex_RegardlessOfSeedOrder()
    {
        var n = TestNetworks.FromRoads(("S0", "M", 30, 30), ("M", "S1", 30, 30));

        var forward = Run(n, 3_600_000, ("S0", 0, 0), ("S1", 0, 1));
        var backward = Run(n, 3_600_000, ("S1", 0, 1), ("S0", 0, 0));

        foreach (var ws in new[] { forward, backward })
        {
            Assert.Equal(30_000, ws.BestTimeMs(n["M"]));
            Assert.Equal(0, ws.BestSource(n["M"]));
            Assert.Equal(30_000, ws.SecondTimeMs(n["M"]));
            Assert.Equal(1, ws.SecondSource(n["M"]));
        }
    }

    //  A --10s-- B        C --10s-- D      (two islands)
    [Fact]
    public void UnreachableIsland_StaysUnreached()
    {
        var n = TestNetworks.FromRoads(("A", "B", 10, 10), ("C", "D", 10, 10));

        var ws = Run(n, 3_600_000, ("A", 0, 0));

        Assert.Equal(10_000, ws.BestTimeMs(n["B"]));
        Assert.Equal(Unreached, ws.BestTimeMs(n["C"]));
        Assert.Equal(Unreached, ws.BestTimeMs(n["D"]));
        Assert.Equal(2, ws.ReachedNodes.Length);
    }

    //  A --0s-- B --0s-- C --5s-- D       zero-length arcs (e.g. two OSM nodes at one place)
    [Fact]
    public void ZeroTimeArcs_PropagateWithoutCost()
    {
        var n = TestNetworks.FromRoads(("A", "B", 0, 0), ("B", "C", 0, 0), ("C", "D", 5, 5));

        var ws = Run(n, 3_600_000, ("A", 7_000, 0));

        Assert.Equal(7_000, ws.BestTimeMs(n["C"]));
        Assert.Equal(12_000, ws.BestTimeMs(n["D"]));
    }

    //  A --60s-- B --60s-- C     limit 120 s: C at exactly 120 s is reached (inclusive), limit 119.999 s it is not
    [Fact]
    public void Limit_IsInclusive()
    {
        var n = TestNetworks.FromRoads(("A", "B", 60, 60), ("B", "C", 60, 60));

        Assert.Equal(120_000, Run(n, 120_000, ("A", 0, 0)).BestTimeMs(n["C"]));
        Assert.Equal(Unreached, Run(n, 119_999, ("A", 0, 0)).BestTimeMs(n["C"]));
    }

    //  A ======= B     a 100 s two-way road; a station at 25 % from A, a patient at 75 %.
    //  Station → B: 75 s; → A: 25 s; → patient directly: 50 s (not via B and back).
    [Fact]
    public void PartialArcs_SeedBothEnds_AndReachAPointOnTheSameRoadDirectly()
    {
        var n = TestNetworks.FromRoads(("A", "B", 100, 100), ("B", "C", 40, 40));
        var net = n.Network;
        int ab = n.Arc("A", "B");
        var sources = new SourceSet(net, [new SnapPoint(ab, 0.25, 0, 0, 0)], [0]);
        var ws = new SearchWorkspace(net.NodeCount);

        sources.Search(3_600_000, ws);

        Assert.Equal(25_000, ws.BestTimeMs(n["A"]));
        Assert.Equal(75_000, ws.BestTimeMs(n["B"]));
        Assert.Equal(115_000, ws.BestTimeMs(n["C"]));
        Assert.Equal(50_000, sources.Evaluate(new SnapPoint(ab, 0.75, 0, 0, 0), ws, 3_600_000).BestMs);
        // The same patient seen on the twin arc B→A at 25 %.
        Assert.Equal(50_000, sources.Evaluate(new SnapPoint(n.Arc("B", "A"), 0.25, 0, 0, 0), ws, 3_600_000).BestMs);
        // Behind the station on a one-way road the patient would need a detour; here the road is two-way: 15 s.
        Assert.Equal(15_000, sources.Evaluate(new SnapPoint(ab, 0.10, 0, 0, 0), ws, 3_600_000).BestMs);
    }

    //  A ----100s----> B      one-way; station at 50 %, patient at 25 %: unreachable (cannot reverse),
    //                         patient at 75 %: 25 s.
    [Fact]
    public void PartialArcs_OnAOneWayRoad_OnlyAheadIsReached()
    {
        var n = TestNetworks.FromRoads(("A", "B", 100, -1));
        int ab = n.Arc("A", "B");
        var sources = new SourceSet(n.Network, [new SnapPoint(ab, 0.5, 0, 0, 0)], [0]);
        var ws = new SearchWorkspace(n.Network.NodeCount);

        sources.Search(3_600_000, ws);

        Assert.Equal(Unreached, ws.BestTimeMs(n["A"]));
        Assert.Equal(50_000, ws.BestTimeMs(n["B"]));
        Assert.Equal(25_000, sources.Evaluate(new SnapPoint(ab, 0.75, 0, 0, 0), ws, 3_600_000).BestMs);
        Assert.Equal(Unreached, sources.Evaluate(new SnapPoint(ab, 0.25, 0, 0, 0), ws, 3_600_000).BestMs);
    }

    [Fact]
    public void NegativeLimit_IsRejected()
    {
        var n = TestNetworks.FromRoads(("A", "B", 1, 1));
        var ws = new SearchWorkspace(n.Network.NodeCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiSourceSearch.Run(n.Network, [new SearchSeed(0, 0, 0)], -1, ws));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiSourceSearch.Run(n.Network, [new SearchSeed(5, 0, 0)], 10, ws));
    }

    [Fact]
    public void WorkspaceTooSmall_IsRejectedWithAnExplanation()
    {
        var n = TestNetworks.FromRoads(("A", "B", 1, 1), ("B", "C", 1, 1));
        var ex = Assert.Throws<ArgumentException>(() => MultiSourceSearch.Run(n.Network, [new SearchSeed(0, 0, 0)], 10, new SearchWorkspace(2)));
        Assert.Contains("workspace", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
