using EmsCoverage.Diagnostics;
using EmsCoverage.Stations;
using OsmSharp.Tags;

namespace EmsCoverage.Osm.Tests;

public class OsmStationReaderTests
{
    [Fact]
    public void Fixture_DefaultOptions()
    {
        OsmStationResult result = OsmStationReader.Read(TestData.Fixture("stations.osm"));

        Assert.Equal(["osm-node-1", "osm-node-8", "osm-node-9", "osm-relation-5"], result.Stations.Select(s => s.Id));
        Station nord = result.Stations[0];
        Assert.Equal("Rettungswache Nord", nord.Name);
        Assert.Equal("osm node/1", nord.Origin);
        Assert.Equal((47.0, 9.0), (nord.Lat, nord.Lon));
        Assert.Equal("Samariterverein", result.Stations[1].Name);   // no name: operator
        Station ost = result.Stations[3];
        Assert.Equal("Sanitaet Ost", ost.Name);
        Assert.Equal(47.011, ost.Lat, precision: 9);                 // centre of the member ring
        Assert.Equal(9.0215, ost.Lon, precision: 9);
        Assert.Equal(2, result.Diagnostics.Count(OsmDiagnosticCodes.StationAirRescueExcluded));
        Diagnostic duplicate = Assert.Single(result.Diagnostics.Items, d => d.Code == OsmDiagnosticCodes.StationDuplicate);
        Assert.Equal("osm way/2", duplicate.Subject);
        Assert.All(result.OsmStations, s => Assert.False(s.IsAirRescue));
    }

    [Fact]
    public void Fixture_AirRescueIncluded()
    {
        OsmStationResult result = OsmStationReader.Read(TestData.Fixture("stations.osm"), new OsmStationOptions { IncludeAirRescue = true });

        Assert.Equal(6, result.Stations.Count);
        Assert.Equal(["osm-node-3", "osm-node-4"], result.OsmStations.Where(s => s.IsAirRescue).Select(s => s.Station.Id));
        Assert.Equal(0, result.Diagnostics.Count(OsmDiagnosticCodes.StationAirRescueExcluded));
    }

    [Fact]
    public void Fixture_HospitalsOnRequest()
    {
        var options = new OsmStationOptions { IncludeHospitals = true, TurnoutTime = TimeSpan.FromMinutes(2) };

        OsmStationResult result = OsmStationReader.Read(TestData.Fixture("stations.osm"), options);

        OsmStation hospital = Assert.Single(result.OsmStations, s => s.Kind == OsmStationKind.Hospital);
        Assert.Equal("Spital", hospital.Station.Name);
        Assert.All(result.Stations, s => Assert.Equal(TimeSpan.FromMinutes(2), s.TurnoutTime));
    }

    [Fact]
    public void Liechtenstein_OneRoadBaseByDefault()
    {
        OsmStationResult result = OsmStationReader.Read(TestData.Shared("liechtenstein-2021.osm.pbf"));

        OsmStation road = Assert.Single(result.OsmStations);
        Assert.Equal("Rotes Kreuz Liechtenstein", road.Station.Name);
        Assert.Equal("osm-way-876186284", road.Station.Id);
        Assert.Equal("osm way/876186284", road.Station.Origin);
        Assert.Equal(OsmStationKind.AmbulanceStation, road.Kind);
        Assert.InRange(road.Station.Lat, 47.13, 47.14);               // Vaduz, Zollstrasse
        Assert.InRange(road.Station.Lon, 9.51, 9.52);
        Diagnostic excluded = Assert.Single(result.Diagnostics.Items, d => d.Code == OsmDiagnosticCodes.StationAirRescueExcluded);
        Assert.Equal("osm node/7469925548", excluded.Subject);
        Assert.StartsWith("air rescue base", excluded.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Info, excluded.Severity);
    }

    [Fact]
    public void Liechtenstein_TwoBasesWithAirRescue()
    {
        OsmStationResult result = OsmStationReader.Read(TestData.Shared("liechtenstein-2021.osm.pbf"), new OsmStationOptions { IncludeAirRescue = true });

        Assert.Equal(2, result.Stations.Count);
        OsmStation air = Assert.Single(result.OsmStations, s => s.IsAirRescue);
        Assert.Equal("AP3 Luftrettung - Basis Balzers", air.Station.Name);
        Assert.Equal(7469925548, air.OsmId);
    }

    [Theory]
    [InlineData("emergency=ambulance_station|name=AP3 Luftrettung - Basis Balzers", true)]
    [InlineData("emergency=ambulance_station|name=Rega-Basis Untervaz", true)]
    [InlineData("emergency=ambulance_station|operator=Schweizerische Rettungsflugwacht Rega", true)]
    [InlineData("emergency=ambulance_station|name=Heli Basis", true)]
    [InlineData("emergency=ambulance_station|name=Air Ambulance Station", true)]
    [InlineData("emergency=ambulance_station|name=Base Elisoccorso", true)]
    [InlineData("emergency=ambulance_station|aeroway=heliport", true)]
    [InlineData("emergency=air_rescue_service", true)]
    [InlineData("emergency=ambulance_station|air_rescue_service=yes", true)]
    [InlineData("emergency=ambulance_station|name=Rotes Kreuz Liechtenstein", false)]
    [InlineData("emergency=ambulance_station|name=Helios Rettungswache", false)]   // not "heli"
    [InlineData("emergency=ambulance_station|name=Rettungswache Regensdorf", false)] // not "rega"
    public void AirRescue_Recognised(string tags, bool isAirRescue)
    {
        var collection = new TagsCollection();
        foreach (KeyValuePair<string, string> tag in Tags.Parse(tags))
        {
            collection.AddOrReplace(tag.Key, tag.Value);
        }

        Assert.Equal(isAirRescue, OsmStationReader.AirRescueReason(collection) is not null);
    }

    [Fact]
    public void MissingFile_SaysNotFound()
    {
        using var temp = new TempFolder();
        string path = temp.File("none.osm");

        var ex = Assert.Throws<InputDataException>(() => OsmStationReader.Read(path));

        Assert.Equal($"{path}: file not found", ex.Message);
    }
}
