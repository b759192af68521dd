using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Graph;

namespace EmsCoverage.Geo.Tests.Population;

public class RasterAsciiGridTests : RasterTempFolderTests
{
    // 4 × 3 cells of 0.25° from 10°E, 49.25°N (so the north edge is 50°N); same values as the GeoTIFF tests' small grid.
    private const string Values = "1 0 -99999 2.5\n10 20 0 -99999\n0.25 0 0 100\n";

    private const string CornerHeader = "ncols 4\nnrows 3\nxllcorner 10\nyllcorner 49.25\ncellsize 0.25\nNODATA_value -99999\n";

    private const string Utm32NPrj =
        "PROJCS[\"WGS_1984_UTM_Zone_32N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0]," +
        "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",9.0],PARAMETER[\"Scale_Factor\",0.9996]," +
        "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";

    [Fact]
    public void Read_FixtureWithPrj_PlacesTopLeftCellAtVaduz()
    {
        var diagnostics = new DiagnosticBag();

        var layer = AsciiGridPopulation.Read(TestData.RasterFixture("vaduz-utm32n.asc"), diagnostics);

        Assert.Equal(34.5, layer.InputPopulation);
        Assert.Equal(layer.InputPopulation, layer.CellPopulation, 1e-6);
        Assert.Equal(["r0c0", "r0c3", "r1c0", "r1c1", "r1c2", "r2c2", "r2c3"], layer.Cells.Select(c => c.Id));
        var r0c0 = layer.Cells[0];
        Assert.Equal(12, r0c0.Population);
        Assert.True(Geodesy.HaversineM(r0c0.Lat, r0c0.Lon, 47.1410, 9.5209) < 0.02, $"({r0c0.Lat:R}, {r0c0.Lon:R})");
        var ring = layer.Footprints[r0c0.Footprint];
        Assert.True(Geodesy.HaversineM(ring.Lat[3], ring.Lon[3], 47.141452905, 9.520245007) < 0.02);   // NW corner, Krüger series
        Assert.Equal(0, diagnostics.Count("raster-crs-assumed"));
        Assert.Contains("4×3 cells in \"WGS_1984_UTM_Zone_32N\"; 7 with people, 2 with 0, 3 without data; 34.5 people",
            diagnostics.Items.Single(d => d.Code == "raster-read").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoPrj_AssumesWgs84AndSaysSo()
    {
        string path = Write("wgs84.asc", CornerHeader + Values);
        var diagnostics = new DiagnosticBag();

        var layer = AsciiGridPopulation.Read(path, diagnostics);

        Assert.Equal(133.75, layer.InputPopulation);
        Assert.Equal(["r0c0", "r0c3", "r1c0", "r1c1", "r2c0", "r2c3"], layer.Cells.Select(c => c.Id));
        Assert.Equal(49.875, layer.Cells[1].Lat, 1e-12);   // 50 − 0.125
        Assert.Equal(10.875, layer.Cells[1].Lon, 1e-12);   // 10 + 3.5 · 0.25
        Assert.Equal([49.75, 49.75, 50, 50], layer.Footprints[layer.Cells[1].Footprint].Lat);
        Assert.Equal(1, diagnostics.Count("raster-crs-assumed"));
    }

    [Fact]
    public void Read_XllCenter_EqualsTheCornerFormShiftedHalfACell()
    {
        string corner = Write("corner.asc", CornerHeader + Values);
        string centre = Write("centre.asc",
            "ncols 4\nnrows 3\nxllcenter 10.125\nyllcenter 49.375\ncellsize 0.25\nNODATA_value -99999\n" + Values);

        var a = AsciiGridPopulation.Read(corner, new DiagnosticBag());
        var b = AsciiGridPopulation.Read(centre, new DiagnosticBag());

        Assert.Equal(a.Cells, b.Cells);
        Assert.Equal(a.Footprints.SelectMany(f => f.Lat), b.Footprints.SelectMany(f => f.Lat));
    }

    [Fact]
    public void Read_HeaderKeysAnyCaseAndValuesAcrossLines_ReadTheSame()
    {
        string tidy = Write("tidy.asc", CornerHeader + Values);
        string messy = Write("messy.asc",
            "NCOLS 4\r\nNRows\t3\r\nXLLCorner 10\r\nYLLCORNER 49.25\r\nCellSize 0.25\r\nnodata_value -99999\r\n" +
            "1 0 -99999\r\n2.5 10 20 0 -99999 0.25\r\n\r\n   0 0\t1e2\r\n");

        Assert.Equal(AsciiGridPopulation.Read(tidy, new DiagnosticBag()).Cells, AsciiGridPopulation.Read(messy, new DiagnosticBag()).Cells);
    }

    [Fact]
    public void Read_ExplicitEpsg_OverridesThePrj()
    {
        string path = Write("override.asc", "ncols 1\nnrows 1\nxllcorner 539447.3793\nyllcorner 5220914.7352\ncellsize 100\n5\n");
        File.WriteAllText(PathOf("override.prj"), "garbage that would fail");
        var diagnostics = new DiagnosticBag();

        var cell = Assert.Single(AsciiGridPopulation.Read(path, diagnostics, epsg: 32632).Cells);

        Assert.True(Geodesy.HaversineM(cell.Lat, cell.Lon, 47.1410, 9.5209) < 0.02);
        Assert.Equal(1, diagnostics.Count("raster-prj-ignored"));
    }

    [Fact]
    public void Read_PrjBesideTheGrid_IsUsed()
    {
        string path = Write("utm.asc", "ncols 1\nnrows 1\nxllcorner 539447.3793\nyllcorner 5220914.7352\ncellsize 100\n5\n");
        File.WriteAllText(PathOf("utm.prj"), Utm32NPrj);

        var cell = Assert.Single(AsciiGridPopulation.Read(path, new DiagnosticBag()).Cells);

        Assert.True(Geodesy.HaversineM(cell.Lat, cell.Lon, 47.1410, 9.5209) < 0.02);
    }

    [Fact]
    public void Read_UnknownEpsg_NamesCodeAndFile()
    {
        string path = Write("moll.asc", CornerHeader + Values);

        var e = Fails(path, epsg: 54009);

        Assert.Contains("EPSG:54009", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp -t_srs EPSG:4326", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnreadablePrj_NamesThePrjFile()
    {
        string path = Write("bad.asc", CornerHeader + Values);
        string prj = PathOf("bad.prj");
        File.WriteAllText(prj, "Projection    UTM\nZone          32\nDatum         WGS84\n");

        var e = Assert.Throws<InputDataException>(() => AsciiGridPopulation.Read(path, new DiagnosticBag()));

        Assert.Equal(prj, e.FilePath);
        Assert.StartsWith(prj + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("old-style ESRI projection file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooFewValues_SaysTruncated()
    {
        var e = Fails(Write("short.asc", CornerHeader + "1 0 -99999 2.5\n10 20 0 -99999\n0.25 0\n"));

        Assert.Contains("promises 3 rows of 4 values (12), but the file ends after 10 (in row 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooManyValues_SaysTheHeaderIsWrong()
    {
        var e = Fails(Write("long.asc", CornerHeader + Values + "7\n"));

        Assert.Contains("line 10: \"7\" is beyond the 12 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DecimalComma_SaysUseAPoint()
    {
        var e = Fails(Write("comma.asc", CornerHeader + "1 0 -99999 2,5\n10 20 0 -99999\n0.25 0 0 100\n"));

        Assert.Contains("line 7: value \"2,5\" is not a number (ASCII grids use a decimal point", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeValue_ListsTheCell()
    {
        var e = Fails(Write("negative.asc", CornerHeader + "1 0 -99999 2.5\n10 -20 0 -99999\n0.25 0 0 100\n"));

        Assert.Contains("row 1, col 1: -20", e.Message, StringComparison.Ordinal);
        Assert.Contains("NODATA_value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ncols 4\nnrows 3\nxllcorner 10\nyllcorner 49.25\n", "no cellsize")]
    [InlineData("ncols 4\nnrows 3\nyllcorner 49.25\ncellsize 0.25\n", "neither xllcorner nor xllcenter")]
    [InlineData("ncols 4\nncols 4\nnrows 3\nxllcorner 10\nyllcorner 49.25\ncellsize 0.25\n", "line 2: header key \"ncols\" appears twice")]
    [InlineData("ncols 4\nnrows 3\nxllcorner 10\nyllcorner 49.25\ncellsize 0.25\nbands 1\n", "unknown header key \"bands\"")]
    [InlineData("ncols 4.5\nnrows 3\nxllcorner 10\nyllcorner 49.25\ncellsize 0.25\n", "ncols is 4.5")]
    [InlineData("ncols 4\nnrows 3\nxllcorner 10\nyllcorner 49.25\ncellsize 0\n", "cell size (0 × 0) must be positive")]
    [InlineData("1 2 3\n", "no ESRI ASCII grid header")]
    public void Read_BadHeader_SaysWhatIsWrong(string header, string expected)
    {
        var e = Fails(Write("header.asc", header + Values));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeClaimedSizeInTinyFile_IsRefusedBeforeReading()
    {
        var e = Fails(Write("huge.asc", "ncols 10000\nnrows 10000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n"));

        Assert.Contains("promises 100,000,000 values, but the whole file has only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        Assert.Contains("file not found", Fails(PathOf("nowhere.asc")).Message, StringComparison.Ordinal);
    }

    private static InputDataException Fails(string path, int? epsg = null)
    {
        var e = Assert.Throws<InputDataException>(() => AsciiGridPopulation.Read(path, new DiagnosticBag(), epsg));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        return e;
    }

    private string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }
}
