namespace EmsCoverage.Osm.Population;

/// <summary>
/// A closed polygon ring in WGS84 degrees, first point not repeated at the end (as
/// <see cref="EmsCoverage.Population.CellFootprint"/>). At least three points; orientation as found in OSM.
/// </summary>
/// <param name="Lat">Latitudes of the ring's points.</param>
/// <param name="Lon">Longitudes of the ring's points, same length as <paramref name="Lat"/>.</param>
public sealed record OsmRing(double[] Lat, double[] Lon)
{
    /// <summary>Number of points (the closing point is not repeated).</summary>
    public int Count => Lat.Length;

    /// <summary>
    /// True when the point lies inside the ring (even-odd rule; a point exactly on an edge may fall either way).
    /// </summary>
    /// <param name="lat">Latitude, WGS84 degrees.</param>
    /// <param name="lon">Longitude, WGS84 degrees.</param>
    public bool Contains(double lat, double lon) => PolygonMath.RingContains(Lat, Lon, lat, lon);

    /// <summary>Enclosed area in square metres (always positive), in a local projection around the ring.</summary>
    public double AreaM2 => Math.Abs(PolygonMath.SignedAreaM2(Lat, Lon));
}
