using System.Globalization;
using EmsCoverage.Graph;

namespace EmsCoverage.Geo;

/// <summary>
/// A latitude/longitude rectangle in WGS84 degrees, such as the extent of a road network. Rectangles that cross the
/// antimeridian (±180°) are not supported.
/// </summary>
public readonly record struct LatLonBounds
{
    // Metres per degree of latitude on the mean Earth sphere (radius 6 371 008.8 m).
    private const double MetresPerDegree = 111_195.08;

    /// <summary>Creates the rectangle; minima must not exceed maxima.</summary>
    /// <param name="minLat">Southern edge, degrees in [-90, 90].</param>
    /// <param name="minLon">Western edge, degrees in [-180, 180].</param>
    /// <param name="maxLat">Northern edge, degrees in [-90, 90].</param>
    /// <param name="maxLon">Eastern edge, degrees in [-180, 180].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range or not finite.</exception>
    /// <exception cref="ArgumentException">A minimum exceeds its maximum.</exception>
    public LatLonBounds(double minLat, double minLon, double maxLat, double maxLon)
    {
        CheckRange(minLat, 90, nameof(minLat));
        CheckRange(maxLat, 90, nameof(maxLat));
        CheckRange(minLon, 180, nameof(minLon));
        CheckRange(maxLon, 180, nameof(maxLon));
        if (minLat > maxLat || minLon > maxLon)
        {
            throw new ArgumentException("Minimum latitude/longitude must not exceed the maximum.", nameof(minLat));
        }

        MinLat = minLat;
        MinLon = minLon;
        MaxLat = maxLat;
        MaxLon = maxLon;
    }

    /// <summary>Southern edge in degrees.</summary>
    public double MinLat { get; }

    /// <summary>Western edge in degrees.</summary>
    public double MinLon { get; }

    /// <summary>Northern edge in degrees.</summary>
    public double MaxLat { get; }

    /// <summary>Eastern edge in degrees.</summary>
    public double MaxLon { get; }

    /// <summary>True when the point lies inside the rectangle or on its edge.</summary>
    public bool Contains(double lat, double lon) => lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon;

    /// <summary>
    /// The rectangle around all nodes of <paramref name="network"/>, widened by <paramref name="marginM"/> metres on
    /// every side (clamped to the valid coordinate ranges), e.g. to accept stations a little beyond the last road.
    /// </summary>
    /// <param name="network">A network with at least one node.</param>
    /// <param name="marginM">Margin in metres, zero or more.</param>
    /// <exception cref="ArgumentException">The network has no nodes.</exception>
    public static LatLonBounds FromNetwork(RoadNetwork network, double marginM = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(marginM >= 0) || double.IsInfinity(marginM))
        {
            throw new ArgumentOutOfRangeException(nameof(marginM), marginM, "Margin must be finite and not negative.");
        }

        if (network.NodeCount == 0)
        {
            throw new ArgumentException("The network has no nodes, so it has no extent.", nameof(network));
        }

        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        for (int node = 0; node < network.NodeCount; node++)
        {
            double lat = network.NodeLat(node), lon = network.NodeLon(node);
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
        }

        double dLat = marginM / MetresPerDegree;
        double cos = Math.Max(0.01, Math.Cos(Math.Max(Math.Abs(minLat), Math.Abs(maxLat)) * Math.PI / 180));
        double dLon = dLat / cos;
        return new LatLonBounds(
            Math.Max(-90, minLat - dLat), Math.Max(-180, minLon - dLon), Math.Min(90, maxLat + dLat), Math.Min(180, maxLon + dLon));
    }

    /// <summary>The rectangle as text for messages, e.g. <c>lon 9.47 to 9.64, lat 47.04 to 47.27</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"lon {Math.Round(MinLon, 6)} to {Math.Round(MaxLon, 6)}, lat {Math.Round(MinLat, 6)} to {Math.Round(MaxLat, 6)}");

    private static void CheckRange(double value, double limit, string name)
    {
        if (!(value >= -limit && value <= limit))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be a finite number of degrees within ±{limit}.");
        }
    }
}
