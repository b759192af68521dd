using EmsCoverage.Graph;
using EmsCoverage.Osm.Population;

namespace EmsCoverage.Osm.Tests.Population;

public class GeometryTests
{
    //  1 ──a──▶ 2 ──b──▶ 3 ──b──▶ 4       way c is stored as 1 → 4, so it must be reversed to close the ring
    //  ▲                            │
    //  └──────────── c ◀────────────┘
    [Fact]
    public void Join_ReversesWaysToCloseOneRing()
    {
        List<long[]> rings = RingAssembler.Join([[1, 2], [2, 3, 4], [1, 4]], out int open);

        long[] ring = Assert.Single(rings);
        Assert.Equal(0, open);
        Assert.Equal([1, 2, 3, 4, 1], ring);
    }

    [Fact]
    public void Join_ClosedWayIsARingOnItsOwn_AndAGapLeavesAnOpenChain()
    {
        List<long[]> rings = RingAssembler.Join([[7, 8, 9, 7], [1, 2], [2, 3]], out int open);

        Assert.Equal([7, 8, 9, 7], Assert.Single(rings));
        Assert.Equal(1, open);
    }

    // A 1 km x 1 km square (at the equator: 0.008993 deg) with a hole in its middle.
    [Fact]
    public void AdminArea_ContainsHonoursHoles()
    {
        var outer = new OsmRing([0, 0, 0.01, 0.01], [0, 0.01, 0.01, 0]);
        var hole = new OsmRing([0.004, 0.004, 0.006, 0.006], [0.004, 0.006, 0.006, 0.004]);
        var area = new OsmAdminArea(1, "Ring", 8, [outer], [hole], true, 10, "relation");

        Assert.True(area.Contains(0.002, 0.002));
        Assert.False(area.Contains(0.005, 0.005));        // in the hole
        Assert.False(area.Contains(0.02, 0.005));         // outside
        Assert.False((area with { Complete = false }).Contains(0.002, 0.002));   // incomplete areas contain nothing
        double side = 0.01 * Geodesy.EarthRadiusM * Math.PI / 180;  // 1113.2 m
        Assert.Equal((side * side) - (side * side * 0.04), area.AreaM2, 1e-6 * side * side);
    }

    [Fact]
    public void AdminArea_CopyWithOtherRings_TestsTheNewRings()
    {
        var square = new OsmRing([0, 0, 0.01, 0.01], [0, 0.01, 0.01, 0]);
        var area = new OsmAdminArea(1, "A", 8, [square], [], true, null, null);
        var moved = new OsmRing([1, 1, 1.01, 1.01], [1, 1.01, 1.01, 1]);

        OsmAdminArea copy = area with { Outer = [moved] };

        Assert.True(copy.Contains(1.005, 1.005));
        Assert.False(copy.Contains(0.005, 0.005));
        Assert.Equal(1.01, copy.MaxLat);
    }

    [Fact]
    public void RingArea_MatchesLocalMetres()
    {
        // 0.001 deg x 0.001 deg at 60 N: 111.195 m north-south x 55.597 m east-west (cos 60 = 0.5).
        var ring = new OsmRing([60, 60, 60.001, 60.001], [10, 10.001, 10.001, 10]);

        double expected = 111.19508 * 111.19508 * Math.Cos(double.DegreesToRadians(60.0005));
        Assert.Equal(expected, ring.AreaM2, 0.01);
    }
}
