namespace EmsCoverage.Graph;

/// <summary>Distances on the WGS84 sphere approximation used throughout EmsCoverage.</summary>
public static class Geodesy
{
    /// <summary>Mean Earth radius in metres (IUGG), used by every distance in the library.</summary>
    public const double EarthRadiusM = 6_371_008.8;

    /// <summary>Great-circle distance in metres between two WGS84 points given in degrees.</summary>
    public static double HaversineM(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = double.DegreesToRadians(lat2 - lat1);
        double dLon = double.DegreesToRadians(lon2 - lon1);
        double s = Math.Sin(dLat / 2);
        double t = Math.Sin(dLon / 2);
        double a = (s * s) + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * t * t);
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
