using System.Globalization;
using EmsCoverage.Diagnostics;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace EmsCoverage.Osm.Population;

/// <summary>
/// Reads what the population layer needs from an extract in three passes (the pattern of
/// <see cref="OsmStationReader"/>): (1) ways and relations: boundary relations of one admin level, buildings,
/// residential and non-residential land; (2) the member ways of those relations; (3) nodes: coordinates of every
/// node used, place nodes and the relations' label / admin_centre nodes.
/// </summary>
internal sealed class OsmAreaScan
{
    private static readonly string[] NonSettlementPlaces =
        ["continent", "country", "state", "region", "province", "district", "county", "island", "islet", "archipelago", "sea", "ocean"];

    private readonly int _adminLevel;
    private readonly bool _readLand;
    private readonly HashSet<long> _roleNodes = [];

    private OsmAreaScan(int adminLevel, bool readLand)
    {
        _adminLevel = adminLevel;
        _readLand = readLand;
    }

    public List<BoundaryRelation> Boundaries { get; } = [];

    /// <summary>Buildings that may house people (closed ways and multipolygon relations).</summary>
    public List<PolygonSource> Buildings { get; } = [];

    public List<PolygonSource> ResidentialLand { get; } = [];

    public List<PolygonSource> NonResidentialLand { get; } = [];

    /// <summary>Buildings left out, counted by reason (<c>building=garage</c>, <c>amenity=school</c>, <c>open way</c>).</summary>
    public SortedDictionary<string, int> ExcludedBuildings { get; } = new(StringComparer.Ordinal);

    /// <summary>Node lists of relation member ways found in the file.</summary>
    public Dictionary<long, long[]> MemberWayNodes { get; } = [];

    public Dictionary<long, (double Lat, double Lon)> Coordinates { get; } = [];

    /// <summary>Place nodes (settlements) and label / admin_centre member nodes, by id.</summary>
    public Dictionary<long, NodeInfo> Nodes { get; } = [];

    /// <summary>Reads <paramref name="input"/>; <paramref name="readLand"/> adds buildings and landuse.</summary>
    public static OsmAreaScan Read(OsmInput input, int adminLevel, bool readLand, CancellationToken cancellationToken)
    {
        var scan = new OsmAreaScan(adminLevel, readLand);
        (FileStream stream, OsmStreamSource source) = input.Open();
        using (stream)
        {
            try
            {
                scan.ReadWaysAndRelations(source, cancellationToken);
                var neededWays = new HashSet<long>();
                foreach (BoundaryRelation b in scan.Boundaries)
                {
                    foreach (MemberWay m in b.Ways)
                    {
                        neededWays.Add(m.WayId);
                    }
                }

                foreach (List<PolygonSource> list in (List<PolygonSource>[])[scan.Buildings, scan.ResidentialLand, scan.NonResidentialLand])
                {
                    foreach (PolygonSource p in list)
                    {
                        foreach (MemberWay m in p.Members)
                        {
                            neededWays.Add(m.WayId);
                        }
                    }
                }

                if (neededWays.Count > 0)
                {
                    source.Reset();
                    OsmPasses.ReadWayNodes(source, neededWays, scan.MemberWayNodes, cancellationToken);
                }

                source.Reset();
                scan.ReadNodes(source, cancellationToken);
            }
            catch (Exception ex) when (OsmInput.IsReadFailure(ex))
            {
                throw input.Wrap(ex);
            }
        }

        return scan;
    }

    /// <summary>Closed rings of a way set, with what was missing.</summary>
    public (List<OsmRing> Outer, List<OsmRing> Inner, int MissingWays, int MissingNodes, int OpenChains) AssembleRings(IReadOnlyList<MemberWay> members)
    {
        var outerWays = new List<long[]>();
        var innerWays = new List<long[]>();
        int missingWays = 0, missingNodes = 0;
        foreach (MemberWay m in members)
        {
            if (!MemberWayNodes.TryGetValue(m.WayId, out long[]? nodes))
            {
                missingWays++;
                continue;
            }

            int missing = 0;
            foreach (long n in nodes)
            {
                if (!Coordinates.ContainsKey(n))
                {
                    missing++;
                }
            }

            if (missing > 0)
            {
                // A way with holes in it cannot be trusted as an edge; leaving it out opens its ring.
                missingNodes += missing;
                continue;
            }

            (m.Inner ? innerWays : outerWays).Add(nodes);
        }

        List<long[]> outerIds = RingAssembler.Join(outerWays, out int openOuter);
        List<long[]> innerIds = RingAssembler.Join(innerWays, out int openInner);
        var outer = new List<OsmRing>(outerIds.Count);
        var inner = new List<OsmRing>(innerIds.Count);
        foreach (long[] ids in outerIds)
        {
            outer.Add(ToRing(ids)!);
        }

        foreach (long[] ids in innerIds)
        {
            inner.Add(ToRing(ids)!);
        }

        return (outer, inner, missingWays, missingNodes, openOuter + openInner);
    }

    /// <summary>The ring of a closed node list (first node repeated at the end), or null when a node is missing.</summary>
    public OsmRing? ToRing(long[] closedNodes)
    {
        int n = closedNodes.Length - 1;
        var lat = new double[n];
        var lon = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!Coordinates.TryGetValue(closedNodes[i], out var p))
            {
                return null;
            }

            (lat[i], lon[i]) = p;
        }

        return new OsmRing(lat, lon);
    }

    /// <summary>Rings of a building or landuse polygon; null when it cannot be closed (missing ways or nodes).</summary>
    public (List<OsmRing> Outer, List<OsmRing> Inner)? Polygon(PolygonSource source)
    {
        if (source.WayNodes is long[] nodes)
        {
            return ToRing(nodes) is OsmRing ring ? ([ring], []) : null;
        }

        var (outer, inner, missingWays, missingNodes, openChains) = AssembleRings(source.Members);
        return outer.Count > 0 && missingWays == 0 && missingNodes == 0 && openChains == 0 ? (outer, inner) : null;
    }

    /// <summary>True for place values of settlements (not country, state, county, island…).</summary>
    public static bool IsSettlement(string? place) => place is not null && Array.IndexOf(NonSettlementPlaces, place) < 0;

    /// <summary>
    /// The names an object is known by, for matching an area with its place node: name, official_name, short_name,
    /// alt_name (split at ';'), loc_name, every name:xx, and the name without its <c>name:prefix</c> ("Stadt
    /// Feldkirch" → "Feldkirch") or trailing qualifier ("Buchs (SG)" → "Buchs"). Compared ignoring case.
    /// </summary>
    public static HashSet<string> NameVariants(TagsCollectionBase? tags)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (tags is null)
        {
            return names;
        }

        var prefixes = new List<string>();
        foreach (Tag tag in tags)
        {
            string key = tag.Key;
            if (string.IsNullOrWhiteSpace(tag.Value))
            {
                continue;
            }

            if (key.StartsWith("name:prefix", StringComparison.Ordinal))
            {
                prefixes.Add(tag.Value.Trim());
                continue;
            }

            bool isName = key is "name" or "official_name" or "short_name" or "alt_name" or "loc_name"
                || (key.StartsWith("name:", StringComparison.Ordinal) && !key.Contains("suffix", StringComparison.Ordinal)
                    && !key.Contains("pronunciation", StringComparison.Ordinal));
            if (!isName)
            {
                continue;
            }

            foreach (string part in tag.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                names.Add(part);
                int paren = part.IndexOf(" (", StringComparison.Ordinal);
                if (paren > 0 && part.EndsWith(')'))
                {
                    names.Add(part[..paren].Trim());
                }
            }
        }

        if (tags.TryGetValue("name", out string? name) && !string.IsNullOrWhiteSpace(name))
        {
            foreach (string prefix in prefixes)
            {
                if (name.Length > prefix.Length + 1 && name.StartsWith(prefix + " ", StringComparison.OrdinalIgnoreCase))
                {
                    names.Add(name[(prefix.Length + 1)..].Trim());
                }
            }
        }

        return names;
    }

    private static string? DisplayName(TagsCollectionBase? tags)
    {
        if (tags is null)
        {
            return null;
        }

        foreach (string key in (string[])["name", "official_name"])
        {
            if (tags.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static string? Tag(TagsCollectionBase? tags, string key) =>
        tags is not null && tags.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private void ReadWaysAndRelations(OsmStreamSource source, CancellationToken cancellationToken)
    {
        int seen = 0;
        while (source.MoveNext(ignoreNodes: true, ignoreWays: !_readLand, ignoreRelations: false))
        {
            if ((++seen & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (source.Current() is not { } geo || geo.Id is not long id || geo.Tags is not { Count: > 0 } tags)
            {
                continue;
            }

            if (geo is Way way)
            {
                ReadWay(id, way, tags);
            }
            else if (geo is Relation relation)
            {
                ReadRelation(id, relation, tags);
            }
        }
    }

    private void ReadWay(long id, Way way, TagsCollectionBase tags)
    {
        long[] nodes = way.Nodes ?? [];
        bool closed = nodes.Length >= 4 && nodes[0] == nodes[^1];
        if (BuildingRules.BuildingValue(tags) is string building)
        {
            string? reason = BuildingRules.ExclusionReason(tags, building) ?? (closed ? null : "not a closed way");
            if (reason is not null)
            {
                ExcludedBuildings[reason] = ExcludedBuildings.GetValueOrDefault(reason) + 1;
                return;
            }

            Buildings.Add(PolygonSource.ForWay(id, nodes, tags, building));
            return;
        }

        if (!closed)
        {
            return;
        }

        if (BuildingRules.IsResidentialLanduse(tags))
        {
            ResidentialLand.Add(PolygonSource.ForWay(id, nodes, tags, null));
        }
        else if (BuildingRules.NonResidentialLand(tags) is not null)
        {
            NonResidentialLand.Add(PolygonSource.ForWay(id, nodes, tags, null));
        }
    }

    private void ReadRelation(long id, Relation relation, TagsCollectionBase tags)
    {
        string? type = Tag(tags, "type");
        if (type is "boundary" or "multipolygon" && Tag(tags, "boundary") == "administrative"
            && int.TryParse(Tag(tags, "admin_level"), NumberStyles.None, CultureInfo.InvariantCulture, out int level) && level == _adminLevel)
        {
            var b = new BoundaryRelation(id, level, DisplayName(tags), NameVariants(tags), Tag(tags, "population"));
            foreach (RelationMember member in relation.Members ?? [])
            {
                string role = member.Role ?? string.Empty;
                if (member.Type == OsmGeoType.Way && role is "" or "outer" or "inner")
                {
                    b.Ways.Add(new MemberWay(member.Id, role == "inner"));
                }
                else if (member.Type == OsmGeoType.Node && role is "label" or "admin_centre")
                {
                    (role == "label" ? b.LabelNodes : b.AdminCentreNodes).Add(member.Id);
                    _roleNodes.Add(member.Id);
                }
            }

            Boundaries.Add(b);
            return;
        }

        if (!_readLand || type != "multipolygon")
        {
            return;
        }

        var members = new List<MemberWay>();
        foreach (RelationMember member in relation.Members ?? [])
        {
            if (member.Type == OsmGeoType.Way && (member.Role ?? string.Empty) is "" or "outer" or "inner")
            {
                members.Add(new MemberWay(member.Id, member.Role == "inner"));
            }
        }

        if (BuildingRules.BuildingValue(tags) is string building)
        {
            string? reason = BuildingRules.ExclusionReason(tags, building);
            if (reason is not null)
            {
                ExcludedBuildings[reason] = ExcludedBuildings.GetValueOrDefault(reason) + 1;
                return;
            }

            Buildings.Add(PolygonSource.ForRelation(id, members, tags, building));
        }
        else if (BuildingRules.IsResidentialLanduse(tags))
        {
            ResidentialLand.Add(PolygonSource.ForRelation(id, members, tags, null));
        }
        else if (BuildingRules.NonResidentialLand(tags) is not null)
        {
            NonResidentialLand.Add(PolygonSource.ForRelation(id, members, tags, null));
        }
    }

    private void ReadNodes(OsmStreamSource source, CancellationToken cancellationToken)
    {
        var needed = new HashSet<long>(_roleNodes);
        foreach (long[] nodes in MemberWayNodes.Values)
        {
            needed.UnionWith(nodes);
        }

        foreach (List<PolygonSource> list in (List<PolygonSource>[])[Buildings, ResidentialLand, NonResidentialLand])
        {
            foreach (PolygonSource p in list)
            {
                if (p.WayNodes is long[] nodes)
                {
                    needed.UnionWith(nodes);
                }
            }
        }

        OsmPasses.ReadNodes(source, needed, Coordinates, (node, id, lat, lon) =>
        {
            string? place = Tag(node.Tags, "place");
            if ((place is not null && IsSettlement(place)) || _roleNodes.Contains(id))
            {
                Nodes[id] = new NodeInfo(id, lat, lon, place, DisplayName(node.Tags), NameVariants(node.Tags), Tag(node.Tags, "population"));
            }
        }, cancellationToken);
    }

    /// <summary>A way member of a relation.</summary>
    internal readonly record struct MemberWay(long WayId, bool Inner);

    /// <summary>A boundary relation as read (geometry not yet assembled).</summary>
    internal sealed class BoundaryRelation(long id, int adminLevel, string? name, HashSet<string> nameVariants, string? populationText)
    {
        public long Id { get; } = id;

        public int AdminLevel { get; } = adminLevel;

        public string? Name { get; } = name;

        public HashSet<string> NameVariants { get; } = nameVariants;

        public string? PopulationText { get; } = populationText;

        public List<MemberWay> Ways { get; } = [];

        public List<long> LabelNodes { get; } = [];

        public List<long> AdminCentreNodes { get; } = [];
    }

    /// <summary>A place node, or a label / admin_centre member node.</summary>
    internal sealed record NodeInfo(long Id, double Lat, double Lon, string? Place, string? Name, HashSet<string> NameVariants, string? PopulationText)
    {
        public string Origin => "node/" + Id.ToString(CultureInfo.InvariantCulture);

        public string Describe() => Name is null ? Origin : $"{Origin} \"{Name}\"";
    }

    /// <summary>A building or landuse polygon: a closed way, or a multipolygon relation's member ways.</summary>
    internal sealed class PolygonSource
    {
        private PolygonSource(string type, long id, long[]? wayNodes, List<MemberWay> members, TagsCollectionBase tags, string? building)
        {
            Type = type;
            Id = id;
            WayNodes = wayNodes;
            Members = members;
            Building = building;
            if (building is not null)
            {
                Levels = BuildingRules.Levels(tags, out bool valid);
                LevelsText = valid ? null : Tag(tags, "building:levels");
            }

            NonResidentialReason = BuildingRules.NonResidentialLand(tags);
        }

        public string Type { get; }

        public long Id { get; }

        public string Origin => Type + "/" + Id.ToString(CultureInfo.InvariantCulture);

        /// <summary>Closed node list of a way; null for a relation.</summary>
        public long[]? WayNodes { get; }

        public List<MemberWay> Members { get; }

        public string? Building { get; }

        public double? Levels { get; }

        /// <summary>The <c>building:levels</c> value when present but unreadable.</summary>
        public string? LevelsText { get; }

        public string? NonResidentialReason { get; }

        public static PolygonSource ForWay(long id, long[] nodes, TagsCollectionBase tags, string? building) =>
            new("way", id, nodes, [], tags, building);

        public static PolygonSource ForRelation(long id, List<MemberWay> members, TagsCollectionBase tags, string? building) =>
            new("relation", id, null, members, tags, building);
    }

    /// <summary>Adds one summary diagnostic for the buildings left out, if any.</summary>
    public void ReportExcludedBuildings(DiagnosticBag diagnostics, string path)
    {
        if (ExcludedBuildings.Count == 0)
        {
            return;
        }

        int total = 0;
        var parts = new List<string>();
        foreach (KeyValuePair<string, int> kv in ExcludedBuildings.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            total += kv.Value;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key}"));
        }

        diagnostics.Add(OsmPopulationDiagnosticCodes.BuildingsExcluded, DiagnosticSeverity.Info,
            string.Create(CultureInfo.InvariantCulture, $"{total} buildings not used to spread population (not residential by their tags): {string.Join(", ", parts)}"),
            Path.GetFileName(path));
    }
}
