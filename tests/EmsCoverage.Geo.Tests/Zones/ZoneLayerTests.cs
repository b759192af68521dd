using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Geo.Tests.Population;
using EmsCoverage.Geo.Zones;
using EmsCoverage.Osm.Tests;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Zones;

[Collection(GeoPackageZipGroup.Name)]
public sealed class ZoneLayerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DiagnosticBag _diagnostics = new();

    public void Dispose() => _folder.Dispose();

    private InputDataException Fails(string path, ZoneLayerOptions? options = null)
    {
        var ex = Assert.Throws<InputDataException>(() => ZoneLayer.Read(path, options, _diagnostics));
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Read_TwoTouchingSquares_InFileOrder_NoOverlap()
    {
        var zones = ZoneLayer.Read(TestData.Zones("two-squares.geojson"), null, _diagnostics);

        Assert.Equal(["core", "townships"], zones.Select(z => z.Name));
        Assert.IsType<Polygon>(zones[0].Area);
        Assert.Equal(4326, zones[0].Area.SRID);
        Assert.Equal(0.03 * 0.03, zones[0].Area.Area, 1e-12);
        Assert.Empty(_diagnostics.Items);   // a shared border is not an overlap
    }

    [Fact]
    public void Read_NameField_Option()
    {
        var zones = ZoneLayer.Read(TestData.Zones("two-squares.geojson"), new ZoneLayerOptions { NameField = "LABEL" }, _diagnostics);

        Assert.Equal(["Kern", "Gemeinden"], zones.Select(z => z.Name));
    }

    [Fact]
    public void Read_NumericNameField_UsesTheNumber()
    {
        var zones = ZoneLayer.Read(TestData.Zones("two-squares.geojson"), new ZoneLayerOptions { NameField = "standard_min" }, _diagnostics);

        Assert.Equal(["10", "30"], zones.Select(z => z.Name));
    }

    [Fact]
    public void Read_Overlapping_DiagnosticNamesThePairAndArea()
    {
        var zones = ZoneLayer.Read(TestData.Zones("overlapping.geojson"), null, _diagnostics);

        Assert.Equal(3, zones.Count);
        var overlap = Assert.Single(_diagnostics.Items, d => d.Code == ZoneDiagnosticCodes.Overlap);
        Assert.Equal(DiagnosticSeverity.Warning, overlap.Severity);
        // 0.01° of longitude (757 m at 47.135°) by 0.03° of latitude (3336 m): 2.525 km².
        Assert.Contains("zones 'core' (feature 1 (line 4)) and 'townships' (feature 2 (line 5)) overlap by 2.52", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("km²", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("points in the overlap count for 'core', which comes first in the file", overlap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Overlapping_RejectOverlaps_Refused()
    {
        var ex = Fails(TestData.Zones("overlapping.geojson"), new ZoneLayerOptions { RejectOverlaps = true });

        Assert.Contains("1 pair(s) of zones overlap", ex.Message, StringComparison.Ordinal);
        Assert.Contains("zones 'core' (feature 1 (line 4)) and 'townships' (feature 2 (line 5)) overlap by", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SliverOverlap_NotReported()
    {
        var zones = ZoneLayer.Read(TestData.Zones("sliver-overlap.geojson"), new ZoneLayerOptions { RejectOverlaps = true }, _diagnostics);

        Assert.Equal(2, zones.Count);
        Assert.Equal(0, _diagnostics.Count(ZoneDiagnosticCodes.Overlap));
    }

    [Fact]
    public void Read_SameName_MergedIntoOneZoneAtFirstPosition()
    {
        var zones = ZoneLayer.Read(TestData.Zones("same-name.geojson"), null, _diagnostics);

        Assert.Equal(["core", "rural"], zones.Select(z => z.Name));
        Assert.Equal(2, zones[0].Area.NumGeometries);
        Assert.Equal(0.0002, zones[0].Area.Area, 1e-12);
        var merged = Assert.Single(_diagnostics.Items, d => d.Code == ZoneDiagnosticCodes.Merged);
        Assert.Contains("2 features are named 'core' (feature 1 (line 4), feature 3 (line 6))", merged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultiPolygon_Accepted()
    {
        var zone = Assert.Single(ZoneLayer.Read(TestData.Zones("multipolygon.geojson"), null, _diagnostics));

        Assert.IsType<MultiPolygon>(zone.Area);
    }

    [Fact]
    public void Read_SelfIntersecting_RepairedWithWarning()
    {
        var zone = Assert.Single(ZoneLayer.Read(TestData.Zones("bowtie.geojson"), null, _diagnostics));

        Assert.True(zone.Area.IsValid);
        Assert.Equal(0.03 * 0.03 / 2, zone.Area.Area, 1e-12);   // both triangles kept
        Assert.Equal(1, _diagnostics.Count(ZoneDiagnosticCodes.Repaired));
    }

    [Fact]
    public void Read_MissingNames_RefusedListingFeatures()
    {
        var ex = Fails(TestData.Zones("missing-name.geojson"));

        Assert.Contains("2 of 3 zone features cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing-name.geojson feature 2 (line 5): has no name ('name' is missing or empty)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing-name.geojson feature 3 (line 6): has no name", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _diagnostics.Count(ZoneDiagnosticCodes.FeatureInvalid));
    }

    [Fact]
    public void Read_NameFieldAbsent_ListsAttributes()
    {
        var ex = Fails(TestData.Zones("two-squares.geojson"), new ZoneLayerOptions { NameField = "zone" });

        Assert.Contains("has no zone name attribute 'zone'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("attributes found: name, label, standard_min", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonPolygonGeometry_Refused()
    {
        var ex = Fails(TestData.Zones("lines.geojson"));

        Assert.Contains("feature 2 (line 5): is a LineString; zones must be Polygon or MultiPolygon", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 3 (line 6): is a Point; zones must be Polygon or MultiPolygon", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProjectedGeoJson_Refused()
    {
        var ex = Fails(TestData.Zones("projected.geojson"));

        Assert.Contains("coordinates look projected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_Csv_Refused()
    {
        Assert.Contains("zones file not found", Fails(TestData.Zones("none.geojson")).Message, StringComparison.Ordinal);
        Assert.Contains("not a table", Fails(TestData.PopulationVector("points.csv")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GeoPackageInUtm_TransformedToWgs84()
    {
        string path = _folder.File("zones.gpkg");
        var utm = new GeometryFactory(new PrecisionModel(), 32632);
        TestGeoPackage.Write(path, new TestGeoPackage.Layer("zones", 32632, "POLYGON", ["name"],
        [
            (utm.ToGeometry(new Envelope(372139.337, 374139.337, 4843024.125, 4845024.125)), ["monaco"]),
        ]));

        var zone = Assert.Single(ZoneLayer.Read(path, null, _diagnostics));

        Assert.Equal("monaco", zone.Name);
        var centre = zone.Area.Centroid;
        Assert.Equal(7.4246, centre.X, 1e-4);
        Assert.Equal(43.7384, centre.Y, 1e-4);
        Assert.Equal(4e6, PolygonProjection.AreaM2(zone.Area), 4e6 * 2e-3);   // 2 km x 2 km, UTM scale ~0.9996
        Assert.Equal(1, _diagnostics.Count(PopulationDiagnosticCodes.CrsTransformed));
    }

    [Fact]
    public void Read_GeoPackageUnknownCrs_Refused()
    {
        string path = _folder.File("zones-unknown.gpkg");
        var utm = new GeometryFactory(new PrecisionModel(), 32632);
        TestGeoPackage.Write(path, [new TestGeoPackage.Srs(99999, "NONE", 99999, "local grid", "undefined")],
            new TestGeoPackage.Layer("zones", 99999, "POLYGON", ["name"],
                [(utm.ToGeometry(new Envelope(0, 10, 0, 10)), ["a"])]));

        var ex = Fails(path);

        Assert.Contains("uses the coordinate system NONE:99999 (local grid), whose definition is unknown here", ex.Message, StringComparison.Ordinal);
    }
}
