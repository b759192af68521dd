using EmsCoverage.Coverage;
using EmsCoverage.Geo.Studies;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Population;
using EmsCoverage.Osm.Tests;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Packaging.Tests;

/// <summary>
/// The reference figures for the Liechtenstein sample study, computed in-process by the low-level API (zones tested
/// with the OSM areas' own point-in-polygon, not the NTS geometries the sample hands to <see cref="CoverageStudy"/>).
/// </summary>
internal static class LiechtensteinStudy
{
    public static readonly (string Name, int Minutes, string[] Municipalities)[] Zones =
    [
        ("urban_core", 10, ["Vaduz", "Schaan", "Triesen", "Balzers"]),
        ("township", 30, ["Eschen", "Gamprin", "Mauren", "Planken", "Ruggell", "Schellenberg", "Triesenberg"]),
    ];

    private static readonly Lazy<IReadOnlyList<ZoneCoverage>> LazyReference = new(ComputeReference);

    public static string Extract => TestData.Shared("liechtenstein-2021.osm.pbf");

    /// <summary>Per zone (then the default zone): population and covered people.</summary>
    public static IReadOnlyList<ZoneCoverage> Reference => LazyReference.Value;

    private static IReadOnlyList<ZoneCoverage> ComputeReference()
    {
        var network = OsmNetworkReader.ReadFile(Extract).Network;
        var stations = OsmStationReader.Read(Extract, new OsmStationOptions { TurnoutTime = TimeSpan.FromSeconds(60) }).Stations
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var people = OsmPopulation.Read(Extract);
        var zones = Zones.Select(z => OsmZoneBuilder.FromAreas(people.Areas, z.Municipalities)).ToArray();
        var cellZone = people.Layer.Cells.Select(c => Array.FindIndex(zones, z => z.Contains(c.Lat, c.Lon)) is var i && i >= 0 ? i : zones.Length).ToArray();

        var snapper = new Snapper(network);
        var snaps = new List<SnapPoint>();
        var delays = new List<int>();
        foreach (var s in stations)
        {
            if (snapper.TrySnap(s.Lat, s.Lon, 1000, out var snap))
            {
                snaps.Add(snap);
                delays.Add((int)s.TurnoutTime.TotalMilliseconds);
            }
        }

        var sources = new SourceSet(network, [.. snaps], [.. delays]);
        var standards = Zones.Select(z => new ZoneStandard(z.Name, z.Minutes * 60_000)).ToArray();
        var coverage = PopulationCoverage.Compute(network, snapper, sources, people.Layer, cellZone, standards,
            new ZoneStandard("outside all zones", 30 * 60_000), new AccessLeg());
        return coverage.ByZone;
    }
}
