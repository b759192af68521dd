using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using EmsCoverage.Diagnostics;
using EmsCoverage.Population;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Reads a population count raster in GeoTIFF format (WorldPop, GHS-POP in WGS84, national grids) into demand cells.
/// </summary>
/// <remarks>
/// <para>Supported: one band; 8/16/32-bit integer, Float32 and Float64 samples; strips or tiles; no compression, LZW,
/// DEFLATE or PackBits; horizontal (2) and floating-point (3) predictors (not horizontal with 64-bit samples); north-up
/// georeferencing by ModelTiepoint + ModelPixelScale or an axis-aligned ModelTransformation; PixelIsArea and
/// PixelIsPoint; a coordinate system given by an EPSG code that <see cref="Crs.CrsRegistry"/> knows; GDAL's no-data
/// tag. Anything else (ZSTD, LERC, WebP or JPEG compression, several bands, rotated grids, BigTIFF, user-defined
/// systems) is refused with the GDAL command that converts the file.</para>
/// <para>Each cell with a value above zero becomes a <see cref="DemandCell"/> with id <c>r{row}c{col}</c> (row 0 at
/// the top), placed at the cell centre and carrying the four cell corners as its footprint, all transformed to WGS84.
/// Cells with zero count towards <see cref="DemandLayer.InputPopulation"/> but are not emitted; no-data cells are
/// skipped; negative or NaN values fail the file. Cells are emitted row by row, west to east.</para>
/// </remarks>
internal static class GeoTiffPopulation
{
    // Decoded strips or tiles larger than this are refused rather than allocated (a sane GeoTIFF uses ~8 KB strips
    // or 256–512 px tiles).
    private const long MaxChunkBytes = 512L * 1024 * 1024;

    private const string Normalise = "`gdal_translate -ot Float32 -co COMPRESS=DEFLATE -co PREDICTOR=3 -co TILED=YES in.tif out.tif`";

    private enum SampleKind
    {
        UInt8,
        Int8,
        UInt16,
        Int16,
        UInt32,
        Int32,
        Float32,
        Float64,
    }

    /// <summary>Reads the raster at <paramref name="path"/>.</summary>
    /// <param name="path">A GeoTIFF file.</param>
    /// <param name="diagnostics">Receives a summary (cells, zero and no-data counts, total) and notes such as a
    /// PixelIsPoint shift or a datum taken as WGS84.</param>
    /// <returns>The demand cells, their footprints and the raster's total (the sum of all valid values).</returns>
    /// <exception cref="InputDataException">The file is missing, not a TIFF, truncated, not georeferenced, in an
    /// unsupported encoding or coordinate system, or holds negative or NaN counts. The message names the file, says
    /// what is wrong and how to fix it.</exception>
    public static DemandLayer Read(string path, DiagnosticBag diagnostics)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        try
        {
            return ReadChecked(path, diagnostics);
        }
        catch (Exception e) when (e is not InputDataException)
        {
            // LibTiff.NET fails on some damaged directories with its own exceptions (an OverflowException for a tag
            // value out of range, an IndexOutOfRangeException for a short array) rather than an error message.
            if (!ThrownInLibTiff(e))
            {
                throw;
            }

            throw new InputDataException(path, $"{path}: the TIFF file is damaged ({e.GetType().Name}: {e.Message}). Re-export or re-download it.", e);
        }
    }

    // True when the innermost frame outside the runtime's own code (System.*, and Internal.* that throws for array bounds) is LibTiff.NET's.
    private static bool ThrownInLibTiff(Exception e)
    {
        foreach (var frame in new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrames())
        {
            string? ns = frame.GetMethod()?.DeclaringType?.Namespace;
            if (ns is null || ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Internal.", StringComparison.Ordinal))
            {
                continue;
            }

            return ns.StartsWith("BitMiracle.", StringComparison.Ordinal);
        }

        return false;
    }

    private static DemandLayer ReadChecked(string path, DiagnosticBag diagnostics)
    {
        long fileLength = CheckSignature(path);
        CheckFirstDirectory(path, fileLength);
        using var capture = GeoTiffLibTiff.CaptureMessages();
        using var tif = Tiff.Open(path, "r")
            ?? throw new InputDataException(path,
                $"{path}: cannot be opened as a TIFF file ({LibTiffSays(capture, path, "no reason given")}); the file is truncated or damaged. " +
                "Re-export or re-download it.");

        var layout = Layout.Read(tif, path, fileLength);
        var georef = GeoTiffGeoreference.Read(tif, path, layout.Width, layout.Height);
        double? noData = ReadNoData(tif, path, layout.Kind);

        string file = Path.GetFileName(path);
        if (georef.PixelIsPoint)
        {
            diagnostics.Add(RasterDiagnosticCodes.PixelIsPoint, DiagnosticSeverity.Info,
                $"{file}: the raster is PixelIsPoint (coordinates mark cell centres); cells were placed accordingly", file);
        }

        if (!georef.Crs.IsWgs84Compatible)
        {
            diagnostics.Add(RasterDiagnosticCodes.DatumNotShifted, DiagnosticSeverity.Warning,
                $"{file}: the datum of {georef.Crs.Description} was taken as WGS84 without a datum shift; cells may be misplaced by " +
                "up to a few hundred metres (reproject with `gdalwarp -t_srs EPSG:4326` for exact positions)", file);
        }

        var builder = new RasterDemandBuilder(path, georef.Grid, georef.Crs, noData,
            $"e.g. `gdal_edit.py -a_nodata -99999 {file}`");
        if (layout.Tiled)
        {
            ReadTiles(tif, path, layout, builder, capture);
        }
        else
        {
            ReadStrips(tif, path, layout, builder, capture);
        }

        return builder.Build(diagnostics);
    }

    private static long CheckSignature(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        long length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            length = stream.Length;
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputDataException(path, $"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: cannot be read ({e.Message})", e);
        }

        head = head[..read];
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            if (read < 8)
            {
                throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the TIFF file is truncated ({length} bytes, not even a header). Re-export or re-download it."));
            }

            return length;
        }

        if (head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8))
        {
            throw new InputDataException(path,
                $"{path}: the file is a BigTIFF, which cannot be read here; write a classic TIFF, clipping it to the area of interest " +
                $"if it is over 4 GB: {Normalise.Replace("-co TILED=YES", "-co TILED=YES -co BIGTIFF=NO", StringComparison.Ordinal)}");
        }

        string what = head switch
        {
            _ when read == 0 => "it is empty",
            _ when head.StartsWith("PK"u8) => "it is a ZIP archive; unzip it first",
            _ when head.StartsWith("SQLite f"u8) => "it is an SQLite database (a GeoPackage?); read it as polygons or points instead",
            _ when head.StartsWith("ncols"u8) || head.StartsWith("NCOLS"u8) => "it is an ESRI ASCII grid; give it an .asc extension",
            _ => "it does not start with a TIFF signature (II*\\0 or MM\\0*)",
        };
        throw new InputDataException(path, $"{path}: not a TIFF file: {what}. Population rasters must be GeoTIFF or ESRI ASCII grid files.");
    }

    /// <summary>
    /// Checks that the first image directory and the data of each of its tags lie inside the file, before LibTiff.NET
    /// reads them: LibTiff.NET allocates what a tag's count claims, so a damaged count in a tiny file would otherwise
    /// ask for gigabytes.
    /// </summary>
    private static void CheckFirstDirectory(string path, long fileLength)
    {
        InputDataException Damaged(string problem) => new(path, string.Create(CultureInfo.InvariantCulture,
            $"{path}: the TIFF file is damaged or truncated ({problem}; the file has {fileLength:#,0} bytes). Re-export or re-download it."));

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Span<byte> header = stackalloc byte[8];
            stream.ReadExactly(header);
            bool little = header[0] == (byte)'I';
            uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
            ushort U16(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

            long ifd = U32(header[4..]);
            if (ifd < 8 || ifd + 2 > fileLength)
            {
                throw Damaged($"the image directory is said to start at byte {ifd:#,0}");
            }

            stream.Position = ifd;
            Span<byte> countBytes = stackalloc byte[2];
            stream.ReadExactly(countBytes);
            int count = U16(countBytes);
            if (ifd + 2 + (12L * count) > fileLength)
            {
                throw Damaged($"the image directory at byte {ifd:#,0} claims {count} tags, which do not fit");
            }

            var entries = new byte[12 * count];
            stream.ReadExactly(entries);
            for (int i = 0; i < count; i++)
            {
                var entry = entries.AsSpan(12 * i, 12);
                int size = U16(entry[2..]) switch
                {
                    1 or 2 or 6 or 7 => 1,
                    3 or 8 => 2,
                    4 or 9 or 11 or 13 => 4,
                    5 or 10 or 12 or 16 or 17 or 18 => 8,
                    _ => 0, // unknown type: LibTiff.NET skips the tag
                };
                long bytes = (long)size * U32(entry[4..]);
                long offset = U32(entry[8..]);
                if (bytes > 4 && offset + bytes > fileLength)
                {
                    throw Damaged($"tag {U16(entry)} claims {bytes:#,0} bytes of data at byte {offset:#,0}");
                }

                // StripByteCounts, TileByteCounts: LibTiff.NET sizes its read buffer by them.
                ushort tag = U16(entry);
                if ((tag is 279 or 325) && size is 2 or 4)
                {
                    byte[] values = bytes <= 4 ? entry[8..].ToArray() : new byte[bytes];
                    if (bytes > 4)
                    {
                        stream.Position = offset;
                        stream.ReadExactly(values);
                    }

                    for (int v = 0; v + size <= values.Length && v < bytes; v += size)
                    {
                        long claimed = size == 2 ? U16(values.AsSpan(v)) : U32(values.AsSpan(v));
                        if (claimed > fileLength)
                        {
                            throw Damaged($"a {(tag == 279 ? "strip" : "tile")} claims {claimed:#,0} bytes");
                        }
                    }
                }
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InputDataException(path, $"{path}: the TIFF file is truncated. Re-export or re-download it.", e);
        }
        catch (IOException e)
        {
            throw new InputDataException(path, $"{path}: cannot be read ({e.Message})", e);
        }
    }

    private static double? ReadNoData(Tiff tif, string path, SampleKind kind)
    {
        string? text = GeoTiffTags.Ascii(tif, GeoTiffLibTiff.GdalNoData)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        double value;
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Equals("-nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            throw new InputDataException(path,
                $"{path}: the no-data value \"{text}\" (GDAL_NODATA tag) is not a number; set it with " +
                $"`gdal_edit.py -a_nodata <value> {Path.GetFileName(path)}` or remove it with `gdal_edit.py -unsetnodata`.");
        }

        // Float32 samples hold the no-data value at float precision ("-3.40282e+38" must match float.MinValue).
        return kind == SampleKind.Float32 ? (float)value : value;
    }

    private static void ReadStrips(Tiff tif, string path, Layout layout, RasterDemandBuilder builder, GeoTiffLibTiff.Capture capture)
    {
        int rowsPerStrip = layout.RowsPerStrip;
        var buffer = new byte[checked(rowsPerStrip * layout.RowBytes)];
        var values = new double[layout.Width];
        int strips = tif.NumberOfStrips();
        for (int strip = 0, row0 = 0; strip < strips && row0 < layout.Height; strip++, row0 += rowsPerStrip)
        {
            int rows = Math.Min(rowsPerStrip, layout.Height - row0);
            int expected = rows * layout.RowBytes;
            int got = tif.ReadEncodedStrip(strip, buffer, 0, expected);
            if (got < expected)
            {
                throw DecodeFailed(path, capture, string.Create(CultureInfo.InvariantCulture, $"strip {strip} (rows {row0}–{row0 + rows - 1})"));
            }

            for (int r = 0; r < rows; r++)
            {
                Decode(buffer.AsSpan(r * layout.RowBytes, layout.RowBytes), values, layout.Kind);
                builder.AddRow(row0 + r, values);
            }
        }
    }

    private static void ReadTiles(Tiff tif, string path, Layout layout, RasterDemandBuilder builder, GeoTiffLibTiff.Capture capture)
    {
        int tw = layout.TileWidth, th = layout.TileHeight, bytes = layout.BytesPerSample;
        int tileBytes = tw * th * bytes;
        var tile = new byte[tileBytes];
        var band = new byte[checked(th * layout.RowBytes)];
        var values = new double[layout.Width];
        for (int y0 = 0; y0 < layout.Height; y0 += th)
        {
            int rows = Math.Min(th, layout.Height - y0);
            for (int x0 = 0; x0 < layout.Width; x0 += tw)
            {
                int index = tif.ComputeTile(x0, y0, 0, 0);
                if (tif.ReadEncodedTile(index, tile, 0, tileBytes) < tileBytes)
                {
                    throw DecodeFailed(path, capture, string.Create(CultureInfo.InvariantCulture, $"tile {index} (row {y0}, col {x0})"));
                }

                int cols = Math.Min(tw, layout.Width - x0);
                for (int r = 0; r < rows; r++)
                {
                    tile.AsSpan(r * tw * bytes, cols * bytes).CopyTo(band.AsSpan((r * layout.RowBytes) + (x0 * bytes)));
                }
            }

            for (int r = 0; r < rows; r++)
            {
                Decode(band.AsSpan(r * layout.RowBytes, layout.RowBytes), values, layout.Kind);
                builder.AddRow(y0 + r, values);
            }
        }
    }

    // LibTiff has already swapped multi-byte samples to the machine's byte order and undone any predictor.
    private static void Decode(ReadOnlySpan<byte> source, Span<double> values, SampleKind kind)
    {
        switch (kind)
        {
            case SampleKind.UInt8:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = source[i];
                }

                break;
            case SampleKind.Int8:
                var s8 = MemoryMarshal.Cast<byte, sbyte>(source);
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = s8[i];
                }

                break;
            case SampleKind.UInt16:
                Widen(MemoryMarshal.Cast<byte, ushort>(source), values);
                break;
            case SampleKind.Int16:
                Widen(MemoryMarshal.Cast<byte, short>(source), values);
                break;
            case SampleKind.UInt32:
                Widen(MemoryMarshal.Cast<byte, uint>(source), values);
                break;
            case SampleKind.Int32:
                Widen(MemoryMarshal.Cast<byte, int>(source), values);
                break;
            case SampleKind.Float32:
                Widen(MemoryMarshal.Cast<byte, float>(source), values);
                break;
            case SampleKind.Float64:
                MemoryMarshal.Cast<byte, double>(source)[..values.Length].CopyTo(values);
                break;
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> source, Span<double> values)
        where T : struct, INumberBase<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = double.CreateTruncating(source[i]);
        }
    }

    private static InputDataException DecodeFailed(string path, GeoTiffLibTiff.Capture capture, string where) =>
        new(path, $"{path}: cannot decode {where}: {LibTiffSays(capture, path, "no reason given")}. The file is truncated or damaged, " +
            $"or uses an encoding the decoder does not handle; re-export it, or normalise it with GDAL: {Normalise}");

    private static string LibTiffSays(GeoTiffLibTiff.Capture capture, string path, string fallback) =>
        capture.Summary(fallback).Replace(path + ": ", string.Empty, StringComparison.Ordinal);

    /// <summary>Pixel layout of the first image, checked against what can be decoded and against the file's size.</summary>
    private sealed record Layout(int Width, int Height, SampleKind Kind, int BytesPerSample, bool Tiled, int TileWidth, int TileHeight, int RowsPerStrip)
    {
        public int RowBytes => Width * BytesPerSample;

        public static Layout Read(Tiff tif, string path, long fileLength)
        {
            var inv = CultureInfo.InvariantCulture;
            int width = Int(tif, TiffTag.IMAGEWIDTH);
            int height = Int(tif, TiffTag.IMAGELENGTH);
            if (width <= 0 || height <= 0)
            {
                throw new InputDataException(path, string.Create(inv, $"{path}: the image is {width} × {height} pixels; it holds no cells. Re-export it."));
            }

            long cells = (long)width * height;
            if (cells > RasterGrid.MaxCells)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the raster has {width} × {height} = {cells:#,0} cells, more than the {RasterGrid.MaxCells:#,0} this reader accepts; " +
                    $"clip it to the area of interest, e.g. `gdal_translate -projwin <west> <north> <east> <south> in.tif out.tif`."));
            }

            int samples = Int(tif, TiffTag.SAMPLESPERPIXEL, 1);
            if (samples != 1)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the raster has {samples} bands; a population raster has one (people per cell). Extract the band with the " +
                    $"counts, e.g. `gdal_translate -b 1 in.tif out.tif`."));
            }

            int bits = Int(tif, TiffTag.BITSPERSAMPLE, 1);
            var format = (SampleFormat)Int(tif, TiffTag.SAMPLEFORMAT, (int)SampleFormat.UINT);
            SampleKind kind = (format, bits) switch
            {
                (SampleFormat.UINT, 8) => SampleKind.UInt8,
                (SampleFormat.INT, 8) => SampleKind.Int8,
                (SampleFormat.UINT, 16) => SampleKind.UInt16,
                (SampleFormat.INT, 16) => SampleKind.Int16,
                (SampleFormat.UINT, 32) => SampleKind.UInt32,
                (SampleFormat.INT, 32) => SampleKind.Int32,
                (SampleFormat.IEEEFP, 32) => SampleKind.Float32,
                (SampleFormat.IEEEFP, 64) => SampleKind.Float64,
                _ => throw new InputDataException(path, string.Create(inv,
                    $"{path}: samples are {bits}-bit {FormatName(format)}, which cannot be read here (supported: 8/16/32-bit integers, " +
                    $"Float32, Float64). Convert the raster with GDAL: {Normalise}")),
            };
            int bytesPerSample = bits / 8;

            var compression = (Compression)Int(tif, TiffTag.COMPRESSION, (int)Compression.NONE);
            long maxExpansion = compression switch
            {
                Compression.NONE => 1,
                Compression.PACKBITS => 64,
                Compression.DEFLATE or Compression.ADOBE_DEFLATE => 1100,
                Compression.LZW => 4100,
                _ => throw new InputDataException(path, string.Create(inv,
                    $"{path}: the raster is compressed with {CompressionName(compression)}, which cannot be decoded here (supported: " +
                    $"none, LZW, DEFLATE, PackBits). Re-encode it with GDAL: {Normalise}")),
            };

            int predictor = Int(tif, TiffTag.PREDICTOR, 1);
            if (compression != Compression.NONE && (predictor is < 1 or > 3 || (predictor == 2 && bits == 64)))
            {
                string which = predictor == 2 ? "horizontal differencing (PREDICTOR=2) on 64-bit samples" : string.Create(inv, $"predictor {predictor}");
                throw new InputDataException(path,
                    $"{path}: the raster uses {which}, which cannot be decoded here. Re-encode it with GDAL: {Normalise}");
            }

            int orientation = Int(tif, TiffTag.ORIENTATION, (int)Orientation.TOPLEFT);
            if (orientation != (int)Orientation.TOPLEFT)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the image is stored with TIFF orientation {orientation}, not top-left; rewrite it with GDAL: {Normalise}"));
            }

            // A file cannot decode to more than its size times the codec's best compression ratio: catches headers that
            // claim huge images in tiny (truncated or hostile) files before anything is allocated.
            long decodedBytes = cells * bytesPerSample;
            if (decodedBytes > fileLength * maxExpansion)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the header describes {width} × {height} cells of {bits}-bit samples ({decodedBytes:#,0} bytes{(compression == Compression.NONE ? string.Empty : " decoded")}), " +
                    $"but the file has only {fileLength:#,0} bytes; it is truncated or damaged. Re-export or re-download it."));
            }

            bool tiled = tif.IsTiled();
            int tileWidth = 0, tileHeight = 0, rowsPerStrip = 0;
            long chunkBytes;
            if (tiled)
            {
                tileWidth = Int(tif, TiffTag.TILEWIDTH);
                tileHeight = Int(tif, TiffTag.TILELENGTH);
                chunkBytes = Math.Max((long)tileWidth * tileHeight, (long)tileHeight * width) * bytesPerSample;
                if (tileWidth <= 0 || tileHeight <= 0)
                {
                    throw new InputDataException(path, string.Create(inv,
                        $"{path}: the tiles are {tileWidth} × {tileHeight} pixels; the file is damaged. Re-export it."));
                }
            }
            else
            {
                rowsPerStrip = Int(tif, TiffTag.ROWSPERSTRIP, height);
                if (rowsPerStrip <= 0 || rowsPerStrip > height)
                {
                    rowsPerStrip = height;
                }

                chunkBytes = (long)rowsPerStrip * width * bytesPerSample;
            }

            if (chunkBytes > MaxChunkBytes)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the raster is stored in blocks of {chunkBytes:#,0} bytes each, too large to decode here; re-tile it with GDAL: {Normalise}"));
            }

            return new Layout(width, height, kind, bytesPerSample, tiled, tileWidth, tileHeight, rowsPerStrip);
        }

        private static int Int(Tiff tif, TiffTag tag, int fallback = 0)
        {
            var v = tif.GetField(tag) ?? tif.GetFieldDefaulted(tag);
            return v is { Length: >= 1 } ? v[0].ToInt() : fallback;
        }

        private static string FormatName(SampleFormat format) => format switch
        {
            SampleFormat.UINT => "unsigned integer",
            SampleFormat.INT => "signed integer",
            SampleFormat.IEEEFP => "floating point",
            SampleFormat.COMPLEXINT => "complex integer",
            SampleFormat.COMPLEXIEEEFP => "complex floating point",
            _ => "untyped",
        };

        private static string CompressionName(Compression compression) => (int)compression switch
        {
            7 => "JPEG (7)",
            6 => "old-style JPEG (6)",
            34887 => "LERC (34887)",
            34925 => "LZMA (34925)",
            50000 => "ZSTD (50000)",
            50001 => "WebP (50001)",
            50002 => "JPEG XL (50002)",
            int other => string.Create(CultureInfo.InvariantCulture, $"scheme {other}"),
        };
    }
}
