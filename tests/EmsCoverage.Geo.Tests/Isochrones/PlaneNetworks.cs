using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Isochrones;

/// <summary>
/// Hand-built networks laid out in metres east (x) and north (y) of a fixed origin, so that a test reads like a
/// drawing on squared paper; converted to WGS84 by the same spherical metres-per-degree as the library.
/// </summary>
internal sealed class PlaneNetwork
{
    public const double OriginLat = 47.0;
    public const double OriginLon = 9.5;
    private static readonly double MPerDegLat = double.DegreesToRadians(Geodesy.EarthRadiusM);
    private static readonly double MPerDegLon = MPerDegLat * Math.Cos(double.DegreesToRadians(OriginLat));

    private readonly RoadNetworkBuilder _builder = new();
    private readonly Dictionary<string, int> _names = [];
    private readonly Dictionary<string, (double X, double Y)> _at = [];
    private RoadNetwork? _network;

    public RoadNetwork Network => _network ??= _builder.Build();

    public static double Lat(double y) => OriginLat + (y / MPerDegLat);

    public static double Lon(double x) => OriginLon + (x / MPerDegLon);

    public static Coordinate At(double x, double y) => new(Lon(x), Lat(y));

    /// <summary>Metres east of the origin of WGS84 longitude <paramref name="lon"/>.</summary>
    public static double X(double lon) => (lon - OriginLon) * MPerDegLon;

    public PlaneNetwork Node(string name, double x, double y)
    {
        _names[name] = _builder.AddNode(Lat(y), Lon(x));
        _at[name] = (x, y);
        return this;
    }

    /// <summary>A straight two-way road (or one-way when <paramref name="oneWay"/>) at <paramref name="speedKmh"/>.</summary>
    public PlaneNetwork Road(string from, string to, double speedKmh, bool oneWay = false)
    {
        var (x0, y0) = _at[from];
        var (x1, y1) = _at[to];
        double lengthM = Math.Sqrt(((x1 - x0) * (x1 - x0)) + ((y1 - y0) * (y1 - y0)));
        int timeMs = (int)Math.Round(lengthM / (speedKmh / 3.6) * 1000);
        _builder.AddRoad(_names[from], _names[to], timeMs, oneWay ? -1 : timeMs, lengthM, 0);
        return this;
    }

    /// <summary>The network's id of node <paramref name="name"/>.</summary>
    public int this[string name]
    {
        get
        {
            _ = Network; // ids are known once built
            return _builder.BuiltNodeId(_names[name]);
        }
    }

    /// <summary>The arc from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int Arc(string from, string to)
    {
        int u = this[from], v = this[to];
        for (int a = Network.FirstArc(u); a < Network.FirstArc(u + 1); a++)
        {
            if (Network.ArcHead(a) == v)
            {
                return a;
            }
        }

        throw new InvalidOperationException($"no arc {from}->{to}");
    }

    /// <summary>Bases at the given road positions (arc, fraction), all with zero turnout.</summary>
    public SourceSet Bases(params (int Arc, double Fraction)[] at)
    {
        var snaps = at.Select(p =>
        {
            var (lat, lon) = Interpolate(p.Arc, p.Fraction);
            return new SnapPoint(p.Arc, p.Fraction, 0, lat, lon);
        }).ToArray();
        return new SourceSet(Network, snaps, new int[snaps.Length]);
    }

    private (double Lat, double Lon) Interpolate(int arc, double fraction)
    {
        var (aLat, aLon) = Network.ArcShapePoint(arc, 0);
        var (bLat, bLon) = Network.ArcShapePoint(arc, Network.ArcShapePointCount(arc) - 1);
        return (aLat + (fraction * (bLat - aLat)), aLon + (fraction * (bLon - aLon)));
    }
}
