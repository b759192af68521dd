using System.Globalization;
using System.Text;
using System.Text.Json;
using EmsCoverage.Diagnostics;
using EmsCoverage.Osm;

namespace EmsCoverage.Cli;

/// <summary>A hospital of the definitive-care layer: where it is and what it can treat.</summary>
/// <param name="Id">Identifier (from the file, or <c>osm-way-123</c>).</param>
/// <param name="Name">Name for reports.</param>
/// <param name="Lat">Latitude, WGS84 degrees.</param>
/// <param name="Lon">Longitude, WGS84 degrees.</param>
/// <param name="Capabilities">Capabilities such as <c>chest_pain</c>, <c>stroke</c>, <c>trauma</c> (lower-case snake_case).</param>
/// <param name="Origin">File and row, or OSM object, for messages.</param>
internal sealed record Hospital(string Id, string Name, double Lat, double Lon, IReadOnlySet<string> Capabilities, string Origin);

/// <summary>
/// Reads hospitals with capabilities: a CSV (<c>id,name,lon,lat,capabilities</c>, capabilities separated by <c>;</c>),
/// GeoJSON points (properties <c>id</c>, <c>name</c>, <c>capabilities</c> as a <c>;</c>-separated string or an array), or
/// an OSM extract (<c>amenity=hospital</c> with <c>emergency=yes</c>; capabilities from <c>healthcare:speciality</c>,
/// see <see cref="SpecialityCapabilities"/>).
/// </summary>
internal static class HospitalInputs
{
    /// <summary>How OSM <c>healthcare:speciality</c> values map to capabilities. Every hospital read from OSM (they all
    /// have <c>emergency=yes</c>) also gets <c>emergency</c>. OSM rarely carries specialities: check the result.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SpecialityCapabilities = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["cardiology"] = ["chest_pain"],
        ["cardiac_surgery"] = ["chest_pain"],
        ["cardiothoracic_surgery"] = ["chest_pain"],
        ["neurology"] = ["stroke"],
        ["neurosurgery"] = ["stroke", "trauma"],
        ["trauma"] = ["trauma"],
        ["traumatology"] = ["trauma"],
        ["emergency"] = ["emergency"],
        ["paediatrics"] = ["paediatrics"],
        ["obstetrics"] = ["obstetrics"],
        ["burns"] = ["burns"],
    };

    public static IReadOnlyList<Hospital> Load(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: file not found (the hospitals of [care]).");
        }

        List<Hospital> hospitals;
        if (path.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".osm", StringComparison.OrdinalIgnoreCase))
        {
            hospitals = FromOsm(path, stderr);
        }
        else if (path.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            hospitals = FromGeoJson(path);
        }
        else
        {
            hospitals = FromCsv(path);
        }

        if (hospitals.Count == 0)
        {
            throw new InputDataException(path, $"{path}: no hospitals to compute definitive care with.");
        }

        return hospitals;
    }

    private static List<Hospital> FromOsm(string path, TextWriter stderr)
    {
        var result = OsmStationReader.Read(path, new OsmStationOptions { IncludeHospitals = true });
        var all = result.OsmStations.Where(s => s.Kind == OsmStationKind.Hospital).ToList();
        var hospitals = new List<Hospital>();
        foreach (var s in all.Where(s => s.Emergency == "yes"))
        {
            var caps = new SortedSet<string>(StringComparer.Ordinal) { "emergency" };
            foreach (string value in (s.HealthcareSpeciality ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (SpecialityCapabilities.TryGetValue(value, out var mapped))
                {
                    caps.UnionWith(mapped);
                }
            }

            hospitals.Add(new Hospital(s.Station.Id, s.Station.Name, s.Station.Lat, s.Station.Lon, caps, s.Station.Origin));
        }

        int withSpeciality = all.Count(s => s.Emergency == "yes" && s.HealthcareSpeciality is not null);
        stderr.WriteLine($"Hospitals from {Path.GetFileName(path)}: {hospitals.Count} with emergency=yes (of {all.Count} amenity=hospital); " +
            $"{withSpeciality} tag healthcare:speciality. OSM rarely says what a hospital treats: give a hospitals file with capabilities for real studies.");
        return hospitals;
    }

    private static List<Hospital> FromCsv(string path)
    {
        string[] lines = File.ReadAllLines(path, Encoding.UTF8);
        int headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0)
        {
            throw new InputDataException(path, $"{path}: empty file (expected a header id,name,lon,lat,capabilities).");
        }

        char delimiter = lines[headerLine].Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        string[] header = SplitCsv(lines[headerLine], delimiter).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Column(params string[] names)
        {
            int i = Array.FindIndex(header, h => names.Contains(h));
            return i >= 0 ? i : throw new InputDataException(path,
                $"{path}: header has no '{names[0]}' column (found: {string.Join(", ", header)}; expected id,name,lon,lat,capabilities with capabilities separated by ';').");
        }

        int idCol = Array.FindIndex(header, h => h == "id");
        int nameCol = Column("name");
        int lonCol = Column("lon", "lng", "longitude", "x");
        int latCol = Column("lat", "latitude", "y");
        int capCol = Column("capabilities");
        var hospitals = new List<Hospital>();
        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            string where = string.Create(CultureInfo.InvariantCulture, $"line {i + 1}");
            string[] f = SplitCsv(lines[i], delimiter);
            if (f.Length < header.Length)
            {
                throw new InputDataException(path, $"{path}: {where}: {f.Length} fields, the header has {header.Length}.");
            }

            double lon = Coordinate(path, where, f[lonCol], "lon", 180);
            double lat = Coordinate(path, where, f[latCol], "lat", 90);
            string name = f[nameCol].Trim();
            string id = idCol >= 0 && f[idCol].Trim().Length > 0 ? f[idCol].Trim() : $"row-{i + 1}";
            hospitals.Add(new Hospital(id, name.Length > 0 ? name : id, lat, lon, Capabilities(path, where, f[capCol].Split(';')), $"{Path.GetFileName(path)} {where}"));
        }

        return hospitals;
    }

    private static List<Hospital> FromGeoJson(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InputDataException(path, $"{path}: not valid JSON: {e.Message}", e);
        }

        using var dispose = document;
        if (!document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new InputDataException(path, $"{path}: expected a GeoJSON FeatureCollection of hospital points.");
        }

        var hospitals = new List<Hospital>();
        int number = 0;
        foreach (var feature in features.EnumerateArray())
        {
            number++;
            string where = string.Create(CultureInfo.InvariantCulture, $"feature {number}");
            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
                || !geometry.TryGetProperty("type", out var type) || type.GetString() != "Point"
                || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.GetArrayLength() < 2)
            {
                throw new InputDataException(path, $"{path}: {where}: a hospital must be a Point with coordinates [lon, lat].");
            }

            double lon = coordinates[0].GetDouble(), lat = coordinates[1].GetDouble();
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
            {
                throw new InputDataException(path, $"{path}: {where}: coordinates outside WGS84 longitude/latitude ranges.");
            }

            var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            string? Text(string key) => properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
                : null;
            string id = Text("id") ?? $"feature-{number}";
            IEnumerable<string> caps = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("capabilities", out var c)
                ? c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(e => e.GetString() ?? string.Empty)
                : c.ValueKind == JsonValueKind.String ? (c.GetString() ?? string.Empty).Split(';')
                : throw new InputDataException(path, $"{path}: {where}: 'capabilities' must be a string (a;b) or an array of strings.")
                : throw new InputDataException(path, $"{path}: {where}: no 'capabilities' property (e.g. \"chest_pain;stroke\").");
            hospitals.Add(new Hospital(id, Text("name") ?? id, lat, lon, Capabilities(path, where, caps), $"{Path.GetFileName(path)} {where}"));
        }

        return hospitals;
    }

    private static SortedSet<string> Capabilities(string path, string where, IEnumerable<string> values)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string raw in values)
        {
            string value = raw.Trim().ToLowerInvariant();
            if (value.Length == 0)
            {
                continue;
            }

            if (!value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                throw new InputDataException(path, $"{path}: {where}: capability '{raw.Trim()}' must be snake_case, e.g. chest_pain (separate several with ';').");
            }

            result.Add(value);
        }

        return result;
    }

    private static double Coordinate(string path, string where, string text, string what, double max)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(Math.Abs(v) <= max))
        {
            throw new InputDataException(path, $"{path}: {where}: {what} '{text.Trim()}' is not a WGS84 coordinate (decimal degrees, '.' as decimal point).");
        }

        return v;
    }

    // One CSV record: fields separated by the delimiter, "quoted" fields may hold the delimiter ("" is a quote).
    private static string[] SplitCsv(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
