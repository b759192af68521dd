using System.Globalization;
using System.Text.Json;
using EmsCoverage.Geo.Text;

namespace EmsCoverage.Geo;

/// <summary>The GeoJSON half of <see cref="StationFile"/>: a FeatureCollection of Point features.</summary>
/// <remarks>
/// Implementation note: read with <see cref="JsonDocument"/> rather than NetTopologySuite's GeoJSON converter.
/// For Point stations we need per-feature messages (which feature, which line, which property has which JSON
/// type), and NTS.IO.GeoJSON4STJ 4.0 drops a feature's own <c>id</c> when it has no matching property and throws
/// for numeric properties that do not fit a <c>decimal</c> (e.g. <c>1e30</c>), failing the whole file.
/// </remarks>
internal static class StationGeoJsonReader
{
    private static readonly GeoJsonMessages Messages = new(
        Expected: " of Point features (the stations)",
        CrsAdvice: "stations must be in WGS84 longitude/latitude (EPSG:4326). Reproject the file, e.g. with ogr2ogr -t_srs EPSG:4326",
        InvalidJsonDetail: e => $": {FirstSentence(e.Message)}");

    public static List<RawStation> Read(StationFileContext context, ReadOnlyMemory<byte> json)
    {
        var rows = new List<RawStation>();
        context.EmptyHint = GeoJsonFeatures.Read(context.Path, json, Messages, (feature, number, where) =>
        {
            var row = new RawStation(number, where, string.Create(CultureInfo.InvariantCulture, $"{context.FileName} feature {number}"));
            ReadFeature(feature, row);
            rows.Add(row);
        });

        return rows;
    }

    private static void ReadFeature(JsonElement feature, RawStation row)
    {
        if (feature.ValueKind != JsonValueKind.Object || GeoJsonFeatures.GetString(feature, "type") != "Feature")
        {
            row.Problems.Add("is not a GeoJSON Feature");
            return;
        }

        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        row.Id = Text(Property(properties, "id"), "id", row.Problems);
        if (row.Id is null && feature.TryGetProperty("id", out var featureId))
        {
            row.Id = Text(featureId, "id", row.Problems);
        }

        row.Name = Text(Property(properties, "name"), "name", row.Problems);
        var turnout = Property(properties, "turnout_s");
        row.TurnoutS = turnout.ValueKind switch
        {
            JsonValueKind.Number => Number(turnout, "turnout", row.Problems),
            JsonValueKind.String => StationFile.ParseNumber("turnout", turnout.GetString()!, required: false, row.Problems),
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            _ => Problem<double?>(row.Problems, $"turnout_s must be a number of seconds, found {Kind(turnout)}"),
        };

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            row.Problems.Add("has no geometry (a Point with the station's longitude and latitude is needed)");
            return;
        }

        string? geometryType = geometry.ValueKind == JsonValueKind.Object ? GeoJsonFeatures.GetString(geometry, "type") : null;
        if (geometryType != "Point")
        {
            row.Problems.Add($"is a {geometryType ?? "geometry of unknown type"}; only Point features can be stations");
            return;
        }

        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array
            || coordinates.GetArrayLength() < 2)
        {
            row.Problems.Add("Point needs coordinates [longitude, latitude]");
            return;
        }

        row.Lon = coordinates[0].ValueKind == JsonValueKind.Number
            ? Number(coordinates[0], "longitude", row.Problems)
            : Problem<double?>(row.Problems, $"longitude must be a number, found {Kind(coordinates[0])}");
        row.Lat = coordinates[1].ValueKind == JsonValueKind.Number
            ? Number(coordinates[1], "latitude", row.Problems)
            : Problem<double?>(row.Problems, $"latitude must be a number, found {Kind(coordinates[1])}");
    }

    // Property lookup ignoring case ("ID", "Name" from GIS exports); Undefined when absent.
    private static JsonElement Property(JsonElement properties, string name)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return default;
    }

    private static string? Text(JsonElement value, string what, List<string> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                string text = value.GetString()!.Trim();
                return text.Length == 0 ? null : text;
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            default:
                problems.Add($"{what} must be a string or a number, found {Kind(value)}");
                return null;
        }
    }

    private static double? Number(JsonElement value, string what, List<string> problems)
    {
        if (value.TryGetDouble(out double number) && double.IsFinite(number))
        {
            return number;
        }

        problems.Add($"{what} {value.GetRawText()} is not a finite number");
        return null;
    }

    private static T? Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the text {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    // JsonException messages end with "Path: $ | LineNumber: 0 | BytePositionInLine: 3."; we give our own 1-based position.
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}
