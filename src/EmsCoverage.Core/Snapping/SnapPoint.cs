namespace EmsCoverage.Snapping;

/// <summary>
/// A location on the road network: a position along an arc, with the off-road distance from the point that
/// was snapped.
/// </summary>
/// <param name="Arc">The arc the location lies on. On a two-way road the location lies on its twin too, at
/// <c>1 - Fraction</c>.</param>
/// <param name="Fraction">Position along the arc's shape from its tail, 0 (at the tail node) to 1 (at the head
/// node), in proportion to length.</param>
/// <param name="DistanceM">Straight-line distance in metres from the original point to the road.</param>
/// <param name="Lat">Latitude of the location on the road, WGS84 degrees.</param>
/// <param name="Lon">Longitude of the location on the road, WGS84 degrees.</param>
public readonly record struct SnapPoint(int Arc, double Fraction, double DistanceM, double Lat, double Lon)
{
    /// <summary>
    /// Time in ms from the arc's tail to a position <paramref name="fraction"/> along an arc of
    /// <paramref name="arcTimeMs"/>. Every partial-arc time in EmsCoverage goes through this one rounding, so a
    /// road split at any set of positions adds up exactly to the whole arc's time.
    /// </summary>
    public static int TimeFromTailMs(int arcTimeMs, double fraction) =>
        (int)Math.Round(arcTimeMs * fraction, MidpointRounding.AwayFromZero);
}
