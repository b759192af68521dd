using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Zones;
using EmsCoverage.Population;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Zones;

public sealed class ZoneAssignerTests
{
    //  lat 47.15 ┌──────────┬──┬───────────┐
    //            │   core   │  │ townships │      overlapping.geojson: core 9.50–9.53, townships 9.52–9.56
    //            │          │▓▓│           │      (▓ = overlap 9.52–9.53, belongs to core, first in file)
    //  lat 47.12 └──────────┴──┴───────────┘      mountains: 9.58–9.63 × 47.05–47.10
    //          9.50       9.52 9.53        9.56
    private static ZoneAssigner Overlapping() =>
        new(ZoneLayer.Read(TestData.Zones("overlapping.geojson"), null, new DiagnosticBag()));

    [Theory]
    [InlineData(47.13, 9.51, 0)]     // core only
    [InlineData(47.13, 9.525, 0)]    // in the overlap: first zone in file order
    [InlineData(47.13, 9.54, 1)]     // townships only
    [InlineData(47.07, 9.60, 2)]     // mountains
    [InlineData(47.20, 9.51, -1)]    // north of everything
    [InlineData(47.11, 9.57, -1)]    // between the townships and the mountains
    public void ZoneOf_Point(double lat, double lon, int expected)
    {
        Assert.Equal(expected, Overlapping().ZoneOf(lat, lon));
    }

    [Fact]
    public void ZoneOf_SharedBorder_FirstZoneWins()
    {
        var assigner = new ZoneAssigner(ZoneLayer.Read(TestData.Zones("two-squares.geojson"), null, new DiagnosticBag()));

        Assert.Equal(0, assigner.ZoneOf(47.13, 9.53));    // on the border between core and townships
        Assert.Equal(1, assigner.ZoneOf(47.13, 9.56));    // on the townships' outer edge
    }

    [Fact]
    public void ZoneOf_OrderOfTheListDecides()
    {
        var zones = ZoneLayer.Read(TestData.Zones("overlapping.geojson"), null, new DiagnosticBag());
        var reversed = new ZoneAssigner([zones[1], zones[0]]);

        Assert.Equal(0, reversed.ZoneOf(47.13, 9.525));   // townships now comes first
        Assert.Equal(1, reversed.ZoneOf(47.13, 9.51));
    }

    [Fact]
    public void ZonesOf_Cells()
    {
        DemandCell[] cells =
        [
            new("a", 47.13, 9.51, 10),
            new("b", 47.13, 9.54, 5),
            new("c", 0, 0, 1),
        ];

        Assert.Equal([0, 1, ZoneAssigner.NoZone], Overlapping().ZonesOf(cells));
    }

    [Fact]
    public void ZoneOf_NonFiniteCoordinate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Overlapping().ZoneOf(double.NaN, 9.5));
    }

    [Fact]
    public void Constructor_EmptyArea_Throws()
    {
        var empty = new Zone("nothing", GeometryFactories.Wgs84.CreatePolygon());

        Assert.Throws<ArgumentException>(() => new ZoneAssigner([empty]));
    }

    [Fact]
    public void ZoneOf_ManyThreads_SameAnswers()
    {
        var assigner = Overlapping();
        var points = Enumerable.Range(0, 2000).Select(i => (Lat: 47.04 + (i % 50 * 0.003), Lon: 9.49 + (i / 50 * 0.0037))).ToArray();
        int[] sequential = points.Select(p => assigner.ZoneOf(p.Lat, p.Lon)).ToArray();

        int[] parallel = new int[points.Length];
        Parallel.For(0, points.Length, i => parallel[i] = assigner.ZoneOf(points[i].Lat, points[i].Lon));

        Assert.Equal(sequential, parallel);
        Assert.Contains(0, sequential);
        Assert.Contains(2, sequential);
        Assert.Contains(ZoneAssigner.NoZone, sequential);
    }

    [Fact]
    public void ZoneOf_RealPopulationCells_AllInsideOneBigZone()
    {
        var layer = EmsCoverage.Geo.Population.PointPopulation.ReadCsv(TestData.Shared("sao-paulo-hexgrid.csv"), null, new DiagnosticBag());
        var box = new Zone("são paulo", GeometryFactories.Wgs84.ToGeometry(new Envelope(-46.8, -46.5, -23.7, -23.4)));

        int[] zones = new ZoneAssigner([box]).ZonesOf(layer.Cells);

        Assert.All(zones, z => Assert.Equal(0, z));
    }
}
