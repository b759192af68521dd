using EmsCoverage.Osm.Population;

namespace EmsCoverage.Osm.Tests.Population;

public class OsmZoneBuilderTests
{
    private static readonly Lazy<IReadOnlyList<OsmAdminArea>> Fallbacks = new(() => OsmAdminAreas.Read(TestData.Fixture("population-fallbacks.osm")));

    [Fact]
    public void FromAreas_NamesIgnoringCase_InTheOrderGiven()
    {
        OsmZone zone = OsmZoneBuilder.FromAreas(Fallbacks.Value, ["wiesental", "Bergli", "WIESENTAL"]);

        Assert.Equal(["Wiesental", "Bergli"], zone.AreaNames);
        Assert.Equal(2, zone.Outer.Count);
        Assert.Empty(zone.Inner);
        Assert.True(zone.Contains(46.005, 8.005));     // Wiesental
        Assert.True(zone.Contains(46.005, 8.015));     // Bergli
        Assert.False(zone.Contains(46.005, 8.025));    // Nordhof
    }

    [Fact]
    public void FromAreas_ByRelationId()
    {
        OsmZone zone = OsmZoneBuilder.FromAreas(Fallbacks.Value, ["relation/400"]);

        Assert.Equal("Nordhof", Assert.Single(zone.Areas).Name);
    }

    [Fact]
    public void FromAreas_UnknownName_ListsKnownNamesAndTheClosest()
    {
        var ex = Assert.Throws<ArgumentException>(() => OsmZoneBuilder.FromAreas(Fallbacks.Value, ["Wiesenthal", "Bergli", "Atlantis"]));

        Assert.Equal("names", ex.ParamName);
        Assert.StartsWith(
            "\"Wiesenthal\" is not the name of an area in the extract (did you mean \"Wiesental\"?); " +
            "\"Atlantis\" is not the name of an area in the extract; known areas: Bergli, Leerau, Nordhof, Wiesental",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFromAreas_IncompleteArea_IsRefused()
    {
        IReadOnlyList<OsmAdminArea> areas = OsmAdminAreas.Read(TestData.Fixture("population-incomplete.osm"));

        Assert.False(OsmZoneBuilder.TryFromAreas(areas, ["Randdorf"], out OsmZone? zone, out string? error));

        Assert.Null(zone);
        Assert.Equal("relation/600 \"Randdorf\" is incomplete in this extract (its boundary is clipped); it cannot make a zone", error);
    }

    [Fact]
    public void TryFromAreas_NoNames_IsRefused()
    {
        Assert.False(OsmZoneBuilder.TryFromAreas(Fallbacks.Value, [], out _, out string? error));

        Assert.StartsWith("no area names given; known areas: Bergli", error, StringComparison.Ordinal);
    }
}
