using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Zones;

/// <summary>An area with its own response standard (e.g. "urban core", "townships"), as read from a zones file.</summary>
/// <param name="Name">The zone's name, unique within its layer (features with the same name are merged).</param>
/// <param name="Area">The zone's polygon or multipolygon in WGS84 (X = longitude, Y = latitude), valid.</param>
public sealed record Zone(string Name, Geometry Area);
