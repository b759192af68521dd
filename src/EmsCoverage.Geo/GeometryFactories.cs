using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo;

/// <summary>The one geometry factory EmsCoverage uses for output: WGS84 (SRID 4326), X = longitude, Y = latitude.</summary>
public static class GeometryFactories
{
    /// <summary>WGS84 longitude/latitude, double precision.</summary>
    public static GeometryFactory Wgs84 { get; } = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
}
