using EmsCoverage.Population;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace EmsCoverage.Geo.Zones;

/// <summary>
/// Finds the zone a point lies in. Where zones overlap, the one that comes first in the list wins; a point on a
/// zone's border is in that zone. Build once, then query from any number of threads.
/// </summary>
public sealed class ZoneAssigner
{
    /// <summary>Returned by <see cref="ZoneOf"/> for a point outside every zone.</summary>
    public const int NoZone = -1;

    private readonly STRtree<int> _index = new();
    private readonly IndexedPointInAreaLocator[] _locators;

    /// <summary>Indexes <paramref name="zones"/> (e.g. from <see cref="ZoneLayer.Read"/>).</summary>
    /// <param name="zones">Zones in priority order, each with a non-empty polygonal area in WGS84.</param>
    /// <exception cref="ArgumentException">A zone has an empty or non-polygonal area.</exception>
    public ZoneAssigner(IReadOnlyList<Zone> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        Zones = zones;
        _locators = new IndexedPointInAreaLocator[zones.Count];
        for (int i = 0; i < zones.Count; i++)
        {
            var area = zones[i].Area;
            if (area is null || area.IsEmpty || area is not IPolygonal)
            {
                throw new ArgumentException($"Zone {i} ('{zones[i].Name}') has no polygonal area.", nameof(zones));
            }

            _locators[i] = new IndexedPointInAreaLocator(area);
            _ = _locators[i].Locate(area.Coordinate); // builds the locator's index now, not in a racing first query
            _index.Insert(area.EnvelopeInternal, i);
        }

        _index.Build();
    }

    /// <summary>The zones, in the order that settles overlaps.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Index into <see cref="Zones"/> of the first zone containing the point, or <see cref="NoZone"/>.</summary>
    /// <param name="lat">Latitude, WGS84 degrees.</param>
    /// <param name="lon">Longitude, WGS84 degrees.</param>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is not a finite number.</exception>
    public int ZoneOf(double lat, double lon)
    {
        if (!double.IsFinite(lat))
        {
            throw new ArgumentOutOfRangeException(nameof(lat), lat, "Latitude must be a finite number of degrees.");
        }

        if (!double.IsFinite(lon))
        {
            throw new ArgumentOutOfRangeException(nameof(lon), lon, "Longitude must be a finite number of degrees.");
        }

        var point = new Coordinate(lon, lat);
        int best = int.MaxValue;
        foreach (int candidate in _index.Query(new Envelope(point)))
        {
            if (candidate < best && _locators[candidate].Locate(point) != Location.Exterior)
            {
                best = candidate;
            }
        }

        return best == int.MaxValue ? NoZone : best;
    }

    /// <summary>The zone of every demand cell's representative point (<see cref="NoZone"/> where none).</summary>
    /// <param name="cells">The cells, e.g. <see cref="DemandLayer.Cells"/>.</param>
    /// <returns>One zone index per cell, in the same order.</returns>
    public int[] ZonesOf(IReadOnlyList<DemandCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        int[] result = new int[cells.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ZoneOf(cells[i].Lat, cells[i].Lon);
        }

        return result;
    }
}
