using EmsCoverage.Geo.Isochrones;
using EmsCoverage.Geo.Studies;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Population;

namespace EmsCoverage.Packaging.Tests;

/// <summary><see cref="CoverageStudy"/>, the library's entry point, against the low-level path it wraps.</summary>
public sealed class CoverageStudyTests
{
    [Fact]
    public void Liechtenstein_study_through_the_entry_point_equals_the_low_level_computation_to_the_person()
    {
        string extract = LiechtensteinStudy.Extract;
        var network = OsmNetworkReader.ReadFile(extract).Network;
        var bases = OsmStationReader.Read(extract, new OsmStationOptions { TurnoutTime = TimeSpan.FromSeconds(60) }).Stations;
        var people = OsmPopulation.Read(extract);
        var zones = LiechtensteinStudy.Zones.Select(z =>
            new StudyZone(z.Name, OsmZoneBuilder.FromAreas(people.Areas, z.Municipalities).ToGeometry(), TimeSpan.FromMinutes(z.Minutes))).ToArray();

        var study = CoverageStudy.Prepare(network, bases, people.Layer, zones);
        var result = study.Run();

        var expected = LiechtensteinStudy.Reference;
        Assert.Equal(expected.Count, result.Coverage.ByZone.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, result.Coverage.ByZone[i].Name);
            Assert.Equal(expected[i].Population, result.Coverage.ByZone[i].Population, 6);
            Assert.Equal(expected[i].Covered, result.Coverage.ByZone[i].Covered, 6);
        }

        Assert.Equal(people.Layer.InputPopulation, result.Coverage.Overall.Population, 6);
        Assert.All(result.Gaps, g => Assert.True(g.Population > 0));
        Assert.True(result.Gaps.Sum(g => g.Population) <= result.Coverage.Overall.Population - result.Coverage.Overall.Covered + 1e-6);
    }

    [Fact]
    public void Isochrones_nest_and_count_no_more_people_than_live_there()
    {
        string extract = LiechtensteinStudy.Extract;
        var study = CoverageStudy.Prepare(OsmNetworkReader.ReadFile(extract).Network,
            OsmStationReader.Read(extract).Stations, OsmPopulation.Read(extract).Layer, []);

        var areas = study.Isochrones([TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10)], IsochroneMode.Union);

        var ten = Assert.Single(areas, a => a.Break == TimeSpan.FromMinutes(10));
        var thirty = Assert.Single(areas, a => a.Break == TimeSpan.FromMinutes(30));
        Assert.True(ten.Area.IsValid && thirty.Area.IsValid);
        Assert.True(thirty.Area.Buffer(1e-9).Covers(ten.Area));
        Assert.InRange(ten.Population!.Value, 1, thirty.Population!.Value);
        Assert.True(thirty.Population <= study.Demand.Layer.InputPopulation + 1e-6);
    }

    [Fact]
    public void A_zone_without_a_positive_standard_is_refused_with_its_name()
    {
        string extract = LiechtensteinStudy.Extract;
        var network = OsmNetworkReader.ReadFile(extract).Network;
        var people = OsmPopulation.Read(extract);
        var zone = new StudyZone("urban_core", OsmZoneBuilder.FromAreas(people.Areas, ["Vaduz"]).ToGeometry(), TimeSpan.Zero);

        var error = Assert.Throws<ArgumentException>(() =>
            CoverageStudy.Prepare(network, OsmStationReader.Read(extract).Stations, people.Layer, [zone]));
        Assert.Contains("urban_core", error.Message, StringComparison.Ordinal);
    }
}
