using System.Globalization;
using System.Text.Json;
using EmsCoverage.Diagnostics;

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
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static List<RawStation> Read(StationFileContext context, ReadOnlyMemory<byte> json)
    {
        string path = context.Path;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new InputDataException(path, $"{path}: not valid JSON{Position(e)}: {FirstSentence(e.Message)}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            string? type = root.ValueKind == JsonValueKind.Object ? GetString(root, "type") : null;
            if (type != "FeatureCollection")
            {
                string found = type is null ? "JSON without a GeoJSON \"type\"" : $"a GeoJSON {type}";
                throw new InputDataException(path,
                    $"{path}: expected a GeoJSON FeatureCollection of Point features (the stations), found {found}");
            }

            CheckCrs(path, root);
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new InputDataException(path, $"{path}: the FeatureCollection has no \"features\" array");
            }

            int[] lines = FeatureLines(json.Span);
            var rows = new List<RawStation>(features.GetArrayLength());
            int number = 0;
            foreach (var feature in features.EnumerateArray())
            {
                number++;
                string where = number <= lines.Length
                    ? string.Create(CultureInfo.InvariantCulture, $"feature {number} (line {lines[number - 1]})")
                    : string.Create(CultureInfo.InvariantCulture, $"feature {number}");
                var row = new RawStation(number, where, string.Create(CultureInfo.InvariantCulture, $"{context.FileName} feature {number}"));
                ReadFeature(feature, row);
                rows.Add(row);
            }

            if (rows.Count == 0)
            {
                context.EmptyHint = " (the FeatureCollection's \"features\" array is empty)";
            }

            return rows;
        }
    }

    private static void ReadFeature(JsonElement feature, RawStation row)
    {
        if (feature.ValueKind != JsonValueKind.Object || GetString(feature, "type") != "Feature")
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

        string? geometryType = geometry.ValueKind == JsonValueKind.Object ? GetString(geometry, "type") : null;
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

    // Legacy GeoJSON (2008) could name a CRS; RFC 7946 coordinates are always WGS84 lon/lat.
    private static void CheckCrs(string path, JsonElement root)
    {
        if (!root.TryGetProperty("crs", out var crs) || crs.ValueKind != JsonValueKind.Object
            || !crs.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        string? name = GetString(properties, "name");
        if (name is not null && !name.Contains("CRS84", StringComparison.OrdinalIgnoreCase)
            && !name.EndsWith(":4326", StringComparison.Ordinal) && !name.EndsWith("::4326", StringComparison.Ordinal))
        {
            throw new InputDataException(path,
                $"{path}: uses the coordinate system {name}; stations must be in WGS84 longitude/latitude (EPSG:4326). " +
                "Reproject the file, e.g. with ogr2ogr -t_srs EPSG:4326");
        }
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

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the text {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    // The 1-based line on which each element of the root's "features" array starts (JsonDocument keeps no positions).
    private static int[] FeatureLines(ReadOnlySpan<byte> json)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        int line = 1;
        long counted = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals("features"u8))
            {
                if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                continue;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return [.. lines];
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                line += json[(int)counted..start].Count((byte)'\n');
                counted = start;
                lines.Add(line);
                reader.Skip();
            }

            return [.. lines];
        }

        return [.. lines];
    }

    private static string Position(JsonException e) => e.LineNumber is long line
        ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}")
        : string.Empty;

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
