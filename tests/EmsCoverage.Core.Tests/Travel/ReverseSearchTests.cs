using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Travel;

/// <summary>
/// The reversed network and the search from hospitals on it, against oracles that share nothing with it: an
/// independently built reversed network (arcs added to a fresh builder), and the reference Dijkstra run forward
/// from every node to the hospitals on the original network.
/// </summary>
public class ReverseSearchTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 12));

    // Positions drawn from doubles: a partial time on exactly half a millisecond (where reversing a position may
    // round the other way by 1 ms) does not occur.
    private static SnapPoint RandomSnap(RoadNetwork net, Random rng)
    {
        int arc = rng.Next(net.ArcCount);
        double f = rng.Next(6) switch { 0 => 0, 1 => 1, _ => rng.NextDouble() };
        return new SnapPoint(arc, f, 0, 0, 0);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReversedNetwork_EqualsAnIndependentlyBuiltReverse_AtEveryNode(int seed)
    {
        var net = TestNetworks.Random(seed);
        var reversed = ReversedNetwork.Build(net);

        // The oracle: every road added again with its directions swapped, to a fresh builder (nodes in the same
        // order at the same places, so BuiltNodeId maps them).
        var b = new RoadNetworkBuilder();
        for (int v = 0; v < net.NodeCount; v++)
        {
            b.AddNode(net.NodeLat(v), net.NodeLon(v));
        }

        for (int a = 0; a < net.ArcCount; a++)
        {
            int twin = net.ArcTwin(a);
            if (twin == RoadNetwork.NoArc)
            {
                b.AddRoad(net.ArcHead(a), net.ArcTail(a), net.ArcTravelTimeMs(a), -1, net.ArcLengthM(a), 0);
            }
            else if (a < twin)
            {
                b.AddRoad(net.ArcHead(a), net.ArcTail(a), net.ArcTravelTimeMs(a), net.ArcTravelTimeMs(twin), net.ArcLengthM(a), 0);
            }
        }

        var oracle = b.Build();
        var rng = new Random(seed);
        var seedNodes = Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => rng.Next(net.NodeCount)).ToArray();
        var ws1 = new SearchWorkspace(net.NodeCount);
        var ws2 = new SearchWorkspace(net.NodeCount);
        MultiSourceSearch.Run(reversed.Network, seedNodes.Select((n, i) => new SearchSeed(n, i * 1000, i)).ToArray(), int.MaxValue - 1, ws1);
        MultiSourceSearch.Run(oracle, seedNodes.Select((n, i) => new SearchSeed(b.BuiltNodeId(n), i * 1000, i)).ToArray(), int.MaxValue - 1, ws2);
        for (int v = 0; v < net.NodeCount; v++)
        {
            int w = b.BuiltNodeId(v);
            Assert.Equal(ws2.BestTimeMs(w), ws1.BestTimeMs(v));
            Assert.Equal(ws2.BestSource(w), ws1.BestSource(v));
            Assert.Equal(ws2.SecondTimeMs(w), ws1.SecondTimeMs(v));
        }

        Assert.Equal(net.ArcCount, reversed.Network.ArcCount);
        for (int a = 0; a < net.ArcCount; a++)
        {
            int r = reversed.ReversedArc(a);
            Assert.Equal(a, reversed.ForwardArc(r));
            Assert.Equal(net.ArcTail(a), reversed.Network.ArcHead(r));
            Assert.Equal(net.ArcHead(a), reversed.Network.ArcTail(r));
            Assert.Equal(net.ArcTravelTimeMs(a), reversed.Network.ArcTravelTimeMs(r));
            Assert.Equal(net.ArcShapePoint(a, 0), reversed.Network.ArcShapePoint(r, reversed.Network.ArcShapePointCount(r) - 1));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SearchFromHospitalsOnReversedNetwork_EqualsReferenceDijkstraFromEveryNodeAndCell(int seed)
    {
        var net = TestNetworks.Random(seed);
        var reversed = ReversedNetwork.Build(net);
        var rng = new Random(seed * 31);
        var hospitals = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => RandomSnap(net, rng)).ToArray();
        var cells = Enumerable.Range(0, 15).Select(_ => RandomSnap(net, rng)).ToArray();

        var set = new SourceSet(reversed.Network, hospitals.Select(reversed.ToReversed).ToArray(), new int[hospitals.Length]);
        var ws = new SearchWorkspace(net.NodeCount);
        set.Search(int.MaxValue - 1, ws);

        // Oracle: forward reference Dijkstra on the original network from each node (as a source on one of its
        // outgoing arcs, at the tail) to the hospitals; the time to the nearest one.
        for (int v = 0; v < net.NodeCount; v++)
        {
            if (net.FirstArc(v) == net.FirstArc(v + 1))
            {
                continue; // no outgoing arc: cannot be a source of the reference
            }

            var from = new SnapPoint(net.FirstArc(v), 0, 0, 0, 0);
            long expected = NearestMs(net, from, hospitals);
            Assert.True((expected == long.MaxValue ? SearchWorkspace.Unreached : expected) == ws.BestTimeMs(v),
                $"seed {seed}, node {v}: reference {expected}, reverse search {ws.BestTimeMs(v)}");
        }

        foreach (var cell in cells)
        {
            long expected = NearestMs(net, cell, hospitals);
            int actual = set.Evaluate(reversed.ToReversed(cell), ws, int.MaxValue - 1).BestMs;
            Assert.True((expected == long.MaxValue ? SearchWorkspace.Unreached : expected) == actual,
                $"seed {seed}, cell {cell}: reference {expected}, reverse search {actual}");
        }
    }

    private static long NearestMs(RoadNetwork net, SnapPoint from, SnapPoint[] hospitals)
    {
        var oracle = new ReferenceDijkstra(net, [from], hospitals);
        var times = oracle.TimesPerSource([0])[0];
        return Enumerable.Range(0, hospitals.Length).Min(h => times[oracle.TargetNode(h)]);
    }

    [Fact]
    public void DefinitiveCare_IsTheSumOfTheTwoLegsComputedSeparately()
    {
        // A grid; two bases, three hospitals (two capable), twenty cells. Leg 1 from the coverage evaluation, leg 2
        // from a FORWARD search from each cell (a source of its own) read at every capable hospital.
        var net = SyntheticNetworks.Grid(20, 15, seed: 4);
        var snapper = new Snapper(net);
        var rng = new Random(17);
        SnapPoint SnapNear(double lat, double lon)
        {
            Assert.True(snapper.TrySnap(lat, lon, 5000, out var s));
            return s;
        }

        var bounds = Enumerable.Range(0, net.NodeCount).Select(v => (Lat: net.NodeLat(v), Lon: net.NodeLon(v))).ToArray();
        double minLat = bounds.Min(p => p.Lat), maxLat = bounds.Max(p => p.Lat), minLon = bounds.Min(p => p.Lon), maxLon = bounds.Max(p => p.Lon);
        (double, double) RandomPoint() => (minLat + (rng.NextDouble() * (maxLat - minLat)), minLon + (rng.NextDouble() * (maxLon - minLon)));

        var bases = Enumerable.Range(0, 2).Select(_ => { var (la, lo) = RandomPoint(); return SnapNear(la, lo); }).ToArray();
        var hospitals = Enumerable.Range(0, 3).Select(_ => { var (la, lo) = RandomPoint(); return SnapNear(la, lo); }).ToArray();
        int[] capable = [0, 2];
        var cells = Enumerable.Range(0, 20).Select(i => { var (la, lo) = RandomPoint(); return new DemandCell($"c{i}", la, lo, 10 + i); }).ToArray();
        var layer = new DemandLayer("test", cells, [], cells.Sum(c => c.Population));
        var demand = SnappedDemand.Snap(snapper, layer, new AccessLeg(5000, 6));
        const int Limit = int.MaxValue - 1;
        const int OnSceneMs = 900_000;

        var baseSet = new SourceSet(net, bases, [60_000, 30_000]);
        var ws = new SearchWorkspace(net.NodeCount);
        baseSet.Search(Limit, ws);
        var response = Enumerable.Range(0, cells.Length).Select(c => baseSet.Evaluate(demand.Snap(c), ws, Limit)).ToArray();

        var reversed = ReversedNetwork.Build(net);
        int[] leg2 = DefinitiveCare.TimeToNearestFacilityMs(reversed, capable.Select(h => hospitals[h]).ToArray(), demand, Limit, new SearchWorkspace(net.NodeCount), out int[] nearest);
        var arrivals = DefinitiveCare.CombineLegs(demand, response, leg2, OnSceneMs);
        var care = PopulationCoverage.FromArrivals(demand, new int[cells.Length], [new ZoneStandard("all-area", 120 * 60_000)],
            new ZoneStandard("outside", 120 * 60_000), bases.Length, arrivals, Limit);

        var cellWs = new SearchWorkspace(net.NodeCount);
        for (int c = 0; c < cells.Length; c++)
        {
            Assert.True(demand.IsSnapped(c));
            var fromCell = new SourceSet(net, [demand.Snap(c)], [0]);
            fromCell.Search(Limit, cellWs);
            var toEach = capable.Select(h => fromCell.Evaluate(hospitals[h], cellWs, Limit).BestMs).ToArray();
            int separateLeg2 = toEach.Min();
            int access = demand.AccessMs(c);
            long expected = (long)response[c].BestMs + access + OnSceneMs + access + separateLeg2;

            Assert.Equal(separateLeg2, leg2[c]);
            Assert.Equal(Array.IndexOf(toEach, separateLeg2), nearest[c]);
            Assert.Equal(expected, care.Cells[c].Times.BestMs);
            Assert.Equal(response[c].BestSource, care.Cells[c].Times.BestSource);
            Assert.Equal(expected <= 120 * 60_000 ? CellStatus.Covered : CellStatus.BeyondStandard, care.Cells[c].Status);
        }
    }
}
