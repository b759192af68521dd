using EmsCoverage.Coverage;
using EmsCoverage.Population;
using EmsCoverage.Search;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Union;

namespace EmsCoverage.Geo.Gaps;

/// <summary>A contiguous area whose people are not covered within their standard.</summary>
/// <param name="Rank">1 for the gap with the most people.</param>
/// <param name="Area">The area, WGS84 (NTS: X = lon, Y = lat).</param>
/// <param name="Population">People living in it.</param>
/// <param name="Zone">Zone of most of its people.</param>
/// <param name="Cells">Indices (into the demand layer) of the uncovered cells that make it up, ascending.</param>
/// <param name="BestTimeMs">Fastest first arrival at any of its cells, or <see cref="SearchWorkspace.Unreached"/>.</param>
/// <param name="WorstTimeMs">Slowest first arrival among its reachable cells, or <see cref="SearchWorkspace.Unreached"/>.</param>
/// <param name="UnreachablePopulation">Of its people, those no ambulance reaches by road (no road nearby, or a road
/// no base reaches).</param>
/// <param name="AreaKm2">Area in km² on the sphere (equal-area measure, as for isochrones).</param>
public sealed record GapArea(int Rank, Geometry Area, double Population, string Zone, IReadOnlyList<int> Cells, int BestTimeMs,
    int WorstTimeMs, double UnreachablePopulation, double AreaKm2)
{
    /// <summary>Number of demand cells in the gap.</summary>
    public int CellCount => Cells.Count;
}

/// <summary>
/// Groups uncovered demand cells into contiguous gap areas: the cells' footprints (or, for bare points, a disc of
/// <see cref="GapAreaOptions.PointRadiusM"/>) are dissolved, and each connected polygon is one gap, ranked by population.
/// </summary>
public static class GapAreas
{
    /// <summary>Builds the gap areas of a coverage result.</summary>
    public static IReadOnlyList<GapArea> Build(DemandLayer layer, PopulationCoverage coverage, GapAreaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(coverage);
        options ??= new GapAreaOptions();
        var factory = GeometryFactories.Wgs84;
        var uncovered = new List<int>();
        var shapes = new List<Geometry>();
        for (int i = 0; i < layer.Cells.Count; i++)
        {
            if (coverage.Cells[i].Status == CellStatus.Covered || layer.Cells[i].Population <= 0)
            {
                continue;
            }

            uncovered.Add(i);
            shapes.Add(CellShape(layer, layer.Cells[i], options.PointRadiusM, factory));
        }

        if (uncovered.Count == 0)
        {
            return [];
        }

        Geometry dissolved = CascadedPolygonUnion.Union(shapes);
        var parts = new List<Polygon>();
        for (int g = 0; g < dissolved.NumGeometries; g++)
        {
            if (dissolved.GetGeometryN(g) is Polygon p && !p.IsEmpty)
            {
                parts.Add(p);
            }
        }

        var index = new STRtree<int>();
        for (int k = 0; k < parts.Count; k++)
        {
            index.Insert(parts[k].EnvelopeInternal, k);
        }

        var members = new List<int>[parts.Count];
        for (int k = 0; k < parts.Count; k++)
        {
            members[k] = [];
        }

        // Each uncovered cell belongs to the part that contains (or, at a shared edge, touches) its own shape's
        // interior point; every cell shape lies inside the union, so one part always does.
        for (int u = 0; u < uncovered.Count; u++)
        {
            var probe = shapes[u].InteriorPoint;
            int owner = -1;
            foreach (int k in index.Query(probe.EnvelopeInternal))
            {
                if (parts[k].Intersects(probe))
                {
                    owner = k;
                    break;
                }
            }

            if (owner < 0)
            {
                owner = NearestPart(parts, probe);
            }

            members[owner].Add(uncovered[u]);
        }

        var gaps = new List<GapArea>();
        for (int k = 0; k < parts.Count; k++)
        {
            if (members[k].Count == 0)
            {
                continue;
            }

            double people = 0, unreachable = 0;
            int best = SearchWorkspace.Unreached, worst = -1;
            var zonePeople = new Dictionary<int, double>();
            foreach (int i in members[k])
            {
                double p = layer.Cells[i].Population;
                var r = coverage.Cells[i];
                people += p;
                zonePeople[r.Zone] = zonePeople.GetValueOrDefault(r.Zone) + p;
                if (r.Status is CellStatus.NoRoadNearby or CellStatus.NotReachableByRoad)
                {
                    unreachable += p;
                }
                else
                {
                    best = Math.Min(best, r.Times.BestMs);
                    worst = Math.Max(worst, r.Times.BestMs);
                }
            }

            int zone = zonePeople.OrderByDescending(z => z.Value).ThenBy(z => z.Key).First().Key;
            gaps.Add(new GapArea(0, parts[k], people, coverage.Zones[zone].Name, members[k].Order().ToArray(), best,
                worst < 0 ? SearchWorkspace.Unreached : worst, unreachable, Isochrones.RingPolygons.AreaKm2(parts[k])));
        }

        return gaps
            .OrderByDescending(g => g.Population)
            .ThenBy(g => g.Area.Centroid.X)
            .ThenBy(g => g.Area.Centroid.Y)
            .Select((g, i) => g with { Rank = i + 1 })
            .ToArray();
    }

    /// <summary>The polygon a demand cell stands for: its footprint, or a disc around a bare point.</summary>
    public static Geometry CellShape(DemandLayer layer, DemandCell cell, double pointRadiusM, GeometryFactory factory)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(factory);
        if (cell.Footprint >= 0)
        {
            var f = layer.Footprints[cell.Footprint];
            var coords = new Coordinate[f.Lat.Length + 1];
            for (int j = 0; j < f.Lat.Length; j++)
            {
                coords[j] = new Coordinate(f.Lon[j], f.Lat[j]);
            }

            coords[^1] = coords[0];
            Geometry polygon = factory.CreatePolygon(coords);
            return polygon.IsValid ? polygon : polygon.Buffer(0);
        }

        const int Segments = 24;
        double dLat = pointRadiusM / 111_195.0;
        double dLon = dLat / Math.Max(0.05, Math.Cos(double.DegreesToRadians(cell.Lat)));
        var ring = new Coordinate[Segments + 1];
        for (int j = 0; j < Segments; j++)
        {
            double a = 2 * Math.PI * j / Segments;
            ring[j] = new Coordinate(cell.Lon + (dLon * Math.Cos(a)), cell.Lat + (dLat * Math.Sin(a)));
        }

        ring[^1] = ring[0];
        return factory.CreatePolygon(ring);
    }

    private static int NearestPart(List<Polygon> parts, Point probe)
    {
        int best = 0;
        double bestD = double.MaxValue;
        for (int k = 0; k < parts.Count; k++)
        {
            double d = parts[k].Distance(probe);
            if (d < bestD)
            {
                bestD = d;
                best = k;
            }
        }

        return best;
    }
}

/// <summary>How gap areas are drawn.</summary>
/// <param name="PointRadiusM">Radius of the disc drawn around demand cells that are bare points (no footprint);
/// discs of neighbouring uncovered points within twice this distance merge into one gap.</param>
public sealed record GapAreaOptions(double PointRadiusM = 150);
