using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;

namespace EmsCoverage.Osm.Tests;

/// <summary>The travel-model part of the profile: [sirens], [time_bands.NAME], congestion_zones; and road classes per arc.</summary>
public class TravelModelProfileTests
{
    private static string ShippedText() => File.ReadAllText(TestData.ProfileFile).ReplaceLineEndings("\n");

    private const string PeakLine =
        "multipliers = { default = 0.7, motorway = 0.6, motorway_link = 0.55, trunk = 0.6, trunk_link = 0.55, primary = 0.6, secondary = 0.65, residential = 0.85, service = 0.9 }";

    [Fact]
    public void Default_HasTheFourBands_AndNeutralSirens()
    {
        var profile = AmbulanceProfile.Default;

        Assert.Equal(["night", "off_peak", "morning_peak", "evening_peak"], profile.TimeBands.Select(b => b.Name));
        var peak = profile.GetTimeBand("morning_peak");
        Assert.Equal(0.6, peak.MultiplierFor(RoadClass.Primary));
        Assert.Equal(0.7, peak.MultiplierFor(RoadClass.Tertiary)); // not listed: default
        Assert.Equal(0.7, peak.MultiplierFor(RoadClass.Unknown));
        Assert.NotNull(profile.Sirens);
        Assert.True(profile.Sirens!.IsNeutral);
        Assert.Equal(130, profile.Sirens.MaxKmh);
        Assert.Null(profile.CongestionZonesPath);
    }

    [Fact]
    public void GetTimeBand_Unknown_ListsTheBands()
    {
        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Default.GetTimeBand("rush_hour"));
        Assert.Contains("unknown time band 'rush_hour'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("night, off_peak, morning_peak, evening_peak", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("primary = 0.6, secondary", "primary = 0, secondary", "'time_bands.morning_peak.multipliers.primary' = 0 is out of range")]
    [InlineData("primary = 0.6, secondary", "primary = -1, secondary", "'time_bands.morning_peak.multipliers.primary' = -1 is out of range")]
    [InlineData("primary = 0.6, secondary", "primary = \"slow\", secondary", "'time_bands.morning_peak.multipliers.primary' must be a number")]
    [InlineData("primary = 0.6, secondary", "primery = 0.6, secondary", "unknown road class 'time_bands.morning_peak.multipliers.primery'")]
    [InlineData("primary = 0.6, secondary", "footway = 0.6, secondary", "unknown road class 'time_bands.morning_peak.multipliers.footway'")]
    public void Parse_BadMultiplier_NamesFileAndKey(string find, string replace, string expected)
    {
        string shipped = ShippedText();
        int at = shipped.IndexOf(PeakLine, StringComparison.Ordinal);
        Assert.True(at > 0);
        string toml = shipped[..at] + PeakLine.Replace(find, replace, StringComparison.Ordinal) + shipped[(at + PeakLine.Length)..];

        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Parse(toml, "my-profile.toml"));

        Assert.Contains("my-profile.toml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[time_bands.night]\ndescription", "[time_bands.night]\nhours = \"22-06\"\ndescription", "unknown key 'time_bands.night.hours'")]
    [InlineData("[time_bands.night]", "[time_bands.Night]", "time band name 'Night' must be snake_case")]
    [InlineData("factors = { default = 1.0 }", "factors = { default = 0.5 }", "'sirens.factors.default' = 0.5 is out of range")]
    [InlineData("max_kmh = 130\nfactors", "factors", "missing key 'sirens.max_kmh'")]
    [InlineData("max_kmh = 130\nfactors", "max_kmh = 130\ntop_kmh = 1\nfactors", "unknown key 'sirens.top_kmh'")]
    public void Parse_BadBandOrSirens_NamesTheProblem(string find, string replace, string expected)
    {
        string shipped = ShippedText();
        Assert.Contains(find, shipped, StringComparison.Ordinal);
        string toml = shipped.Replace(find, replace, StringComparison.Ordinal);

        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Parse(toml, "my-profile.toml"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutTravelSections_HasNoBands()
    {
        string shipped = ShippedText();
        int start = shipped.IndexOf("[sirens]", StringComparison.Ordinal);
        int end = shipped.IndexOf("# Country-coded speed limits", StringComparison.Ordinal);
        var profile = AmbulanceProfile.Parse(shipped[..start] + shipped[end..]);

        Assert.Empty(profile.TimeBands);
        Assert.Null(profile.Sirens);
        Assert.Throws<InputDataException>(() => profile.GetTimeBand("night"));
    }

    [Fact]
    public void Reader_KeepsTheRoadClassOfEveryArc()
    {
        var tJunction = OsmNetworkReader.ReadFile(TestData.Fixture("t-junction-oneway.osm")).Network;
        Assert.True(tJunction.HasRoadClasses);
        Assert.All(Enumerable.Range(0, tJunction.ArcCount), a => Assert.Equal(RoadClass.Residential, tJunction.ArcRoadClass(a)));

        var ferry = OsmNetworkReader.ReadFile(TestData.Fixture("ferry.osm")).Network;
        var classes = Enumerable.Range(0, ferry.ArcCount).Select(ferry.ArcRoadClass).ToHashSet();
        Assert.Contains(RoadClass.Ferry, classes);
        Assert.Contains(RoadClass.Residential, classes);
    }
}
