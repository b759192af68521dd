using EmsCoverage.Diagnostics;
using EmsCoverage.Osm.Population;
using EmsCoverage.Population;

namespace EmsCoverage.Osm.Tests.Population;

/// <summary>Reads the population of the real extracts once for the test classes of <see cref="RealPopulationGroup"/>.</summary>
public sealed class RealPopulationFixture
{
    private readonly Lazy<OsmPopulationResult> _liechtenstein = new(() => OsmPopulation.Read(TestData.Shared("liechtenstein-2021.osm.pbf")));
    private readonly Lazy<OsmPopulationResult> _monaco = new(() => OsmPopulation.Read(TestData.Shared("monaco.osm.pbf")));

    public OsmPopulationResult Liechtenstein => _liechtenstein.Value;

    public OsmPopulationResult Monaco => _monaco.Value;
}

/// <summary>The test classes that share one <see cref="RealPopulationFixture"/> (each extract is read once).</summary>
[CollectionDefinition(Name)]
public sealed class RealPopulationGroup : ICollectionFixture<RealPopulationFixture>
{
    public const string Name = "real population";
}

/// <summary>
/// Real extracts from ../shared/data. Populations are the place nodes' values (the data README: 37,269 in the 11
/// municipalities); building and cell counts are regression pins taken from a reviewed run: if a change to the
/// building rules moves them, check why and update them on purpose.
/// </summary>
[Collection(RealPopulationGroup.Name)]
public class OsmPopulationRealTests(RealPopulationFixture real)
{
    [Theory]
    [InlineData("Balzers", 4608, 1356, 239)]
    [InlineData("Eschen", 4407, 1402, 293)]
    [InlineData("Gamprin", 1654, 562, 137)]
    [InlineData("Mauren", 4138, 1410, 260)]
    [InlineData("Planken", 445, 221, 65)]
    [InlineData("Ruggell", 2065, 907, 162)]
    [InlineData("Schaan", 6002, 1491, 322)]
    [InlineData("Schellenberg", 1037, 464, 120)]
    [InlineData("Triesen", 5050, 1474, 289)]
    [InlineData("Triesenberg", 2634, 1627, 426)]
    [InlineData("Vaduz", 5229, 1381, 294)]
    public void Liechtenstein_Municipality(string name, double population, int buildings, int cells)
    {
        OsmAreaPlacement p = Assert.Single(real.Liechtenstein.Placements, x => x.Area.Name == name);

        Assert.True(p.Area.Complete);
        Assert.Equal(population, p.Area.Population);
        Assert.StartsWith("place=", p.Area.PopulationSource, StringComparison.Ordinal);
        Assert.Equal(OsmPlacementMethod.Buildings, p.Method);
        Assert.Equal(buildings, p.Buildings);
        Assert.Equal(cells, p.CellCount);
        double sum = 0;
        for (int i = p.FirstCell; i < p.FirstCell + p.CellCount; i++)
        {
            DemandCell cell = real.Liechtenstein.Layer.Cells[i];
            Assert.True(p.Area.Contains(cell.Lat, cell.Lon), $"cell {cell.Id} at ({cell.Lat}, {cell.Lon}) lies outside {p.Area}");
            Assert.StartsWith(name + "/", cell.Id, StringComparison.Ordinal);
            Assert.True(cell.Population > 0, $"cell {cell.Id} has {cell.Population} people");
            sum += cell.Population;
        }

        Assert.Equal(population, sum, 6);
    }

    [Fact]
    public void Liechtenstein_TotalIs37269_AndConserved()
    {
        OsmPopulationResult r = real.Liechtenstein;

        Assert.Equal(37_269, r.PlacedPopulation);
        Assert.True(Math.Abs(r.Layer.CellPopulation - 37_269) <= 1e-6, $"cells add up to {r.Layer.CellPopulation}");
        Assert.Equal(11, r.Placements.Count(p => p.Method == OsmPlacementMethod.Buildings));
        Assert.Equal(0, r.PopulationWithoutBuildings);
        Assert.Equal(2607, r.Layer.Cells.Count);
        Assert.Equal(r.Layer.Cells.Count, r.Layer.Cells.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(47.2, r.GridReferenceLatitude);
    }

    [Fact]
    public void Liechtenstein_NendelnAndMaelsAreNotCountedTwice()
    {
        OsmPopulationResult r = real.Liechtenstein;

        Assert.Equal(4407, r.Areas.Single(a => a.Name == "Eschen").Population);     // not 4407 + Nendeln's 1357
        Assert.Equal(4608, r.Areas.Single(a => a.Name == "Balzers").Population);    // not 4608 + Mäls' 1532
        Diagnostic[] subPlaces = r.Diagnostics.Items.Where(d => d.Code == OsmPopulationDiagnosticCodes.SubPlaceNotCounted).ToArray();
        Assert.Equal(["node/240046176", "node/6388202794"], subPlaces.Select(d => d.Subject));
        Assert.Contains("\"Nendeln\"", subPlaces[0].Message, StringComparison.Ordinal);
        Assert.Contains("inside relation/1155949 \"Eschen\"", subPlaces[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"Mäls\"", subPlaces[1].Message, StringComparison.Ordinal);
        Assert.Contains("inside relation/1155953 \"Balzers\"", subPlaces[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Liechtenstein_ClippedNeighboursAreReported()
    {
        OsmPopulationResult r = real.Liechtenstein;

        // The Swiss and Austrian municipalities at the edge of the extract are incomplete; only Altstätten carries a
        // population (on its relation), which cannot be placed.
        Assert.Equal(11, r.Areas.Count(a => !a.Complete));
        Assert.Equal(11, r.Diagnostics.Count(OsmPopulationDiagnosticCodes.AreaIncomplete));
        Assert.Equal(11_145, r.PopulationNotPlaced);
        Diagnostic notPlaced = Assert.Single(r.Diagnostics.Items, d => d.Code == OsmPopulationDiagnosticCodes.PopulationNotPlaced);
        Assert.Equal("relation/1683857", notPlaced.Subject);
        Assert.Equal(0, r.Diagnostics.Count(OsmPopulationDiagnosticCodes.AreaNoPopulation));
    }

    [Fact]
    public void Liechtenstein_UrbanCoreZoneHoldsItsFourMunicipalities()
    {
        OsmPopulationResult r = real.Liechtenstein;

        OsmZone core = OsmZoneBuilder.FromAreas(r.Areas, ["Vaduz", "Schaan", "Triesen", "Balzers"]);

        double inCore = r.Layer.Cells.Where(c => core.Contains(c.Lat, c.Lon)).Sum(c => c.Population);
        Assert.Equal(5229 + 6002 + 5050 + 4608, inCore, 6);
    }

    [Fact]
    public void Monaco_PlacedTotalIsConserved_AndTheRestReported()
    {
        OsmPopulationResult r = real.Monaco;

        double placedAreas = r.Placements.Where(p => p.CellCount > 0).Sum(p => p.Area.Population ?? 0);
        double allAreas = r.Areas.Sum(a => a.Population ?? 0);
        Assert.Equal(placedAreas, r.PlacedPopulation);
        Assert.True(Math.Abs(r.Layer.CellPopulation - r.PlacedPopulation) <= 1e-6, $"cells {r.Layer.CellPopulation} vs {r.PlacedPopulation}");
        Assert.Equal(allAreas, r.PlacedPopulation + r.PopulationNotPlaced);
        Assert.All(r.Placements.Where(p => p.Method == OsmPlacementMethod.NotPlaced),
            p => Assert.Contains(r.Diagnostics.Items, d => d.Code == OsmPopulationDiagnosticCodes.PopulationNotPlaced && d.Subject == p.Area.Origin));
        foreach (OsmAreaPlacement p in r.Placements)
        {
            for (int i = p.FirstCell; i < p.FirstCell + p.CellCount; i++)
            {
                DemandCell cell = r.Layer.Cells[i];
                Assert.True(p.Area.Contains(cell.Lat, cell.Lon), $"cell {cell.Id} lies outside {p.Area}");
            }
        }

        // Pins from a reviewed run: Monaco (35,881 on its relation, not the admin_centre's 36,371), Beausoleil,
        // Cap-d'Ail and La Turbie are complete; Roquebrune-Cap-Martin (12,532) and Èze (2,686) are clipped.
        Assert.Equal(35_881 + 13_515 + 5_022 + 3_180, r.PlacedPopulation);
        Assert.Equal(12_532 + 2_686, r.PopulationNotPlaced);
        Assert.Equal(35_881, r.Areas.Single(a => a.Name == "Monaco").Population);
        Assert.Equal("relation/2220322", Assert.Single(r.Diagnostics.Items, d => d.Code == OsmPopulationDiagnosticCodes.PopulationSourcesDiffer).Subject);
        Assert.Contains(r.Diagnostics.Items, d => d.Code == OsmPopulationDiagnosticCodes.SubPlaceNotCounted && d.Message.Contains("\"Monte-Carlo\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AdminAreas_Liechtenstein_ElevenCompleteMunicipalities()
    {
        IReadOnlyList<OsmAdminArea> areas = OsmAdminAreas.Read(TestData.Shared("liechtenstein-2021.osm.pbf"));

        OsmAdminArea[] complete = areas.Where(a => a.Complete).ToArray();
        Assert.Equal(
            ["Balzers", "Eschen", "Gamprin", "Mauren", "Planken", "Ruggell", "Schaan", "Schellenberg", "Triesen", "Triesenberg", "Vaduz"],
            complete.Select(a => a.Name));
        Assert.Equal(37_269, complete.Sum(a => a.Population ?? 0));
        // Liechtenstein is 160 km²; the municipalities' boundaries tile it (two are in several pieces).
        Assert.InRange(complete.Sum(a => a.AreaM2) / 1e6, 158, 162);
    }
}
