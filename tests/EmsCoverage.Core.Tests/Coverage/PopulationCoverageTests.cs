using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Coverage;

public class PopulationCoverageTests
{
    // An east-west road along 47°N from 9.00° to 9.10° (≈ 7.6 km), nodes every 0.01° (≈ 760 m), each piece 60 s
    // both ways; node k at lon 9.00 + 0.01·k. Base W sits at node 0, base E at node 10. An island road lies far
    // north, on its own component.
    private static (RoadNetwork Net, Snapper Snapper) Line()
    {
        var b = new RoadNetworkBuilder();
        var ids = Enumerable.Range(0, 11).Select(k => b.AddNode(47.0, 9.0 + (0.01 * k))).ToArray();
        for (int k = 0; k < 10; k++)
        {
            b.AddRoad(ids[k], ids[k + 1], 60_000, 60_000, 760, k + 1);
        }

        var net = b.Build();
        return (net, new Snapper(net));
    }

    private static SourceSet Bases(RoadNetwork net, Snapper snapper, params (double Lon, int TurnoutMs)[] bases)
    {
        var snaps = bases.Select(x =>
        {
            Assert.True(snapper.TrySnap(47.0, x.Lon, 100, out var s));
            return s;
        }).ToArray();
        return new SourceSet(net, snaps, bases.Select(x => x.TurnoutMs).ToArray());
    }

    private static DemandLayer Cells(params (string Id, double Lat, double Lon, double People)[] cells) =>
        new("test", cells.Select(c => new DemandCell(c.Id, c.Lat, c.Lon, c.People)).ToArray(), [], cells.Sum(c => c.People));

    [Fact]
    public void StandardPerZone_DecidesCoverage_AndTheAccessLegCounts()
    {
        var (net, snapper) = Line();
        var bases = Bases(net, snapper, (9.00, 0));
        // core cell at node 2 (120 s by road), township cell at node 8 (480 s), a cell 111 m north of node 5
        // (300 s + 111 m at 6 km/h = 66.6 s → 366.6 s).
        var layer = Cells(("core", 47.0, 9.02, 100), ("town", 47.0, 9.08, 40), ("off-road", 47.001, 9.05, 10));
        var zones = new[] { new ZoneStandard("urban_core", 150_000), new ZoneStandard("township", 400_000) };

        var result = PopulationCoverage.Compute(net, snapper, bases, layer, [0, 1, 1], zones,
            new ZoneStandard("default", 1_800_000), new AccessLeg(MaxSnapDistanceM: 500, OffRoadSpeedKmh: 6));

        Assert.Equal(CellStatus.Covered, result.Cells[0].Status);
        Assert.Equal(120_000, result.Cells[0].Times.BestMs);
        Assert.Equal(CellStatus.BeyondStandard, result.Cells[1].Status); // 480 s > 400 s
        Assert.Equal(CellStatus.Covered, result.Cells[2].Status);
        Assert.InRange(result.Cells[2].Times.BestMs, 366_000, 367_500);
        Assert.Equal(100, result.ByZone[0].Covered);
        Assert.Equal(10, result.ByZone[1].Covered);
        Assert.Equal(40, result.ByZone[1].BeyondStandard);
        Assert.Equal(150, result.Overall.Population);
        Assert.Equal(0, result.ByZone[2].Population); // default zone: nobody
    }

    [Fact]
    public void CellsBeyondSnapDistance_AreNoRoadNearby_AndIslandsNotReachable_AndNothingIsLost()
    {
        var b = new RoadNetworkBuilder();
        int a = b.AddNode(47.0, 9.0), c = b.AddNode(47.0, 9.01);
        b.AddRoad(a, c, 60_000, 60_000, 760, 1);
        int i1 = b.AddNode(47.5, 9.0), i2 = b.AddNode(47.5, 9.0001);
        b.AddRoad(i1, i2, 1000, 1000, 8, 2);   // island: not a snap target (not in the main component)
        var net = b.Build();
        var snapper = new Snapper(net);
        var bases = Bases(net, snapper, (9.0, 0));
        var layer = Cells(("near", 47.0, 9.005, 5), ("far", 47.02, 9.005, 7), ("island", 47.5, 9.00005, 11));

        var result = PopulationCoverage.Compute(net, snapper, bases, layer, [-1, -1, -1], [],
            new ZoneStandard("all", 600_000), new AccessLeg(MaxSnapDistanceM: 1000));

        Assert.Equal(CellStatus.Covered, result.Cells[0].Status);
        Assert.Equal(CellStatus.NoRoadNearby, result.Cells[1].Status);   // 2.2 km from the road
        Assert.Equal(CellStatus.NoRoadNearby, result.Cells[2].Status);   // the island is never snapped to
        var z = result.ByZone[0];
        Assert.Equal(23, z.Population);
        Assert.Equal(z.Population, z.Covered + z.BeyondStandard + z.NotReachableByRoad + z.NoRoadNearby);
    }

    [Fact]
    public void SecondBase_Redundancy_AndNMinusOne()
    {
        var (net, snapper) = Line();
        // W at node 0, E at node 10; standard 4 min.
        var bases = Bases(net, snapper, (9.00, 0), (9.10, 0));
        // node 1: W 60 s, E 540 s → covered by W only (lost if W is out)
        // node 5: W 300 s, E 300 s → not covered (300 > 240)
        // node 9: E 60 s, W 540 s → covered by E only
        // node 2: W 120 s, E 480 s → covered by W only
        var layer = Cells(("n1", 47.0, 9.01, 10), ("n5", 47.0, 9.05, 20), ("n9", 47.0, 9.09, 30), ("n2", 47.0, 9.02, 5));
        var zones = new[] { new ZoneStandard("z", 240_000) };

        var result = PopulationCoverage.Compute(net, snapper, bases, layer, [0, 0, 0, 0], zones, new ZoneStandard("default", 240_000), new AccessLeg());

        Assert.Equal(0, result.Cells[0].Times.BestSource);
        Assert.Equal(540_000, result.Cells[0].Times.SecondMs);
        Assert.Equal(1, result.Cells[0].Times.SecondSource);
        Assert.Equal(15, result.ByBase[0].LostIfUnavailable);
        Assert.Equal(30, result.ByBase[1].LostIfUnavailable);
        Assert.Equal(35, result.ByBase[0].Nearest);   // n1 + n2 + n5 (the tie at n5 goes to the lower index, W)
        Assert.Equal(30, result.ByBase[1].Nearest);
        Assert.Equal(15, result.ByBase[0].NearestAndCovered);
        Assert.Equal(0, result.Overall.CoveredTwice);
    }

    [Fact]
    public void NMinusOne_EqualsTheCoverageLostWhenTheBaseIsRemoved()
    {
        var net = SyntheticNetworks.Grid(30, 30, seed: 8);
        var snapper = new Snapper(net);
        var rng = new Random(3);
        var cells = Enumerable.Range(0, 400).Select(i =>
        {
            int n = rng.Next(net.NodeCount);
            return new DemandCell($"c{i}", net.NodeLat(n) + 0.0003, net.NodeLon(n), rng.Next(0, 500));
        }).ToArray();
        var layer = new DemandLayer("grid", cells, [], cells.Sum(c => c.Population));
        var baseNodes = SyntheticNetworks.PickNodes(net, 5, seed: 4);
        var snaps = baseNodes.Select(n =>
        {
            Assert.True(snapper.TrySnap(net.NodeLat(n), net.NodeLon(n), 50, out var s));
            return s;
        }).ToArray();
        int[] turnout = [0, 30_000, 60_000, 0, 45_000];
        var zones = new[] { new ZoneStandard("z", 180_000) };
        var zoneOf = new int[cells.Length];

        var all = PopulationCoverage.Compute(net, snapper, new SourceSet(net, snaps, turnout), layer, zoneOf, zones, zones[0], new AccessLeg());
        Assert.True(all.Overall.Covered > 0 && all.Overall.Covered < all.Overall.Population, "the test needs partial coverage");
        Assert.Equal(all.Overall.Population, all.Overall.Covered + all.Overall.BeyondStandard + all.Overall.NotReachableByRoad + all.Overall.NoRoadNearby, 6);

        for (int removed = 0; removed < snaps.Length; removed++)
        {
            int r = removed;
            var keep = Enumerable.Range(0, snaps.Length).Where(i => i != r).ToArray();
            var without = PopulationCoverage.Compute(net, snapper,
                new SourceSet(net, keep.Select(i => snaps[i]).ToArray(), keep.Select(i => turnout[i]).ToArray()),
                layer, zoneOf, zones, zones[0], new AccessLeg());
            Assert.Equal(all.ByBase[removed].LostIfUnavailable, all.Overall.Covered - without.Overall.Covered, 6);
        }
    }

    [Fact]
    public void PopulationByMinute_IsCumulativeAndEndsAtTheReachedPopulation()
    {
        var (net, snapper) = Line();
        var bases = Bases(net, snapper, (9.00, 0));
        var layer = Cells(("a", 47.0, 9.00, 1), ("b", 47.0, 9.01, 2), ("c", 47.0, 9.05, 4));
        var r = PopulationCoverage.Compute(net, snapper, bases, layer, [-1, -1, -1], [], new ZoneStandard("d", 600_000), new AccessLeg());
        var curve = r.Overall.PopulationWithinMinute;
        Assert.Equal(1, curve[0]);   // at the base
        Assert.Equal(3, curve[1]);   // 60 s
        Assert.Equal(3, curve[4]);
        Assert.Equal(7, curve[5]);   // 300 s
        Assert.Equal(7, curve[60]);
    }
}
