using EmsCoverage.Core.Tests.Search;
using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Coverage;

public class RoadReachTests
{
    // Every road in TestNetworks.FromRoads is 100 m long.
    private static IReadOnlyList<ThresholdReach> Reach(NamedNetwork n, SnapPoint[] stations, int[] delaysMs, params int[] thresholdsMs)
    {
        var set = new SourceSet(n.Network, stations, delaysMs);
        var ws = new SearchWorkspace(n.Network.NodeCount);
        set.Search(thresholdsMs.Max(), ws);
        return RoadReach.Compute(n.Network, set, ws, thresholdsMs);
    }

    //  A ====100 s==== B ====100 s==== C      station at A: within 50 s half of A–B (50 m), within 150 s 150 m
    [Fact]
    public void StationAtAnEnd_ReachesTheRoadInProportionToTime()
    {
        var n = TestNetworks.FromRoads(("A", "B", 100, 100), ("B", "C", 100, 100));
        var r = Reach(n, [new SnapPoint(n.Arc("A", "B"), 0, 0, 0, 0)], [0], 50_000, 150_000);

        Assert.Equal(50, r[0].RoadLengthReachedM, 6);
        Assert.Equal(1, r[0].NodesReached);
        Assert.Equal(150, r[1].RoadLengthReachedM, 6);
        Assert.Equal(2, r[1].NodesReached);
    }

    //  A ====100 s==== B      station at 25 %: 50 s reaches 25 m back to A and 50 m ahead: 75 m
    [Fact]
    public void StationInTheMiddleOfARoad_ReachesBothWays()
    {
        var n = TestNetworks.FromRoads(("A", "B", 100, 100));
        var r = Reach(n, [new SnapPoint(n.Arc("A", "B"), 0.25, 0, 0, 0)], [0], 50_000);
        Assert.Equal(75, r[0].RoadLengthReachedM, 6);
    }

    //  S0 ====100 s==== S1      both at 0 s: within 30 s 30 m each; within 100 s they meet in the middle: 50 m each
    [Fact]
    public void TwoStations_SplitTheRoadAtTheMeetingPoint()
    {
        var n = TestNetworks.FromRoads(("S0", "S1", 100, 100));
        int arc = n.Arc("S0", "S1");
        var r = Reach(n, [new SnapPoint(arc, 0, 0, 0, 0), new SnapPoint(arc, 1, 0, 0, 0)], [0, 0], 30_000, 100_000);

        Assert.Equal(60, r[0].RoadLengthReachedM, 6);
        Assert.Equal(30, r[0].RoadLengthNearestBySourceM[0], 6);
        Assert.Equal(100, r[1].RoadLengthReachedM, 6);
        Assert.Equal(50, r[1].RoadLengthNearestBySourceM[0], 6);
        Assert.Equal(50, r[1].RoadLengthNearestBySourceM[1], 6);
        Assert.Equal(1, r[1].NodesNearestBySource[0]);
    }

    //  A ----100 s----> B    one-way; a station at B cannot drive back along it
    [Fact]
    public void OneWayRoad_IsNotReachedFromItsHead()
    {
        var n = TestNetworks.FromRoads(("A", "B", 100, -1), ("B", "C", 10, 10));
        var r = Reach(n, [new SnapPoint(n.Arc("B", "C"), 0, 0, 0, 0)], [0], 1_000_000);
        Assert.Equal(100, r[0].RoadLengthReachedM, 6); // only B–C
    }

    /// <summary>Independent check: sample 2,000 positions per road and ask the exact point evaluation.</summary>
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void ReachedLength_AgreesWithDenseSamplingOfPointTimes(int seed)
    {
        var net = TestNetworks.Random(seed);
        var rng = new Random(seed);
        var stations = Enumerable.Range(0, 3).Select(_ => OracleTests.RandomSnap(net, rng)).ToArray();
        int[] delays = [0, 30_000, 5_000];
        int threshold = 400_000;
        var set = new SourceSet(net, stations, delays);
        var ws = new SearchWorkspace(net.NodeCount);
        set.Search(threshold, ws);
        var reach = RoadReach.Compute(net, set, ws, [threshold])[0];

        const int samples = 2000;
        double sampled = 0;
        var sampledBy = new double[3];
        for (int arc = 0; arc < net.ArcCount; arc++)
        {
            int twin = net.ArcTwin(arc);
            if (twin != RoadNetwork.NoArc && twin < arc)
            {
                continue;
            }

            for (int i = 0; i < samples; i++)
            {
                var at = set.Evaluate(new SnapPoint(arc, (i + 0.5) / samples, 0, 0, 0), ws, threshold);
                if (at.BestMs <= threshold)
                {
                    sampled += net.ArcLengthM(arc) / samples;
                    sampledBy[at.BestSource] += net.ArcLengthM(arc) / samples;
                }
            }
        }

        Assert.True(reach.RoadLengthReachedM > 1000, "the test should reach a good part of the network");
        Assert.InRange(reach.RoadLengthReachedM, sampled * 0.995, sampled * 1.005);
        for (int s = 0; s < 3; s++)
        {
            Assert.InRange(reach.RoadLengthNearestBySourceM[s], (sampledBy[s] * 0.99) - 50, (sampledBy[s] * 1.01) + 50);
        }

        Assert.Equal(reach.RoadLengthReachedM, reach.RoadLengthNearestBySourceM.Sum(), 3);
    }
}
