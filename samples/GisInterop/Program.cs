// Geometries from another GIS source in, polygons out: two bases and a planning zone arrive as NetTopologySuite
// features (here parsed from WKT, as a desktop GIS or PostGIS would hand them over), the people as points with a
// count; the 15-minute nearest-base areas come back as NTS polygons, clipped to the zone and written as GeoJSON.
using System.Text.Json;
using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Geo.Studies;
using EmsCoverage.Osm;
using EmsCoverage.Population;
using EmsCoverage.Stations;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using static System.FormattableString;

string extract = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "liechtenstein-2021.osm.pbf");
var wkt = new WKTReader(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4326));

// Bases as point features with attributes (id, name, turnout in seconds).
Feature[] baseFeatures =
[
    new(wkt.Read("POINT (9.5209 47.1410)"), new AttributesTable { { "id", "vaduz" }, { "name", "Vaduz" }, { "turnout_s", 60 } }),
    new(wkt.Read("POINT (9.5470 47.2240)"), new AttributesTable { { "id", "eschen" }, { "name", "Eschen" }, { "turnout_s", 90 } }),
];
var bases = baseFeatures.Select(f => new Station((string)f.Attributes["id"], (string)f.Attributes["name"],
    f.Geometry.Coordinate.Y, f.Geometry.Coordinate.X, TimeSpan.FromSeconds((int)f.Attributes["turnout_s"]), "GIS layer")).ToList();

// A planning zone drawn by hand, and people counted on a 500 m lattice of points inside the country's box.
var zone = wkt.Read("POLYGON ((9.47 47.04, 9.62 47.04, 9.62 47.27, 9.47 47.27, 9.47 47.04))");
var cells = new List<DemandCell>();
for (double lat = 47.05; lat < 47.27; lat += 0.0045)
{
    for (double lon = 9.48; lon < 9.62; lon += 0.0066)
    {
        cells.Add(new DemandCell(Invariant($"p{cells.Count}"), lat, lon, Population: 25));
    }
}

var population = new DemandLayer("lattice", cells, [], cells.Sum(c => c.Population));
var network = OsmNetworkReader.ReadFile(extract).Network;
var study = CoverageStudy.Prepare(network, bases, population, [new StudyZone("study_area", zone, TimeSpan.FromMinutes(15))]);
var figures = study.Run().Coverage.Overall;
Console.WriteLine(Invariant($"{figures.Covered:0} of {figures.Population:0} people within 15 min"));

// Polygons back: each base's nearest-base area, clipped to the zone, as GeoJSON features.
var collection = new FeatureCollection();
foreach (var area in study.Isochrones([TimeSpan.FromMinutes(15)], IsochroneMode.Partition))
{
    var clipped = area.Area.Intersection(zone);
    string id = study.Bases[area.Base!.Value].Id;
    Console.WriteLine(Invariant($"base {id}: first to arrive on {area.AreaKm2:0.0} km², {area.Population:0} people"));
    collection.Add(new Feature(clipped, new AttributesTable { { "base", id }, { "break_min", 15 }, { "people", area.Population } }));
}

var json = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
File.WriteAllText("gis-interop.geojson", JsonSerializer.Serialize(collection, json));
Console.WriteLine("wrote gis-interop.geojson");
