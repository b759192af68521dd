using System.IO.Compression;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace EmsCoverage.Cli;

/// <summary>The kind of a shapefile attribute (a dBASE field).</summary>
internal enum ShapefileFieldType
{
    /// <summary>Character field, as long as the longest value (at most 254 bytes of UTF-8).</summary>
    Text,

    /// <summary>Numeric field with decimals.</summary>
    Real,

    /// <summary>Numeric field without decimals, up to nine digits.</summary>
    Integer,
}

/// <summary>One attribute of a shapefile layer.</summary>
/// <param name="Name">dBASE field name, at most 10 characters.</param>
/// <param name="Column">The same column's name in the GeoJSON, GeoPackage and CSV outputs (documented mapping).</param>
/// <param name="Type">Field kind.</param>
internal sealed record ShapefileField(string Name, string Column, ShapefileFieldType Type);

/// <summary>A shapefile layer: its name (the files in the zip are <c>Name.shp</c>, …), geometry type and fields.</summary>
internal sealed record ShapefileLayer(string Name, ShapeType ShapeType, IReadOnlyList<ShapefileField> Fields);

/// <summary>
/// Writes one layer as a zipped ESRI shapefile (<c>name.shp.zip</c> holding <c>.shp</c>, <c>.shx</c>, <c>.dbf</c>,
/// <c>.prj</c> WGS84 and <c>.cpg</c> UTF-8), the form GDAL, QGIS and ArcGIS open without unpacking.
/// </summary>
internal static class ShapefileOutput
{
    /// <summary>The longest dBASE character field.</summary>
    public const int MaxTextBytes = 254;

    /// <summary>WGS84 longitude/latitude in the ESRI WKT that .prj files carry (GDAL reads it as EPSG:4326).</summary>
    public const string Wgs84Prj =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>
    /// Writes <paramref name="features"/> (geometry in WGS84 lon/lat, values in <paramref name="layer"/>'s field order;
    /// null for none) as <c>layer.Name.shp</c> and its companions zipped into <paramref name="output"/>.
    /// </summary>
    public static void WriteZip(Stream output, ShapefileLayer layer, IEnumerable<(Geometry Geometry, IReadOnlyList<object?> Values)> features)
    {
        foreach (var field in layer.Fields)
        {
            if (field.Name.Length is 0 or > 10)
            {
                throw new InvalidOperationException($"shapefile field '{field.Name}' of layer {layer.Name}: dBASE names have 1 to 10 characters");
            }
        }

        var rows = features.ToList();
        var options = new ShapefileWriterOptions(layer.ShapeType) { Encoding = Utf8, Projection = Wgs84Prj };
        for (int f = 0; f < layer.Fields.Count; f++)
        {
            var field = layer.Fields[f];
            switch (field.Type)
            {
                case ShapefileFieldType.Text:
                    int longest = rows.Select(r => r.Values[f] is string s ? Utf8.GetByteCount(s) : 0).DefaultIfEmpty(0).Max();
                    options.AddCharacterField(field.Name, Math.Clamp(longest, 1, MaxTextBytes));
                    break;
                case ShapefileFieldType.Real:
                    options.AddNumericDoubleField(field.Name);
                    break;
                default:
                    // Nine digits: GDAL reads N(9,0) as Integer (ten or more as Integer64).
                    options.Fields.Add(new NetTopologySuite.IO.Esri.Dbf.Fields.DbfNumericInt32Field(field.Name, 9));
                    break;
            }
        }

        using var shp = new MemoryStream();
        using var shx = new MemoryStream();
        using var dbf = new MemoryStream();
        using var prj = new MemoryStream();
        using (var writer = Shapefile.OpenWrite(shp, shx, dbf, prj, options))
        {
            foreach (var (geometry, values) in rows)
            {
                var attributes = new AttributesTable();
                for (int f = 0; f < layer.Fields.Count; f++)
                {
                    attributes.Add(layer.Fields[f].Name, Value(layer.Fields[f], values[f]));
                }

                writer.Write(new Feature(geometry, attributes));
            }
        }

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, layer.Name + ".shp", shp.ToArray());
        Add(zip, layer.Name + ".shx", shx.ToArray());
        Add(zip, layer.Name + ".dbf", dbf.ToArray());
        Add(zip, layer.Name + ".prj", prj.ToArray());
        Add(zip, layer.Name + ".cpg", Encoding.ASCII.GetBytes("UTF-8"));
    }

    private static object? Value(ShapefileField field, object? value) => (field.Type, value) switch
    {
        (_, null) => null,
        (ShapefileFieldType.Text, string s) => Truncate(s),
        (ShapefileFieldType.Text, var v) => Truncate(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
        (ShapefileFieldType.Real, var v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture),
        (_, bool b) => b ? 1 : 0,
        (_, var v) => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>At most <see cref="MaxTextBytes"/> bytes of UTF-8, cut between characters.</summary>
    private static string Truncate(string s)
    {
        if (Utf8.GetByteCount(s) <= MaxTextBytes)
        {
            return s;
        }

        int end = s.Length;
        while (end > 0 && Utf8.GetByteCount(s.AsSpan(0, end)) > MaxTextBytes)
        {
            end--;
        }

        if (end > 0 && char.IsHighSurrogate(s[end - 1]))
        {
            end--;
        }

        return s[..end];
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        // A fixed time stamp: the same run gives the same bytes.
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
