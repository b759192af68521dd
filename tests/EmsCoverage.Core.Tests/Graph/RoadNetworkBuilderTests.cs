using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Graph;

namespace EmsCoverage.Core.Tests.Graph;

public class RoadNetworkBuilderTests
{
    //  A <-> B <-> C   and   C -> D (one-way),  E <-> F (island)
    //  SCCs: {A,B,C} (largest, id 0), {D}, {E,F}
    [Fact]
    public void StronglyConnectedComponents_LargestIsZero_OneWayDeadEndIsItsOwn()
    {
        var n = TestNetworks.FromRoads(("A", "B", 1, 1), ("B", "C", 1, 1), ("C", "D", 1, -1), ("E", "F", 1, 1));
        var net = n.Network;

        Assert.Equal(3, net.ComponentCount);
        Assert.Equal(3, net.LargestComponentNodeCount);
        Assert.Equal(0, net.NodeComponent(n["A"]));
        Assert.Equal(0, net.NodeComponent(n["C"]));
        Assert.NotEqual(0, net.NodeComponent(n["D"]));
        Assert.Equal(net.NodeComponent(n["E"]), net.NodeComponent(n["F"]));
        Assert.NotEqual(net.NodeComponent(n["D"]), net.NodeComponent(n["E"]));
        Assert.False(net.IsArcInLargestComponent(n.Arc("C", "D")));
        Assert.True(net.IsArcInLargestComponent(n.Arc("B", "C")));
    }

    [Fact]
    public void Csr_KeepsEveryArc_WithTwinsPointingAtEachOther()
    {
        var net = TestNetworks.Random(7);
        for (int node = 0; node < net.NodeCount; node++)
        {
            for (int a = net.FirstArc(node); a < net.FirstArc(node + 1); a++)
            {
                Assert.Equal(node, net.ArcTail(a));
                int twin = net.ArcTwin(a);
                if (twin != RoadNetwork.NoArc)
                {
                    Assert.Equal(a, net.ArcTwin(twin));
                    Assert.Equal(net.ArcHead(a), net.ArcTail(twin));
                    Assert.Equal(net.ArcTail(a), net.ArcHead(twin));
                }
            }
        }

        Assert.Equal(net.ArcCount, net.FirstArc(net.NodeCount));
    }

    [Fact]
    public void Shape_IsStoredInArcDirection_TwinReversed()
    {
        var b = new RoadNetworkBuilder();
        int u = b.AddNode(47.0, 9.0), v = b.AddNode(47.0, 9.003);
        b.AddRoad(u, v, 1000, 2000, 230, 42, [(47.001, 9.001), (47.001, 9.002)]);
        var net = b.Build();
        int fwd = net.FirstArc(b.BuiltNodeId(u));
        int bwd = net.ArcTwin(fwd);

        Assert.Equal(4, net.ArcShapePointCount(fwd));
        Assert.Equal((47.001, 9.001), net.ArcShapePoint(fwd, 1));
        Assert.Equal((47.001, 9.002), net.ArcShapePoint(bwd, 1));
        Assert.Equal((47.0, 9.003), net.ArcShapePoint(fwd, 3));
        Assert.Equal(1000, net.ArcTravelTimeMs(fwd));
        Assert.Equal(2000, net.ArcTravelTimeMs(bwd));
        Assert.Equal(42, net.ArcWayId(bwd));
    }

    [Fact]
    public void Build_IsDeterministic()
    {
        var a = TestNetworks.Random(12);
        var b = TestNetworks.Random(12);
        Assert.Equal(a._arcHead, b._arcHead);
        Assert.Equal(a._nodeLatE7, b._nodeLatE7);
        Assert.Equal(a._nodeComponent, b._nodeComponent);
    }

    [Fact]
    public void AddNode_RejectsCoordinatesOutOfRange()
    {
        var b = new RoadNetworkBuilder();
        Assert.Throws<ArgumentOutOfRangeException>(() => b.AddNode(91, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.AddNode(0, double.NaN));
    }
}
