using System.Text;
using BitMiracle.LibTiff.Classic;

namespace EmsCoverage.Geo.Population;

/// <summary>Typed access to the values of custom TIFF tags as LibTiff.NET returns them.</summary>
internal static class GeoTiffTags
{
    /// <summary>A DOUBLE-array tag, or null when absent.</summary>
    public static double[]? Doubles(Tiff tif, TiffTag tag)
    {
        var v = tif.GetField(tag);
        return v is { Length: >= 2 } ? v[1].ToDoubleArray() : null;
    }

    /// <summary>A SHORT-array tag, or null when absent.</summary>
    public static ushort[]? UShorts(Tiff tif, TiffTag tag)
    {
        var v = tif.GetField(tag);
        return v is { Length: >= 2 } ? v[1].ToUShortArray() : null;
    }

    /// <summary>An ASCII tag without its terminating NUL, or null when absent.</summary>
    public static string? Ascii(Tiff tif, TiffTag tag)
    {
        var v = tif.GetField(tag);
        if (v is not { Length: >= 1 })
        {
            return null;
        }

        object? value = v[v.Length - 1].Value;
        string? text = value switch
        {
            byte[] bytes => Encoding.ASCII.GetString(bytes),
            string s => s,
            _ => value?.ToString(),
        };
        return text?.TrimEnd('\0');
    }
}
