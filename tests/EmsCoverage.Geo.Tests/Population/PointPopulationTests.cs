using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;

namespace EmsCoverage.Geo.Tests.Population;

public sealed class PointPopulationTests
{
    private readonly DiagnosticBag _diagnostics = new();

    private static InputDataException Fails(Action read, string path)
    {
        var ex = Assert.Throws<InputDataException>(read);
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private InputDataException CsvFails(string fileName, PopulationFileOptions? options = null)
    {
        string path = TestData.PopulationVector(fileName);
        return Fails(() => PointPopulation.ReadCsv(path, options, _diagnostics), path);
    }

    [Fact]
    public void ReadCsv_Points_OneCellPerPopulatedRow_ZeroRowCountedNotKept()
    {
        var layer = PointPopulation.ReadCsv(TestData.PopulationVector("points.csv"), null, _diagnostics);

        Assert.Equal(["vaduz-1", "vaduz-2", "schaan-2"], layer.Cells.Select(c => c.Id));
        var first = layer.Cells[0];
        Assert.Equal(47.1410, first.Lat);
        Assert.Equal(9.5215, first.Lon);
        Assert.Equal(1146, first.Population);
        Assert.Equal(-1, first.Footprint);
        Assert.Equal(700.5, layer.Cells[1].Population);
        Assert.Empty(layer.Footprints);
        Assert.Equal(1146 + 700.5 + 377, layer.InputPopulation);
        Assert.Equal(layer.InputPopulation, layer.CellPopulation);
        Assert.Equal("points.csv", layer.SourceName);
        Assert.Equal(1, _diagnostics.Count(PopulationDiagnosticCodes.ZeroCells));
        Assert.Contains("1 of 4 rows", _diagnostics.Items.Single(d => d.Code == PopulationDiagnosticCodes.ZeroCells).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_SemicolonBomCrlf_ThousandsSeparators_NamedPopulationColumn()
    {
        var options = new PopulationFileOptions { PopulationField = "einwohner" };

        var layer = PointPopulation.ReadCsv(TestData.PopulationVector("semicolon-thousands.csv"), options, _diagnostics);

        Assert.Equal(["balzers", "triesen", "malbun", "planken"], layer.Cells.Select(c => c.Id));
        Assert.Equal([8331.0, 1204, 45, 1476], layer.Cells.Select(c => c.Population));
        Assert.Equal(9.5, layer.Cells[0].Lon);
        Assert.Equal(47.067, layer.Cells[0].Lat);
        // "8,331" could be a decimal comma: the reading taken is reported, with the fix.
        var note = Assert.Single(_diagnostics.Items, d => d.Code == PopulationDiagnosticCodes.AmbiguousComma);
        Assert.Equal(DiagnosticSeverity.Warning, note.Severity);
        Assert.Contains("'8,331' (line 2)", note.Message, StringComparison.Ordinal);
        Assert.Contains("8331", note.Message, StringComparison.Ordinal);
        Assert.Contains("replace them with dots", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_DecimalCommaColumn_ReadsAmbiguousValuesAsDecimals()
    {
        var layer = PointPopulation.ReadCsv(TestData.PopulationVector("decimal-comma.csv"), null, _diagnostics);

        Assert.Equal([12.5, 8.331, 3, 1234.75], layer.Cells.Select(c => c.Population));
        var note = Assert.Single(_diagnostics.Items, d => d.Code == PopulationDiagnosticCodes.DecimalComma);
        Assert.Contains("'12,5'", note.Message, StringComparison.Ordinal);
        Assert.Contains("'8,331' (line 3) was read as 8.331", note.Message, StringComparison.Ordinal);
        Assert.Equal(0, _diagnostics.Count(PopulationDiagnosticCodes.AmbiguousComma));
    }

    [Fact]
    public void ReadCsv_MixedCommaStyles_RefusedWithBothExamples()
    {
        var ex = CsvFails("mixed-commas.csv");

        Assert.Contains("mixes number styles", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2 has '1,234,567'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3 has '12,5'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_TabSeparatedXy_GeneratesRowIds()
    {
        var layer = PointPopulation.ReadCsv(TestData.PopulationVector("tab-xy.tsv"), null, _diagnostics);

        Assert.Equal(["row-2", "row-3"], layer.Cells.Select(c => c.Id));
        Assert.Equal(20.25, layer.Cells[1].Population);
        Assert.Equal(9.528, layer.Cells[1].Lon);
    }

    [Fact]
    public void ReadCsv_BadPopulationValues_RefusedListingEachLine()
    {
        var ex = CsvFails("bad-population.csv");

        Assert.Contains("7 of 8 rows cannot be used, so none were read", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad-population.csv line 3: population -3 is negative", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad-population.csv line 4: population NaN is not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 5: population 'lots' is not a number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 6: population is empty (write 0 where nobody lives)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 7: population Infinity is not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 8: longitude '9,52' is not a number (use a dot as the decimal separator in coordinates)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 9: coordinates (lon 190, lat 47.14) are outside", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7, _diagnostics.Count(PopulationDiagnosticCodes.RowInvalid));
    }

    [Fact]
    public void ReadCsv_ManyBadRows_ListsTenAndCountsTheRest()
    {
        var ex = CsvFails("many-bad-rows.csv");

        Assert.Contains("12 of 12 rows cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 11: population -10 is negative", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 12:", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("... and 2 more", ex.Message, StringComparison.Ordinal);
        Assert.Equal(12, _diagnostics.Count(PopulationDiagnosticCodes.RowInvalid));
    }

    [Fact]
    public void ReadCsv_AllZero_Refused()
    {
        var ex = CsvFails("all-zero.csv");

        Assert.Contains("the population column is all zero (2 rows)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_HeaderOnly_Refused()
    {
        var ex = CsvFails("header-only.csv");

        Assert.Contains("contains no population rows (only the header on line 1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_MissingPopulationColumn_ListsColumnsFoundAndSuggestsOne()
    {
        var ex = CsvFails("no-population-column.csv");

        Assert.Contains("has no population column: expected a column named 'population'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found id, lon, lat, pop_total, jobs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("if 'pop_total' holds the people, name it with the population field option", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_NamedPopulationColumn_IsUsed()
    {
        var layer = PointPopulation.ReadCsv(TestData.PopulationVector("no-population-column.csv"),
            new PopulationFileOptions { PopulationField = "POP_TOTAL" }, _diagnostics);

        Assert.Equal(10, Assert.Single(layer.Cells).Population);
    }

    [Fact]
    public void ReadCsv_MissingIdField_Refused()
    {
        var ex = CsvFails("points.csv", new PopulationFileOptions { IdField = "cell_id" });

        Assert.Contains("has no id column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found id, lon, lat, population, households, note", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ProjectedCoordinates_SaysSo()
    {
        var ex = CsvFails("projected.csv");

        Assert.Contains("coordinates look projected (metres, not degrees)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2: coordinates (lon 758000, lat 5224000) are outside ±180 / ±90 degrees", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_DuplicateAndMissingIds_MadeUniqueWithWarning()
    {
        var layer = PointPopulation.ReadCsv(TestData.PopulationVector("duplicate-ids.csv"), null, _diagnostics);

        Assert.Equal(["a", "a~2", "row-4"], layer.Cells.Select(c => c.Id));
        var warning = Assert.Single(_diagnostics.Items, d => d.Code == PopulationDiagnosticCodes.DuplicateId);
        Assert.Contains("id 'a' was already used on line 2", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_MissingFile_Refused()
    {
        string path = TestData.PopulationVector("no-such-file.csv");

        var ex = Fails(() => PointPopulation.ReadCsv(path, null, _diagnostics), path);

        Assert.Contains("population file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeoJson_Points_IdsFromPropertyFeatureIdOrGenerated()
    {
        var layer = PointPopulation.ReadGeoJson(TestData.PopulationVector("points.geojson"), null, _diagnostics);

        Assert.Equal(["p1", "42", "feature-3"], layer.Cells.Select(c => c.Id));
        Assert.Equal([120.0, 1200, 7.5], layer.Cells.Select(c => c.Population));   // "1,200" as text; "Population" in another case
        Assert.Equal(47.15, layer.Cells[1].Lat);                                    // 3D point: height ignored
        Assert.Equal(9.53, layer.Cells[1].Lon);
        Assert.Equal(1327.5, layer.InputPopulation);
        Assert.Equal(1, _diagnostics.Count(PopulationDiagnosticCodes.ZeroCells));
    }

    [Fact]
    public void ReadGeoJson_ProjectedPoints_RefusedWithHint()
    {
        string path = TestData.PopulationVector("points-projected.geojson");

        var ex = Fails(() => PointPopulation.ReadGeoJson(path, null, _diagnostics), path);

        Assert.Contains("coordinates look projected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1 (line 4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadGeoJson_LineAmongPoints_ListedAsWrongGeometryType()
    {
        string path = TestData.PopulationVector("points-and-line.geojson");

        var ex = Fails(() => PointPopulation.ReadGeoJson(path, null, _diagnostics), path);

        Assert.Contains("1 of 3 features cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("feature 3 (line 6): is a LineString; population points must be Point features", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12", 12.0)]
    [InlineData(" 7.25 ", 7.25)]
    [InlineData("1e3", 1000.0)]
    [InlineData("8,331", 8331.0)]
    [InlineData("1,234,567", 1234567.0)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("8 331", 8331.0)]
    [InlineData("8'331", 8331.0)]
    [InlineData("8\u202F331", 8331.0)]
    public void ParseText_CommaAsThousands(string text, double expected)
    {
        Assert.Equal(expected, PopulationRows.ParseText(text, decimalComma: false, out string? problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("12,5", 12.5)]
    [InlineData("8,331", 8.331)]
    [InlineData("0,75", 0.75)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1.234.567", 1234567.0)]
    [InlineData("3", 3.0)]
    public void ParseText_DecimalComma(string text, double expected)
    {
        Assert.Equal(expected, PopulationRows.ParseText(text, decimalComma: true, out string? problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("12,5", false, "use a dot as the decimal separator")]
    [InlineData("1,2,3", false, "is not a number")]
    [InlineData("1.234", true, "is ambiguous in a column that uses decimal commas")]
    [InlineData("abc", true, "is not a number")]
    [InlineData("", false, "is empty")]
    public void ParseText_Refusals(string text, bool decimalComma, string expected)
    {
        Assert.Null(PopulationRows.ParseText(text, decimalComma, out string? problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_SaoPaulo_EveryPersonConserved()
    {
        var layer = PointPopulation.ReadCsv(TestData.Shared("sao-paulo-hexgrid.csv"), null, _diagnostics);

        Assert.Equal(517_570, layer.InputPopulation);
        Assert.Equal(517_570, layer.CellPopulation);
        Assert.Equal(323 - 4, layer.Cells.Count);   // 4 hexagons have nobody
        Assert.Contains("4 of 323 rows", _diagnostics.Items.Single(d => d.Code == PopulationDiagnosticCodes.ZeroCells).Message, StringComparison.Ordinal);
        Assert.Equal("89a8100c603ffff", layer.Cells[0].Id);
        Assert.All(layer.Cells, c => Assert.InRange(c.Lat, -23.7, -23.4));
        Assert.All(layer.Cells, c => Assert.InRange(c.Lon, -46.8, -46.5));
    }

    [Fact]
    public void ReadCsv_PortoAlegre_EveryPersonConserved()
    {
        var layer = PointPopulation.ReadCsv(TestData.Shared("porto-alegre-hexgrid.csv"), null, _diagnostics);

        Assert.Equal(812_935, layer.InputPopulation);
        Assert.Equal(812_935, layer.CellPopulation);
        Assert.Equal(1_227 - 103, layer.Cells.Count);
        Assert.Equal(layer.Cells.Count, layer.Cells.Select(c => c.Id).Distinct().Count());
        Assert.All(layer.Cells, c => Assert.InRange(c.Lat, -30.4, -29.9));
        Assert.All(layer.Cells, c => Assert.InRange(c.Lon, -51.35, -51.0));
    }
}
