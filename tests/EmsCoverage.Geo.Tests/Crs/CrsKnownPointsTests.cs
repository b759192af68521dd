using EmsCoverage.Geo.Crs;
using EmsCoverage.Graph;

namespace EmsCoverage.Geo.Tests.Crs;

/// <summary>
/// Transforms checked against coordinates computed without ProjNET. Sources of the expected values:
/// <list type="bullet">
/// <item>GDAL: <c>gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32632</c> for Monaco (recorded in design/ecosystem.md §2.4).</item>
/// <item>EPSG Guidance Note 7-2, worked example for ETRS89 / LAEA Europe (50°N 5°E).</item>
/// <item>r5r/r5py São Paulo sample data: a hexagon's centre as published in WGS84 (sao-paulo-hexgrid.csv) against
/// the mean of the same hexagon's six vertices as published in UTM 23S (sao-paulo-hexgrid-EPSG32723.gpkg); the two
/// files were projected independently with PROJ and agree to a millimetre.</item>
/// <item>Everything else: an independent implementation of the Transverse Mercator projection by Krüger's n-series
/// to 6th order (Karney 2011), which reproduces the GDAL value above to 1 µm; northings on a central meridian are the
/// meridian arc length (6 654 072.819 m to 60° on GRS 1980).</item>
/// </list>
/// The transforms are expected to agree to a few millimetres; the tolerance is 2 cm (EMS work needs 1 m).
/// </summary>
public class CrsKnownPointsTests
{
    private const double ToleranceM = 0.02;

    // (epsg, lat, lon, easting, northing)
    public static TheoryData<int, double, double, double, double> KnownPoints => new()
    {
        { 32632, 43.7384, 7.4246, 373139.336673, 4844024.124663 },       // Monaco, gdaltransform
        { 3035, 50.0, 5.0, 3962799.45, 2999718.85 },                     // EPSG GN 7-2 example (given to the cm)
        { 3879, 60.160886920, 24.927965358, 25496000.0, 6672000.0 },    // Helsinki, ETRS-GK25FIN
        { 3067, 60.160886920, 24.927965358, 385000.9805, 6671133.0419 }, // same point, ETRS-TM35FIN
        { 3885, 60.160886920, 24.927965358, 31163146.1812, 6687502.5668 }, // same point, GK31FIN (6° off its meridian)
        { 32635, 60.160886920, 24.927965358, 385000.9805, 6671133.0420 },
        { 32723, -23.5503, -46.6339, 333226.4089, 7394609.7682 },        // São Paulo, Praça da Sé
        { 31983, -23.5503, -46.6339, 333226.4089, 7394609.7683 },        // same, SIRGAS 2000 / UTM 23S
        { 32723, -23.5710980272876, -46.6079746773408, 335898.9521, 7392336.5715 }, // r5r hexagon 89a8100c603ffff
        { 32723, -23.5724900009772, -46.6110766030175, 335584.0633, 7392178.8698 }, // r5r hexagon 89a8100c617ffff
        { 32722, -30.0346, -51.2177, 479010.6010, 6677360.7184 },        // Porto Alegre
        { 31982, -30.0346, -51.2177, 479010.6010, 6677360.7185 },
        { 31978, -12.0464, -77.0428, 277617.4532, 8667487.8970 },        // Lima, SIRGAS UTM 18S
        { 31985, -8.0476, -34.8770, 293144.3963, 9109965.4171 },         // Recife, SIRGAS UTM 25S
        { 32632, 47.1410, 9.5209, 539497.3793, 5220964.7352 },           // Vaduz
        { 25832, 47.1410, 9.5209, 539497.3793, 5220964.7350 },
        { 25829, 41.1496, -8.6110, 532641.4467, 4555437.2117 },          // Porto
        { 25828, 28.1235, -15.4363, 457150.6590, 3110960.1251 },         // Las Palmas
        { 25838, 41.7151, 44.8271, 485617.1368, 4618159.3323 },          // Tbilisi
        { 32760, -41.2865, 174.7762, 313781.0698, 5427052.7951 },        // Wellington
        { 32601, 64.8378, -179.0, 405127.4811, 7191876.8312 },
        { 3873, 60.0, 19.0, 19500000.0, 6654072.8194 },                  // GK19FIN, on its central meridian
    };

    [Theory]
    [MemberData(nameof(KnownPoints))]
    public void ToWgs84_KnownProjectedPoint_LandsWithinTwoCentimetres(int epsg, double lat, double lon, double easting, double northing)
    {
        var transform = CrsRegistry.CreateTransform(epsg);

        var (gotLat, gotLon) = transform.ToWgs84(easting, northing);

        double errorM = Geodesy.HaversineM(lat, lon, gotLat, gotLon);
        Assert.True(errorM < ToleranceM, $"EPSG:{epsg}: ({easting}, {northing}) → ({gotLat:R}, {gotLon:R}), {errorM:F4} m from ({lat}, {lon})");
    }

    [Theory]
    [MemberData(nameof(KnownPoints))]
    public void FromWgs84_KnownPoint_ProjectsWithinTwoCentimetres(int epsg, double lat, double lon, double easting, double northing)
    {
        var transform = CrsRegistry.CreateTransform(epsg);

        var (x, y) = transform.FromWgs84(lat, lon);

        Assert.True(Math.Abs(x - easting) < ToleranceM && Math.Abs(y - northing) < ToleranceM,
            $"EPSG:{epsg}: ({lat}, {lon}) → ({x:F4}, {y:F4}), expected ({easting}, {northing})");
    }

    [Fact]
    public void Utm_EveryZone_ItsCentralMeridianOnTheEquatorIsTheFalseOrigin()
    {
        for (int zone = 1; zone <= 60; zone++)
        {
            double centralMeridian = (6 * zone) - 183;
            var (eN, nN) = CrsRegistry.CreateTransform(32600 + zone).FromWgs84(0, centralMeridian);
            var (eS, nS) = CrsRegistry.CreateTransform(32700 + zone).FromWgs84(0, centralMeridian);

            Assert.True(Math.Abs(eN - 500_000) < 1e-3 && Math.Abs(nN) < 1e-3, $"zone {zone}N: ({eN}, {nN})");
            Assert.True(Math.Abs(eS - 500_000) < 1e-3 && Math.Abs(nS - 10_000_000) < 1e-3, $"zone {zone}S: ({eS}, {nS})");
        }
    }

    [Fact]
    public void EtrsUtmAndSirgasUtm_ZonesMatchTheirCodes()
    {
        for (int epsg = 25828; epsg <= 25838; epsg++)
        {
            double centralMeridian = (6 * (epsg - 25800)) - 183;
            var (e, n) = CrsRegistry.CreateTransform(epsg).FromWgs84(0, centralMeridian);
            Assert.True(Math.Abs(e - 500_000) < 1e-3 && Math.Abs(n) < 1e-3, $"EPSG:{epsg}: ({e}, {n})");
        }

        for (int epsg = 31978; epsg <= 31985; epsg++)
        {
            double centralMeridian = (6 * (epsg - 31960)) - 183;   // 31978 = zone 18S (-75°), 31985 = zone 25S (-33°)
            var (e, n) = CrsRegistry.CreateTransform(epsg).FromWgs84(0, centralMeridian);
            Assert.True(Math.Abs(e - 500_000) < 1e-3 && Math.Abs(n - 10_000_000) < 1e-3, $"EPSG:{epsg}: ({e}, {n})");
        }
    }

    [Fact]
    public void FinnishGaussKruger_EveryZone_HasItsNumberInTheFalseEasting()
    {
        for (int epsg = 3873; epsg <= 3885; epsg++)
        {
            int lon0 = 19 + (epsg - 3873);   // GK19FIN … GK31FIN
            var (e, n) = CrsRegistry.CreateTransform(epsg).FromWgs84(60, lon0);

            Assert.True(Math.Abs(e - ((lon0 * 1_000_000) + 500_000)) < 1e-3, $"EPSG:{epsg}: easting {e}");
            Assert.True(Math.Abs(n - 6654072.8194) < 1e-3, $"EPSG:{epsg}: northing {n}");   // k = 1: the meridian arc
        }
    }

    [Fact]
    public void PseudoMercator_MatchesTheSphericalFormula()
    {
        const double r = 6378137.0;
        double lat = 60.17, lon = 24.94;
        double x = r * lon * Math.PI / 180;
        double y = r * Math.Log(Math.Tan((Math.PI / 4) + (lat * Math.PI / 360)));
        var transform = CrsRegistry.CreateTransform(3857);

        var (gx, gy) = transform.FromWgs84(lat, lon);
        var (glat, glon) = transform.ToWgs84(x, y);

        Assert.Equal(x, gx, 1e-6);
        Assert.Equal(y, gy, 1e-6);
        Assert.Equal(lat, glat, 1e-9);
        Assert.Equal(lon, glon, 1e-9);
    }

    [Theory]
    [InlineData(4326)]
    [InlineData(4258)]
    [InlineData(4674)]
    public void Geographic_PassesThroughUnchanged(int epsg)
    {
        var transform = CrsRegistry.CreateTransform(epsg);

        Assert.True(transform.IsGeographic);
        Assert.Equal((60.1, 24.9), transform.ToWgs84(24.9, 60.1));
        Assert.Equal((24.9, 60.1), transform.FromWgs84(60.1, 24.9));
    }
}
