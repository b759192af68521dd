using EmsCoverage.Geo.Output;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>Writes isochrone polygons as an RFC 7946 GeoJSON FeatureCollection.</summary>
public static class IsochroneGeoJson
{
    /// <summary>
    /// Writes one feature per polygon, in the given order, with the properties <c>break_min</c>, <c>base</c> and
    /// <c>base_name</c> (per base and partition only), <c>area_km2</c> and <c>population</c> (when counted).
    /// </summary>
    /// <param name="output">Stream to write UTF-8 JSON to; left open.</param>
    /// <param name="polygons">The polygons (see <see cref="IsochroneBuilder"/>).</param>
    /// <param name="bases">Names of the bases by source index (at least as many as the highest base index + 1).</param>
    /// <param name="members">Top-level members, e.g. <c>attribution</c> ("© OpenStreetMap contributors, ODbL 1.0").</param>
    public static void Write(Stream output, IReadOnlyList<IsochronePolygon> polygons, IReadOnlyList<IsochroneBase> bases,
        IReadOnlyDictionary<string, object?> members)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(polygons);
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(members);
        using var writer = new GeoJsonFeatureWriter(output, members);
        foreach (var p in polygons)
        {
            var properties = new List<KeyValuePair<string, object?>> { new("break_min", p.Break.TotalMinutes) };
            if (p.Base is int b)
            {
                properties.Add(new("base", bases[b].Id));
                properties.Add(new("base_name", bases[b].Name));
            }

            properties.Add(new("area_km2", Math.Round(p.AreaKm2, 4)));
            if (p.Population is double people)
            {
                properties.Add(new("population", Math.Round(people, 1)));
            }

            writer.Write(p.Area, properties);
        }
    }
}
