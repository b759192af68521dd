using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Population;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Population;

public sealed class PolygonPopulationTests
{
    private readonly DiagnosticBag _diagnostics = new();

    /// <summary>The fixture's polygons by id, as read (WGS84).</summary>
    private static Dictionary<string, Geometry> Polygons(string fileName) =>
        PolygonSource.ReadGeoJson(TestData.PopulationVector(fileName), "population").Features
            .ToDictionary(f => PopulationRows.IdText(f.Attributes.GetValueOrDefault("id")) ?? f.FeatureId!, f => f.Geometry!);

    /// <summary>Cells grouped by the polygon id before '#'.</summary>
    private static Dictionary<string, List<DemandCell>> ByPolygon(DemandLayer layer) =>
        layer.Cells.GroupBy(c => c.Id.Split('#')[0]).ToDictionary(g => g.Key, g => g.ToList());

    private static Polygon FootprintPolygon(DemandLayer layer, DemandCell cell)
    {
        var footprint = layer.Footprints[cell.Footprint];
        var ring = footprint.Lat.Select((lat, i) => new Coordinate(footprint.Lon[i], lat)).Append(new Coordinate(footprint.Lon[0], footprint.Lat[0]));
        return GeometryFactories.Wgs84.CreatePolygon([.. ring]);
    }

    // A point "inside" a polygon: covered by it, or within ~1 mm (grid pieces are cut in a projection whose straight
    // edges bend by micrometres in degrees).
    private static void AssertInside(Geometry polygon, DemandCell cell)
    {
        var point = GeometryFactories.Wgs84.CreatePoint(new Coordinate(cell.Lon, cell.Lat));
        Assert.True(polygon.Covers(point) || polygon.Distance(point) < 1e-8, $"cell {cell.Id} at ({cell.Lon}, {cell.Lat}) is outside its polygon");
    }

    [Fact]
    public void ReadGeoJson_Polygons_ConservePeoplePerPolygon()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"), null, _diagnostics);
        var cells = ByPolygon(layer);

        Assert.Equal(900 + 12.5 + 400 + 1000, layer.InputPopulation);
        Assert.Equal(layer.InputPopulation, layer.CellPopulation, 1e-6);
        Assert.Equal(900, cells["sq-300"].Sum(c => c.Population), 1e-6);
        Assert.Equal(12.5, cells["tiny"].Sum(c => c.Population), 1e-6);
        Assert.Equal(400, cells["multi"].Sum(c => c.Population), 1e-6);
        Assert.Equal(1000, cells["holed"].Sum(c => c.Population), 1e-6);
        Assert.False(cells.ContainsKey("nobody"));
        Assert.Equal(1, _diagnostics.Count(PopulationDiagnosticCodes.ZeroCells));
        Assert.Equal(0, _diagnostics.Count(PopulationDiagnosticCodes.PolygonRepaired));
    }

    [Fact]
    public void ReadGeoJson_Square300m_NineFullSquaresOfAHundredPeople()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"), null, _diagnostics);
        var square = ByPolygon(layer)["sq-300"];

        // The fixture square is 300 m on a side to the metre; the edge slivers (< 1 % of a square) are merged in.
        Assert.Equal(9, square.Count);
        Assert.All(square, c => Assert.Equal(100, c.Population, 0.5));
        Assert.Equal(Enumerable.Range(1, 9).Select(k => $"sq-300#{k}"), square.Select(c => c.Id));
        var polygon = Polygons("polygons.geojson")["sq-300"];
        Assert.All(square, c => AssertInside(polygon, c));
    }

    [Fact]
    public void ReadGeoJson_SmallerThanOneSquare_OneCellAtInteriorPointWithWholeFootprint()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"), null, _diagnostics);
        var tiny = Assert.Single(ByPolygon(layer)["tiny"]);
        var polygon = Polygons("polygons.geojson")["tiny"];

        Assert.Equal("tiny", tiny.Id);
        Assert.Equal(12.5, tiny.Population);
        Assert.Equal(polygon.InteriorPoint.Y, tiny.Lat, 1e-12);
        Assert.Equal(polygon.InteriorPoint.X, tiny.Lon, 1e-12);
        var footprint = layer.Footprints[tiny.Footprint];
        Assert.Equal(4, footprint.Lat.Length);   // the closing point is not repeated
        Assert.True(FootprintPolygon(layer, tiny).EqualsTopologically(polygon));
    }

    [Fact]
    public void ReadGeoJson_EveryCellInsideItsPolygon_AndFootprintsTileIt()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"), null, _diagnostics);
        var polygons = Polygons("polygons.geojson");

        foreach (var (id, cells) in ByPolygon(layer))
        {
            var polygon = polygons[id];
            Assert.All(cells, c => AssertInside(polygon, c));
            Assert.All(cells, c => AssertInside(FootprintPolygon(layer, c), c));
            double footprintArea = cells.Sum(c => PolygonProjection.AreaM2(FootprintPolygon(layer, c)));
            double polygonArea = PolygonProjection.AreaM2(polygon);
            // Footprints cover the polygon except dropped slivers (< 1 % of a 100 m square each, along the edge).
            Assert.InRange(footprintArea / polygonArea, 0.97, 1.000001);
        }
    }

    [Fact]
    public void ReadGeoJson_Hole_NoCellInIt()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"), null, _diagnostics);
        var holed = (Polygon)Polygons("polygons.geojson")["holed"];
        var hole = GeometryFactories.Wgs84.CreatePolygon(holed.Holes[0]);

        var cells = ByPolygon(layer)["holed"];

        Assert.All(cells, c => Assert.False(hole.Contains(GeometryFactories.Wgs84.CreatePoint(new Coordinate(c.Lon, c.Lat)))));
        // 500 m square minus a 200 m square hole: 21 hectares, about 21 cells of 100 m.
        Assert.InRange(cells.Count, 21, 30);
    }

    [Fact]
    public void ReadGeoJson_MultiPolygon_BothPartsGetPeopleByArea()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"), null, _diagnostics);
        var multi = ByPolygon(layer)["multi"];

        double west = multi.Where(c => c.Lon < 9.545).Sum(c => c.Population);
        double east = multi.Where(c => c.Lon > 9.545).Sum(c => c.Population);

        Assert.Equal(200, west, 0.5);   // two 200 m squares of equal area
        Assert.Equal(200, east, 0.5);
    }

    [Fact]
    public void ReadGeoJson_CoarserSpacing_FewerCellsSameTotal()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"),
            new PopulationFileOptions { SampleSpacingM = 150 }, _diagnostics);
        var square = ByPolygon(layer)["sq-300"];

        Assert.Equal(4, square.Count);
        Assert.All(square, c => Assert.Equal(225, c.Population, 0.5));
        Assert.Equal(2312.5, layer.CellPopulation, 1e-6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(200_000.0)]
    public void ReadGeoJson_SpacingOutOfRange_Throws(double spacing)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons.geojson"),
            new PopulationFileOptions { SampleSpacingM = spacing }, _diagnostics));
    }

    [Fact]
    public void ReadGeoJson_SelfIntersecting_RepairedWithDiagnostic_PeopleKept()
    {
        var layer = PolygonPopulation.ReadGeoJson(TestData.PopulationVector("bowtie.geojson"), null, _diagnostics);

        Assert.Equal(800, layer.CellPopulation, 1e-6);
        var warning = Assert.Single(_diagnostics.Items, d => d.Code == PopulationDiagnosticCodes.PolygonRepaired);
        Assert.Contains("Self-intersection", warning.Message, StringComparison.OrdinalIgnoreCase);
        // Both lobes (west and east triangles, meeting at lon 9.52264) keep people; Buffer(0) would have dropped one.
        Assert.Equal(400, layer.Cells.Where(c => c.Lon < 9.52264).Sum(c => c.Population), 4.0);
        Assert.Equal(400, layer.Cells.Where(c => c.Lon > 9.52264).Sum(c => c.Population), 4.0);
    }

    [Fact]
    public void ReadGeoJson_PeopleWithoutArea_RefusedListingFeatures()
    {
        string path = TestData.PopulationVector("polygons-no-geometry.geojson");

        var ex = Assert.Throws<InputDataException>(() => PolygonPopulation.ReadGeoJson(path, null, _diagnostics));

        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 4 features cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 2 (line 5): has no area (its geometry is missing, empty or of zero area), so its 250 people cannot be placed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 4 (line 7): has no area", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("feature 3", ex.Message, StringComparison.Ordinal);   // no geometry, but nobody lives there
        Assert.Equal(1, _diagnostics.Count(PopulationDiagnosticCodes.PolygonEmpty));
    }

    [Fact]
    public void ReadGeoJson_LineAmongPolygons_WrongGeometryType()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons-with-line.geojson"), null, _diagnostics));

        Assert.Contains("feature 2 (line 5): is a LineString; population polygons must be Polygon or MultiPolygon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeoJson_BadPopulationValues_EachListed()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons-bad-population.geojson"), null, _diagnostics));

        Assert.Contains("4 of 5 features cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1 (line 4): population -5 is negative", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 2 (line 5): population NaN is not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 3 (line 6): population 'many' is not a number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 4 (line 7): population is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeoJson_ProjectedCoordinates_RefusedWithReprojectHint()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons-projected.geojson"), null, _diagnostics));

        Assert.Contains("coordinates look projected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ogr2ogr -t_srs EPSG:4326", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1 (line 4): coordinates (lon 758000, lat 5224000)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeoJson_LegacyCrsMember_NotWgs84_Refused()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            PolygonPopulation.ReadGeoJson(TestData.PopulationVector("polygons-crs-utm.geojson"), null, _diagnostics));

        Assert.Contains("uses the coordinate system urn:ogc:def:crs:EPSG::32632", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeoJson_PointsFile_WrongGeometryType()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            PolygonPopulation.ReadGeoJson(TestData.PopulationVector("points.geojson"), null, _diagnostics));

        Assert.Contains("4 of 4 features cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is a Point; population polygons must be Polygon or MultiPolygon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spread_LargePolygon_CoarsenedToBoundCellCount()
    {
        // About 110 km x 75 km: 830,000 squares of 100 m, more than the per-polygon bound.
        var big = GeometryFactories.Wgs84.ToGeometry(new Envelope(9.0, 10.0, 47.0, 48.0));

        var pieces = PolygonSpreader.Spread(big, 1_000_000, 100, out double used);

        Assert.True(used > 100);
        Assert.InRange(pieces.Count, 100_000, PolygonSpreader.MaxSquaresPerPolygon);
        Assert.Equal(1_000_000, pieces.Sum(p => p.Population), 1e-6);
    }

    [Fact]
    public void Projection_RoundTripsAndKeepsArea()
    {
        var projection = new PolygonProjection(47.14, 9.52);
        var (x, y) = projection.Forward(47.15, 9.53);
        var (lat, lon) = projection.Inverse(x, y);

        Assert.Equal(47.15, lat, 1e-10);
        Assert.Equal(9.53, lon, 1e-10);
        Assert.Equal(0.01 * Math.PI / 180 * 6_371_008.8, y, 5.0);   // about 1112 m north (a metre of curvature)
        // One degree square at the equator: R² · Δλ · (sin φ2 − sin φ1) on the sphere.
        var cell = GeometryFactories.Wgs84.ToGeometry(new Envelope(0, 1, 0, 1));
        double expected = 6_371_008.8 * 6_371_008.8 * (Math.PI / 180) * Math.Sin(Math.PI / 180);
        Assert.Equal(expected, PolygonProjection.AreaM2(cell), expected * 1e-4);
    }
}
