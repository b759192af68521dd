using EmsCoverage.Diagnostics;
using EmsCoverage.Osm.Population;
using EmsCoverage.Population;

namespace EmsCoverage.Osm.Tests.Population;

/// <summary>Hand-made fixtures whose expected numbers are worked out in each file's header comment.</summary>
public class OsmPopulationFixtureTests
{
    private const double MetresPerDegree = 111_195.080_233_532_9;   // Earth radius 6,371,008.8 m

    [Fact]
    public void Basic_SpreadsPlaceNodePopulationOverBuildingsByFloorArea()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-basic.osm"));

        Assert.Equal(2, result.Layer.Cells.Count);
        DemandCell west = result.Layer.Cells[0];
        Assert.Equal("Testdorf/6829,52267", west.Id);
        Assert.Equal(1200.0 * 5 / 14, west.Population, 9);           // ways 30 + 31: (2x2 + 1x1) of 14 units
        Assert.Equal(47.005045, west.Lat, 9);
        Assert.Equal(9.00557, west.Lon, 9);                            // (4 x 9.0055 + 1 x 9.00585) / 5
        DemandCell east = result.Layer.Cells[1];
        Assert.Equal("Testdorf/6831,52267", east.Id);
        Assert.Equal(1200.0 * 9 / 14, east.Population, 9);           // way 32: 3 x 3 units
        Assert.Equal(47.005045, east.Lat, 9);
        Assert.Equal(9.00835, east.Lon, 9);
        Assert.Equal(1200, result.Layer.InputPopulation);
        Assert.Equal(1200, result.Layer.CellPopulation, 9);
        Assert.Equal("population-basic.osm", result.Layer.SourceName);
        Assert.Equal(47.0, result.GridReferenceLatitude);
    }

    [Fact]
    public void Basic_FootprintIsTheHundredMetreSquareAroundTheCell()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-basic.osm"));

        foreach (DemandCell cell in result.Layer.Cells)
        {
            CellFootprint square = result.Layer.Footprints[cell.Footprint];
            Assert.Equal(4, square.Lat.Length);
            double south = square.Lat[0], north = square.Lat[2], west = square.Lon[0], east = square.Lon[1];
            Assert.InRange(cell.Lat, south, north);
            Assert.InRange(cell.Lon, west, east);
            Assert.Equal(100, (north - south) * MetresPerDegree, 6);
            Assert.Equal(100, (east - west) * MetresPerDegree * Math.Cos(double.DegreesToRadians(47.0)), 6);
        }
    }

    [Fact]
    public void Basic_AreaAndPlacement()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-basic.osm"));

        OsmAreaPlacement placement = Assert.Single(result.Placements);
        OsmAdminArea area = placement.Area;
        Assert.Equal((100L, "Testdorf", 8, true), (area.RelationId, area.Name, area.AdminLevel, area.Complete));
        Assert.Equal(1200, area.Population);
        Assert.Equal("place=village node/900", area.PopulationSource);
        OsmRing ring = Assert.Single(area.Outer);
        Assert.Equal(5, ring.Count);                                   // four corners and node 5 on the south edge
        Assert.Empty(area.Inner);
        Assert.Equal(OsmPlacementMethod.Buildings, placement.Method);
        Assert.Equal(3, placement.Buildings);
        Assert.Equal((0, 2), (placement.FirstCell, placement.CellCount));
        Assert.Equal(0, result.PopulationNotPlaced);
        Assert.Equal(0, result.PopulationWithoutBuildings);
    }

    [Fact]
    public void Basic_SubPlaceAndOutsidePlaceAreNotCounted_AndLeftOutBuildingsAreSaid()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-basic.osm"));
        DiagnosticBag d = result.Diagnostics;

        Diagnostic hamlet = Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.SubPlaceNotCounted);
        Assert.Equal("node/901", hamlet.Subject);
        Assert.Contains("\"Oberdorf\"", hamlet.Message, StringComparison.Ordinal);
        Assert.Equal("node/902", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.PlaceOutsideAreas).Subject);
        Assert.Equal("way/31", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.BuildingLevelsUnparsed).Subject);
        Diagnostic excluded = Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.BuildingsExcluded);
        Assert.Equal(
            "4 buildings not used to spread population (not residential by their tags): 1 amenity=school, 1 building=garage, " +
            "1 building=yes on landuse=industrial, 1 smaller than 20 m²",
            excluded.Message);
        Assert.Equal(0, d.Count(OsmPopulationDiagnosticCodes.AreaIncomplete));
    }

    [Fact]
    public void Basic_OptionsChangeTheWeights()
    {
        var options = new OsmPopulationOptions { UseBuildingLevels = false, GridSizeM = 2000 };

        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-basic.osm"), options);

        // Footprints alone (2 + 1 + 3 units), all in one 2 km square: one cell with everybody.
        DemandCell cell = Assert.Single(result.Layer.Cells);
        Assert.Equal(1200, cell.Population, 9);
        Assert.Equal((2 * 9.0055 + 1 * 9.00585 + 3 * 9.00835) / 6, cell.Lon, 9);
        Assert.Equal("Testdorf/341,2613", cell.Id);
    }

    [Fact]
    public void Fallbacks_LanduseThenPoint_AndGarbageFallsThroughToThePlaceNode()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-fallbacks.osm"));

        Assert.Equal(["Bergli", "Leerau", "Nordhof", "Wiesental"], result.Areas.Select(a => a.Name));
        Assert.Equal(
            [OsmPlacementMethod.Point, OsmPlacementMethod.NoPopulation, OsmPlacementMethod.Buildings, OsmPlacementMethod.ResidentialLanduse],
            result.Placements.Select(p => p.Method));
        Assert.Equal(["label node/310", null, "place=village node/410", "relation"], result.Areas.Select(a => a.PopulationSource));

        DemandCell bergli = Assert.Single(result.Layer.Cells, c => c.Id.StartsWith("Bergli/", StringComparison.Ordinal));
        Assert.Equal(("Bergli/6190,51155", 46.005, 8.015, 2500.0), (bergli.Id, bergli.Lat, bergli.Lon, bergli.Population));
        DemandCell nordhof = Assert.Single(result.Layer.Cells, c => c.Id.StartsWith("Nordhof/", StringComparison.Ordinal));
        Assert.Equal(1000, nordhof.Population, 9);
        DemandCell[] wiesental = result.Layer.Cells.Where(c => c.Id.StartsWith("Wiesental/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["Wiesental/6181,51152", "Wiesental/6182,51152", "Wiesental/6181,51153", "Wiesental/6182,51153"], wiesental.Select(c => c.Id));
        Assert.All(wiesental, c => Assert.Equal(8331.0 / 4, c.Population, 9));

        Assert.Equal(11831, result.PlacedPopulation);
        Assert.Equal(11831, result.Layer.CellPopulation, 9);
        Assert.Equal(10831, result.PopulationWithoutBuildings);
        Assert.Equal(0, result.PopulationNotPlaced);
    }

    [Fact]
    public void Fallbacks_Diagnostics()
    {
        DiagnosticBag d = OsmPopulation.Read(TestData.Fixture("population-fallbacks.osm")).Diagnostics;

        Diagnostic garbage = Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.PopulationUnparsed);
        Assert.Equal("relation/400", garbage.Subject);
        Assert.Equal(DiagnosticSeverity.Warning, garbage.Severity);
        Assert.Contains("\"about 1000\"", garbage.Message, StringComparison.Ordinal);
        Assert.Equal("relation/500", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.AreaNoPopulation).Subject);
        Assert.Equal("relation/200", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.PlacedOnLanduse).Subject);
        Assert.Equal("relation/300", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.PlacedAtPoint).Subject);
        // The admin_centre node has another name: it is a sub-place of Bergli, not Bergli's population.
        Assert.Equal("node/311", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.SubPlaceNotCounted).Subject);
    }

    [Fact]
    public void Incomplete_BoundaryPopulationIsReportedNotPlaced()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-incomplete.osm"));

        Assert.Equal(["Ganzdorf", "Halbdorf", "Randdorf"], result.Areas.Select(a => a.Name));
        Assert.Equal([true, false, false], result.Areas.Select(a => a.Complete));
        Assert.Equal(
            [OsmPlacementMethod.Buildings, OsmPlacementMethod.NoPopulation, OsmPlacementMethod.NotPlaced],
            result.Placements.Select(p => p.Method));
        DemandCell cell = Assert.Single(result.Layer.Cells);
        Assert.StartsWith("Ganzdorf/", cell.Id, StringComparison.Ordinal);
        Assert.Equal(400, cell.Population, 9);
        Assert.Equal(400, result.PlacedPopulation);
        Assert.Equal(700, result.PopulationNotPlaced);

        DiagnosticBag d = result.Diagnostics;
        Assert.Equal(["relation/600", "relation/800"],
            d.Items.Where(x => x.Code == OsmPopulationDiagnosticCodes.AreaIncomplete).Select(x => x.Subject));
        Diagnostic notPlaced = Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.PopulationNotPlaced);
        Assert.Equal(("relation/600", DiagnosticSeverity.Warning), (notPlaced.Subject, notPlaced.Severity));
        Assert.Contains("700", notPlaced.Message, StringComparison.Ordinal);
        // Randdorf's own place node cannot be tested against an incomplete boundary: not counted either.
        Assert.Equal("node/650", Assert.Single(d.Items, x => x.Code == OsmPopulationDiagnosticCodes.PlaceOutsideAreas).Subject);
    }

    [Fact]
    public void Incomplete_AdminAreasKeepWhatClosed()
    {
        var diagnostics = new DiagnosticBag();

        IReadOnlyList<OsmAdminArea> areas = OsmAdminAreas.Read(TestData.Fixture("population-incomplete.osm"), 8, diagnostics);

        OsmAdminArea rand = Assert.Single(areas, a => a.Name == "Randdorf");
        Assert.False(rand.Complete);
        Assert.Empty(rand.Outer);
        Assert.Equal(700, rand.Population);
        Assert.Equal("relation", rand.PopulationSource);
        Assert.False(rand.Contains(45.005, 7.005));
        Assert.Equal(0, rand.AreaM2);
        Assert.Contains("1 of 3 member ways missing", diagnostics.Items[0].Message, StringComparison.Ordinal);
        OsmAdminArea halb = Assert.Single(areas, a => a.Name == "Halbdorf");
        Assert.Null(halb.Population);
        Assert.Equal(2, diagnostics.Count(OsmPopulationDiagnosticCodes.AreaIncomplete));
    }

    [Fact]
    public void OtherAdminLevel_NoAreas_EmptyLayer()
    {
        OsmPopulationResult result = OsmPopulation.Read(TestData.Fixture("population-basic.osm"), new OsmPopulationOptions { AdminLevel = 6 });

        Assert.Empty(result.Areas);
        Assert.Empty(result.Layer.Cells);
        Assert.Equal(0, result.PlacedPopulation);
        // Without areas every place with a population is reported as not counted.
        Assert.Equal(3, result.Diagnostics.Count(OsmPopulationDiagnosticCodes.PlaceOutsideAreas));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(20_000)]
    [InlineData(double.NaN)]
    public void BadGridSize_Throws(double gridSizeM)
    {
        var options = new OsmPopulationOptions { GridSizeM = gridSizeM };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OsmPopulation.Read(TestData.Fixture("population-basic.osm"), options));

        Assert.Equal("GridSizeM", ex.ParamName);
    }

    [Fact]
    public void MissingFile_SaysNotFound()
    {
        using var temp = new TempFolder();
        string path = temp.File("none.osm");

        var ex = Assert.Throws<InputDataException>(() => OsmPopulation.Read(path));

        Assert.Equal($"{path}: file not found", ex.Message);
    }

    [Fact]
    public void MalformedXml_NamesTheFile()
    {
        using var temp = new TempFolder();
        string path = temp.File("cut.osm");
        string text = File.ReadAllText(TestData.Fixture("population-basic.osm"));
        File.WriteAllText(path, text[..(text.Length / 2)]);

        var ex = Assert.Throws<InputDataException>(() => OsmAdminAreas.Read(path));

        Assert.StartsWith(path + ": malformed XML", ex.Message, StringComparison.Ordinal);
    }
}
