using EmsCoverage.Graph;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Snapping;

public class SnapperTests
{
    // Two parallel east-west roads 0.001° of latitude apart (≈ 111 m), each 0.01° long (≈ 760 m at 47°N):
    //   north:  N1 <======> N2   (two-way)
    //   south:  S1 -------> S2   (one-way)
    //   island: I1 <==> I2, 30 m east of the point P used below, on its own component
    private static (RoadNetwork Net, RoadNetworkBuilder B, int N1, int S1, int I1) Build()
    {
        var b = new RoadNetworkBuilder();
        int n1 = b.AddNode(47.001, 9.00), n2 = b.AddNode(47.001, 9.01);
        int s1 = b.AddNode(47.000, 9.00), s2 = b.AddNode(47.000, 9.01);
        int i1 = b.AddNode(47.0003, 9.0204), i2 = b.AddNode(47.0003, 9.0210);
        b.AddRoad(n1, n2, 60_000, 60_000, 760, 1);
        b.AddRoad(s1, s2, 60_000, -1, 760, 2);
        b.AddRoad(n2, s2, 10_000, 10_000, 111, 3);
        b.AddRoad(s1, n1, 10_000, 10_000, 111, 4);
        b.AddRoad(i1, i2, 5000, 5000, 45, 5);
        return (b.Build(), b, n1, s1, i1);
    }

    [Fact]
    public void SnapsToNearestRoad_WithFractionAlongIt_AndOffRoadDistance()
    {
        var (net, b, _, s1, _) = Build();
        var snapper = new Snapper(net);

        // 22 m north of the south road, a quarter of the way along it.
        Assert.True(snapper.TrySnap(47.0002, 9.0025, 500, out var snap));

        Assert.Equal(2, net.ArcWayId(snap.Arc));
        Assert.Equal(b.BuiltNodeId(s1), net.ArcTail(snap.Arc));
        Assert.Equal(0.25, snap.Fraction, 3);
        Assert.InRange(snap.DistanceM, 21.5, 23.0);
        Assert.Equal(47.0, snap.Lat, 6);
    }

    [Fact]
    public void NeverSnapsToASmallComponent_EvenWhenItIsNearer()
    {
        var (net, _, _, _, _) = Build();
        var snapper = new Snapper(net);

        // Right next to the island road, 800 m from the main roads' east end at 9.01.
        Assert.True(snapper.TrySnap(47.0003, 9.0207, 2000, out var snap));
        Assert.NotEqual(5, net.ArcWayId(snap.Arc));
        Assert.False(snapper.TrySnap(47.0003, 9.0207, 100, out _));
    }

    [Fact]
    public void BeyondMaxDistance_OrInvalidCoordinates_IsNotSnapped()
    {
        var (net, _, _, _, _) = Build();
        var snapper = new Snapper(net);
        Assert.False(snapper.TrySnap(47.1, 9.005, 1000, out _));   // 11 km north
        Assert.True(snapper.TrySnap(47.1, 9.005, 20_000, out var far));
        Assert.InRange(far.DistanceM, 10_900, 11_100);
        Assert.False(snapper.TrySnap(double.NaN, 9.0, 1000, out _));
        Assert.False(snapper.TrySnap(147.0, 9.0, 1e9, out _));
    }

    [Fact]
    public void AtAnEndNode_FractionIsExactlyZeroOrOne()
    {
        var (net, _, _, _, _) = Build();
        var snapper = new Snapper(net);
        Assert.True(snapper.TrySnap(47.0, 8.99, 2000, out var west)); // west of S1: clamps to the node
        Assert.True(west.Fraction is 0.0 or 1.0);
    }
}
