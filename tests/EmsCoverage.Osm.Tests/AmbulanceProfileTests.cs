using System.Security.Cryptography;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Osm.Tests;

public class AmbulanceProfileTests
{
    [Fact]
    public void Default_IsTheShippedFile()
    {
        byte[] bytes = File.ReadAllBytes(TestData.ProfileFile);
        string fileHash = Convert.ToHexStringLower(SHA256.HashData(bytes));

        AmbulanceProfile profile = AmbulanceProfile.Default;

        Assert.Equal(fileHash, profile.Sha256);
        Assert.Equal("ambulance", profile.Name);
        Assert.Equal(SpeedZone.Urban, profile.DefaultZone);
        Assert.Equal(1.0, profile.MaxSpeedFactor);
        Assert.True(profile.Ferry.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(10), profile.Ferry.BoardingTime);
        Assert.False(profile.Highways.ContainsKey("track"));
        Assert.False(profile.Highways["pedestrian"].AccessibleByDefault);
        Assert.Contains("private", profile.AllowedAccessValues);
        Assert.Contains("no", profile.DeniedAccessValues);
    }

    [Fact]
    public void Load_ShippedFile_SameHashAsDefault()
    {
        AmbulanceProfile loaded = AmbulanceProfile.Load(TestData.ProfileFile);

        Assert.Equal(AmbulanceProfile.Default.Sha256, loaded.Sha256);
        Assert.Equal(TestData.ProfileFile, loaded.SourceName);
        Assert.Equal(AmbulanceProfile.Default.Highways.Count, loaded.Highways.Count);
    }

    [Fact]
    public void Load_EditedFactor_ChangesSpeedAndHash()
    {
        using var temp = new TempFolder();
        string path = temp.File("fast.toml");
        File.WriteAllText(path, ShippedText().Replace("maxspeed_factor = 1.0", "maxspeed_factor = 1.2", StringComparison.Ordinal));

        AmbulanceProfile profile = AmbulanceProfile.Load(path);
        WayRouting r = profile.Evaluate(Tags.Parse("highway=primary|maxspeed=50"));

        Assert.Equal(60, r.ForwardKmh, precision: 9);
        Assert.NotEqual(AmbulanceProfile.Default.Sha256, profile.Sha256);
    }

    [Theory]
    [InlineData("walk_kmh = 6", "walk_kmh = 6\nwalk_speed = 6", "speed.walk_speed")]
    [InlineData("walk_kmh = 6", "walk_kmh = 6\nMax_kmh = 100", "speed.Max_kmh")]          // keys are case-sensitive
    [InlineData("format_version = 1", "format_version = 1\ncolour = \"red\"", "colour")]
    [InlineData("enabled = true", "enabled = true\nspeed_mph = 9", "ferry.speed_mph")]
    [InlineData("motorway       = { urban_kmh = 90, rural_kmh = 120 }",
        "motorway       = { urban_kmh = 90, rural_kmh = 120, top_kmh = 200 }", "highway.motorway.top_kmh")]
    public void Parse_UnknownKey_NamesFileAndKey(string find, string replace, string expectedKey)
    {
        string toml = ShippedText().Replace(find, replace, StringComparison.Ordinal);

        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Parse(toml, "my-profile.toml"));

        Assert.Contains("my-profile.toml", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"unknown key '{expectedKey}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_kmh = 130", "max_kmh = \"fast\"", "'speed.max_kmh' must be a number")]
    [InlineData("max_kmh = 130", "max_kmh = 1000", "'speed.max_kmh' = 1000 is out of range")]
    [InlineData("max_kmh = 130\n", "", "missing key 'speed.max_kmh'")]
    [InlineData("default_zone = \"urban\"", "default_zone = \"suburban\"", "'speed.default_zone' must be \"urban\" or \"rural\"")]
    [InlineData("format_version = 1", "format_version = 2", "unsupported format_version = 2")]
    [InlineData("\"AT:urban\" = 50", "\"AT:urban\" = \"quick\"", "\"AT:urban\"' = \"quick\" is not a speed")]
    [InlineData("enabled = true", "enabled = \"yes\"", "'ferry.enabled' must be true or false")]
    public void Parse_BadValue_NamesFileAndKey(string find, string replace, string expected)
    {
        string shipped = ShippedText();
        Assert.Contains(find, shipped, StringComparison.Ordinal);
        string toml = shipped.Replace(find, replace, StringComparison.Ordinal);

        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Parse(toml, "my-profile.toml"));

        Assert.Contains("my-profile.toml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidToml_NamesFileAndLine()
    {
        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Parse("name = \"x\"\nformat_version = \n", "broken.toml"));

        Assert.Contains("broken.toml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid TOML at line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsRejected()
    {
        string toml = ShippedText().Replace("walk_kmh = 6", "walk_kmh = 6\nwalk_kmh = 7", StringComparison.Ordinal);

        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Parse(toml, "dup.toml"));

        Assert.Contains("dup.toml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        using var temp = new TempFolder();
        string path = temp.File("nope.toml");

        var ex = Assert.Throws<InputDataException>(() => AmbulanceProfile.Load(path));

        Assert.Equal($"{path}: file not found", ex.Message);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void TrackCanBeEnabled_ByUncommentingTheLine()
    {
        string toml = ShippedText().Replace("# track        =", "track        =", StringComparison.Ordinal);

        AmbulanceProfile profile = AmbulanceProfile.Parse(toml, "with-track.toml");

        Assert.Equal(15, profile.Evaluate(Tags.Parse("highway=track")).ForwardKmh);
        Assert.False(profile.Evaluate(Tags.Parse("highway=track|motor_vehicle=agricultural")).IsDrivable);
    }

    private static string ShippedText() => File.ReadAllText(TestData.ProfileFile).ReplaceLineEndings("\n");
}
