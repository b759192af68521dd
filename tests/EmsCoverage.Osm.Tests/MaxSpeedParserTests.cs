namespace EmsCoverage.Osm.Tests;

public class MaxSpeedParserTests
{
    [Theory]
    [InlineData("50", 50)]
    [InlineData(" 50 ", 50)]
    [InlineData("50 km/h", 50)]
    [InlineData("50km/h", 50)]
    [InlineData("50kmh", 50)]
    [InlineData("50 kph", 50)]
    [InlineData("7.5", 7.5)]
    [InlineData("30 mph", 48.28032)]      // 30 × 1.609344
    [InlineData("30mph", 48.28032)]
    [InlineData("10 knots", 18.52)]       // 10 × 1.852
    [InlineData("10 kn", 18.52)]
    [InlineData("50;30", 30)]             // lists: the lowest
    [InlineData("30; 70", 30)]
    [InlineData("90;30;90;30;90;30", 30)]
    [InlineData("50;signals", 50)]        // unparsed parts ignored when another part parses
    public void Parse_Number_GivesKmh(string value, double expectedKmh)
    {
        MaxSpeed speed = MaxSpeedParser.Parse(value);

        Assert.Equal(MaxSpeedKind.Kmh, speed.Kind);
        Assert.Equal(expectedKmh, speed.Kmh, precision: 9);
    }

    [Theory]
    [InlineData("CN:urban", 50, SpeedZone.Urban)]
    [InlineData("DE:rural", 100, SpeedZone.Rural)]
    [InlineData("DE:urban", 50, SpeedZone.Urban)]
    [InlineData("de:Urban", 50, SpeedZone.Urban)]   // codes are case-insensitive
    [InlineData("AT:motorway", 130, SpeedZone.Rural)]
    [InlineData("CH:urban", 50, SpeedZone.Urban)]
    [InlineData("CH:rural", 80, SpeedZone.Rural)]
    [InlineData("LI:urban", 50, SpeedZone.Urban)]
    [InlineData("LI:rural", 80, SpeedZone.Rural)]
    [InlineData("FR:rural", 80, SpeedZone.Rural)]
    [InlineData("FR:motorway", 130, SpeedZone.Rural)]
    [InlineData("IT:urban", 50, SpeedZone.Urban)]
    [InlineData("IT:rural", 90, SpeedZone.Rural)]
    [InlineData("PT:rural", 90, SpeedZone.Rural)]
    [InlineData("ES:urban", 50, SpeedZone.Urban)]
    [InlineData("BR:urban", 40, SpeedZone.Urban)]
    [InlineData("FI:rural", 80, SpeedZone.Rural)]
    [InlineData("MC:urban", 50, SpeedZone.Urban)]
    [InlineData("AD:rural", 90, SpeedZone.Rural)]
    [InlineData("GB:nsl_single", 96.56064, SpeedZone.Rural)]    // 60 mph
    [InlineData("GB:nsl_restricted", 48.28032, SpeedZone.Urban)] // 30 mph
    [InlineData("DE:zone30", 30, SpeedZone.Urban)]              // zone forms need no table entry
    [InlineData("IT:zone:30", 30, SpeedZone.Urban)]
    [InlineData("FL:zone:30", 30, SpeedZone.Urban)]
    public void Parse_CountryCode_UsesProfileTable(string value, double expectedKmh, SpeedZone expectedZone)
    {
        MaxSpeed speed = MaxSpeedParser.Parse(value, AmbulanceProfile.Default);

        Assert.Equal(MaxSpeedKind.Kmh, speed.Kind);
        Assert.Equal(expectedKmh, speed.Kmh, precision: 9);
        Assert.Equal(expectedZone, speed.Zone);
    }

    [Theory]
    [InlineData("none", MaxSpeedKind.None)]
    [InlineData("NONE", MaxSpeedKind.None)]
    [InlineData("walk", MaxSpeedKind.Walk)]
    [InlineData("DE:living_street", MaxSpeedKind.Walk)]
    [InlineData("signals", MaxSpeedKind.Unparsed)]
    [InlineData("variable", MaxSpeedKind.Unparsed)]
    [InlineData("fast", MaxSpeedKind.Unparsed)]
    [InlineData("0", MaxSpeedKind.Unparsed)]
    [InlineData("5000", MaxSpeedKind.Unparsed)]
    [InlineData("50 km", MaxSpeedKind.Kmh)]
    [InlineData("5O", MaxSpeedKind.Unparsed)]        // letter O, a real typo
    [InlineData("XX:urban", MaxSpeedKind.Unparsed)]  // code not in the profile
    [InlineData("signals;variable", MaxSpeedKind.Unparsed)]
    [InlineData("none;none", MaxSpeedKind.None)]
    [InlineData(null, MaxSpeedKind.Missing)]
    [InlineData("", MaxSpeedKind.Missing)]
    [InlineData("  ", MaxSpeedKind.Missing)]
    public void Parse_Words_GiveKind(string? value, MaxSpeedKind expected)
    {
        Assert.Equal(expected, MaxSpeedParser.Parse(value).Kind);
    }

    [Fact]
    public void Parse_Walk_UsesProfileWalkingSpeed()
    {
        MaxSpeed speed = MaxSpeedParser.Parse("walk", AmbulanceProfile.Default);

        Assert.Equal(AmbulanceProfile.Default.WalkKmh, speed.Kmh);
        Assert.Equal(6, speed.Kmh);
    }

    [Fact]
    public void Parse_UnknownCode_KeepsItsZone()
    {
        MaxSpeed speed = MaxSpeedParser.Parse("XX:rural");

        Assert.Equal(MaxSpeedKind.Unparsed, speed.Kind);
        Assert.Equal(SpeedZone.Rural, speed.Zone);
    }

    [Theory]
    [InlineData("DE:urban", SpeedZone.Urban)]
    [InlineData("PT:zone30", SpeedZone.Urban)]
    [InlineData("FI:rural", SpeedZone.Rural)]
    [InlineData("GB:nsl_dual", SpeedZone.Rural)]
    [InlineData("RU:living_street", SpeedZone.Urban)]
    [InlineData("sign", null)]
    [InlineData("implicit", null)]
    [InlineData("50", null)]
    [InlineData("DE:sign", null)]
    [InlineData(null, null)]
    public void ZoneOf_CountryCodedValues(string? value, SpeedZone? expected)
    {
        Assert.Equal(expected, MaxSpeedParser.ZoneOf(value));
    }
}
