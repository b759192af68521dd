using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Geo.Text;

/// <summary>
/// The frame of a GeoJSON (RFC 7946) FeatureCollection, shared by the station and population/zone readers: parsing,
/// the checks of the whole file (a FeatureCollection, in WGS84, with a <c>features</c> array), and each feature's
/// number and line for messages. What a feature must hold is decided by the caller.
/// </summary>
/// <remarks>
/// Read with <see cref="JsonDocument"/> rather than NetTopologySuite's GeoJSON converter, so that one bad feature
/// becomes a message naming that feature, not an exception for the whole file.
/// </remarks>
internal static class GeoJsonFeatures
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Parses <paramref name="json"/>, checks it is a FeatureCollection in WGS84 with a <c>features</c> array, and hands
    /// each element of that array to <paramref name="readFeature"/> in file order, with its number (from 1) and its
    /// position for messages (<c>feature 3 (line 12)</c>). The elements are valid only during the call.
    /// </summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="json">The file's bytes, UTF-8 without a byte order mark.</param>
    /// <param name="messages">The caller's words for the file-level errors.</param>
    /// <param name="readFeature">Reads one element of the <c>features</c> array.</param>
    /// <returns>Extra words for the caller's "contains no …" message: why there is nothing when the <c>features</c>
    /// array is empty, else empty.</returns>
    /// <exception cref="InputDataException">Not JSON, not a FeatureCollection, a non-WGS84 <c>crs</c> member, or no
    /// <c>features</c> array.</exception>
    public static string Read(string path, ReadOnlyMemory<byte> json, GeoJsonMessages messages, Action<JsonElement, int, string> readFeature)
    {
        // JsonDocument checks UTF-8 only where a string is read, and then throws InvalidOperationException.
        if (!Utf8.IsValid(json.Span))
        {
            throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"{path}: not valid UTF-8 at byte {FirstInvalidUtf8(json.Span)}; GeoJSON must be UTF-8 text (save or convert the file as UTF-8)"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new InputDataException(path, $"{path}: not valid JSON{Position(e)}{messages.InvalidJsonDetail(e)}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            string? type = root.ValueKind == JsonValueKind.Object ? GetString(root, "type") : null;
            if (type != "FeatureCollection")
            {
                string found = type is null ? "JSON without a GeoJSON \"type\"" : $"a GeoJSON {type}";
                throw new InputDataException(path, $"{path}: expected a GeoJSON FeatureCollection{messages.Expected}, found {found}");
            }

            CheckCrs(path, root, messages.CrsAdvice);
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new InputDataException(path, $"{path}: the FeatureCollection has no \"features\" array");
            }

            int[] lines = FeatureLines(json.Span);
            int number = 0;
            foreach (var element in features.EnumerateArray())
            {
                number++;
                string where = number <= lines.Length
                    ? string.Create(CultureInfo.InvariantCulture, $"feature {number} (line {lines[number - 1]})")
                    : string.Create(CultureInfo.InvariantCulture, $"feature {number}");
                readFeature(element, number, where);
            }

            return number == 0 ? " (the FeatureCollection's \"features\" array is empty)" : string.Empty;
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (at < bytes.Length && Rune.DecodeFromUtf8(bytes[at..], out _, out int consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }

    /// <summary>The string value of the member <paramref name="name"/> (case as written); null when absent or not a string.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // " at line L, byte B" (both from 1) where the parser says; else empty.
    private static string Position(JsonException e) => e.LineNumber is long line
        ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}")
        : string.Empty;

    // Legacy GeoJSON (2008) could name a CRS; RFC 7946 coordinates are always WGS84 lon/lat.
    private static void CheckCrs(string path, JsonElement root, string advice)
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
            throw new InputDataException(path, $"{path}: uses the coordinate system {name}; {advice}");
        }
    }

    // The 1-based line on which each element of the root's "features" array starts (JsonDocument keeps no positions).
    private static int[] FeatureLines(ReadOnlySpan<byte> json)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        int line = 1;
        int counted = 0;
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
                break;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                line += json[counted..start].Count((byte)'\n');
                counted = start;
                lines.Add(line);
                reader.Skip();
            }

            break;
        }

        return [.. lines];
    }
}

/// <summary>A GeoJSON reader's words for the errors of a whole file (see <see cref="GeoJsonFeatures.Read"/>).</summary>
/// <param name="Expected">What follows "expected a GeoJSON FeatureCollection", e.g. <c> (population)</c>.</param>
/// <param name="CrsAdvice">What follows "uses the coordinate system NAME; ": the rule and the fix.</param>
/// <param name="InvalidJsonDetail">What follows "not valid JSON at line L, byte B" for a parser error.</param>
internal sealed record GeoJsonMessages(string Expected, string CrsAdvice, Func<JsonException, string> InvalidJsonDetail);
