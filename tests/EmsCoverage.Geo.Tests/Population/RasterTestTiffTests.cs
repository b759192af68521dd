using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using EmsCoverage.Geo.Population;

namespace EmsCoverage.Geo.Tests.Population;

/// <summary>
/// A small GeoTIFF described in the test and written with LibTiff.NET, so each test's expected numbers can be read
/// off the description. Values are row-major, top row first.
/// </summary>
internal sealed record TestTiff(int Width, int Height, double[] Values)
{
    public const ushort ModelTypeProjected = 1;
    public const ushort ModelTypeGeographic = 2;
    public const ushort PixelIsArea = 1;
    public const ushort PixelIsPoint = 2;

    public int Bits { get; init; } = 32;

    public SampleFormat Format { get; init; } = SampleFormat.IEEEFP;

    public Compression Compression { get; init; } = Compression.NONE;

    public int Predictor { get; init; } = 1;

    /// <summary>Tile edge in pixels (a multiple of 16), or 0 for strips.</summary>
    public int TileSize { get; init; }

    public int RowsPerStrip { get; init; } = 2;

    public bool BigEndian { get; init; }

    public int SamplesPerPixel { get; init; } = 1;

    public double[]? PixelScale { get; init; }

    public double[]? Tiepoints { get; init; }

    public double[]? Transformation { get; init; }

    public ushort[]? GeoKeys { get; init; }

    public string? NoData { get; init; }

    /// <summary>GeoKeys for an EPSG code: model type, raster type and GeographicType or ProjectedCSType.</summary>
    public static ushort[] Keys(int epsg, ushort modelType, ushort rasterType = PixelIsArea) =>
    [
        1, 1, 0, 3,
        1024, 0, 1, modelType,
        1025, 0, 1, rasterType,
        modelType == ModelTypeGeographic ? (ushort)2048 : (ushort)3072, 0, 1, (ushort)epsg,
    ];

    /// <summary>EPSG:4326, grid origin (west, north), cell size in degrees, by tie point and scale.</summary>
    public static TestTiff Geographic(int width, int height, double[] values, double west, double north, double sizeX, double sizeY) =>
        new(width, height, values)
        {
            Tiepoints = [0, 0, 0, west, north, 0],
            PixelScale = [sizeX, sizeY, 0],
            GeoKeys = Keys(4326, ModelTypeGeographic),
        };

    public string Write(string path)
    {
        GeoTiffLibTiff.EnsureInstalled();   // registers the GeoTIFF tags with LibTiff.NET so they can be written
        using (var tif = Tiff.Open(path, BigEndian ? "wb" : "w") ?? throw new InvalidOperationException($"cannot create {path}"))
        {
            tif.SetField(TiffTag.IMAGEWIDTH, Width);
            tif.SetField(TiffTag.IMAGELENGTH, Height);
            tif.SetField(TiffTag.SAMPLESPERPIXEL, SamplesPerPixel);
            tif.SetField(TiffTag.BITSPERSAMPLE, Bits);
            tif.SetField(TiffTag.SAMPLEFORMAT, Format);
            tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
            tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
            tif.SetField(TiffTag.COMPRESSION, Compression);
            if (Predictor != 1)
            {
                tif.SetField(TiffTag.PREDICTOR, Predictor);
            }

            if (PixelScale is not null)
            {
                tif.SetField(GeoTiffLibTiff.ModelPixelScale, PixelScale.Length, PixelScale);
            }

            if (Tiepoints is not null)
            {
                tif.SetField(GeoTiffLibTiff.ModelTiepoint, Tiepoints.Length, Tiepoints);
            }

            if (Transformation is not null)
            {
                tif.SetField(GeoTiffLibTiff.ModelTransformation, Transformation.Length, Transformation);
            }

            if (GeoKeys is not null)
            {
                tif.SetField(GeoTiffLibTiff.GeoKeyDirectory, GeoKeys.Length, GeoKeys);
            }

            if (NoData is not null)
            {
                tif.SetField(GeoTiffLibTiff.GdalNoData, NoData);
            }

            int bytes = Bits / 8 * SamplesPerPixel;
            if (TileSize > 0)
            {
                tif.SetField(TiffTag.TILEWIDTH, TileSize);
                tif.SetField(TiffTag.TILELENGTH, TileSize);
                var tile = new byte[TileSize * TileSize * bytes];
                for (int y0 = 0; y0 < Height; y0 += TileSize)
                {
                    for (int x0 = 0; x0 < Width; x0 += TileSize)
                    {
                        Array.Clear(tile);
                        for (int r = 0; r < TileSize && y0 + r < Height; r++)
                        {
                            for (int c = 0; c < TileSize && x0 + c < Width; c++)
                            {
                                Put(tile, ((r * TileSize) + c) * bytes, Values[((y0 + r) * Width) + x0 + c]);
                            }
                        }

                        Check(tif.WriteEncodedTile(tif.ComputeTile(x0, y0, 0, 0), tile, tile.Length));
                    }
                }
            }
            else
            {
                tif.SetField(TiffTag.ROWSPERSTRIP, RowsPerStrip);
                for (int strip = 0, row0 = 0; row0 < Height; strip++, row0 += RowsPerStrip)
                {
                    int rows = Math.Min(RowsPerStrip, Height - row0);
                    var buffer = new byte[rows * Width * bytes];
                    for (int i = 0; i < rows * Width; i++)
                    {
                        Put(buffer, i * bytes, Values[(row0 * Width) + i]);
                    }

                    Check(tif.WriteEncodedStrip(strip, buffer, buffer.Length));
                }
            }
        }

        return path;
    }

    private static void Check(int written)
    {
        if (written < 0)
        {
            throw new InvalidOperationException("LibTiff.NET could not encode the test raster");
        }
    }

    private void Put(byte[] buffer, int offset, double value)
    {
        var span = buffer.AsSpan(offset);
        for (int s = 0; s < SamplesPerPixel; s++, span = span[(Bits / 8)..])
        {
            switch (Format, Bits)
            {
                case (SampleFormat.IEEEFP, 32): MemoryMarshal.Write(span, (float)value); break;
                case (SampleFormat.IEEEFP, 64): MemoryMarshal.Write(span, value); break;
                case (SampleFormat.IEEEFP, 16): MemoryMarshal.Write(span, (Half)value); break;
                case (SampleFormat.UINT, 8): span[0] = (byte)value; break;
                case (SampleFormat.INT, 8): span[0] = unchecked((byte)(sbyte)value); break;
                case (SampleFormat.UINT, 16): MemoryMarshal.Write(span, (ushort)value); break;
                case (SampleFormat.INT, 16): MemoryMarshal.Write(span, (short)value); break;
                case (SampleFormat.UINT, 32): MemoryMarshal.Write(span, (uint)value); break;
                case (SampleFormat.INT, 32): MemoryMarshal.Write(span, (int)value); break;
                default: throw new NotSupportedException($"{Format} {Bits}");
            }
        }
    }
}

/// <summary>Byte-level edits of written TIFFs, for encodings LibTiff.NET will not write (ZSTD, bad predictors).</summary>
internal static class TiffPatch
{
    /// <summary>Sets the SHORT value of <paramref name="tag"/> in the first directory of a little-endian TIFF.</summary>
    public static void SetShortTag(string path, ushort tag, ushort value)
    {
        var bytes = File.ReadAllBytes(path);
        int ifd = BitConverter.ToInt32(bytes, 4);
        int count = BitConverter.ToUInt16(bytes, ifd);
        for (int i = 0; i < count; i++)
        {
            int entry = ifd + 2 + (12 * i);
            if (BitConverter.ToUInt16(bytes, entry) == tag)
            {
                BitConverter.GetBytes(value).CopyTo(bytes, entry + 8);
                File.WriteAllBytes(path, bytes);
                return;
            }
        }

        throw new InvalidOperationException($"tag {tag} not in {path}");
    }
}

/// <summary>A temporary folder for files a test writes, deleted afterwards.</summary>
public abstract class RasterTempFolderTests : IDisposable
{
    protected RasterTempFolderTests()
    {
        Folder = Directory.CreateTempSubdirectory("emscov-raster-").FullName;
    }

    protected string Folder { get; }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string PathOf(string fileName) => Path.Combine(Folder, fileName);
}
