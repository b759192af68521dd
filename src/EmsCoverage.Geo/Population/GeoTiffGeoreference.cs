using System.Globalization;
using BitMiracle.LibTiff.Classic;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Crs;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Where a GeoTIFF's cells are: the cell grid from ModelTiepoint + ModelPixelScale (or an axis-aligned
/// ModelTransformation), and the coordinate system from the GeoKey directory.
/// </summary>
/// <remarks>
/// GeoKeys used: GTModelType (1024: 1 projected, 2 geographic), GTRasterType (1025: 1 PixelIsArea, 2 PixelIsPoint),
/// GeographicType (2048) and ProjectedCSType (3072) as EPSG codes. User-defined systems (code 32767, spelled out in
/// further keys) are refused with the command that assigns an EPSG code. PixelIsPoint rasters tie model coordinates to
/// cell centres, so the grid is shifted by half a cell (as GDAL does).
/// </remarks>
/// <param name="Grid">Cell layout in the raster's coordinate system, corner-based.</param>
/// <param name="Crs">Transform from that system to WGS84.</param>
/// <param name="PixelIsPoint">True when GTRasterType says PixelIsPoint.</param>
internal sealed record GeoTiffGeoreference(RasterGrid Grid, CrsTransform Crs, bool PixelIsPoint)
{
    private const int ModelTypeKey = 1024;
    private const int RasterTypeKey = 1025;
    private const int CitationKey = 1026;
    private const int GeographicTypeKey = 2048;
    private const int GeogCitationKey = 2049;
    private const int ProjectedCsTypeKey = 3072;
    private const int PcsCitationKey = 3073;
    private const int UserDefined = 32767;

    private const string Warp = "`gdalwarp -t_srs EPSG:4326 in.tif out.tif`";

    /// <summary>Reads the georeferencing of the current directory.</summary>
    /// <exception cref="InputDataException">No georeferencing, a rotated or flipped grid, ground control points only,
    /// no or an unknown coordinate system.</exception>
    public static GeoTiffGeoreference Read(Tiff tif, string path, int width, int height)
    {
        var keys = GeoKeys.Read(tif, path);
        bool pixelIsPoint = keys.Short(RasterTypeKey) == 2;
        var grid = ReadGrid(tif, path, width, height, pixelIsPoint);
        var crs = ReadCrs(path, keys);
        return new GeoTiffGeoreference(grid, crs, pixelIsPoint);
    }

    private static RasterGrid ReadGrid(Tiff tif, string path, int width, int height, bool pixelIsPoint)
    {
        double[]? scale = GeoTiffTags.Doubles(tif, GeoTiffLibTiff.ModelPixelScale);
        double[]? ties = GeoTiffTags.Doubles(tif, GeoTiffLibTiff.ModelTiepoint);
        double[]? matrix = GeoTiffTags.Doubles(tif, GeoTiffLibTiff.ModelTransformation);

        double originX, originY, sizeX, sizeY;
        if (matrix is { Length: >= 16 })
        {
            // Row-major 4×4: X = m0·I + m1·J + m3, Y = m4·I + m5·J + m7.
            double a = matrix[0], b = matrix[1], e = matrix[4], f = matrix[5];
            if (Math.Abs(b) > 1e-9 * Math.Abs(a) || Math.Abs(e) > 1e-9 * Math.Abs(f))
            {
                throw new InputDataException(path,
                    $"{path}: the raster is rotated or sheared (its ModelTransformation tag has off-diagonal terms); rotated rasters are " +
                    $"not supported; warp it onto a north-up grid with gdalwarp, e.g. {Warp}");
            }

            (sizeX, sizeY, originX, originY) = (a, -f, matrix[3], matrix[7]);
        }
        else if (ties is { Length: >= 6 } && scale is { Length: >= 2 })
        {
            // Raster point (I, J) sits at model point (X, Y); with PixelIsArea raster (0, 0) is the outer corner.
            double i = ties[0], j = ties[1], x = ties[3], y = ties[4];
            (sizeX, sizeY) = (scale[0], scale[1]);
            (originX, originY) = (x - (i * sizeX), y + (j * sizeY));
        }
        else if (ties is { Length: >= 12 })
        {
            throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"{path}: the raster is located by {ties.Length / 6} ground control points, not by a regular grid; warp it onto a " +
                $"grid first, e.g. {Warp}"));
        }
        else
        {
            throw new InputDataException(path,
                $"{path}: the TIFF has no georeferencing (no ModelTiepoint + ModelPixelScale or ModelTransformation tags), so its " +
                "cells cannot be placed on the map. Export it from your GIS as a GeoTIFF, or assign its position and system with " +
                "`gdal_translate -a_srs EPSG:<code> -a_ullr <west> <north> <east> <south> in.tif out.tif`.");
        }

        if (!double.IsFinite(originX) || !double.IsFinite(originY) || !double.IsFinite(sizeX) || !double.IsFinite(sizeY)
            || sizeX == 0 || sizeY == 0)
        {
            throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"{path}: the georeferencing is invalid (origin {originX}, {originY}; cell size {sizeX} × {sizeY}); re-export the raster " +
                $"from your GIS."));
        }

        if (sizeX < 0 || sizeY < 0)
        {
            throw new InputDataException(path,
                $"{path}: the raster is flipped (its rows or columns run south-to-north or east-to-west); only north-up rasters are " +
                $"supported; warp it with gdalwarp, e.g. {Warp}");
        }

        if (pixelIsPoint)
        {
            originX -= sizeX / 2;
            originY += sizeY / 2;
        }

        return new RasterGrid(width, height, originX, originY, sizeX, sizeY);
    }

    private static CrsTransform ReadCrs(string path, GeoKeys keys)
    {
        const string assign = "assign the right one with `gdal_edit.py -a_srs EPSG:<code> file.tif`, or reproject with " + Warp;
        if (!keys.Present)
        {
            throw new InputDataException(path,
                $"{path}: the raster has a grid but no coordinate reference system (no GeoKeyDirectory tag); {assign}");
        }

        int modelType = keys.Short(ModelTypeKey) ?? 0;
        int? geographic = keys.Short(GeographicTypeKey);
        int? projected = keys.Short(ProjectedCsTypeKey);
        if (modelType == 3)
        {
            throw new InputDataException(path, $"{path}: the raster uses geocentric (X, Y, Z) coordinates; {assign}");
        }

        int? code = modelType switch
        {
            1 => projected,
            2 => geographic,
            _ => projected ?? geographic,
        };
        string citation = keys.Ascii(modelType == 2 ? GeogCitationKey : PcsCitationKey) ?? keys.Ascii(CitationKey) ?? keys.Ascii(GeogCitationKey) ?? string.Empty;
        string named = citation.Length > 0 ? $" (\"{citation}\")" : string.Empty;
        if (code is null or 0)
        {
            string kind = modelType switch { 1 => "projected", 2 => "geographic", _ => "unspecified" };
            throw new InputDataException(path,
                $"{path}: the raster's GeoKeys declare a {kind} model but no EPSG code for its coordinate system{named}; {assign}");
        }

        if (code == UserDefined)
        {
            throw new InputDataException(path,
                $"{path}: the raster uses a user-defined coordinate system{named} (GeoKey code 32767), which is not interpreted here; " +
                $"give it an EPSG code ({CrsRegistry.SupportedEpsgCodesText}) or reproject it with {Warp}");
        }

        if (!CrsRegistry.IsSupported(code.Value))
        {
            throw new InputDataException(path, $"{path}: {CrsRegistry.UnsupportedCodeMessage(code.Value)}");
        }

        return CrsRegistry.CreateTransform(code.Value);
    }

    /// <summary>The GeoKey directory: SHORT-valued keys and the text keys stored in GeoAsciiParams.</summary>
    private sealed class GeoKeys
    {
        private readonly Dictionary<int, int> _shorts = [];
        private readonly Dictionary<int, string> _ascii = [];

        public bool Present { get; private set; }

        public int? Short(int key) => _shorts.TryGetValue(key, out int v) ? v : null;

        public string? Ascii(int key) => _ascii.TryGetValue(key, out string? v) ? v : null;

        public static GeoKeys Read(Tiff tif, string path)
        {
            var keys = new GeoKeys();
            ushort[]? dir = GeoTiffTags.UShorts(tif, GeoTiffLibTiff.GeoKeyDirectory);
            if (dir is not { Length: >= 4 })
            {
                return keys;
            }

            if (dir[0] != 1)
            {
                throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the GeoKey directory has version {dir[0]}; only version 1 exists. The file is damaged or not a GeoTIFF; re-export it."));
            }

            keys.Present = true;
            string ascii = GeoTiffTags.Ascii(tif, GeoTiffLibTiff.GeoAsciiParams) ?? string.Empty;
            int count = dir[3];
            for (int k = 0; k < count && 4 + (4 * k) + 3 < dir.Length; k++)
            {
                int at = 4 + (4 * k);
                int id = dir[at], location = dir[at + 1], valueCount = dir[at + 2], value = dir[at + 3];
                if (location == 0)
                {
                    keys._shorts[id] = value;
                }
                else if (location == (int)GeoTiffLibTiff.GeoAsciiParams && value >= 0 && value < ascii.Length)
                {
                    string text = ascii.Substring(value, Math.Min(valueCount, ascii.Length - value));
                    keys._ascii[id] = text.TrimEnd('|', '\0').Trim();
                }
            }

            return keys;
        }
    }
}
