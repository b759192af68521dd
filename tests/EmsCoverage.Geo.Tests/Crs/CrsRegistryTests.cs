using EmsCoverage.Geo.Crs;
using EmsCoverage.Graph;

namespace EmsCoverage.Geo.Tests.Crs;

public class CrsRegistryTests
{
    // gpkg_spatial_ref_sys.definition of sao-paulo-hexgrid-EPSG32723.gpkg (r5py sample data), verbatim.
    private const string GeoPackageUtm23S =
        "PROJCS[\"WGS 84 / UTM zone 23S\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]],PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",-45],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000]," +
        "PARAMETER[\"false_northing\",10000000],UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"32723\"]]";

    // The same system as an ESRI .prj writes it: no authority, capitalised parameter names.
    private const string EsriUtm23S =
        "PROJCS[\"WGS_1984_UTM_Zone_23S\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0]," +
        "PARAMETER[\"False_Northing\",10000000.0],PARAMETER[\"Central_Meridian\",-45.0],PARAMETER[\"Scale_Factor\",0.9996]," +
        "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";

    // GeoPackage's EPSG:4326 row declares latitude first; stored coordinates are still longitude first.
    private const string GeoPackageWgs84 =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    // GDAL's WKT 1 of EPSG:3857 says Mercator_1SP on the WGS 84 ellipsoid (read literally: ellipsoidal Mercator, ~20 km off at 60°N).
    private const string GdalPseudoMercator =
        "PROJCS[\"WGS 84 / Pseudo-Mercator\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Mercator_1SP\"],PARAMETER[\"central_meridian\",0]," +
        "PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]," +
        "AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"3857\"]]";

    private const string EsriWebMercator =
        "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0]," +
        "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0]," +
        "PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]";

    private const string EsriMollweide =
        "PROJCS[\"World_Mollweide\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mollweide\"],PARAMETER[\"False_Easting\",0.0]," +
        "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],UNIT[\"Meter\",1.0]]";

    private const string Ed50Utm32N =
        "PROJCS[\"ED50 / UTM zone 32N\",GEOGCS[\"ED50\",DATUM[\"European_Datum_1950\",SPHEROID[\"International 1924\",6378388,297]," +
        "TOWGS84[-87,-98,-121,0,0,0,0]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",9],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000]," +
        "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

    [Fact]
    public void SupportedEpsgCodes_HoldsEveryListedRange()
    {
        var codes = CrsRegistry.SupportedEpsgCodes;

        Assert.Equal(6 + 13 + 11 + 8 + 60 + 60, codes.Count);
        Assert.Equal(codes.Order(), codes);
        foreach (int code in new[] { 4326, 4258, 4674, 3857, 3035, 3067, 3873, 3879, 3885, 25828, 25838, 31978, 31985, 32601, 32660, 32701, 32760 })
        {
            Assert.True(CrsRegistry.IsSupported(code), $"EPSG:{code}");
        }

        foreach (int code in new[] { 54009, 3872, 3886, 25827, 25839, 31977, 31986, 32600, 32661, 32700, 32761, 27700, 0, -1 })
        {
            Assert.False(CrsRegistry.IsSupported(code), $"EPSG:{code}");
        }
    }

    [Fact]
    public void GetCoordinateSystem_KnownCode_CarriesNameAndAuthority()
    {
        var cs = CrsRegistry.GetCoordinateSystem(3879);

        Assert.Equal("ETRS89 / GK25FIN", cs.Name);
        Assert.Equal("EPSG", cs.Authority);
        Assert.Equal(3879, cs.AuthorityCode);
        Assert.Equal("EPSG:3879 (ETRS89 / GK25FIN)", CrsRegistry.CreateTransform(3879).Description);
    }

    [Fact]
    public void GetCoordinateSystem_Mollweide54009_ThrowsNamingCodeAndGdalwarp()
    {
        var e = Assert.Throws<NotSupportedException>(() => CrsRegistry.GetCoordinateSystem(54009));

        Assert.Contains("EPSG:54009", e.Message, StringComparison.Ordinal);
        Assert.Contains("Mollweide", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp -t_srs EPSG:4326 in.tif out.tif", e.Message, StringComparison.Ordinal);
        Assert.False(CrsRegistry.TryGetCoordinateSystem(54009, out var none));
        Assert.Null(none);
    }

    [Theory]
    [InlineData(GeoPackageUtm23S)]
    [InlineData(EsriUtm23S)]
    public void CreateTransform_Utm23SWkt_MatchesTheCode(string wkt)
    {
        var fromWkt = CrsRegistry.CreateTransform(wkt);
        var fromCode = CrsRegistry.CreateTransform(32723);

        var (lat, lon) = fromWkt.ToWgs84(335898.9521, 7392336.5715);
        var (codeLat, codeLon) = fromCode.ToWgs84(335898.9521, 7392336.5715);

        Assert.False(fromWkt.IsGeographic);
        Assert.True(fromWkt.IsWgs84Compatible);
        Assert.True(Geodesy.HaversineM(lat, lon, -23.5710980272876, -46.6079746773408) < 0.02);
        Assert.True(Geodesy.HaversineM(lat, lon, codeLat, codeLon) < 1e-3);
    }

    [Fact]
    public void ParseWkt_TopLevelEpsgAuthority_UsesTheBuiltInDefinition()
    {
        Assert.Equal(32723, CrsRegistry.CreateTransform(GeoPackageUtm23S).Epsg);
        Assert.Null(CrsRegistry.CreateTransform(EsriUtm23S).Epsg);
    }

    [Fact]
    public void ParseWkt_GeoPackageWgs84WithLatitudeFirstAxes_StaysLongitudeFirst()
    {
        var transform = CrsRegistry.CreateTransform(GeoPackageWgs84);

        Assert.True(transform.IsGeographic);
        Assert.Equal((60.1, 24.9), transform.ToWgs84(24.9, 60.1));
    }

    [Theory]
    [InlineData(GdalPseudoMercator)]
    [InlineData(EsriWebMercator)]
    public void ParseWkt_WebMercatorVariants_AreSphericalPseudoMercator(string wkt)
    {
        const double r = 6378137.0;
        double lat = 60.17, lon = 24.94;
        double y = r * Math.Log(Math.Tan((Math.PI / 4) + (lat * Math.PI / 360)));

        var (glat, glon) = CrsRegistry.CreateTransform(wkt).ToWgs84(r * lon * Math.PI / 180, y);

        Assert.Equal(lat, glat, 1e-9);
        Assert.Equal(lon, glon, 1e-9);
    }

    [Fact]
    public void ParseWkt_Mollweide_ThrowsNotSupportedWithGdalwarp()
    {
        var e = Assert.Throws<NotSupportedException>(() => CrsRegistry.ParseWkt(EsriMollweide));

        Assert.Contains("Mollweide", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp -t_srs EPSG:4326", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("GEOGCS[\"x\",DATUM[")]
    [InlineData("PROJCRS[\"WGS 84 / UTM zone 23S\",BASEGEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\"]]]")]
    public void ParseWkt_NotWkt1_ThrowsFormatExceptionSayingHowToFix(string text)
    {
        var e = Assert.Throws<FormatException>(() => CrsRegistry.ParseWkt(text));

        Assert.Contains(text.StartsWith("PROJCRS", StringComparison.Ordinal) ? "WKT 2" : "cannot be read as WKT 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp -t_srs EPSG:4326", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTransform_OldDatum_IsFlaggedAndNotShifted()
    {
        // Vaduz on the International 1924 ellipsoid (Krüger series): the datum is kept, not shifted to WGS84.
        var transform = CrsRegistry.CreateTransform(Ed50Utm32N);

        var (lat, lon) = transform.ToWgs84(539499.2349, 5221065.3037);

        Assert.False(transform.IsWgs84Compatible);
        Assert.True(Geodesy.HaversineM(lat, lon, 47.1410, 9.5209) < 0.02, $"({lat:R}, {lon:R})");
        Assert.True(CrsRegistry.CreateTransform(3879).IsWgs84Compatible);
        Assert.True(CrsRegistry.CreateTransform(EsriUtm23S).IsWgs84Compatible);
    }

    [Fact]
    public void CreateTransform_GradsFromParis_IsRefusedRatherThanMisplaced()
    {
        // NTF (Paris) as GDAL writes it: angles in grads, prime meridian 2.5969213 grad (2.33722917°) east of Greenwich.
        const string ntfParis =
            "GEOGCS[\"NTF (Paris)\",DATUM[\"Nouvelle_Triangulation_Francaise_Paris\",SPHEROID[\"Clarke 1880 (IGN)\",6378249.2,293.4660212936269]]," +
            "PRIMEM[\"Paris\",2.5969213],UNIT[\"grad\",0.01570796326794897]]";

        var e = Assert.Throws<NotSupportedException>(() => CrsRegistry.CreateTransform(ntfParis));

        Assert.Contains("grad from the Paris meridian", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp -t_srs EPSG:4326", e.Message, StringComparison.Ordinal);
    }
}
