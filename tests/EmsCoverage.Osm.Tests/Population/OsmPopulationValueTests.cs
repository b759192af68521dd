using EmsCoverage.Osm.Population;

namespace EmsCoverage.Osm.Tests.Population;

public class OsmPopulationValueTests
{
    [Theory]
    [InlineData("8331", 8331)]
    [InlineData("8,331", 8331)]
    [InlineData("8.331", 8331)]
    [InlineData("8 331", 8331)]
    [InlineData("8\u00A0331", 8331)]     // no-break space
    [InlineData("8\u202F331", 8331)]     // narrow no-break space
    [InlineData("8'331", 8331)]          // Swiss style
    [InlineData(" 1,234,567 ", 1234567)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("0", 0)]
    [InlineData("445", 445)]
    public void TryParse_Accepts(string text, double expected)
    {
        Assert.True(OsmPopulationValue.TryParse(text, out double population));
        Assert.Equal(expected, population);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("about 1000")]
    [InlineData("~1200")]
    [InlineData("8.5")]                 // a decimal, not a thousands separator: refused, not guessed
    [InlineData("8,33")]
    [InlineData("12,3456")]
    [InlineData("1234,567")]            // first group longer than 3 digits
    [InlineData("1.234,5")]             // mixed separators
    [InlineData("1,234.567")]
    [InlineData("1200;1300")]
    [InlineData("-5")]
    [InlineData("8,")]
    [InlineData(",331")]
    [InlineData("99999999999999999999")]
    public void TryParse_Refuses(string? text)
    {
        Assert.False(OsmPopulationValue.TryParse(text, out double population));
        Assert.Equal(0, population);
    }
}
