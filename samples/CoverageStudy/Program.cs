// Who is reached within 10 minutes in Liechtenstein's urban core and 30 minutes in its townships, where the gaps are,
// and the 10/30-minute areas: OSM roads, ambulance bases and population, all through the library.
using EmsCoverage.Geo.Studies;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Population;
using static System.FormattableString;

string extract = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "liechtenstein-2021.osm.pbf");
var network = OsmNetworkReader.ReadFile(extract).Network;
var bases = OsmStationReader.Read(extract, new OsmStationOptions { TurnoutTime = TimeSpan.FromSeconds(60) }).Stations;
var people = OsmPopulation.Read(extract);   // each municipality's population spread over its homes

StudyZone Zone(string name, int minutes, params string[] municipalities) =>
    new(name, OsmZoneBuilder.FromAreas(people.Areas, municipalities).ToGeometry(), TimeSpan.FromMinutes(minutes));

var study = CoverageStudy.Prepare(network, bases, people.Layer,
[
    Zone("urban_core", 10, "Vaduz", "Schaan", "Triesen", "Balzers"),
    Zone("township", 30, "Eschen", "Gamprin", "Mauren", "Planken", "Ruggell", "Schellenberg", "Triesenberg"),
]);
var result = study.Run();

foreach (var zone in result.Coverage.ByZone)
{
    Console.WriteLine(Invariant($"zone {zone.Name}: {zone.Covered:0} of {zone.Population:0} people covered within {zone.ThresholdMs / 60_000.0:0.#} min"));
}

foreach (var gap in result.Gaps.Take(3))
{
    Console.WriteLine(Invariant($"gap {gap.Rank}: {gap.Population:0} people in zone {gap.Zone}, {gap.AreaKm2:0.00} km²"));
}

foreach (var area in study.Isochrones([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)]))
{
    Console.WriteLine(Invariant($"isochrone {area.Break.TotalMinutes:0} min: {area.AreaKm2:0.0} km², {area.Population:0} people"));
}
