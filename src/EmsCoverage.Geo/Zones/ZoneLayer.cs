using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace EmsCoverage.Geo.Zones;

/// <summary>
/// Reads response zones (areas with their own standard, e.g. "urban core", "townships") from a polygon file, all or
/// nothing.
/// </summary>
/// <remarks>
/// <para><b>Sources</b>: GeoJSON (RFC 7946, WGS84) or one feature layer of a GeoPackage (<c>.gpkg</c>, or a
/// <c>.zip</c> holding one), in any coordinate system ProjNET can transform to WGS84. Every feature must be a
/// Polygon or MultiPolygon with a non-empty name (<see cref="ZoneLayerOptions.NameField"/>; text or number).</para>
/// <para><b>Rules</b>: invalid polygons are repaired (NetTopologySuite <c>GeometryFixer</c>) with a
/// <see cref="ZoneDiagnosticCodes.Repaired"/> warning. Features with the same name are merged into one zone, placed
/// where the first of them was (<see cref="ZoneDiagnosticCodes.Merged"/>). Zones that overlap by more than
/// <see cref="OverlapToleranceM2"/> are reported pair by pair (<see cref="ZoneDiagnosticCodes.Overlap"/>): a point
/// in the overlap belongs to the zone that comes first in the file (see <see cref="ZoneAssigner"/>); with
/// <see cref="ZoneLayerOptions.RejectOverlaps"/> the file is refused instead. Shared borders and slivers from
/// digitising do not count as overlaps.</para>
/// </remarks>
public static class ZoneLayer
{
    /// <summary>Overlaps up to this many square metres are slivers, not reported.</summary>
    public const double OverlapToleranceM2 = 1;

    /// <summary>At most this many bad features or overlapping pairs are listed in an exception message.</summary>
    public const int MaxListedProblems = 10;

    /// <summary>Reads the zones in <paramref name="path"/>; see the class remarks.</summary>
    /// <param name="path">A GeoJSON file or a GeoPackage (possibly zipped).</param>
    /// <param name="options">Name attribute, layer and overlap rule; null for the defaults.</param>
    /// <param name="diagnostics">Receives repairs, merges, overlaps and coordinate transforms and, before an
    /// exception, one error per bad feature.</param>
    /// <returns>The zones in file order (the order that settles overlaps); never empty.</returns>
    /// <exception cref="InputDataException">The file is missing or unreadable, has no zones, a feature without a name,
    /// a geometry that is not a polygon, coordinates that are not WGS84, an unknown coordinate system, or (with
    /// <see cref="ZoneLayerOptions.RejectOverlaps"/>) overlapping zones.</exception>
    /// <exception cref="ArgumentException">The name field in <paramref name="options"/> is empty.</exception>
    public static IReadOnlyList<Zone> Read(string path, ZoneLayerOptions? options, DiagnosticBag diagnostics)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        options ??= new ZoneLayerOptions();
        if (string.IsNullOrWhiteSpace(options.NameField))
        {
            throw new ArgumentException("The zone name field must not be empty.", nameof(options));
        }

        if (!File.Exists(path))
        {
            throw new InputDataException(path, Directory.Exists(path)
                ? $"{path}: is a folder; name the zones file inside it"
                : $"{path}: zones file not found");
        }

        string extension = Path.GetExtension(path);
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".txt", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputDataException(path, $"{path}: zones must be polygons in a GeoJSON file or a GeoPackage, not a table");
        }

        var layer = PolygonSource.Read(path, options.Layer, "zones", diagnostics);
        var zones = BuildZones(layer, options.NameField, diagnostics);
        ReportOverlaps(layer, zones, options.RejectOverlaps, diagnostics);
        return zones.ConvertAll(z => new Zone(z.Name, z.Area)).AsReadOnly();
    }

    private static List<ZoneBuilder> BuildZones(PolygonSource.Layer layer, string nameField, DiagnosticBag diagnostics)
    {
        string path = layer.Path, fileName = layer.FileName;
        if (layer.Features.Count == 0)
        {
            throw new InputDataException(path, $"{path}: contains no zones{layer.EmptyHint}");
        }

        if (!layer.AttributeNames.Exists(n => n.Equals(nameField, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InputDataException(path,
                $"{path}: has no zone name attribute '{nameField}' ({layer.Description}); attributes found: {layer.AttributeList}; " +
                "name the attribute that holds the zone names with the name field option");
        }

        var bad = new List<(PolygonSource.Feature Feature, List<string> Problems)>();
        var zones = new List<ZoneBuilder>();
        var byName = new Dictionary<string, ZoneBuilder>(StringComparer.Ordinal);
        foreach (var feature in layer.Features)
        {
            var problems = new List<string>(feature.Problems);
            string? name = NameText(feature.Attributes.GetValueOrDefault(nameField));
            if (name is null)
            {
                problems.Add($"has no name ('{nameField}' is missing or empty)");
            }

            Geometry? area = null;
            if (feature.Problems.Count == 0)
            {
                area = Area(feature, fileName, problems, diagnostics);
            }

            if (problems.Count > 0)
            {
                bad.Add((feature, problems));
                continue;
            }

            if (byName.TryGetValue(name!, out var existing))
            {
                existing.Parts.Add(area!);
                existing.Where.Add(feature.Where);
                continue;
            }

            var zone = new ZoneBuilder(name!, feature.Where, area!);
            byName.Add(name!, zone);
            zones.Add(zone);
        }

        if (bad.Count > 0)
        {
            Refuse(layer, bad, diagnostics);
        }

        foreach (var zone in zones.Where(z => z.Parts.Count > 1))
        {
            zone.Area = OverlayNGRobust.Union(zone.Parts, PolygonSource.Wgs84);
            diagnostics.Add(ZoneDiagnosticCodes.Merged, DiagnosticSeverity.Info,
                $"{fileName}: {zone.Parts.Count} features are named '{zone.Name}' ({string.Join(", ", zone.Where)}); they were merged into one zone",
                $"{fileName} {zone.Where[0]}");
        }

        return zones;
    }

    private static Geometry? Area(PolygonSource.Feature feature, string fileName, List<string> problems, DiagnosticBag diagnostics)
    {
        if (feature.GeometryType is null)
        {
            problems.Add("has no geometry (zones must be Polygon or MultiPolygon)");
            return null;
        }

        if (feature.GeometryType is not ("Polygon" or "MultiPolygon") || feature.Geometry is null)
        {
            problems.Add($"is a {feature.GeometryType}; zones must be Polygon or MultiPolygon");
            return null;
        }

        if (PolygonPopulation.CoordinateProblem(feature.Geometry) is { } coordinateProblem)
        {
            problems.Add(coordinateProblem);
            return null;
        }

        var area = PolygonPopulation.Repair(feature.Geometry, out string? reason);
        if (reason is not null)
        {
            diagnostics.Add(ZoneDiagnosticCodes.Repaired, DiagnosticSeverity.Warning,
                $"{fileName} {feature.Where} was not a valid polygon ({reason}); it was repaired", $"{fileName} {feature.Where}");
        }

        if (area.IsEmpty || area.Area <= 0)
        {
            problems.Add("has no area (empty or zero-area polygon)");
            return null;
        }

        return area;
    }

    private static void Refuse(PolygonSource.Layer layer, List<(PolygonSource.Feature Feature, List<string> Problems)> bad, DiagnosticBag diagnostics)
    {
        string fileName = layer.FileName;
        foreach (var (feature, problems) in bad)
        {
            diagnostics.Add(ZoneDiagnosticCodes.FeatureInvalid, DiagnosticSeverity.Error,
                $"{fileName} {feature.Where}: {string.Join("; ", problems)}", $"{fileName} {feature.Where}");
        }

        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"{layer.Path}: ");
        if (bad.Exists(b => b.Problems.Exists(p => p.Contains("projected", StringComparison.Ordinal))))
        {
            message.Append("coordinates look projected (metres, not degrees): GeoJSON must be WGS84 longitude/latitude (RFC 7946); " +
                $"reproject it (ogr2ogr -t_srs EPSG:4326 out.geojson {fileName}) or use a GeoPackage. ");
        }

        message.Append(CultureInfo.InvariantCulture,
            $"{bad.Count} of {layer.Features.Count} zone features cannot be used, so no zones were read; fix {(bad.Count == 1 ? "it" : "them")} and run again:");
        foreach (var (feature, problems) in bad.Take(MaxListedProblems))
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  {fileName} {feature.Where}: {string.Join("; ", problems)}");
        }

        if (bad.Count > MaxListedProblems)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  ... and {bad.Count - MaxListedProblems} more");
        }

        throw new InputDataException(layer.Path, message.ToString());
    }

    private static void ReportOverlaps(PolygonSource.Layer layer, List<ZoneBuilder> zones, bool reject, DiagnosticBag diagnostics)
    {
        var tree = new STRtree<int>();
        for (int i = 0; i < zones.Count; i++)
        {
            tree.Insert(zones[i].Area.EnvelopeInternal, i);
        }

        tree.Build();
        var overlaps = new List<string>();
        for (int i = 0; i < zones.Count; i++)
        {
            var first = zones[i];
            var prepared = PreparedGeometryFactory.Prepare(first.Area);
            var candidates = tree.Query(first.Area.EnvelopeInternal).Where(j => j > i).Order();
            foreach (int j in candidates)
            {
                var second = zones[j];
                if (!prepared.Intersects(second.Area))
                {
                    continue;
                }

                var shared = OverlayNGRobust.Overlay(first.Area, second.Area, SpatialFunction.Intersection);
                double areaM2 = PolygonProjection.AreaM2(shared);
                if (areaM2 <= OverlapToleranceM2)
                {
                    continue;
                }

                string text = string.Create(CultureInfo.InvariantCulture,
                    $"zones '{first.Name}' ({first.Where[0]}) and '{second.Name}' ({second.Where[0]}) overlap by {FormatArea(areaM2)}");
                overlaps.Add(text);
                if (!reject)
                {
                    diagnostics.Add(ZoneDiagnosticCodes.Overlap, DiagnosticSeverity.Warning,
                        $"{layer.FileName}: {text}; points in the overlap count for '{first.Name}', which comes first in the file",
                        $"{layer.FileName} {second.Where[0]}");
                }
            }
        }

        if (reject && overlaps.Count > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture,
                $"{layer.Path}: {overlaps.Count} pair(s) of zones overlap, and overlaps were to be refused; make the zones disjoint ");
            message.Append("(or allow overlaps, where the first zone in the file wins):");
            foreach (string overlap in overlaps.Take(MaxListedProblems))
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  {overlap}");
            }

            if (overlaps.Count > MaxListedProblems)
            {
                message.Append(CultureInfo.InvariantCulture, $"\n  ... and {overlaps.Count - MaxListedProblems} more");
            }

            throw new InputDataException(layer.Path, message.ToString());
        }
    }

    private static string FormatArea(double areaM2) => areaM2 >= 1e6
        ? (areaM2 / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " km²"
        : areaM2.ToString("0", CultureInfo.InvariantCulture) + " m²";

    private static string? NameText(object? value)
    {
        string? text = value switch
        {
            null => null,
            string s => s,
            double d => PolygonSource.Num(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private sealed class ZoneBuilder(string name, string where, Geometry area)
    {
        public string Name { get; } = name;

        public List<string> Where { get; } = [where];

        public List<Geometry> Parts { get; } = [area];

        public Geometry Area { get; set; } = area;
    }
}
