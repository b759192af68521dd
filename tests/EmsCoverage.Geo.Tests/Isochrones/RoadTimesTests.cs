using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Geo.Tests.Isochrones;

/// <summary>The tracer's table of road arrivals answers exactly as <see cref="SourceSet.Evaluate"/> does.</summary>
public class RoadTimesTests
{
    [Fact]
    public void At_EqualsSourceSetEvaluate_EverywhereOnTheRoads_WithBasesMidRoadAndOneWayRoads()
    {
        var network = SyntheticNetworks.Grid(25, 25, seed: 21, originLat: 47.0, originLon: 9.5);
        var rng = new Random(3);
        // Bases mid-road on random arcs (some one-way), one exactly on a node, one at a head node.
        var snaps = new List<SnapPoint>();
        while (snaps.Count < 6)
        {
            int arc = rng.Next(network.ArcCount);
            if (network.IsArcInLargestComponent(arc))
            {
                double f = snaps.Count switch { 0 => 0, 1 => 1, _ => rng.NextDouble() };
                snaps.Add(new SnapPoint(arc, f, 0, network.NodeLat(network.ArcTail(arc)), network.NodeLon(network.ArcTail(arc))));
            }
        }

        var bases = new SourceSet(network, [.. snaps], [0, 5_000, 0, 20_000, 0, 1_000]);
        var workspace = new SearchWorkspace(network.NodeCount);
        const int LimitMs = 4 * 60_000;
        bases.Search(LimitMs, workspace, trackSecondSource: false);
        var grid = RoadGrid.Build(network, 47.0, 9.5, 47.04, 9.55, 100, 100, 50, 10_000_000);
        var times = new RoadTimes(network, grid, bases, workspace, LimitMs);

        int compared = 0;
        for (int road = 0; road < grid.Roads.Length; road++)
        {
            int arc = grid.Roads[road];
            double[] fractions = [0, 1, 0.5, rng.NextDouble(), rng.NextDouble(), 1e-9, 1 - 1e-9];
            foreach (double f in fractions)
            {
                var expected = bases.Evaluate(new SnapPoint(arc, f, 0, 0, 0), workspace, LimitMs);
                var (ms, source) = times.At(road, f);
                Assert.True(expected.BestMs == ms && expected.BestSource == source,
                    $"road {road} (arc {arc}) at {f}: Evaluate {expected.BestMs} ms by {expected.BestSource}, table {ms} ms by {source}");
                compared++;
            }
        }

        Assert.True(compared > 5000);
    }

    [Fact]
    public void Earliest_OnAOneWayRoad_DoesNotJumpToTheHeadNode()
    {
        // A one-way road A->B (100 m, 10 s) whose head B is also reached directly from the base in 1 s: just before B
        // the road is reached at 10 s (along it), at B itself at 1 s. The earliest arrival within 30 m of a point
        // 5 m before B is on the road (~8 s), not at B.
        var net = new PlaneNetwork().Node("A", 0, 0).Node("B", 100, 0).Node("C", 100, -10)
            .Road("A", "B", speedKmh: 36, oneWay: true).Road("A", "C", speedKmh: 360).Road("C", "B", speedKmh: 36);
        var bases = net.Bases((net.Arc("A", "C"), 0));
        var workspace = new SearchWorkspace(net.Network.NodeCount);
        bases.Search(60_000, workspace);
        var grid = RoadGrid.Build(net.Network, PlaneNetwork.Lat(-20), PlaneNetwork.Lon(-20), PlaneNetwork.Lat(20), PlaneNetwork.Lon(120), 50, 50, 10, 1_000_000);
        var times = new RoadTimes(net.Network, grid, bases, workspace, 60_000);
        int road = Array.IndexOf(grid.Roads, net.Arc("A", "B"));

        Assert.Equal(workspace.BestTimeMs(net["B"]), times.At(road, 1).TimeMs); // B itself: via C, about 2 s
        Assert.InRange(times.At(road, 1).TimeMs, 1_900, 2_100);
        var (earliest, _) = times.Earliest(road, at: 0.95, from: 0.65, to: 1);
        Assert.Equal(6_500, earliest);                                   // 65 m along the road, not B's 2 s
    }
}
