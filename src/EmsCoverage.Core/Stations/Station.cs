namespace EmsCoverage.Stations;

/// <summary>An ambulance base (or a candidate site) at a WGS84 location.</summary>
/// <param name="Id">Stable identifier, unique within a run (e.g. from the stations file, or <c>osm-way-876186284</c>).</param>
/// <param name="Name">Human-readable name for reports.</param>
/// <param name="Lat">Latitude in WGS84 degrees.</param>
/// <param name="Lon">Longitude in WGS84 degrees.</param>
/// <param name="TurnoutTime">Delay between the call and the ambulance leaving the base (zero or more).</param>
/// <param name="Origin">Where it was read from, e.g. <c>stations.csv:4</c> or <c>osm way/876186284</c>.</param>
public sealed record Station(string Id, string Name, double Lat, double Lon, TimeSpan TurnoutTime, string Origin);
