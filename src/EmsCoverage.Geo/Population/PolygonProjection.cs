using EmsCoverage.Graph;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// A local Lambert azimuthal equal-area projection on the sphere of radius <see cref="Geodesy.EarthRadiusM"/>, centred
/// on a given point: metres east (X) and north (Y) of the centre. Areas are exact (on the sphere); distances are
/// within 0.1 % up to 90 km from the centre.
/// </summary>
/// <remarks>
/// Implementation note: written out (Snyder, "Map Projections — A Working Manual", eqs. 24-2/24-13/24-16/24-17)
/// rather than built with ProjNET because one projection is made per polygon; a ProjNET transform per polygon costs
/// object graphs and WKT-free factory calls for nothing. The sphere, not the ellipsoid, is enough: areas are only
/// used as weights within one polygon, and spacing needs metres, not millimetres.
/// </remarks>
internal sealed class PolygonProjection
{
    private readonly double _lon0;
    private readonly double _sinLat0;
    private readonly double _cosLat0;

    /// <summary>Creates the projection centred at (<paramref name="lat0"/>, <paramref name="lon0"/>), degrees.</summary>
    public PolygonProjection(double lat0, double lon0)
    {
        _lon0 = double.DegreesToRadians(lon0);
        (_sinLat0, _cosLat0) = Math.SinCos(double.DegreesToRadians(lat0));
    }

    /// <summary>A projection centred on the middle of <paramref name="geometry"/>'s envelope (WGS84).</summary>
    public static PolygonProjection CentredOn(Geometry geometry)
    {
        var centre = geometry.EnvelopeInternal.Centre;
        return new PolygonProjection(centre.Y, centre.X);
    }

    /// <summary>Projects a WGS84 point (degrees) to metres.</summary>
    public (double X, double Y) Forward(double lat, double lon)
    {
        var (sinLat, cosLat) = Math.SinCos(double.DegreesToRadians(lat));
        var (sinDLon, cosDLon) = Math.SinCos(double.DegreesToRadians(lon) - _lon0);
        double denominator = 1 + (_sinLat0 * sinLat) + (_cosLat0 * cosLat * cosDLon);
        double k = Math.Sqrt(2 / Math.Max(denominator, 1e-15));
        double x = Geodesy.EarthRadiusM * k * cosLat * sinDLon;
        double y = Geodesy.EarthRadiusM * k * ((_cosLat0 * sinLat) - (_sinLat0 * cosLat * cosDLon));
        return (x, y);
    }

    /// <summary>Turns metres back into WGS84 degrees.</summary>
    public (double Lat, double Lon) Inverse(double x, double y)
    {
        double rho = Math.Sqrt((x * x) + (y * y));
        if (rho < 1e-9)
        {
            return (double.RadiansToDegrees(Math.Asin(_sinLat0)), double.RadiansToDegrees(_lon0));
        }

        double c = 2 * Math.Asin(Math.Min(1, rho / (2 * Geodesy.EarthRadiusM)));
        var (sinC, cosC) = Math.SinCos(c);
        double lat = Math.Asin(Math.Clamp((cosC * _sinLat0) + (y * sinC * _cosLat0 / rho), -1, 1));
        double lon = _lon0 + Math.Atan2(x * sinC, (rho * _cosLat0 * cosC) - (y * _sinLat0 * sinC));
        double lonDegrees = double.RadiansToDegrees(lon);
        if (lonDegrees > 180)
        {
            lonDegrees -= 360;
        }
        else if (lonDegrees < -180)
        {
            lonDegrees += 360;
        }

        return (double.RadiansToDegrees(lat), lonDegrees);
    }

    /// <summary>A projected copy of a WGS84 geometry (X, Y in metres).</summary>
    public Geometry Project(Geometry wgs84)
    {
        var copy = wgs84.Copy();
        copy.Apply(new ProjectFilter(this, forward: true));
        return copy;
    }

    /// <summary>A WGS84 copy of a projected geometry.</summary>
    public Geometry Unproject(Geometry projected)
    {
        var copy = projected.Copy();
        copy.Apply(new ProjectFilter(this, forward: false));
        return copy;
    }

    /// <summary>Area of a WGS84 polygonal geometry in square metres.</summary>
    public static double AreaM2(Geometry wgs84) => wgs84.IsEmpty ? 0 : CentredOn(wgs84).Project(wgs84).Area;

    private sealed class ProjectFilter(PolygonProjection projection, bool forward) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (a, b) = forward ? projection.Forward(seq.GetY(i), seq.GetX(i)) : Swap(projection.Inverse(seq.GetX(i), seq.GetY(i)));
            seq.SetX(i, a);
            seq.SetY(i, b);
        }

        private static (double Lon, double Lat) Swap((double Lat, double Lon) p) => (p.Lon, p.Lat);
    }
}
