using BitMiracle.LibTiff.Classic;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Graph;
using EmsCoverage.Population;

namespace EmsCoverage.Geo.Tests.Population;

public class RasterGeoTiffTests : RasterTempFolderTests
{
    private const double NoData = -99999;

    //        col 0    col 1   col 2    col 3        EPSG:4326, west 10°, north 50°, cells 0.5° × 0.25°
    // row 0  1        0       nodata   2.5
    // row 1  10       20      0        nodata
    // row 2  0.25     0       0        100          valid sum 133.75 in 6 cells with people, 4 zeros, 2 nodata
    private static readonly double[] Small = [1, 0, NoData, 2.5, 10, 20, 0, NoData, 0.25, 0, 0, 100];

    // Vaduz (47.1410 N, 9.5209 E) is E 539497.3793, N 5220964.7352 in UTM 32N (independent Krüger series).
    private const double VaduzE = 539497.3793;
    private const double VaduzN = 5220964.7352;

    [Fact]
    public void Read_Float32UncompressedStrips_EmitsPositiveCellsAtCentres()
    {
        var tiff = TestTiff.Geographic(4, 3, Small, west: 10, north: 50, sizeX: 0.5, sizeY: 0.25) with { NoData = "-99999" };
        var diagnostics = new DiagnosticBag();

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("small.tif")), diagnostics);

        Assert.Equal(["r0c0", "r0c3", "r1c0", "r1c1", "r2c0", "r2c3"], layer.Cells.Select(c => c.Id));
        Assert.Equal([1, 2.5, 10, 20, 0.25, 100], layer.Cells.Select(c => c.Population));
        Assert.Equal(133.75, layer.InputPopulation);
        Assert.Equal(layer.InputPopulation, layer.CellPopulation, 1e-6);
        Assert.Equal("small.tif", layer.SourceName);

        var r0c3 = layer.Cells[1];
        Assert.Equal(49.875, r0c3.Lat, 1e-12);            // 50 − 0.5 · 0.25
        Assert.Equal(11.75, r0c3.Lon, 1e-12);             // 10 + 3.5 · 0.5
        var ring = layer.Footprints[r0c3.Footprint];
        Assert.Equal([49.75, 49.75, 50, 50], ring.Lat);   // SW, SE, NE, NW: counter-clockwise
        Assert.Equal([11.5, 12, 12, 11.5], ring.Lon);

        var r2c3 = layer.Cells[5];
        Assert.Equal(49.375, r2c3.Lat, 1e-12);
        Assert.Equal(11.75, r2c3.Lon, 1e-12);

        var summary = Assert.Single(diagnostics.Items, d => d.Code == "raster-read");
        Assert.Contains("4×3 cells in EPSG:4326", summary.Message, StringComparison.Ordinal);
        Assert.Contains("6 with people, 4 with 0, 2 without data", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PixelIsPoint_ShiftsHalfACellAgainstPixelIsArea()
    {
        var area = TestTiff.Geographic(4, 3, Small, 10, 50, 0.5, 0.25) with { NoData = "-99999" };
        var point = area with { GeoKeys = TestTiff.Keys(4326, TestTiff.ModelTypeGeographic, TestTiff.PixelIsPoint) };
        var diagnostics = new DiagnosticBag();

        var areaLayer = GeoTiffPopulation.Read(area.Write(PathOf("area.tif")), new DiagnosticBag());
        var pointLayer = GeoTiffPopulation.Read(point.Write(PathOf("point.tif")), diagnostics);

        // PixelIsPoint: the tie point (10°, 50°) is the centre of cell r0c0, not its outer corner.
        Assert.Equal(50, pointLayer.Cells[0].Lat, 1e-12);
        Assert.Equal(10, pointLayer.Cells[0].Lon, 1e-12);
        for (int i = 0; i < areaLayer.Cells.Count; i++)
        {
            Assert.Equal(areaLayer.Cells[i].Lat + 0.125, pointLayer.Cells[i].Lat, 1e-12);
            Assert.Equal(areaLayer.Cells[i].Lon - 0.25, pointLayer.Cells[i].Lon, 1e-12);
        }

        Assert.Equal(1, diagnostics.Count("raster-pixel-is-point"));
    }

    [Fact]
    public void Read_AxisAlignedModelTransformation_EqualsTiepointAndScale()
    {
        var tiepoint = TestTiff.Geographic(4, 3, Small, 10, 50, 0.5, 0.25) with { NoData = "-99999" };
        var matrix = tiepoint with
        {
            Tiepoints = null,
            PixelScale = null,
            Transformation = [0.5, 0, 0, 10, 0, -0.25, 0, 50, 0, 0, 0, 0, 0, 0, 0, 1],
        };

        var a = GeoTiffPopulation.Read(tiepoint.Write(PathOf("tiepoint.tif")), new DiagnosticBag());
        var b = GeoTiffPopulation.Read(matrix.Write(PathOf("matrix.tif")), new DiagnosticBag());

        Assert.Equal(a.Cells, b.Cells);
    }

    [Fact]
    public void Read_LzwTilesInUtm32N_PlacesCellsAndKeepsRowOrder()
    {
        // 20 × 18 cells of 100 m in 16 × 16 tiles (the right and bottom tiles are partial); value (r·20 + c) mod 7.
        const int w = 20, h = 18;
        var values = new double[w * h];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 7;
        }

        var tiff = new TestTiff(w, h, values)
        {
            Compression = Compression.LZW,
            TileSize = 16,
            Tiepoints = [0, 0, 0, VaduzE - 50, VaduzN + 50, 0],   // r0c0's centre is Vaduz
            PixelScale = [100, 100, 0],
            GeoKeys = TestTiff.Keys(32632, TestTiff.ModelTypeProjected),
        };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("utm-lzw-tiles.tif")), new DiagnosticBag());

        Assert.Equal(values.Sum(), layer.InputPopulation);                 // 0+1+…+6 repeated: 1,077
        Assert.Equal(values.Count(v => v > 0), layer.Cells.Count);
        Assert.Equal(layer.InputPopulation, layer.CellPopulation, 1e-6);
        var ids = layer.Cells.Select(c => (Row: int.Parse(c.Id[1..c.Id.IndexOf('c')]), Col: int.Parse(c.Id[(c.Id.IndexOf('c') + 1)..]))).ToList();
        Assert.Equal(ids.OrderBy(x => x.Row).ThenBy(x => x.Col), ids);

        var r0c1 = layer.Cells.Single(c => c.Id == "r0c1");                 // value 1, 100 m east of Vaduz
        Assert.Equal(1, r0c1.Population);
        var last = layer.Cells.Single(c => c.Id == "r17c19");               // (17·20 + 19) mod 7 = 2
        Assert.Equal(2, last.Population);
        Assert.True(Geodesy.HaversineM(last.Lat, last.Lon, 47.125586475, 9.545799940) < 0.02, $"r17c19 at ({last.Lat:R}, {last.Lon:R})");

        var ring = layer.Footprints[r0c1.Footprint];
        for (int k = 0; k < 4; k++)
        {
            double edge = Geodesy.HaversineM(ring.Lat[k], ring.Lon[k], ring.Lat[(k + 1) % 4], ring.Lon[(k + 1) % 4]);
            Assert.InRange(edge, 99.5, 100.5);   // 100 m × 0.9996 scale at ~0.5° from the meridian, on a sphere
        }
    }

    [Fact]
    public void Read_UncompressedSingleStrip_ReadsEveryRow()
    {
        // One 20 KB strip: LibTiff splits it into smaller virtual strips when reading ("strip chopping").
        var values = Enumerable.Range(0, 100 * 50).Select(i => (double)(i % 11)).ToArray();
        var tiff = TestTiff.Geographic(100, 50, values, 10, 50, 0.01, 0.01) with { RowsPerStrip = 50 };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("one-strip.tif")), new DiagnosticBag());

        Assert.Equal(values.Sum(), layer.InputPopulation);                  // 24,985
        Assert.Equal(values.Count(v => v > 0), layer.Cells.Count);
        Assert.Equal(values[^1], layer.Cells[^1].Population);               // r49c99 = 4999 mod 11 = 5
        Assert.Equal("r49c99", layer.Cells[^1].Id);
    }

    [Fact]
    public void Read_UtmCellCentre_IsTheProjectedPointInWgs84()
    {
        var tiff = new TestTiff(1, 1, [42])
        {
            Tiepoints = [0, 0, 0, VaduzE - 50, VaduzN + 50, 0],
            PixelScale = [100, 100, 0],
            GeoKeys = TestTiff.Keys(32632, TestTiff.ModelTypeProjected),
        };

        var cell = Assert.Single(GeoTiffPopulation.Read(tiff.Write(PathOf("one.tif")), new DiagnosticBag()).Cells);

        Assert.True(Geodesy.HaversineM(cell.Lat, cell.Lon, 47.1410, 9.5209) < 0.02, $"({cell.Lat:R}, {cell.Lon:R})");
    }

    [Theory]
    [InlineData(32, Compression.DEFLATE, 3)]
    [InlineData(64, Compression.DEFLATE, 3)]
    [InlineData(32, Compression.ADOBE_DEFLATE, 3)]
    [InlineData(32, Compression.LZW, 3)]
    [InlineData(64, Compression.LZW, 1)]
    [InlineData(32, Compression.PACKBITS, 1)]
    public void Read_FloatEncodings_DecodeTheSameValues(int bits, Compression compression, int predictor)
    {
        const int w = 37, h = 23;
        var values = new double[w * h];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 5 == 2 ? 0 : (i * 0.37) % 13.1;   // fractional, some zeros
        }

        var tiff = TestTiff.Geographic(w, h, values, 7.4, 43.765, 0.0015, 0.0015) with
        {
            Bits = bits,
            Compression = compression,
            Predictor = predictor,
            TileSize = 16,
        };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf($"f{bits}-{compression}-{predictor}.tif")), new DiagnosticBag());

        double expected = bits == 32 ? values.Sum(v => (double)(float)v) : values.Sum();
        Assert.Equal(expected, layer.InputPopulation, 1e-9);
        Assert.Equal(values.Count(v => v > 0), layer.Cells.Count);
        Assert.Equal(layer.InputPopulation, layer.CellPopulation, 1e-6);
        var r22c36 = layer.Cells[^1];
        Assert.Equal("r22c36", r22c36.Id);
        Assert.Equal(bits == 32 ? (float)values[^1] : values[^1], r22c36.Population);
    }

    [Theory]
    [InlineData(8, SampleFormat.UINT, Compression.DEFLATE, 2)]
    [InlineData(8, SampleFormat.INT, Compression.NONE, 1)]
    [InlineData(16, SampleFormat.UINT, Compression.LZW, 2)]
    [InlineData(16, SampleFormat.INT, Compression.DEFLATE, 2)]
    [InlineData(32, SampleFormat.UINT, Compression.NONE, 1)]
    [InlineData(32, SampleFormat.INT, Compression.DEFLATE, 2)]
    public void Read_IntegerSamples_DecodeTheSameValues(int bits, SampleFormat format, Compression compression, int predictor)
    {
        const int w = 9, h = 7;
        var values = new double[w * h];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i * 13) % 101;   // 0 … 100 fits every type
        }

        var tiff = TestTiff.Geographic(w, h, values, 24.9, 60.2, 0.01, 0.005) with
        {
            Bits = bits,
            Format = format,
            Compression = compression,
            Predictor = predictor,
            RowsPerStrip = 3,
        };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf($"i{bits}{format}.tif")), new DiagnosticBag());

        Assert.Equal(values.Sum(), layer.InputPopulation);
        Assert.Equal(values.Where(v => v > 0), layer.Cells.Select(c => c.Population));
    }

    [Fact]
    public void Read_BigEndianFile_DecodesValuesAndTags()
    {
        var values = new double[] { 1, 2, 3, 4, 5, 6 };
        var floats = TestTiff.Geographic(3, 2, values, 10, 50, 0.5, 0.25) with { BigEndian = true, Bits = 64, Compression = Compression.LZW };
        var shorts = floats with { Bits = 16, Format = SampleFormat.INT, Compression = Compression.DEFLATE, Predictor = 2 };

        var a = GeoTiffPopulation.Read(floats.Write(PathOf("be64.tif")), new DiagnosticBag());
        var b = GeoTiffPopulation.Read(shorts.Write(PathOf("be16.tif")), new DiagnosticBag());

        Assert.Equal(values, a.Cells.Select(c => c.Population));
        Assert.Equal(values, b.Cells.Select(c => c.Population));
        Assert.Equal(49.875, a.Cells[0].Lat, 1e-12);
        Assert.Equal(10.25, a.Cells[0].Lon, 1e-12);
    }

    [Fact]
    public void Read_NaNNoData_SkipsNaNCells()
    {
        var tiff = TestTiff.Geographic(3, 1, [double.NaN, 4, double.NaN], 10, 50, 1, 1) with { NoData = "nan" };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("nan-nodata.tif")), new DiagnosticBag());

        Assert.Equal("r0c1", Assert.Single(layer.Cells).Id);
        Assert.Equal(4, layer.InputPopulation);
    }

    [Fact]
    public void Read_Float32MinValueNoData_MatchesAtFloatPrecision()
    {
        // GDAL writes float.MinValue as "-3.4028234663852886e+38"; the cells hold the float, not that double.
        var tiff = TestTiff.Geographic(2, 1, [float.MinValue, 3], 10, 50, 1, 1) with { NoData = "-3.4028234663852886e+38" };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("minvalue.tif")), new DiagnosticBag());

        Assert.Equal(3, layer.InputPopulation);
    }

    [Fact]
    public void Read_NoPositiveCells_WarnsAndReturnsEmptyLayer()
    {
        var tiff = TestTiff.Geographic(2, 1, [0, 0], 10, 50, 1, 1);
        var diagnostics = new DiagnosticBag();

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("zeros.tif")), diagnostics);

        Assert.Empty(layer.Cells);
        Assert.Equal(0, layer.InputPopulation);
        Assert.Equal(1, diagnostics.Count("raster-no-population"));
    }

    [Fact]
    public void Read_FootprintsOfNeighbours_ShareCorners()
    {
        var tiff = new TestTiff(2, 2, [1, 2, 3, 4])
        {
            Tiepoints = [0, 0, 0, 25496000, 6672000, 0],
            PixelScale = [250, 250, 0],
            GeoKeys = TestTiff.Keys(3879, TestTiff.ModelTypeProjected),
        };

        var layer = GeoTiffPopulation.Read(tiff.Write(PathOf("gk25.tif")), new DiagnosticBag());
        CellFootprint F(string id) => layer.Footprints[layer.Cells.Single(c => c.Id == id).Footprint];

        // r0c0's SE corner is r0c1's SW corner, r1c0's NE corner and r1c1's NW corner.
        Assert.Equal(F("r0c0").Lat[1], F("r0c1").Lat[0]);
        Assert.Equal(F("r0c0").Lat[1], F("r1c0").Lat[2]);
        Assert.Equal(F("r0c0").Lon[1], F("r1c1").Lon[3]);
        // The top-left corner is the tie point, 60.160887 N 24.927965 E (independent values: see CrsKnownPointsTests).
        Assert.True(Geodesy.HaversineM(F("r0c0").Lat[3], F("r0c0").Lon[3], 60.160886920, 24.927965358) < 0.02);
    }
}
