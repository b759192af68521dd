using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace EmsCoverage.Geo.Output;

/// <summary>
/// Streams an RFC 7946 FeatureCollection (WGS84, longitude first) with foreign members for attribution and
/// provenance, one feature at a time.
/// </summary>
public sealed class GeoJsonFeatureWriter : IDisposable
{
    private static readonly JsonSerializerOptions GeometryOptions = CreateOptions();
    private readonly Utf8JsonWriter _json;

    /// <summary>Starts the collection on <paramref name="output"/>; <paramref name="members"/> become top-level
    /// members (e.g. <c>attribution</c>, <c>source_sha256</c>).</summary>
    public GeoJsonFeatureWriter(Stream output, IReadOnlyDictionary<string, object?> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        _json.WriteStartObject();
        _json.WriteString("type", "FeatureCollection");
        foreach (var (key, value) in members)
        {
            _json.WritePropertyName(key);
            JsonSerializer.Serialize(_json, value);
        }

        _json.WriteStartArray("features");
    }

    /// <summary>Writes one feature with <paramref name="properties"/> in the given order.</summary>
    public void Write(Geometry geometry, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(properties);
        _json.WriteStartObject();
        _json.WriteString("type", "Feature");
        _json.WritePropertyName("geometry");
        JsonSerializer.Serialize(_json, geometry, GeometryOptions);
        _json.WriteStartObject("properties");
        foreach (var (key, value) in properties)
        {
            _json.WritePropertyName(key);
            JsonSerializer.Serialize(_json, value);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    /// <summary>Closes the collection.</summary>
    public void Dispose()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
