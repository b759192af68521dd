using System.Globalization;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Osm.Population;

/// <summary>
/// Reads administrative areas (<c>boundary=administrative</c> relations of one <c>admin_level</c>) from an OSM extract:
/// rings assembled from the member ways, and one population per area.
/// </summary>
/// <remarks>
/// <para><b>Rings.</b> Member ways with role <c>outer</c> (or no role) and <c>inner</c> are joined end to end,
/// reversed where needed, into closed rings. An area whose member ways or nodes are missing from the file, or whose
/// chains do not close, is <see cref="OsmAdminArea.Complete"/> = false with an <c>admin-area-incomplete</c> warning:
/// it keeps the rings that did close but is never used to test points or place people. Closing a clipped boundary
/// with a straight line was rejected: the chord of a boundary cut by an extract's box can run far from the real
/// border and claim a neighbour's houses.</para>
/// <para><b>Population</b>, the first readable of: the relation's own <c>population</c> tag; its <c>label</c> member
/// node's; its <c>admin_centre</c> member node's when that node has the area's name (an admin centre is the
/// capital town, whose population is the area's only when they are the same place); a <c>place</c> node
/// (city, town, village, municipality; in that order of preference) inside the area with the area's name.
/// Names match ignoring case on name, official_name, short_name, alt_name, loc_name, name:xx, and the name without
/// its <c>name:prefix</c> or trailing "(…)". Values are read by <see cref="OsmPopulationValue.TryParse"/>; an
/// unreadable one is a <c>population-unparsed</c> warning and the next source is tried. Sources that disagree are a
/// <c>population-sources-differ</c> note. Only one population per area: other place nodes with a population
/// inside (villages and hamlets inside a municipality) are never added (<c>sub-place-not-counted</c>).</para>
/// </remarks>
public static class OsmAdminAreas
{
    private static readonly string[] PlaceRanks = ["city", "town", "village", "municipality"];

    /// <summary>Reads the areas of <paramref name="adminLevel"/> in the extract at <paramref name="path"/>.</summary>
    /// <param name="path">An .osm.pbf or .osm (XML) file.</param>
    /// <param name="adminLevel">The <c>admin_level</c> to read (1–12); 8 = municipalities in most of Europe.</param>
    /// <param name="diagnostics">Receives incomplete boundaries and population problems; null to discard them.</param>
    /// <param name="cancellationToken">Checked every few thousand elements.</param>
    /// <returns>All areas of that level, complete or not, ordered by name then relation id (empty when none).</returns>
    /// <exception cref="InputDataException">The file is missing, empty, not OSM, truncated or corrupt.</exception>
    public static IReadOnlyList<OsmAdminArea> Read(string path, int adminLevel = 8, DiagnosticBag? diagnostics = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(adminLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(adminLevel, 12);
        OsmInput input = OsmInput.Inspect(path);
        OsmAreaScan scan = OsmAreaScan.Read(input, adminLevel, readLand: false, cancellationToken);
        return Build(scan, diagnostics ?? new DiagnosticBag()).Areas;
    }

    /// <summary>Assembles the areas of a scan and finds their populations.</summary>
    internal static AreaSet Build(OsmAreaScan scan, DiagnosticBag diagnostics)
    {
        var areas = new List<OsmAdminArea>(scan.Boundaries.Count);
        var sourceNodes = new Dictionary<long, OsmAreaScan.NodeInfo?>();
        var candidateNodes = new HashSet<long>();
        foreach (OsmAreaScan.BoundaryRelation b in scan.Boundaries)
        {
            var (outer, inner, missingWays, missingNodes, openChains) = scan.AssembleRings(b.Ways);
            bool complete = missingWays == 0 && missingNodes == 0 && openChains == 0 && outer.Count > 0;
            string name = b.Name ?? "relation/" + b.Id.ToString(CultureInfo.InvariantCulture);
            var geometry = new OsmAdminArea(b.Id, name, b.AdminLevel, outer, inner, complete, null, null);
            if (!complete)
            {
                diagnostics.Add(OsmPopulationDiagnosticCodes.AreaIncomplete, DiagnosticSeverity.Warning,
                    $"{geometry} (admin_level {b.AdminLevel.ToString(CultureInfo.InvariantCulture)}) is incomplete in this extract " +
                    $"({DescribeMissing(b.Ways.Count, missingWays, missingNodes, openChains, outer.Count)}); not used to place population",
                    geometry.Origin);
            }

            (double? population, string? source, OsmAreaScan.NodeInfo? node) = FindPopulation(scan, b, geometry, diagnostics, candidateNodes);
            areas.Add(geometry with { Population = population, PopulationSource = source });
            sourceNodes[b.Id] = node;
        }

        areas.Sort(static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.RelationId.CompareTo(b.RelationId);
        });
        ReportUncountedPlaces(scan, areas, candidateNodes, diagnostics);
        return new AreaSet(areas, sourceNodes);
    }

    private static string DescribeMissing(int memberWays, int missingWays, int missingNodes, int openChains, int closedOuter)
    {
        var parts = new List<string>();
        if (missingWays > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{missingWays} of {memberWays} member ways missing from the file"));
        }

        if (missingNodes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{missingNodes} node references of member ways missing from the file"));
        }

        if (openChains > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{openChains} {(openChains == 1 ? "chain" : "chains")} of ways not closing into a ring"));
        }

        if (closedOuter == 0)
        {
            parts.Add("no closed outer ring");
        }

        return string.Join(", ", parts);
    }

    private static (double? Population, string? Source, OsmAreaScan.NodeInfo? Node) FindPopulation(OsmAreaScan scan,
        OsmAreaScan.BoundaryRelation b, OsmAdminArea area, DiagnosticBag diagnostics, HashSet<long> candidateNodes)
    {
        var found = new List<(double Value, string Source, OsmAreaScan.NodeInfo? Node)>();
        if (b.PopulationText is string text)
        {
            if (OsmPopulationValue.TryParse(text, out double value))
            {
                found.Add((value, "relation", null));
            }
            else
            {
                ReportUnparsed(diagnostics, area.ToString(), area.Origin, text);
            }
        }

        var usedNodes = new HashSet<long>();
        void TryNode(OsmAreaScan.NodeInfo node, string source)
        {
            if (node.PopulationText is null || !usedNodes.Add(node.Id))
            {
                return;
            }

            candidateNodes.Add(node.Id);
            if (OsmPopulationValue.TryParse(node.PopulationText, out double value))
            {
                found.Add((value, source, node));
            }
            else
            {
                ReportUnparsed(diagnostics, $"{node.Describe()} (for {area})", node.Origin, node.PopulationText);
            }
        }

        foreach (long id in b.LabelNodes)
        {
            if (scan.Nodes.TryGetValue(id, out OsmAreaScan.NodeInfo? node))
            {
                TryNode(node, "label " + node.Origin);
            }
        }

        foreach (long id in b.AdminCentreNodes)
        {
            if (scan.Nodes.TryGetValue(id, out OsmAreaScan.NodeInfo? node) && node.NameVariants.Overlaps(b.NameVariants))
            {
                TryNode(node, "admin_centre " + node.Origin);
            }
        }

        if (area.Complete)
        {
            var places = new List<OsmAreaScan.NodeInfo>();
            foreach (OsmAreaScan.NodeInfo node in scan.Nodes.Values)
            {
                if (node.Place is string place && Array.IndexOf(PlaceRanks, place) >= 0 && node.PopulationText is not null
                    && node.NameVariants.Overlaps(b.NameVariants) && area.Contains(node.Lat, node.Lon))
                {
                    places.Add(node);
                }
            }

            places.Sort(static (x, y) =>
            {
                int byRank = Array.IndexOf(PlaceRanks, x.Place).CompareTo(Array.IndexOf(PlaceRanks, y.Place));
                return byRank != 0 ? byRank : x.Id.CompareTo(y.Id);
            });
            foreach (OsmAreaScan.NodeInfo node in places)
            {
                TryNode(node, $"place={node.Place} {node.Origin}");
            }
        }

        if (found.Count == 0)
        {
            return (null, null, null);
        }

        (double chosen, string chosenSource, OsmAreaScan.NodeInfo? chosenNode) = found[0];
        var others = found.Where(f => f.Value != chosen).ToList();
        if (others.Count > 0)
        {
            string list = string.Join(", ", others.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Source}: {f.Value}")));
            diagnostics.Add(OsmPopulationDiagnosticCodes.PopulationSourcesDiffer, DiagnosticSeverity.Info,
                string.Create(CultureInfo.InvariantCulture, $"{area}: population {chosen} from {chosenSource} used; also found {list}"),
                area.Origin);
        }

        return (chosen, chosenSource, chosenNode);
    }

    private static void ReportUnparsed(DiagnosticBag diagnostics, string what, string subject, string text) =>
        diagnostics.Add(OsmPopulationDiagnosticCodes.PopulationUnparsed, DiagnosticSeverity.Warning,
            $"{what}: population \"{text}\" is not a number of people; ignored", subject);

    // Place nodes with a population that were not an area's population: inside an area that has one (a village
    // inside a municipality), or in no area with population at all. Neither is counted; both are said.
    private static void ReportUncountedPlaces(OsmAreaScan scan, List<OsmAdminArea> areas, HashSet<long> candidateNodes, DiagnosticBag diagnostics)
    {
        var withPopulation = areas.Where(a => a.Complete && a.Population is not null).ToList();
        foreach (OsmAreaScan.NodeInfo node in scan.Nodes.Values.OrderBy(n => n.Id))
        {
            if (node.Place is null || !OsmAreaScan.IsSettlement(node.Place) || candidateNodes.Contains(node.Id)
                || !OsmPopulationValue.TryParse(node.PopulationText, out double value))
            {
                continue;
            }

            string what = string.Create(CultureInfo.InvariantCulture, $"{node.Describe()} (place={node.Place}, population {value})");
            OsmAdminArea? inside = withPopulation.FirstOrDefault(a => a.Contains(node.Lat, node.Lon));
            if (inside is not null)
            {
                diagnostics.Add(OsmPopulationDiagnosticCodes.SubPlaceNotCounted, DiagnosticSeverity.Info,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{what} lies inside {inside}, which already has its population ({inside.Population}); not counted again"),
                    node.Origin);
            }
            else
            {
                diagnostics.Add(OsmPopulationDiagnosticCodes.PlaceOutsideAreas, DiagnosticSeverity.Info,
                    $"{what} lies in no complete area with population; not counted", node.Origin);
            }
        }
    }

    /// <summary>The areas of a scan and, per relation id, the node that gave its population (null for the relation's tag).</summary>
    internal sealed record AreaSet(List<OsmAdminArea> Areas, Dictionary<long, OsmAreaScan.NodeInfo?> SourceNodes);
}
