using System.Globalization;
using System.Text.Json;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Text;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Population;

/// <content>GeoJSON (RFC 7946): a FeatureCollection in WGS84 longitude/latitude.</content>
/// <remarks>
/// Implementation note: geometries are decoded here rather than with NetTopologySuite.IO.GeoJSON4STJ, for the same
/// reason as <see cref="StationGeoJsonReader"/>: one bad feature (an unclosed ring, a number that does not fit a
/// <c>decimal</c>) must become a message naming that feature, not an exception for the whole file.
/// </remarks>
internal static partial class PolygonSource
{
    /// <summary>Reads a GeoJSON FeatureCollection; structural errors of the whole file throw.</summary>
    /// <exception cref="InputDataException">Missing, unreadable, not JSON, not a FeatureCollection, or a non-WGS84
    /// <c>crs</c> member.</exception>
    public static Layer ReadGeoJson(string path, string what)
    {
        byte[] bytes = ReadAllBytes(path, what);
        int start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var messages = new GeoJsonMessages(
            Expected: $" ({what})",
            CrsAdvice: "GeoJSON must be in WGS84 longitude/latitude (RFC 7946, EPSG:4326). Reproject it, e.g. ogr2ogr -t_srs " +
                $"EPSG:4326 out.geojson {Path.GetFileName(path)}, or use a GeoPackage, which may be in any coordinate system",
            InvalidJsonDetail: _ => "; a GeoJSON FeatureCollection is expected");
        var layer = new Layer(path, Path.GetFileName(path), "feature");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        layer.EmptyHint = GeoJsonFeatures.Read(path, bytes.AsMemory(start), messages, (element, number, where) =>
        {
            var feature = new Feature(number, where);
            ReadFeature(element, feature);
            foreach (string name in feature.Attributes.Keys)
            {
                if (names.Add(name))
                {
                    layer.AttributeNames.Add(name);
                }
            }

            layer.Features.Add(feature);
        });

        return layer;
    }

    private static void ReadFeature(JsonElement element, Feature feature)
    {
        if (element.ValueKind != JsonValueKind.Object || GeoJsonFeatures.GetString(element, "type") != "Feature")
        {
            feature.Problems.Add("is not a GeoJSON Feature");
            return;
        }

        if (element.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            string text = id.ValueKind == JsonValueKind.String ? id.GetString()!.Trim() : id.GetRawText();
            feature.FeatureId = text.Length == 0 ? null : text;
        }

        if (element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                feature.Attributes.TryAdd(property.Name, Value(property.Value));
            }
        }

        if (!element.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        string? type = geometry.ValueKind == JsonValueKind.Object ? GeoJsonFeatures.GetString(geometry, "type") : null;
        if (type is null)
        {
            feature.GeometryType = "geometry without a type";
            return;
        }

        feature.GeometryType = type;
        var coordinates = geometry.TryGetProperty("coordinates", out var c) ? c : default;
        var problems = feature.Problems;
        feature.Geometry = type switch
        {
            "Point" => ReadPosition(coordinates, problems) is { } p ? Wgs84.CreatePoint(p) : null,
            "MultiPoint" => ReadPositions(coordinates, problems, "MultiPoint") is { } ps ? Wgs84.CreateMultiPointFromCoords(ps) : null,
            "Polygon" => ReadPolygon(coordinates, problems, string.Empty),
            "MultiPolygon" => ReadMultiPolygon(coordinates, problems),
            _ => null,
        };
    }

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out long whole) => whole,
        JsonValueKind.Number => value.TryGetDouble(out double number) ? number : double.NaN,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.Clone(),
    };

    private static Coordinate? ReadPosition(JsonElement position, List<string> problems)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
        {
            problems.Add($"a position must be [longitude, latitude], found {Shorten(position)}");
            return null;
        }

        double lon = position[0].TryGetDouble(out double x) ? x : double.NaN;
        double lat = position[1].TryGetDouble(out double y) ? y : double.NaN;
        return new Coordinate(lon, lat);
    }

    private static Coordinate[]? ReadPositions(JsonElement positions, List<string> problems, string what)
    {
        if (positions.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{what} coordinates must be an array of positions, found {Shorten(positions)}");
            return null;
        }

        var result = new Coordinate[positions.GetArrayLength()];
        int i = 0;
        foreach (var position in positions.EnumerateArray())
        {
            if (ReadPosition(position, problems) is not { } coordinate)
            {
                return null;
            }

            result[i++] = coordinate;
        }

        return result;
    }

    private static Polygon? ReadPolygon(JsonElement rings, List<string> problems, string partName)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            problems.Add($"{partName}Polygon coordinates must be an array of rings, found {Shorten(rings)}");
            return null;
        }

        var linearRings = new List<LinearRing>(rings.GetArrayLength());
        int index = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            string ringName = index == 0 ? $"{partName}outer ring" : $"{partName}hole {index}";
            index++;
            if (ReadPositions(ring, problems, ringName) is not { } positions)
            {
                return null;
            }

            if (positions.Length < 4)
            {
                problems.Add($"{ringName} has {positions.Length} positions; a ring needs at least 4 (the last repeating the first)");
                return null;
            }

            if (!positions[0].Equals2D(positions[^1]))
            {
                problems.Add($"{ringName} is not closed (its last position must repeat the first)");
                return null;
            }

            linearRings.Add(Wgs84.CreateLinearRing(positions));
        }

        return Wgs84.CreatePolygon(linearRings[0], linearRings.Count > 1 ? [.. linearRings.Skip(1)] : null);
    }

    private static MultiPolygon? ReadMultiPolygon(JsonElement polygons, List<string> problems)
    {
        if (polygons.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"MultiPolygon coordinates must be an array of polygons, found {Shorten(polygons)}");
            return null;
        }

        var parts = new List<Polygon>(polygons.GetArrayLength());
        foreach (var polygon in polygons.EnumerateArray())
        {
            if (ReadPolygon(polygon, problems, string.Create(CultureInfo.InvariantCulture, $"part {parts.Count + 1}: ")) is not { } part)
            {
                return null;
            }

            parts.Add(part);
        }

        return Wgs84.CreateMultiPolygon([.. parts]);
    }

    private static string Shorten(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return "nothing";
        }

        string text = value.GetRawText();
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }
}
