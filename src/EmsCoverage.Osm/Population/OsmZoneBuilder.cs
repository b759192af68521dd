using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Osm.Population;

/// <summary>A zone made of whole administrative areas (e.g. an urban core of four municipalities).</summary>
public sealed class OsmZone
{
    internal OsmZone(IReadOnlyList<OsmAdminArea> areas)
    {
        Areas = areas;
        var outer = new List<OsmRing>();
        var inner = new List<OsmRing>();
        foreach (OsmAdminArea area in areas)
        {
            outer.AddRange(area.Outer);
            inner.AddRange(area.Inner);
        }

        Outer = outer;
        Inner = inner;
    }

    /// <summary>The areas, in the order they were named, each once.</summary>
    public IReadOnlyList<OsmAdminArea> Areas { get; }

    /// <summary>Outer rings of all the areas (not merged: neighbouring areas keep their shared edges).</summary>
    public IReadOnlyList<OsmRing> Outer { get; }

    /// <summary>Holes of all the areas.</summary>
    public IReadOnlyList<OsmRing> Inner { get; }

    /// <summary>Names of the areas, in order.</summary>
    public IReadOnlyList<string> AreaNames => Areas.Select(a => a.Name).ToArray();

    /// <summary>
    /// The zone as a WGS84 multipolygon (X = longitude, Y = latitude) for GIS tools and
    /// <c>EmsCoverage.Geo.Studies.StudyZone</c>: one polygon per outer ring of each complete area, with the area's
    /// holes that lie inside it. Incomplete areas (clipped by the extract) are left out, as in <see cref="Contains"/>.
    /// </summary>
    /// <param name="factory">Geometry factory (SRID 4326 by default).</param>
    public MultiPolygon ToGeometry(GeometryFactory? factory = null)
    {
        factory ??= new GeometryFactory(new PrecisionModel(), 4326);
        var polygons = new List<Polygon>();
        foreach (OsmAdminArea area in Areas.Where(a => a.Complete))
        {
            foreach (OsmRing outer in area.Outer)
            {
                var holes = area.Inner.Where(h => h.Count > 0 && outer.Contains(h.Lat[0], h.Lon[0])).Select(h => Ring(h, factory));
                polygons.Add(factory.CreatePolygon(Ring(outer, factory), [.. holes]));
            }
        }

        return factory.CreateMultiPolygon([.. polygons]);
    }

    private static LinearRing Ring(OsmRing ring, GeometryFactory factory)
    {
        // OsmRing does not repeat its first point; a LinearRing does.
        var coordinates = new Coordinate[ring.Count + 1];
        for (int i = 0; i < ring.Count; i++)
        {
            coordinates[i] = new Coordinate(ring.Lon[i], ring.Lat[i]);
        }

        coordinates[^1] = coordinates[0].Copy();
        return factory.CreateLinearRing(coordinates);
    }

    /// <summary>True when the point lies inside one of the areas.</summary>
    /// <param name="lat">Latitude, WGS84 degrees.</param>
    /// <param name="lon">Longitude, WGS84 degrees.</param>
    public bool Contains(double lat, double lon)
    {
        foreach (OsmAdminArea area in Areas)
        {
            if (area.Contains(lat, lon))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Builds zones from administrative areas named in a configuration.</summary>
public static class OsmZoneBuilder
{
    /// <summary>
    /// The zone made of the areas called <paramref name="names"/>: each an area name (ignoring case) or
    /// <c>relation/ID</c>.
    /// </summary>
    /// <param name="areas">The areas read (e.g. <see cref="OsmPopulationResult.Areas"/> or <see cref="OsmAdminAreas.Read"/>).</param>
    /// <param name="names">At least one name; repeats are ignored.</param>
    /// <exception cref="ArgumentException">A name matches no area (the message lists the known names and the closest
    /// ones), matches several (use <c>relation/ID</c>), or names an area whose boundary is incomplete in the extract;
    /// all problems are listed together.</exception>
    public static OsmZone FromAreas(IReadOnlyList<OsmAdminArea> areas, IEnumerable<string> names) =>
        TryFromAreas(areas, names, out OsmZone? zone, out string? error) ? zone : throw new ArgumentException(error, nameof(names));

    /// <summary>As <see cref="FromAreas"/>, returning false with the message instead of throwing.</summary>
    /// <param name="areas">The areas read.</param>
    /// <param name="names">At least one name; repeats are ignored.</param>
    /// <param name="zone">The zone when every name was found.</param>
    /// <param name="error">What went wrong, for every name that did not resolve; null on success.</param>
    /// <returns>True when every name resolved to one complete area.</returns>
    public static bool TryFromAreas(IReadOnlyList<OsmAdminArea> areas, IEnumerable<string> names,
        [NotNullWhen(true)] out OsmZone? zone, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(names);
        zone = null;
        var chosen = new List<OsmAdminArea>();
        var problems = new List<string>();
        bool anyUnknown = false;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in names)
        {
            string name = raw?.Trim() ?? string.Empty;
            if (!seen.Add(name))
            {
                continue;
            }

            List<OsmAdminArea> matches = Match(areas, name);
            if (matches.Count == 0)
            {
                anyUnknown = true;
                string hint = Suggest(areas, name);
                problems.Add($"\"{name}\" is not the name of an area in the extract{hint}");
            }
            else if (matches.Count > 1)
            {
                problems.Add($"\"{name}\" names {matches.Count.ToString(CultureInfo.InvariantCulture)} areas ({string.Join(", ", matches.Select(a => a.Origin))}); " +
                    "write relation/ID to pick one");
            }
            else if (!matches[0].Complete)
            {
                problems.Add($"{matches[0]} is incomplete in this extract (its boundary is clipped); it cannot make a zone");
            }
            else if (!chosen.Contains(matches[0]))
            {
                chosen.Add(matches[0]);
            }
        }

        if (seen.Count == 0)
        {
            problems.Add("no area names given");
        }

        if (problems.Count > 0)
        {
            if (anyUnknown || seen.Count == 0)
            {
                string known = string.Join(", ", areas.Where(a => a.Complete).Select(a => a.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                problems.Add(known.Length == 0 ? "the extract has no complete area of this level" : "known areas: " + known);
            }

            error = string.Join("; ", problems);
            return false;
        }

        error = null;
        zone = new OsmZone(chosen);
        return true;
    }

    private static List<OsmAdminArea> Match(IReadOnlyList<OsmAdminArea> areas, string name)
    {
        if (name.StartsWith("relation/", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(name.AsSpan("relation/".Length), NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return areas.Where(a => a.RelationId == id).ToList();
        }

        return areas.Where(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    // " (did you mean "Vaduz"?)" for names within two edits or sharing a prefix; empty when nothing is close.
    private static string Suggest(IReadOnlyList<OsmAdminArea> areas, string name)
    {
        string[] close = areas.Select(a => a.Name).Distinct(StringComparer.Ordinal)
            .Where(n => EditDistance(n.ToUpperInvariant(), name.ToUpperInvariant()) <= 2
                || (name.Length >= 3 && n.StartsWith(name, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .Take(3)
            .ToArray();
        return close.Length == 0 ? string.Empty : " (did you mean " + string.Join(" or ", close.Select(n => $"\"{n}\"")) + "?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
