using EmsCoverage.Osm.Population;
using Tomlyn;
using Tomlyn.Model;

namespace EmsCoverage.Osm.Tests.Population;

/// <summary>The demo run configuration (data/demo/liechtenstein.toml) names areas that exist in the demo extract.</summary>
[Collection(RealPopulationGroup.Name)]
public class DemoConfigTests(RealPopulationFixture real)
{
    [Fact]
    public void DemoConfig_ZonesCoverTheElevenMunicipalitiesOnce()
    {
        string text = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml"));
        TomlTable root = TomlSerializer.Deserialize<TomlTable>(text)!;
        var zones = (TomlTableArray)root["zones"];
        OsmPopulationResult li = real.Liechtenstein;

        var named = new List<string>();
        var standards = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (TomlTable zone in zones)
        {
            string[] municipalities = ((TomlArray)zone["osm_areas"]).Select(v => (string)v!).ToArray();
            OsmZone built = OsmZoneBuilder.FromAreas(li.Areas, municipalities);
            named.AddRange(built.AreaNames);
            standards[(string)zone["name"]] = (long)zone["standard_min"];
        }

        Assert.Equal(li.Areas.Where(a => a.Complete).Select(a => a.Name).Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        Assert.Equal(10, standards["urban_core"]);
        Assert.Equal(30, standards["township"]);
        Assert.Equal(30, (long)((TomlTable)root["standards"])["default_min"]);
        Assert.DoesNotMatch(@"=\s*""(/|~|[A-Za-z]:[\\/])", text);   // no absolute (machine) paths
    }
}
