using BitMiracle.LibTiff.Classic;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;

namespace EmsCoverage.Geo.Tests.Population;

/// <summary>Bad GeoTIFFs: each must fail with an <see cref="InputDataException"/> that names the file and the fix.</summary>
public class RasterGeoTiffErrorTests : RasterTempFolderTests
{
    private const string Normalise = "gdal_translate -ot Float32 -co COMPRESS=DEFLATE -co PREDICTOR=3";

    private static TestTiff Valid => TestTiff.Geographic(3, 2, [1, 2, 3, 4, 5, 6], 10, 50, 0.5, 0.25);

    [Fact]
    public void Read_NoGeoreferencing_SaysItIsNotAGeoTiff()
    {
        string path = (Valid with { Tiepoints = null, PixelScale = null, GeoKeys = null }).Write(PathOf("plain.tif"));

        var e = Fails(path);

        Assert.Contains("no georeferencing", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdal_translate -a_srs EPSG:<code> -a_ullr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GridWithoutGeoKeys_SaysTheCrsIsMissing()
    {
        var e = Fails((Valid with { GeoKeys = null }).Write(PathOf("nokeys.tif")));

        Assert.Contains("no coordinate reference system", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdal_edit.py -a_srs EPSG:<code>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RotatedModelTransformation_IsRefusedWithGdalwarp()
    {
        // 10° rotation: X = cos·I − sin·J …, the off-diagonal terms are non-zero.
        double c = Math.Cos(Math.PI / 18) * 0.5, s = Math.Sin(Math.PI / 18) * 0.5;
        var tiff = Valid with { Tiepoints = null, PixelScale = null, Transformation = [c, -s, 0, 10, -s, -c, 0, 50, 0, 0, 0, 0, 0, 0, 0, 1] };

        var e = Fails(tiff.Write(PathOf("rotated.tif")));

        Assert.Contains("rotated rasters are not supported", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GroundControlPointsOnly_AsksForAWarp()
    {
        var tiff = Valid with { PixelScale = null, Tiepoints = [0, 0, 0, 10, 50, 0, 3, 0, 0, 11.5, 50, 0, 0, 2, 0, 10, 49.5, 0] };

        var e = Fails(tiff.Write(PathOf("gcps.tif")));

        Assert.Contains("3 ground control points", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Mollweide54009_NamesTheCodeAndGdalwarp()
    {
        var tiff = Valid with { GeoKeys = TestTiff.Keys(54009, TestTiff.ModelTypeProjected), PixelScale = [1000, 1000, 0], Tiepoints = [0, 0, 0, 800000, 5500000, 0] };

        var e = Fails(tiff.Write(PathOf("ghs-pop-mollweide.tif")));

        Assert.Contains("EPSG:54009", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdalwarp -t_srs EPSG:4326 in.tif out.tif", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UserDefinedCrs_AsksForAnEpsgCode()
    {
        var e = Fails((Valid with { GeoKeys = TestTiff.Keys(32767, TestTiff.ModelTypeProjected) }).Write(PathOf("user.tif")));

        Assert.Contains("user-defined coordinate system", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeCell_ListsRowColumnAndValue()
    {
        var e = Fails((Valid with { Values = [1, 2, 3, 4, -5, 6], NoData = "-99999" }).Write(PathOf("negative.tif")));

        Assert.Contains("1 cell holds a negative or not-a-number value, which is not a population count", e.Message, StringComparison.Ordinal);
        Assert.Contains("row 1, col 1: -5", e.Message, StringComparison.Ordinal);
        Assert.Contains("declares -99999 as its no-data value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNCellWithoutNaNNoData_IsRefused()
    {
        var e = Fails((Valid with { Values = [1, double.NaN, 3, 4, 5, 6] }).Write(PathOf("nan.tif")));

        Assert.Contains("row 0, col 1: NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains("declares no no-data value", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdal_edit.py -a_nodata", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyInvalidCells_ListsTenAndCountsTheRest()
    {
        var values = Enumerable.Repeat(-1.0, 30).ToArray();
        var tiff = TestTiff.Geographic(6, 5, values, 10, 50, 1, 1);

        var e = Fails(tiff.Write(PathOf("all-negative.tif")));

        Assert.Contains("30 cells hold negative or not-a-number values, which are not population counts", e.Message, StringComparison.Ordinal);
        Assert.Contains("row 1, col 3: -1", e.Message, StringComparison.Ordinal);      // the 10th
        Assert.DoesNotContain("row 1, col 4", e.Message, StringComparison.Ordinal);   // the 11th is only counted
        Assert.Contains("and 20 more", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedCompressedFile_SaysTruncated()
    {
        string path = PathOf("truncated.tif");
        File.WriteAllBytes(path, File.ReadAllBytes(TestData.Shared("helsinki-population-2020-250m-EPSG3879.tif"))[..600]);

        var e = Fails(path);

        Assert.Contains("truncated or damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedDirectory_SaysTruncated()
    {
        string path = PathOf("cut-header.tif");
        File.WriteAllBytes(path, File.ReadAllBytes((Valid with { Compression = Compression.NONE }).Write(PathOf("whole.tif")))[..12]);

        var e = Fails(path);

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeClaimedSizeInTinyFile_IsRefusedBeforeAllocating()
    {
        string path = PathOf("claims-huge.tif");
        new TestTiff(1, 1, [1]) { Tiepoints = [0, 0, 0, 10, 50, 0], PixelScale = [1, 1, 0], GeoKeys = TestTiff.Keys(4326, 2) }.Write(path);
        TiffPatch.SetShortTag(path, 256, 60_000);   // ImageWidth
        TiffPatch.SetShortTag(path, 257, 60_000);   // ImageLength

        var e = Fails(path);

        Assert.Contains("3,600,000,000 cells, more than the 200,000,000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LargeClaimedSizeInTinyFile_IsRefusedAsTruncated()
    {
        string path = PathOf("claims-large.tif");
        (Valid with { RowsPerStrip = 1 }).Write(path);
        TiffPatch.SetShortTag(path, 256, 10_000);
        TiffPatch.SetShortTag(path, 257, 10_000);

        var e = Fails(path);

        Assert.Contains("10000 × 10000 cells", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated or damaged", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello, this is not a TIFF", "does not start with a TIFF signature")]
    [InlineData("", "it is empty")]
    [InlineData("ncols 3\nnrows 2\n", "ESRI ASCII grid")]
    [InlineData("PK\u0003\u0004zipzip", "ZIP archive")]
    public void Read_NotATiff_SaysWhatItIs(string content, string expected)
    {
        string path = PathOf("not.tif");
        File.WriteAllText(path, content);

        var e = Fails(path);

        Assert.Contains("not a TIFF file", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        var e = Fails(PathOf("nowhere.tif"));

        Assert.Contains("file not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZstdCompression_GivesTheGdalTranslateCommand()
    {
        // LibTiff.NET cannot write ZSTD: write DEFLATE and relabel the compression tag as ZSTD (50000).
        string path = (Valid with { Compression = Compression.DEFLATE }).Write(PathOf("zstd.tif"));
        TiffPatch.SetShortTag(path, 259, 50000);

        var e = Fails(path);

        Assert.Contains("ZSTD (50000)", e.Message, StringComparison.Ordinal);
        Assert.Contains(Normalise, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Float64WithHorizontalPredictor_GivesTheGdalTranslateCommand()
    {
        // LibTiff.NET cannot decode (or write) horizontal differencing on 64-bit samples, which GDAL can write.
        string path = (Valid with { Bits = 64, Compression = Compression.DEFLATE, Predictor = 3 }).Write(PathOf("f64-pred2.tif"));
        TiffPatch.SetShortTag(path, 317, 2);

        var e = Fails(path);

        Assert.Contains("horizontal differencing (PREDICTOR=2) on 64-bit samples", e.Message, StringComparison.Ordinal);
        Assert.Contains(Normalise, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HalfFloatSamples_GivesTheGdalTranslateCommand()
    {
        var e = Fails((Valid with { Bits = 16 }).Write(PathOf("half.tif")));

        Assert.Contains("16-bit floating point", e.Message, StringComparison.Ordinal);
        Assert.Contains(Normalise, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThreeBands_AsksForOne()
    {
        var e = Fails((Valid with { SamplesPerPixel = 3, Bits = 8, Format = SampleFormat.UINT }).Write(PathOf("rgb.tif")));

        Assert.Contains("3 bands", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdal_translate -b 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProjectedCoordinatesLabelledWgs84_IsRefused()
    {
        var tiff = Valid with { Tiepoints = [0, 0, 0, 25496000, 6672000, 0], PixelScale = [250, 250, 0] };

        var e = Fails(tiff.Write(PathOf("mislabelled.tif")));

        Assert.Contains("cannot be placed on the Earth", e.Message, StringComparison.Ordinal);
        Assert.Contains("not degrees", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadNoDataText_IsRefused()
    {
        var e = Fails((Valid with { NoData = "none" }).Write(PathOf("bad-nodata.tif")));

        Assert.Contains("\"none\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("gdal_edit.py -a_nodata", e.Message, StringComparison.Ordinal);
    }

    private static InputDataException Fails(string path)
    {
        var e = Assert.Throws<InputDataException>(() => GeoTiffPopulation.Read(path, new DiagnosticBag()));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        return e;
    }
}
