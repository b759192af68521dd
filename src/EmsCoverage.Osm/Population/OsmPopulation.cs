using System.Diagnostics;
using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Population;

namespace EmsCoverage.Osm.Population;

/// <summary>
/// Builds a population layer from OSM alone: the populations of administrative areas (municipalities by default),
/// each spread over the residential buildings inside it and aggregated into grid squares.
/// </summary>
/// <remarks>
/// <para><b>Areas.</b> As <see cref="OsmAdminAreas"/>: complete boundaries of <see cref="OsmPopulationOptions.AdminLevel"/>
/// with one population each. Areas with a population but an incomplete boundary are not placed: their people are
/// reported (<c>population-not-placed</c>) and summed in <see cref="OsmPopulationResult.PopulationNotPlaced"/>, never
/// guessed into cells. Complete areas without a population carry no one (<c>admin-area-no-population</c>).</para>
/// <para><b>Where the people go</b>, per area, the first that exists:</para>
/// <list type="number">
/// <item>Residential buildings whose area centroid lies inside the area (closed ways and multipolygon relations; see
/// the building rules below), weight = footprint m² × <c>building:levels</c> (1 when absent or unreadable; footprint
/// alone when <see cref="OsmPopulationOptions.UseBuildingLevels"/> is off).</item>
/// <item><c>landuse=residential</c> polygons inside the area, by area: each grid square whose centre lies in such a
/// polygon and in the area weighs one square; a polygon too small to hold a square centre counts at its centroid
/// with its own area (<c>population-on-landuse</c>).</item>
/// <item>One point (<c>population-at-point</c>): the node that gave the population when inside the area, else the
/// area centroid when inside, else a point inside on the middle latitude.</item>
/// </list>
/// <para><b>Cells.</b> The weights are summed per grid square of <see cref="OsmPopulationOptions.GridSizeM"/> (see
/// <see cref="OsmPopulationOptions.GridReferenceLatitude"/>), separately per area: one <see cref="DemandCell"/> per
/// non-empty square and area, id <c>{area name}/{i},{j}</c> (the area name followed by <c>#relation-id</c> when two
/// areas share a name), point = weight-weighted centroid of what fell in the square (moved to the nearest building
/// or sample when that centroid falls outside the area, so every cell lies in its own area), population = area
/// population × square weight / area weight, footprint = the square. The cells of an area add up to its population
/// and the layer's cells to <see cref="DemandLayer.InputPopulation"/>.</para>
/// <para><b>Building rules.</b> Counted: <c>building</c> = yes, residential, house, detached, semidetached_house,
/// terrace, apartments, farm, bungalow, dormitory, cabin, houseboat, static_caravan. Everything else is left out
/// (commercial, industrial, retail, office, warehouse, church, school, hospital, public, garage(s), shed, hut, roof,
/// barn, stable, greenhouse, hotel, …, and unknown values). <c>building=yes</c> is also left out when its tags show a
/// non-residential use (amenity such as school, hospital, place_of_worship, townhall, parking; sports leisure;
/// hotel, museum; any industrial, man_made, power, railway, aeroway, military or public_transport tag) or, with
/// <see cref="OsmPopulationOptions.ExcludeBuildingsOnNonResidentialLand"/>, when it stands on industrial, commercial,
/// retail, railway, military, garages, depot, port, quarry or landfill land, school, college, university or
/// hospital grounds, or an aerodrome. Shops and offices do not exclude a building (flats above shops). Buildings
/// below <see cref="OsmPopulationOptions.MinBuildingAreaM2"/>, with missing nodes, or drawn as nodes are left out.
/// One <c>buildings-excluded</c> note counts them by reason.</para>
/// </remarks>
public static class OsmPopulation
{
    /// <summary>Reads the extract at <paramref name="path"/> and spreads its areas' populations.</summary>
    /// <param name="path">An .osm.pbf or .osm (XML) file.</param>
    /// <param name="options">Admin level, grid and building rules; <see cref="OsmPopulationOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked every few thousand elements and per area.</param>
    /// <exception cref="InputDataException">The file is missing, empty, not OSM, truncated or corrupt.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static OsmPopulationResult Read(string path, OsmPopulationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= OsmPopulationOptions.Default;
        options.Validate();
        OsmInput input = OsmInput.Inspect(path);
        var diagnostics = new DiagnosticBag();
        OsmAreaScan scan = OsmAreaScan.Read(input, options.AdminLevel, readLand: true, cancellationToken);
        OsmAdminAreas.AreaSet set = OsmAdminAreas.Build(scan, diagnostics);
        List<OsmAdminArea> areas = set.Areas;

        var placeable = new List<OsmAdminArea>();
        double notPlaced = 0;
        GeoBounds extent = GeoBounds.Empty;
        foreach (OsmAdminArea area in areas)
        {
            if (area.Population is not double population)
            {
                if (area.Complete)
                {
                    diagnostics.Add(OsmPopulationDiagnosticCodes.AreaNoPopulation, DiagnosticSeverity.Warning,
                        $"{area} has no population (no readable population tag on the relation, its label or admin_centre node, " +
                        "or a place node of the same name inside); its buildings carry no one", area.Origin);
                }
            }
            else if (!area.Complete)
            {
                notPlaced += population;
                diagnostics.Add(OsmPopulationDiagnosticCodes.PopulationNotPlaced, DiagnosticSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{area}: population {population} ({area.PopulationSource}) not placed: the boundary is incomplete in this extract"),
                    area.Origin);
            }
            else if (population > 0)
            {
                placeable.Add(area);
                extent = extent.Union(area.Bounds);
            }
        }

        double referenceLat = options.GridReferenceLatitude
            ?? (extent.IsEmpty ? 0 : Math.Round((extent.MinLat + extent.MaxLat) / 2, 1, MidpointRounding.AwayFromZero));
        var grid = new DemandGrid(referenceLat, options.GridSizeM);

        Dictionary<OsmAdminArea, List<Item>> buildingsByArea = AssignBuildings(scan, placeable, options, diagnostics, cancellationToken);
        scan.ReportExcludedBuildings(diagnostics, path);
        List<LandPolygon> residentialLand = placeable.Count > 0 ? LandPolygons(scan, scan.ResidentialLand) : [];

        var keys = AreaKeys(placeable);
        var cells = new List<DemandCell>();
        var footprints = new List<CellFootprint>();
        var footprintIndex = new Dictionary<(int I, int J), int>();
        var placements = new List<OsmAreaPlacement>(areas.Count);
        double placed = 0, withoutBuildings = 0;
        foreach (OsmAdminArea area in areas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!keys.TryGetValue(area, out string? key))
            {
                OsmPlacementMethod none = area.Population is > 0 && !area.Complete ? OsmPlacementMethod.NotPlaced : OsmPlacementMethod.NoPopulation;
                placements.Add(new OsmAreaPlacement(area, none, 0, 0, 0, cells.Count, 0));
                continue;
            }

            double population = area.Population!.Value;
            OsmPlacementMethod method;
            List<Item> items;
            int buildingCount = 0;
            if (buildingsByArea.TryGetValue(area, out List<Item>? buildings) && buildings.Count > 0)
            {
                method = OsmPlacementMethod.Buildings;
                items = buildings;
                buildingCount = buildings.Count;
            }
            else if (LandSamples(area, residentialLand, grid, options.GridSizeM) is { Count: > 0 } samples)
            {
                method = OsmPlacementMethod.ResidentialLanduse;
                items = samples;
                diagnostics.Add(OsmPopulationDiagnosticCodes.PlacedOnLanduse, DiagnosticSeverity.Info,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{area}: no residential building; population {population} spread over residential landuse"),
                    area.Origin);
            }
            else
            {
                method = OsmPlacementMethod.Point;
                OsmAreaScan.NodeInfo? node = set.SourceNodes.GetValueOrDefault(area.RelationId);
                (double lat, double lon) = PolygonMath.PointInside(area.Outer, area.Inner, area.Bounds, node?.Lat, node?.Lon);
                items = [new Item(lat, lon, 1)];
                diagnostics.Add(OsmPopulationDiagnosticCodes.PlacedAtPoint, DiagnosticSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{area}: neither residential buildings nor residential landuse; population {population} placed at one point ({lat:0.######}, {lon:0.######})"),
                    area.Origin);
            }

            int firstCell = cells.Count;
            double weight = AddCells(area, key, population, items, grid, cells, footprints, footprintIndex);
            placed += population;
            if (method != OsmPlacementMethod.Buildings)
            {
                withoutBuildings += population;
            }

            placements.Add(new OsmAreaPlacement(area, method, population, buildingCount, method == OsmPlacementMethod.Point ? 0 : weight,
                firstCell, cells.Count - firstCell));
        }

        var layer = new DemandLayer(Path.GetFileName(path), cells, footprints, placed);
        Debug.Assert(Math.Abs(layer.CellPopulation - placed) <= 1e-6 * Math.Max(1, placed), "cells must add up to the placed population");
        return new OsmPopulationResult(layer, areas, placements, diagnostics, notPlaced, withoutBuildings, options.GridSizeM, referenceLat);
    }

    // Cell id prefix per placed area: its name, or name#relation when two placed areas share a name.
    private static Dictionary<OsmAdminArea, string> AreaKeys(List<OsmAdminArea> placeable)
    {
        var byName = placeable.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = new Dictionary<OsmAdminArea, string>(ReferenceEqualityComparer.Instance);
        foreach (OsmAdminArea area in placeable)
        {
            keys[area] = byName[area.Name] == 1 ? area.Name : area.Name + "#" + area.RelationId.ToString(CultureInfo.InvariantCulture);
        }

        return keys;
    }

    private static Dictionary<OsmAdminArea, List<Item>> AssignBuildings(OsmAreaScan scan, List<OsmAdminArea> placeable, OsmPopulationOptions options,
        DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var byArea = new Dictionary<OsmAdminArea, List<Item>>(ReferenceEqualityComparer.Instance);
        if (placeable.Count == 0)
        {
            return byArea;
        }

        List<LandPolygon> nonResidential = options.ExcludeBuildingsOnNonResidentialLand ? LandPolygons(scan, scan.NonResidentialLand) : [];
        string minArea = string.Create(CultureInfo.InvariantCulture, $"smaller than {options.MinBuildingAreaM2} m²");
        int seen = 0;
        foreach (OsmAreaScan.PolygonSource building in scan.Buildings)
        {
            if ((++seen & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (scan.Polygon(building) is not (List<OsmRing> outer, List<OsmRing> inner))
            {
                Exclude(scan, "nodes missing from the file");
                continue;
            }

            (double areaM2, double lat, double lon) = PolygonMath.AreaAndCentroid(outer, inner);
            if (areaM2 < options.MinBuildingAreaM2 || areaM2 <= 0)
            {
                Exclude(scan, minArea);
                continue;
            }

            if (building.Building == "yes" && nonResidential.FirstOrDefault(p => p.Contains(lat, lon)) is { } land)
            {
                Exclude(scan, "building=yes on " + land.Reason);
                continue;
            }

            OsmAdminArea? area = null;
            foreach (OsmAdminArea a in placeable)
            {
                if (a.Contains(lat, lon))
                {
                    area = a;
                    break;
                }
            }

            if (area is null)
            {
                continue;
            }

            if (building.LevelsText is not null)
            {
                diagnostics.Add(OsmPopulationDiagnosticCodes.BuildingLevelsUnparsed, DiagnosticSeverity.Info,
                    $"{building.Origin}: building:levels \"{building.LevelsText}\" is not a number of storeys (1-200); 1 used", building.Origin);
            }

            double levels = options.UseBuildingLevels ? building.Levels ?? 1 : 1;
            if (!byArea.TryGetValue(area, out List<Item>? items))
            {
                items = [];
                byArea[area] = items;
            }

            items.Add(new Item(lat, lon, areaM2 * levels));
        }

        return byArea;
    }

    private static void Exclude(OsmAreaScan scan, string reason) =>
        scan.ExcludedBuildings[reason] = scan.ExcludedBuildings.GetValueOrDefault(reason) + 1;

    private static List<LandPolygon> LandPolygons(OsmAreaScan scan, List<OsmAreaScan.PolygonSource> sources)
    {
        var list = new List<LandPolygon>(sources.Count);
        foreach (OsmAreaScan.PolygonSource source in sources)
        {
            if (scan.Polygon(source) is (List<OsmRing> outer, List<OsmRing> inner))
            {
                list.Add(new LandPolygon(outer, inner, GeoBounds.Of(outer), source.NonResidentialReason ?? "landuse=residential"));
            }
        }

        return list;
    }

    // Residential land of one area as weighted points: square centres inside both the land and the area (one square
    // of weight each, counted once however many polygons overlap there); a polygon that holds no square centre
    // counts at its centroid with its own area.
    private static List<Item> LandSamples(OsmAdminArea area, List<LandPolygon> land, DemandGrid grid, double sizeM)
    {
        var samples = new List<Item>();
        var taken = new HashSet<(int, int)>();
        double squareM2 = sizeM * sizeM;
        foreach (LandPolygon polygon in land)
        {
            if (!polygon.Bounds.Intersects(area.Bounds))
            {
                continue;
            }

            (int i0, int j0) = grid.Square(polygon.Bounds.MinLat, polygon.Bounds.MinLon);
            (int i1, int j1) = grid.Square(polygon.Bounds.MaxLat, polygon.Bounds.MaxLon);
            int inside = 0;
            for (int j = j0; j <= j1; j++)
            {
                for (int i = i0; i <= i1; i++)
                {
                    (double lat, double lon) = grid.Centre(i, j);
                    if (polygon.Contains(lat, lon) && area.Contains(lat, lon))
                    {
                        inside++;
                        if (taken.Add((i, j)))
                        {
                            samples.Add(new Item(lat, lon, squareM2));
                        }
                    }
                }
            }

            if (inside == 0)
            {
                (double areaM2, double cLat, double cLon) = PolygonMath.AreaAndCentroid(polygon.Outer, polygon.Inner);
                if (areaM2 > 0 && area.Contains(cLat, cLon))
                {
                    samples.Add(new Item(cLat, cLon, areaM2));
                }
            }
        }

        return samples;
    }

    // Aggregates one area's weighted points into grid squares and appends its cells; returns the area's total weight.
    private static double AddCells(OsmAdminArea area, string key, double population, List<Item> items, DemandGrid grid,
        List<DemandCell> cells, List<CellFootprint> footprints, Dictionary<(int I, int J), int> footprintIndex)
    {
        var squares = new SortedDictionary<(int J, int I), List<Item>>();
        double total = 0;
        foreach (Item item in items)
        {
            (int i, int j) = grid.Square(item.Lat, item.Lon);
            if (!squares.TryGetValue((j, i), out List<Item>? list))
            {
                list = [];
                squares[(j, i)] = list;
            }

            list.Add(item);
            total += item.Weight;
        }

        foreach (KeyValuePair<(int J, int I), List<Item>> square in squares)
        {
            double weight = 0, lat = 0, lon = 0;
            foreach (Item item in square.Value)
            {
                weight += item.Weight;
                lat += item.Weight * item.Lat;
                lon += item.Weight * item.Lon;
            }

            lat /= weight;
            lon /= weight;
            if (!area.Contains(lat, lon))
            {
                (lat, lon) = Nearest(square.Value, lat, lon);
            }

            (int j, int i) = square.Key;
            if (!footprintIndex.TryGetValue((i, j), out int footprint))
            {
                footprint = footprints.Count;
                footprints.Add(grid.Footprint(i, j));
                footprintIndex[(i, j)] = footprint;
            }

            string id = string.Create(CultureInfo.InvariantCulture, $"{key}/{i},{j}");
            cells.Add(new DemandCell(id, lat, lon, population * weight / total, footprint));
        }

        return total;
    }

    private static (double Lat, double Lon) Nearest(List<Item> items, double lat, double lon)
    {
        double k = Math.Cos(double.DegreesToRadians(lat));
        Item best = items[0];
        double bestD = double.PositiveInfinity;
        foreach (Item item in items)
        {
            double dy = item.Lat - lat, dx = (item.Lon - lon) * k;
            double d = (dx * dx) + (dy * dy);
            if (d < bestD)
            {
                bestD = d;
                best = item;
            }
        }

        return (best.Lat, best.Lon);
    }

    /// <summary>A weighted point: a building centroid (weight = floor area m²) or a land sample (weight = area m²).</summary>
    private readonly record struct Item(double Lat, double Lon, double Weight);

    private sealed record LandPolygon(List<OsmRing> Outer, List<OsmRing> Inner, GeoBounds Bounds, string Reason)
    {
        public bool Contains(double lat, double lon) => PolygonMath.Contains(Outer, Inner, Bounds, lat, lon);
    }
}
