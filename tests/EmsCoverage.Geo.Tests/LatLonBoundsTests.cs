using EmsCoverage.Graph;

namespace EmsCoverage.Geo.Tests;

public class LatLonBoundsTests
{
    [Fact]
    public void Contains_EdgesAreInside_OutsideIsNot()
    {
        var b = new LatLonBounds(minLat: 47.0, minLon: 9.4, maxLat: 47.3, maxLon: 9.7);

        Assert.True(b.Contains(47.0, 9.4));
        Assert.True(b.Contains(47.3, 9.7));
        Assert.True(b.Contains(47.1, 9.5));
        Assert.False(b.Contains(9.5, 47.1));
        Assert.False(b.Contains(47.31, 9.5));
    }

    [Theory]
    [InlineData(91, 0, 92, 1)]
    [InlineData(0, -181, 1, 1)]
    [InlineData(double.NaN, 0, 1, 1)]
    public void Constructor_OutOfRange_Throws(double minLat, double minLon, double maxLat, double maxLon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatLonBounds(minLat, minLon, maxLat, maxLon));
    }

    [Fact]
    public void Constructor_MinimumAboveMaximum_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LatLonBounds(47.3, 9.4, 47.0, 9.7));
    }

    [Fact]
    public void FromNetwork_NodeExtentPlusMargin()
    {
        var builder = new RoadNetworkBuilder();
        int a = builder.AddNode(47.0, 9.4);
        int b = builder.AddNode(47.3, 9.7);
        builder.AddRoad(a, b, 1000, 1000, 40_000, 1);
        var network = builder.Build();

        var exact = LatLonBounds.FromNetwork(network);
        var wide = LatLonBounds.FromNetwork(network, marginM: 1000);

        Assert.Equal(new LatLonBounds(47.0, 9.4, 47.3, 9.7), exact);
        // 1000 m is 1000 / 111 195 = 0.008993° of latitude; of longitude, that over cos(47.3°) = 0.013263°.
        Assert.Equal(47.0 - 0.008993, wide.MinLat, 5);
        Assert.Equal(47.3 + 0.008993, wide.MaxLat, 5);
        Assert.Equal(9.4 - 0.013263, wide.MinLon, 5);
        Assert.Equal(9.7 + 0.013263, wide.MaxLon, 5);
    }

    [Fact]
    public void FromNetwork_EmptyNetwork_Throws()
    {
        Assert.Throws<ArgumentException>(() => LatLonBounds.FromNetwork(new RoadNetworkBuilder().Build()));
    }

    [Fact]
    public void ToString_IsCultureInvariantAndReadable()
    {
        Assert.Equal("lon 9.47 to 9.64, lat 47.04 to 47.28", new LatLonBounds(47.04, 9.47, 47.28, 9.64).ToString());
    }
}
