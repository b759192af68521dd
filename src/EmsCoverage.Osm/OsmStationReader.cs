using System.Globalization;
using System.Text.RegularExpressions;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Stations;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace EmsCoverage.Osm;

/// <summary>
/// Reads ambulance stations (and optionally hospitals and fire stations) from an OSM extract: nodes, ways and
/// relations, placed at their centroid, with air-rescue bases recognised and duplicates merged.
/// </summary>
/// <remarks>
/// <para><b>Which objects.</b> <c>emergency=ambulance_station</c> and <c>emergency=air_rescue_service</c>; with the
/// options, <c>amenity=hospital</c> and <c>amenity=fire_station</c>.</para>
/// <para><b>Where.</b> A node at its position; a closed way at its area centroid (average of its distinct nodes when
/// the ring has no area); an open way or a relation at the average of the distinct nodes of the way / of the
/// relation's member ways and nodes. Objects with no node in the file are skipped (<c>station-no-geometry</c>).</para>
/// <para><b>Air rescue.</b> A base is air rescue when it has <c>emergency=air_rescue_service</c>, an
/// <c>air_rescue*</c> key, <c>aeroway=heliport/helipad</c>, or a name, operator or description with a word such as
/// Luftrettung, Rega, air rescue, air ambulance, heli, helicopter/Helikopter/Hubschrauber, elisoccorso. Such bases
/// are excluded unless <see cref="OsmStationOptions.IncludeAirRescue"/> (info diagnostic
/// <c>station-air-rescue-excluded</c>): ambulance coverage is about road response.</para>
/// <para><b>Duplicates.</b> Objects of the same kind (and same air/road class) within
/// <see cref="OsmStationOptions.DuplicateRadiusM"/> whose names do not conflict (one unnamed, equal, or one
/// containing the other), or with the same name within <see cref="OsmStationOptions.SameNameRadiusM"/>, are one
/// station; two differently named institutions next door stay two. The kept object is the named one, then node
/// before way before relation, then the lowest id; each merge is an info diagnostic (<c>station-duplicate</c>).</para>
/// </remarks>
public static partial class OsmStationReader
{
    private static readonly string[] AirRescueTextKeys = ["name", "operator", "official_name", "short_name", "alt_name", "description"];

    /// <summary>Reads the stations of the extract at <paramref name="path"/>.</summary>
    /// <param name="path">An .osm.pbf or .osm (XML) file.</param>
    /// <param name="options">Which objects to read; <see cref="OsmStationOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked every few thousand elements.</param>
    /// <exception cref="InputDataException">The file is missing, empty, not OSM, truncated or corrupt; the message names it.</exception>
    public static OsmStationResult Read(string path, OsmStationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= OsmStationOptions.Default;
        OsmInput input = OsmInput.Inspect(path);
        var diagnostics = new DiagnosticBag();
        var candidates = new List<Candidate>();
        var memberWayNodes = new Dictionary<long, long[]>();
        var coordinates = new Dictionary<long, (double Lat, double Lon)>();
        var neededNodes = new HashSet<long>();

        (FileStream stream, OsmStreamSource source) = input.Open();
        using (stream)
        {
            try
            {
                ReadWaysAndRelations(source, options, candidates, cancellationToken);

                var neededWays = new HashSet<long>();
                foreach (Candidate c in candidates)
                {
                    neededNodes.UnionWith(c.Nodes);
                    neededWays.UnionWith(c.MemberWays);
                }

                if (neededWays.Count > 0)
                {
                    source.Reset();
                    OsmPasses.ReadWayNodes(source, neededWays, memberWayNodes, cancellationToken);
                    foreach (long[] nodes in memberWayNodes.Values)
                    {
                        neededNodes.UnionWith(nodes);
                    }
                }

                source.Reset();
                OsmPasses.ReadNodes(source, neededNodes, coordinates, (node, id, lat, lon) =>
                {
                    if (node.Tags is { Count: > 0 } && Classify(node.Tags, options) is { } kind)
                    {
                        candidates.Add(new Candidate("node", id, kind, node.Tags) { Lat = lat, Lon = lon, HasLocation = true });
                    }
                }, cancellationToken);
            }
            catch (Exception ex) when (OsmInput.IsReadFailure(ex))
            {
                throw input.Wrap(ex);
            }
        }

        var located = new List<Candidate>();
        foreach (Candidate c in candidates)
        {
            if (!Locate(c, memberWayNodes, coordinates))
            {
                diagnostics.Add(OsmDiagnosticCodes.StationNoGeometry, DiagnosticSeverity.Warning,
                    $"{c.Kind} {Describe(c)} has no node with coordinates in the file; skipped", c.Origin);
                continue;
            }

            if (c.AirRescueReason is not null && !options.IncludeAirRescue)
            {
                diagnostics.Add(OsmDiagnosticCodes.StationAirRescueExcluded, DiagnosticSeverity.Info,
                    $"air rescue base {Describe(c)} ({c.AirRescueReason})", c.Origin);
                continue;
            }

            located.Add(c);
        }

        List<Candidate> kept = Deduplicate(located, options, diagnostics);
        kept.Sort(static (a, b) =>
            a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : a.TypeRank != b.TypeRank ? a.TypeRank.CompareTo(b.TypeRank)
            : a.Id.CompareTo(b.Id));
        var stations = new List<OsmStation>(kept.Count);
        foreach (Candidate c in kept)
        {
            string id = $"osm-{c.Type}-{c.Id.ToString(CultureInfo.InvariantCulture)}";
            string name = c.Name ?? c.Operator ?? id;
            var station = new Station(id, name, c.Lat, c.Lon, options.TurnoutTime, c.Origin);
            stations.Add(new OsmStation(station, c.Kind, c.AirRescueReason is not null, c.Type, c.Id)
            {
                Emergency = c.Emergency,
                HealthcareSpeciality = c.HealthcareSpeciality,
            });
        }

        return new OsmStationResult(stations, diagnostics);
    }

    /// <summary>
    /// Why these tags describe an air-rescue base (e.g. <c>name contains "Luftrettung"</c>), or null when they do not.
    /// </summary>
    public static string? AirRescueReason(TagsCollectionBase? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Contains("emergency", "air_rescue_service"))
        {
            return "emergency=air_rescue_service";
        }

        foreach (Tag tag in tags)
        {
            if (tag.Key.StartsWith("air_rescue", StringComparison.Ordinal))
            {
                return $"{tag.Key}={tag.Value}";
            }
        }

        if (tags.TryGetValue("aeroway", out string? aeroway) && aeroway is "heliport" or "helipad")
        {
            return "aeroway=" + aeroway;
        }

        foreach (string key in AirRescueTextKeys)
        {
            if (tags.TryGetValue(key, out string? text) && AirRescueWords().Match(text) is { Success: true } m)
            {
                return $"{key} contains \"{m.Value}\"";
            }
        }

        return null;
    }

    private static OsmStationKind? Classify(TagsCollectionBase? tags, OsmStationOptions options)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.TryGetValue("emergency", out string? emergency) && emergency is "ambulance_station" or "air_rescue_service")
        {
            return OsmStationKind.AmbulanceStation;
        }

        if (tags.TryGetValue("amenity", out string? amenity))
        {
            if (amenity == "hospital" && options.IncludeHospitals)
            {
                return OsmStationKind.Hospital;
            }

            if (amenity == "fire_station" && options.IncludeFireStations)
            {
                return OsmStationKind.FireStation;
            }
        }

        return null;
    }

    private static void ReadWaysAndRelations(OsmStreamSource source, OsmStationOptions options, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        int seen = 0;
        while (source.MoveNext(ignoreNodes: true, ignoreWays: false, ignoreRelations: false))
        {
            if ((++seen & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (source.Current() is not { } geo || geo.Id is not long id || Classify(geo.Tags, options) is not { } kind)
            {
                continue;
            }

            if (geo is Way way)
            {
                candidates.Add(new Candidate("way", id, kind, geo.Tags) { Nodes = way.Nodes ?? [] });
            }
            else if (geo is Relation relation)
            {
                var c = new Candidate("relation", id, kind, geo.Tags);
                foreach (RelationMember member in relation.Members ?? [])
                {
                    if (member.Type == OsmGeoType.Way)
                    {
                        c.MemberWays.Add(member.Id);
                    }
                    else if (member.Type == OsmGeoType.Node)
                    {
                        c.MemberNodes.Add(member.Id);
                    }
                }

                c.Nodes = [.. c.MemberNodes];
                candidates.Add(c);
            }
        }
    }

    private static bool Locate(Candidate c, Dictionary<long, long[]> memberWayNodes, Dictionary<long, (double Lat, double Lon)> coordinates)
    {
        if (c.HasLocation)
        {
            return true;
        }

        var points = new List<(double Lat, double Lon)>();
        var distinct = new HashSet<long>();
        void Add(long nodeId)
        {
            if (distinct.Add(nodeId) && coordinates.TryGetValue(nodeId, out var p))
            {
                points.Add(p);
            }
        }

        foreach (long n in c.Nodes)
        {
            Add(n);
        }

        foreach (long w in c.MemberWays)
        {
            if (memberWayNodes.TryGetValue(w, out long[]? nodes))
            {
                foreach (long n in nodes)
                {
                    Add(n);
                }
            }
        }

        if (points.Count == 0)
        {
            return false;
        }

        bool closedRing = c.Type == "way" && c.Nodes.Length >= 4 && c.Nodes[0] == c.Nodes[^1] && points.Count == distinct.Count;
        (c.Lat, c.Lon) = closedRing && TryAreaCentroid(points, out var centroid) ? centroid : Average(points);
        c.HasLocation = true;
        return true;
    }

    private static (double Lat, double Lon) Average(List<(double Lat, double Lon)> points)
    {
        double lat = 0, lon = 0;
        foreach ((double la, double lo) in points)
        {
            lat += la;
            lon += lo;
        }

        return (lat / points.Count, lon / points.Count);
    }

    // Area centroid of a ring (distinct vertices in order) in a local equirectangular projection around the first vertex.
    private static bool TryAreaCentroid(List<(double Lat, double Lon)> ring, out (double Lat, double Lon) centroid)
    {
        centroid = default;
        if (ring.Count < 3)
        {
            return false;
        }

        double lat0 = ring[0].Lat, lon0 = ring[0].Lon;
        double k = Math.Cos(double.DegreesToRadians(lat0));
        double area2 = 0, cx = 0, cy = 0;
        for (int i = 0; i < ring.Count; i++)
        {
            (double la1, double lo1) = ring[i];
            (double la2, double lo2) = ring[(i + 1) % ring.Count];
            double x1 = (lo1 - lon0) * k, y1 = la1 - lat0, x2 = (lo2 - lon0) * k, y2 = la2 - lat0;
            double cross = (x1 * y2) - (x2 * y1);
            area2 += cross;
            cx += (x1 + x2) * cross;
            cy += (y1 + y2) * cross;
        }

        if (Math.Abs(area2) < 1e-14)
        {
            return false;
        }

        centroid = (lat0 + (cy / (3 * area2)), lon0 + (cx / (3 * area2 * k)));
        return true;
    }

    private static List<Candidate> Deduplicate(List<Candidate> candidates, OsmStationOptions options, DiagnosticBag diagnostics)
    {
        int n = candidates.Count;
        var parent = new int[n];
        for (int i = 0; i < n; i++)
        {
            parent[i] = i;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                Candidate a = candidates[i], b = candidates[j];
                if (a.Kind != b.Kind || (a.AirRescueReason is null) != (b.AirRescueReason is null))
                {
                    continue;
                }

                double d = Geodesy.HaversineM(a.Lat, a.Lon, b.Lat, b.Lon);
                bool sameName = a.NormalisedName is not null && a.NormalisedName == b.NormalisedName;
                if ((d <= options.DuplicateRadiusM && !NamesConflict(a, b)) || (sameName && d <= options.SameNameRadiusM))
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }

        var kept = new List<Candidate>();
        foreach (IGrouping<int, int> group in Enumerable.Range(0, n).GroupBy(Find))
        {
            Candidate best = group.Select(i => candidates[i])
                .OrderBy(c => c.Name is null ? 1 : 0)
                .ThenBy(c => c.TypeRank)
                .ThenBy(c => c.Id)
                .First();
            kept.Add(best);
            foreach (int i in group)
            {
                Candidate other = candidates[i];
                if (ReferenceEquals(other, best))
                {
                    continue;
                }

                double d = Geodesy.HaversineM(best.Lat, best.Lon, other.Lat, other.Lon);
                diagnostics.Add(OsmDiagnosticCodes.StationDuplicate, DiagnosticSeverity.Info,
                    $"{Describe(other)} is the same {best.Kind} as {Describe(best)} ({d.ToString("0", CultureInfo.InvariantCulture)} m apart); kept {best.Origin}",
                    other.Origin);
            }
        }

        return kept;
    }

    // Two different names (neither containing the other) are two institutions, however close: keep both.
    private static bool NamesConflict(Candidate a, Candidate b) =>
        a.NormalisedName is not null && b.NormalisedName is not null
        && !a.NormalisedName.Contains(b.NormalisedName, StringComparison.Ordinal)
        && !b.NormalisedName.Contains(a.NormalisedName, StringComparison.Ordinal);

    private static string Describe(Candidate c) => c.Name is null ? c.Origin : $"{c.Origin} \"{c.Name}\"";

    [GeneratedRegex(@"\b(luftrettung|rega|air[\s-]?rescue|air[\s-]?ambulance|heli|helis|helikopter|helicopter|helicóptero|helicoptero|hélicoptère|helicoptere|hélico|hubschrauber|elisoccorso|heliport|helipad|helibase)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AirRescueWords();

    private sealed class Candidate
    {
        public Candidate(string type, long id, OsmStationKind kind, TagsCollectionBase? tags)
        {
            Type = type;
            Id = id;
            Kind = kind;
            TypeRank = type switch { "node" => 0, "way" => 1, _ => 2 };
            Origin = $"osm {type}/{id.ToString(CultureInfo.InvariantCulture)}";
            if (tags is not null)
            {
                Name = NameOf(tags);
                Operator = tags.TryGetValue("operator", out string? op) && !string.IsNullOrWhiteSpace(op) ? op.Trim() : null;
                Emergency = tags.TryGetValue("emergency", out string? em) ? em : null;
                HealthcareSpeciality = tags.TryGetValue("healthcare:speciality", out string? hs) ? hs : null;
            }

            NormalisedName = Name?.ToUpperInvariant();
            AirRescueReason = OsmStationReader.AirRescueReason(tags);
        }

        public string Type { get; }

        public string? Emergency { get; }

        public string? HealthcareSpeciality { get; }

        // name, else official_name, else the first name:xx (e.g. name:de); null when none.
        private static string? NameOf(TagsCollectionBase tags)
        {
            foreach (string key in (string[])["name", "official_name"])
            {
                if (tags.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }

            foreach (Tag tag in tags)
            {
                if (tag.Key.StartsWith("name:", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(tag.Value))
                {
                    return tag.Value.Trim();
                }
            }

            return null;
        }

        public long Id { get; }

        public OsmStationKind Kind { get; }

        public int TypeRank { get; }

        public string Origin { get; }

        public string? Name { get; }

        public string? NormalisedName { get; }

        public string? Operator { get; }

        public string? AirRescueReason { get; }

        public long[] Nodes { get; set; } = [];

        public List<long> MemberWays { get; } = [];

        public List<long> MemberNodes { get; } = [];

        public double Lat { get; set; }

        public double Lon { get; set; }

        public bool HasLocation { get; set; }
    }
}
