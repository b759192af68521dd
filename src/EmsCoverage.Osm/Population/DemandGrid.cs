using EmsCoverage.Population;

namespace EmsCoverage.Osm.Population;

/// <summary>
/// Square grid for aggregating people: squares of <c>sizeM</c> in an equirectangular projection that is true to
/// scale at the reference latitude (x = lon·cos(lat_ref), y = lat, in metres from (0°, 0°)). Square (i, j) covers
/// x in [i·size, (i+1)·size) and y in [j·size, (j+1)·size), so the same place always falls in the same square for
/// the same size and reference latitude.
/// </summary>
internal sealed class DemandGrid
{
    private readonly double _sizeM;
    private readonly double _metresPerDegreeLon;

    public DemandGrid(double referenceLatitude, double sizeM)
    {
        _sizeM = sizeM;
        _metresPerDegreeLon = PolygonMath.MetresPerDegree * Math.Cos(double.DegreesToRadians(referenceLatitude));
    }

    public (int I, int J) Square(double lat, double lon) =>
        ((int)Math.Floor(lon * _metresPerDegreeLon / _sizeM), (int)Math.Floor(lat * PolygonMath.MetresPerDegree / _sizeM));

    /// <summary>Latitude of the southern edge of row <paramref name="j"/>.</summary>
    public double Lat(int j) => j * _sizeM / PolygonMath.MetresPerDegree;

    /// <summary>Longitude of the western edge of column <paramref name="i"/>.</summary>
    public double Lon(int i) => i * _sizeM / _metresPerDegreeLon;

    public (double Lat, double Lon) Centre(int i, int j) => ((Lat(j) + Lat(j + 1)) / 2, (Lon(i) + Lon(i + 1)) / 2);

    /// <summary>The square as a counter-clockwise ring: south-west, south-east, north-east, north-west.</summary>
    public CellFootprint Footprint(int i, int j)
    {
        double south = Lat(j), north = Lat(j + 1), west = Lon(i), east = Lon(i + 1);
        return new CellFootprint([south, south, north, north], [west, east, east, west]);
    }
}
