using NetTopologySuite.Geometries;

namespace EmsCoverage.Reporting.Tests;

/// <summary>
/// A small hand-made report with numbers that are easy to check by hand: two zones (core 10 min, rural 30 min, 90 %
/// targets), nobody outside, two bases, three gaps (one per shading class used), 10- and 30-minute areas, four roads.
/// </summary>
internal static class ReportFixture
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static CoverageReport Create(string title = "Test county: 10-minute core") => new()
    {
        Title = title,
        Attribution = "© OpenStreetMap contributors, ODbL 1.0; population: test grid",
        DataDate = new DateOnly(2021, 10, 28),
        NetworkSource = "test.osm.pbf",
        PopulationSource = "test grid of 100 m squares",
        Zones =
        [
            Zone("core", 10, 0.9, 1000, 800, 150, 30, 20, 100, m => Math.Min(950, 95.0 * m)),
            Zone("rural", 30, 0.9, 500, 480, 10, 5, 5, 20, m => Math.Min(490, 20.0 * m)),
            Zone("outside all zones", 30, 0.9, 0, 0, 0, 0, 0, 0, _ => 0),
        ],
        Overall = Zone("all", null, null, 1500, 1280, 160, 35, 25, 120, m => Math.Min(950, 95.0 * m) + Math.Min(490, 20.0 * m)),
        Bases =
        [
            new ReportBase("b1", "North base", 9.50, 47.20, 60, 900, 780, 300),
            new ReportBase("b2", "South base", 9.52, 47.10, 90, 600, 500, 120.4),
        ],
        Gaps =
        [
            new ReportGap(1, "Southville", "core", 10, 120, 11.5, 14.2, 0, 0.25, Square(9.56, 47.08, 0.004)),
            new ReportGap(2, null, "core", 10, 60, 12, 12, 0, 0.1, Square(9.45, 47.15, 0.003)),
            new ReportGap(3, "Hilltop", "rural", 30, 7, null, null, 7, 0.01, Square(9.58, 47.22, 0.002)),
        ],
        Suggestions = [new ReportSuggestion(1, 9.5605, 47.0805, 110, [0.91, 0.96, 0])],
        SuggestionTurnoutS = 60,
        Isochrones =
        [
            new ReportIsochrone(30, Factory.CreateMultiPolygon([Square(9.51, 47.15, 0.08)]), 120, 1440),
            new ReportIsochrone(10, Factory.CreateMultiPolygon([SquareWithHole(9.51, 47.15, 0.04, 0.005)]), 30, 1200),
        ],
        Roads =
        [
            Road(RoadClass.Local, (9.50, 47.20), (9.505, 47.19), (9.51, 47.18)),
            Road(RoadClass.Local, (9.52, 47.10), (9.53, 47.11)),
            Road(RoadClass.Main, (9.50, 47.20), (9.51, 47.15), (9.52, 47.10)),
            Road(RoadClass.Fast, (9.44, 47.05), (9.60, 47.25)),
        ],
        MaxSnapDistanceM = 1000,
    };

    public static Polygon Square(double lon, double lat, double half) => Factory.CreatePolygon(
    [
        new(lon - half, lat - half), new(lon + half, lat - half), new(lon + half, lat + half), new(lon - half, lat + half), new(lon - half, lat - half),
    ]);

    private static Polygon SquareWithHole(double lon, double lat, double half, double holeHalf)
    {
        var shell = Square(lon, lat, half).Shell;
        var hole = Factory.CreateLinearRing(
        [
            new(lon - holeHalf, lat - holeHalf), new(lon - holeHalf, lat + holeHalf), new(lon + holeHalf, lat + holeHalf), new(lon + holeHalf, lat - holeHalf), new(lon - holeHalf, lat - holeHalf),
        ]);
        return Factory.CreatePolygon(shell, [hole]);
    }

    private static ReportRoad Road(RoadClass c, params (double Lon, double Lat)[] points) =>
        new(c, Factory.CreateLineString(points.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray()));

    private static ReportZone Zone(string name, double? standard, double? target, double population, double covered, double beyond,
        double unreachable, double noRoad, double twice, Func<int, double> within) =>
        new(name, standard, target, population, covered, beyond, unreachable, noRoad, twice, Enumerable.Range(0, 61).Select(within).ToArray());
}
