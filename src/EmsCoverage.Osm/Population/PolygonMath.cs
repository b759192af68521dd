using EmsCoverage.Graph;

namespace EmsCoverage.Osm.Population;

/// <summary>
/// The few planar routines the population reader needs, on rings in WGS84 degrees (no NTS in this project).
/// </summary>
/// <remarks>
/// Areas are computed in metres in a local equirectangular projection around the ring (x = lon·cos(lat_mean),
/// y = lat, both times metres per degree): within a building or a municipality the scale error is far below the
/// accuracy of the data. Point-in-polygon runs directly on degrees: the local projection is an affine map of
/// (lon, lat), and an affine map does not change which side of an edge a point lies on.
/// </remarks>
internal static class PolygonMath
{
    /// <summary>Metres per degree of latitude on the sphere of <see cref="Geodesy.EarthRadiusM"/>.</summary>
    public const double MetresPerDegree = Geodesy.EarthRadiusM * Math.PI / 180;

    /// <summary>Even-odd point-in-ring test; the ring is open (first point not repeated).</summary>
    public static bool RingContains(double[] ringLat, double[] ringLon, double lat, double lon)
    {
        bool inside = false;
        int n = ringLat.Length;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double latI = ringLat[i], latJ = ringLat[j];
            if ((latI > lat) != (latJ > lat))
            {
                double crossLon = ringLon[j] + ((lat - latJ) * (ringLon[i] - ringLon[j]) / (latI - latJ));
                if (lon < crossLon)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>
    /// Even-odd test over all rings of a polygon: inside an outer ring and not inside a hole (for outers that do not
    /// overlap each other and holes inside their outer, which is what valid OSM multipolygons are).
    /// </summary>
    public static bool Contains(IReadOnlyList<OsmRing> outer, IReadOnlyList<OsmRing> inner, in GeoBounds bounds, double lat, double lon)
    {
        if (!bounds.Contains(lat, lon))
        {
            return false;
        }

        bool inside = false;
        foreach (OsmRing ring in outer)
        {
            if (RingContains(ring.Lat, ring.Lon, lat, lon))
            {
                inside = !inside;
            }
        }

        foreach (OsmRing ring in inner)
        {
            if (RingContains(ring.Lat, ring.Lon, lat, lon))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Signed area (counter-clockwise positive) in square metres, local projection around the ring.</summary>
    public static double SignedAreaM2(double[] ringLat, double[] ringLon)
    {
        Centroid(ringLat, ringLon, out double signedAreaM2, out _, out _);
        return signedAreaM2;
    }

    /// <summary>
    /// Area centroid of a ring and its signed area in square metres. A ring with no area (all points on a line)
    /// gets the mean of its points as centroid and zero area.
    /// </summary>
    public static void Centroid(double[] ringLat, double[] ringLon, out double signedAreaM2, out double centroidLat, out double centroidLon)
    {
        int n = ringLat.Length;
        double meanLat = 0;
        for (int i = 0; i < n; i++)
        {
            meanLat += ringLat[i];
        }

        meanLat /= n;
        double k = Math.Cos(double.DegreesToRadians(meanLat));
        double lat0 = ringLat[0], lon0 = ringLon[0];
        double area2 = 0, cx = 0, cy = 0;
        for (int i = 0; i < n; i++)
        {
            int j = i + 1 == n ? 0 : i + 1;
            double x1 = (ringLon[i] - lon0) * k, y1 = ringLat[i] - lat0;
            double x2 = (ringLon[j] - lon0) * k, y2 = ringLat[j] - lat0;
            double cross = (x1 * y2) - (x2 * y1);
            area2 += cross;
            cx += (x1 + x2) * cross;
            cy += (y1 + y2) * cross;
        }

        signedAreaM2 = area2 / 2 * MetresPerDegree * MetresPerDegree;
        if (Math.Abs(area2) < 1e-18 || k <= 0)
        {
            double sumLon = 0;
            for (int i = 0; i < n; i++)
            {
                sumLon += ringLon[i];
            }

            centroidLat = meanLat;
            centroidLon = sumLon / n;
            signedAreaM2 = 0;
            return;
        }

        centroidLat = lat0 + (cy / (3 * area2));
        centroidLon = lon0 + (cx / (3 * area2 * k));
    }

    /// <summary>
    /// Area (outer rings minus holes, square metres) and area centroid of a polygon; the centroid of the outer rings
    /// alone when the holes eat everything.
    /// </summary>
    public static (double AreaM2, double Lat, double Lon) AreaAndCentroid(IReadOnlyList<OsmRing> outer, IReadOnlyList<OsmRing> inner)
    {
        double area = 0, sumLat = 0, sumLon = 0;
        double outerArea = 0, outerLat = 0, outerLon = 0;
        foreach (OsmRing ring in outer)
        {
            Centroid(ring.Lat, ring.Lon, out double a, out double la, out double lo);
            a = Math.Abs(a);
            area += a;
            sumLat += a * la;
            sumLon += a * lo;
            outerArea += a;
            outerLat += a * la;
            outerLon += a * lo;
        }

        foreach (OsmRing ring in inner)
        {
            Centroid(ring.Lat, ring.Lon, out double a, out double la, out double lo);
            a = Math.Abs(a);
            area -= a;
            sumLat -= a * la;
            sumLon -= a * lo;
        }

        if (area > 1e-9)
        {
            return (area, sumLat / area, sumLon / area);
        }

        if (outerArea > 0)
        {
            return (Math.Max(0, area), outerLat / outerArea, outerLon / outerArea);
        }

        OsmRing first = outer[0];
        Centroid(first.Lat, first.Lon, out _, out double fLat, out double fLon);
        return (0, fLat, fLon);
    }

    /// <summary>
    /// A point inside the polygon: <paramref name="preferredLat"/>/<paramref name="preferredLon"/> when inside, else
    /// the area centroid when inside, else the middle of the widest inside stretch of the horizontal line through
    /// the middle of the largest outer ring.
    /// </summary>
    public static (double Lat, double Lon) PointInside(IReadOnlyList<OsmRing> outer, IReadOnlyList<OsmRing> inner, in GeoBounds bounds,
        double? preferredLat, double? preferredLon)
    {
        if (preferredLat is double pLat && preferredLon is double pLon && Contains(outer, inner, bounds, pLat, pLon))
        {
            return (pLat, pLon);
        }

        (_, double cLat, double cLon) = AreaAndCentroid(outer, inner);
        if (Contains(outer, inner, bounds, cLat, cLon))
        {
            return (cLat, cLon);
        }

        OsmRing largest = outer[0];
        foreach (OsmRing ring in outer)
        {
            if (ring.AreaM2 > largest.AreaM2)
            {
                largest = ring;
            }
        }

        GeoBounds lb = GeoBounds.Of([largest]);
        // Nudge off the exact middle so the line does not run through a vertex at a round coordinate.
        double lineLat = lb.MinLat + ((lb.MaxLat - lb.MinLat) * 0.5000123);
        var crossings = new List<double>();
        foreach (IReadOnlyList<OsmRing> group in (IReadOnlyList<OsmRing>[])[outer, inner])
        {
            foreach (OsmRing ring in group)
            {
                int n = ring.Count;
                for (int i = 0, j = n - 1; i < n; j = i++)
                {
                    if ((ring.Lat[i] > lineLat) != (ring.Lat[j] > lineLat))
                    {
                        crossings.Add(ring.Lon[j] + ((lineLat - ring.Lat[j]) * (ring.Lon[i] - ring.Lon[j]) / (ring.Lat[i] - ring.Lat[j])));
                    }
                }
            }
        }

        crossings.Sort();
        double bestWidth = -1, bestLon = cLon;
        for (int i = 0; i + 1 < crossings.Count; i += 2)
        {
            double width = crossings[i + 1] - crossings[i];
            if (width > bestWidth)
            {
                bestWidth = width;
                bestLon = (crossings[i] + crossings[i + 1]) / 2;
            }
        }

        return bestWidth >= 0 ? (lineLat, bestLon) : (cLat, cLon);
    }
}

/// <summary>Latitude/longitude bounding box in degrees; empty when <see cref="MinLat"/> &gt; <see cref="MaxLat"/>.</summary>
internal readonly record struct GeoBounds(double MinLat, double MinLon, double MaxLat, double MaxLon)
{
    public static GeoBounds Empty => new(double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);

    public bool IsEmpty => MinLat > MaxLat;

    public static GeoBounds Of(IReadOnlyList<OsmRing> rings)
    {
        double minLat = double.PositiveInfinity, minLon = double.PositiveInfinity;
        double maxLat = double.NegativeInfinity, maxLon = double.NegativeInfinity;
        foreach (OsmRing ring in rings)
        {
            for (int i = 0; i < ring.Count; i++)
            {
                minLat = Math.Min(minLat, ring.Lat[i]);
                maxLat = Math.Max(maxLat, ring.Lat[i]);
                minLon = Math.Min(minLon, ring.Lon[i]);
                maxLon = Math.Max(maxLon, ring.Lon[i]);
            }
        }

        return new GeoBounds(minLat, minLon, maxLat, maxLon);
    }

    public bool Contains(double lat, double lon) => lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon;

    public bool Intersects(in GeoBounds other) =>
        !IsEmpty && !other.IsEmpty && other.MinLat <= MaxLat && other.MaxLat >= MinLat && other.MinLon <= MaxLon && other.MaxLon >= MinLon;

    public GeoBounds Union(in GeoBounds other) =>
        new(Math.Min(MinLat, other.MinLat), Math.Min(MinLon, other.MinLon), Math.Max(MaxLat, other.MaxLat), Math.Max(MaxLon, other.MaxLon));
}
