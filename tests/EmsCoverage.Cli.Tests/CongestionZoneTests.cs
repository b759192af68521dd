using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Tests;
using EmsCoverage.Travel;

namespace EmsCoverage.Cli.Tests;

/// <summary>Congestion-zone polygons placed on a network and applied in a band; hospital files.</summary>
public class CongestionZoneTests
{
    private static string Fixture(string name) => Path.Combine(TestData.RepositoryRoot, "data", "fixtures", "travel", name);

    // Three residential arcs along 47°N with midpoints at 9.51° (centre), 9.53° (ring) and 9.55° (outside).
    private static RoadNetwork Line()
    {
        var b = new RoadNetworkBuilder();
        var n = new[] { 9.50, 9.52, 9.54, 9.56 }.Select(lon => b.AddNode(47.0, lon)).ToArray();
        for (int i = 0; i < 3; i++)
        {
            b.AddRoad(n[i], n[i + 1], 100_000, -1, 1500, i + 1, default, RoadClass.Residential);
        }

        return b.Build();
    }

    [Fact]
    public void Zones_MultiplyInTheirBandsOnly()
    {
        var net = Line();
        var zones = TravelModelInputs.LoadZones(Fixture("congestion.geojson"), net, AmbulanceProfile.Default, TextWriter.Null);
        Assert.Equal(["centre", "ring"], zones.Zones.Select(z => z.Name));
        int ArcWithWay(long way) => Enumerable.Range(0, net.ArcCount).Single(a => net.ArcWayId(a) == way);

        var peak = TravelTimeModel.ArcTravelTimesMs(net, AmbulanceProfile.Default.GetTimeBand("morning_peak"), null, zones);
        var night = TravelTimeModel.ArcTravelTimesMs(net, AmbulanceProfile.Default.GetTimeBand("night"), null, zones);

        // Residential in morning_peak: 0.85; in the centre × 0.5 more. 100 s / 0.425 = 235.294 s; / 0.85 = 117.647 s.
        Assert.Equal(235_294, peak[ArcWithWay(1)]);
        Assert.Equal(117_647, peak[ArcWithWay(2)]);
        Assert.Equal(117_647, peak[ArcWithWay(3)]);
        Assert.All(night, t => Assert.Equal(100_000, t));
    }

    [Fact]
    public void Zones_BadMultiplier_NamesFileAndFeature()
    {
        var ex = Assert.Throws<InputDataException>(() =>
            TravelModelInputs.LoadZones(Fixture("congestion-bad.geojson"), Line(), AmbulanceProfile.Default, TextWriter.Null));
        Assert.Contains("congestion-bad.geojson", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1 ('centre'): 'morning_peak'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HospitalCsv_ReadsCapabilities_AndRejectsBadOnes()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("h.csv"), "id,name,lon,lat,capabilities\na,\"Spital, Nord\",9.5,47.1,Chest_Pain; stroke\nb,Süd,9.6,47.0,\n");
        var hospitals = HospitalInputs.Load(dir.File("h.csv"), TextWriter.Null);
        Assert.Equal(["chest_pain", "stroke"], hospitals[0].Capabilities);
        Assert.Equal("Spital, Nord", hospitals[0].Name);
        Assert.Empty(hospitals[1].Capabilities);

        File.WriteAllText(dir.File("bad.csv"), "id,name,lon,lat,capabilities\na,A,9.5,47.1,chest pain\n");
        var ex = Assert.Throws<InputDataException>(() => HospitalInputs.Load(dir.File("bad.csv"), TextWriter.Null));
        Assert.Contains("bad.csv: line 2: capability 'chest pain' must be snake_case", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HospitalsFromOsm_OnlyEmergencyYes_CapabilitiesFromSpeciality()
    {
        using var stderr = new StringWriter();
        var hospitals = HospitalInputs.Load(Fixture("hospitals.osm"), stderr);

        Assert.Equal(2, hospitals.Count);
        var heart = hospitals.Single(h => h.Name == "Heart and Brain Hospital");
        Assert.Equal(["chest_pain", "emergency", "stroke"], heart.Capabilities);
        var district = hospitals.Single(h => h.Name == "District Hospital");
        Assert.Equal(["emergency"], district.Capabilities);
        Assert.Contains("2 with emergency=yes (of 3 amenity=hospital); 1 tag healthcare:speciality", stderr.ToString(), StringComparison.Ordinal);
    }
}
