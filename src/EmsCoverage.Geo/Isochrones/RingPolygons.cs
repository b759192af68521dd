using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>Turns traced rings into WGS84 multipolygons, and measures and orients them.</summary>
internal static class RingPolygons
{
    /// <summary>Coordinates are rounded to 10⁻⁷ degrees (about 1 cm), the precision of OSM itself.</summary>
    private const double Scale = 1e7;

    /// <summary>
    /// Builds one multipolygon from rings that never cross: counter-clockwise rings are shells, clockwise rings are
    /// holes of the smallest shell around them.
    /// </summary>
    public static MultiPolygon Build(RoadGrid grid, IEnumerable<ContourRing> rings, GeometryFactory factory)
    {
        var shells = new List<(LinearRing Ring, double Area)>();
        var holes = new List<LinearRing>();
        foreach (var r in rings)
        {
            double area = SignedArea(r.X, r.Y);
            if (area == 0)
            {
                continue;
            }

            var coords = new Coordinate[r.X.Length + 1];
            for (int k = 0; k < r.X.Length; k++)
            {
                coords[k] = new Coordinate(Round(grid.Lon(r.X[k])), Round(grid.Lat(r.Y[k])));
            }

            coords[^1] = coords[0].Copy();
            var ring = factory.CreateLinearRing(coords);
            if (area > 0)
            {
                shells.Add((ring, area));
            }
            else
            {
                holes.Add(ring);
            }
        }

        var holesOf = new List<LinearRing>[shells.Count];
        for (int s = 0; s < shells.Count; s++)
        {
            holesOf[s] = [];
        }

        if (holes.Count > 0)
        {
            var index = new STRtree<int>();
            for (int s = 0; s < shells.Count; s++)
            {
                index.Insert(shells[s].Ring.EnvelopeInternal, s);
            }

            var locators = new IndexedPointInAreaLocator?[shells.Count];
            foreach (var hole in holes)
            {
                int owner = -1;
                foreach (int s in index.Query(hole.EnvelopeInternal))
                {
                    if (!shells[s].Ring.EnvelopeInternal.Contains(hole.EnvelopeInternal) || (owner >= 0 && shells[s].Area >= shells[owner].Area))
                    {
                        continue;
                    }

                    locators[s] ??= new IndexedPointInAreaLocator(factory.CreatePolygon(shells[s].Ring));
                    if (Inside(locators[s]!, hole))
                    {
                        owner = s;
                    }
                }

                if (owner >= 0)
                {
                    holesOf[owner].Add(hole);
                }
            }
        }

        var polygons = new Polygon[shells.Count];
        for (int s = 0; s < shells.Count; s++)
        {
            polygons[s] = factory.CreatePolygon(shells[s].Ring, [.. holesOf[s]]);
        }

        return factory.CreateMultiPolygon(polygons);
    }

    /// <summary>The polygons of <paramref name="geometry"/> as a multipolygon, with RFC 7946 ring orientation
    /// (shells counter-clockwise, holes clockwise); lines and points (e.g. from an overlay) are dropped.</summary>
    public static MultiPolygon Polygonal(Geometry geometry, GeometryFactory factory)
    {
        var result = new List<Polygon>();
        for (int g = 0; g < geometry.NumGeometries; g++)
        {
            var part = geometry.GetGeometryN(g);
            if (part is Polygon p && !p.IsEmpty)
            {
                var shell = Oriented((LinearRing)p.ExteriorRing, counterClockwise: true, factory);
                var holes = new LinearRing[p.NumInteriorRings];
                for (int h = 0; h < holes.Length; h++)
                {
                    holes[h] = Oriented((LinearRing)p.GetInteriorRingN(h), counterClockwise: false, factory);
                }

                result.Add(factory.CreatePolygon(shell, holes));
            }
            else if (part is GeometryCollection)
            {
                result.AddRange(Polygonal(part, factory).Geometries.Cast<Polygon>());
            }
        }

        return factory.CreateMultiPolygon([.. result]);
    }

    /// <summary>Area in km² of WGS84 polygons (longitude/latitude degrees), on the sphere of
    /// <see cref="Graph.Geodesy.EarthRadiusM"/>, measured in the equal-area sinusoidal projection.</summary>
    public static double AreaKm2(Geometry geometry)
    {
        double sum = 0;
        for (int g = 0; g < geometry.NumGeometries; g++)
        {
            if (geometry.GetGeometryN(g) is Polygon p && !p.IsEmpty)
            {
                sum += Math.Abs(RingAreaM2(p.ExteriorRing.Coordinates));
                for (int h = 0; h < p.NumInteriorRings; h++)
                {
                    sum -= Math.Abs(RingAreaM2(p.GetInteriorRingN(h).Coordinates));
                }
            }
        }

        return sum / 1e6;
    }

    private static double RingAreaM2(Coordinate[] ring)
    {
        double r = Graph.Geodesy.EarthRadiusM;
        double lon0 = ring[0].X;
        double sum = 0;
        for (int k = 0; k + 1 < ring.Length; k++)
        {
            double x1 = r * double.DegreesToRadians(ring[k].X - lon0) * Math.Cos(double.DegreesToRadians(ring[k].Y));
            double y1 = r * double.DegreesToRadians(ring[k].Y);
            double x2 = r * double.DegreesToRadians(ring[k + 1].X - lon0) * Math.Cos(double.DegreesToRadians(ring[k + 1].Y));
            double y2 = r * double.DegreesToRadians(ring[k + 1].Y);
            sum += (x1 * y2) - (x2 * y1);
        }

        return sum / 2;
    }

    private static LinearRing Oriented(LinearRing ring, bool counterClockwise, GeometryFactory factory) =>
        Orientation.IsCCW(ring.CoordinateSequence) == counterClockwise ? ring : (LinearRing)factory.CreateLinearRing(Enumerable.Reverse(ring.Coordinates).ToArray());

    // A hole's rings never cross its shell; a vertex on the shell (a single-point touch) is skipped.
    private static bool Inside(IndexedPointInAreaLocator shell, LinearRing hole)
    {
        var coords = hole.Coordinates;
        for (int k = 0; k + 1 < coords.Length; k++)
        {
            var where = shell.Locate(coords[k]);
            if (where != Location.Boundary)
            {
                return where == Location.Interior;
            }
        }

        return false;
    }

    private static double SignedArea(double[] x, double[] y)
    {
        double sum = 0;
        int n = x.Length;
        for (int k = 0; k < n; k++)
        {
            int k1 = k + 1 == n ? 0 : k + 1;
            sum += (x[k] * y[k1]) - (x[k1] * y[k]);
        }

        return sum / 2;
    }

    private static double Round(double degrees) => Math.Round(degrees * Scale) / Scale;
}
