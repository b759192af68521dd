using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Osm.Tests;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Tests.Population;

[Collection(GeoPackageZipGroup.Name)]
public sealed class PopulationFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DiagnosticBag _diagnostics = new();

    public void Dispose() => _folder.Dispose();

    private string Copy(string fixture, string newName)
    {
        string path = _folder.File(newName);
        File.Copy(TestData.PopulationVector(fixture), path);
        return path;
    }

    [Fact]
    public void Read_Csv_Points()
    {
        var layer = PopulationFile.Read(TestData.PopulationVector("points.csv"), null, _diagnostics);

        Assert.Equal(3, layer.Cells.Count);
        Assert.Empty(layer.Footprints);
    }

    [Fact]
    public void Read_Tsv_Points()
    {
        var layer = PopulationFile.Read(TestData.PopulationVector("tab-xy.tsv"), null, _diagnostics);

        Assert.Equal(30.25, layer.InputPopulation);
    }

    [Fact]
    public void Read_GeoJsonPoints_Points()
    {
        var layer = PopulationFile.Read(TestData.PopulationVector("points.geojson"), null, _diagnostics);

        Assert.Equal(3, layer.Cells.Count);
        Assert.All(layer.Cells, c => Assert.Equal(-1, c.Footprint));
    }

    [Fact]
    public void Read_GeoJsonPolygons_SpreadWithFootprints()
    {
        var layer = PopulationFile.Read(TestData.PopulationVector("polygons.geojson"), new PopulationFileOptions { SampleSpacingM = 150 }, _diagnostics);

        Assert.Equal(2312.5, layer.CellPopulation, 1e-6);
        Assert.Equal(layer.Cells.Count, layer.Footprints.Count);
        Assert.Equal(4, layer.Cells.Count(c => c.Id.StartsWith("sq-300#", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_JsonExtension_DecidedByGeometry()
    {
        var layer = PopulationFile.Read(Copy("polygons.geojson", "polygons.json"), null, _diagnostics);

        Assert.Equal(2312.5, layer.CellPopulation, 1e-6);
    }

    [Fact]
    public void Read_UnknownExtension_SniffsContent()
    {
        var json = PopulationFile.Read(Copy("points.geojson", "points.data"), null, _diagnostics);
        var csv = PopulationFile.Read(Copy("points.csv", "points.data2"), null, _diagnostics);

        Assert.Equal(3, json.Cells.Count);
        Assert.Equal(3, csv.Cells.Count);
    }

    [Fact]
    public void Read_GeoJsonWithLinesOnly_WrongGeometryType()
    {
        string path = TestData.PopulationVector("lines-only.geojson");

        var ex = Assert.Throws<InputDataException>(() => PopulationFile.Read(path, null, _diagnostics));

        Assert.Equal($"{path}: population features must be Points or Polygons/MultiPolygons, but it holds 1 LineString", ex.Message);
    }

    [Fact]
    public void Read_GeoPackagePoints_Points()
    {
        string path = _folder.File("points.gpkg");
        TestGeoPackage.Write(path, new TestGeoPackage.Layer("people", 32632, "POINT", ["id", "population"],
        [
            (new Point(373139.337, 4844024.125), ["a", 3L]),
            (new Point(373239.337, 4844024.125), ["b", 0L]),
        ]));

        var layer = PopulationFile.Read(path, null, _diagnostics);

        var cell = Assert.Single(layer.Cells);
        Assert.Equal("a", cell.Id);
        Assert.Equal(43.7384, cell.Lat, 1e-6);
        Assert.Equal(7.4246, cell.Lon, 1e-6);
        Assert.Equal(-1, cell.Footprint);
    }

    [Fact]
    public void Read_ZippedGeoPackage_Polygons()
    {
        var layer = PopulationFile.Read(TestData.Shared("sao-paulo-hexgrid-EPSG32723.gpkg.zip"), null, _diagnostics);

        Assert.Equal(517_570, layer.CellPopulation, 1e-6);
        Assert.Equal(layer.Cells.Count, layer.Footprints.Count);
    }

    [Fact]
    public void Read_GeoTiff_DispatchedToTheRasterReader()
    {
        var layer = PopulationFile.Read(TestData.Shared("helsinki-population-2020-250m-EPSG3879.tif"), null, _diagnostics);

        Assert.Equal(71_724, layer.InputPopulation, 1e-6);
        Assert.Equal(layer.Cells.Count, layer.Footprints.Count);
    }

    [Fact]
    public void Read_AsciiGrid_DispatchedWithTheEpsgOption()
    {
        string path = _folder.File("grid.asc");
        File.WriteAllText(path, "ncols 2\nnrows 1\nxllcorner 9.50\nyllcorner 47.10\ncellsize 0.01\n1 2\n");

        var layer = PopulationFile.Read(path, new PopulationFileOptions { Epsg = 4326 }, _diagnostics);

        Assert.Equal(3, layer.InputPopulation);
        Assert.All(layer.Cells, c => Assert.InRange(c.Lon, 9.50, 9.52));
    }

    [Fact]
    public void Read_MissingFileOrFolder_Refused()
    {
        string missing = _folder.File("nothing.csv");

        var missingEx = Assert.Throws<InputDataException>(() => PopulationFile.Read(missing, null, _diagnostics));
        var folderEx = Assert.Throws<InputDataException>(() => PopulationFile.Read(_folder.Path, null, _diagnostics));

        Assert.Equal($"{missing}: population file not found", missingEx.Message);
        Assert.Contains("is a folder", folderEx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinaryWithUnknownExtension_Refused()
    {
        string path = _folder.File("blob.bin");
        File.WriteAllBytes(path, [1, 2, 0, 4, 5, 0, 7]);

        var ex = Assert.Throws<InputDataException>(() => PopulationFile.Read(path, null, _diagnostics));

        Assert.Contains("is not a population file this tool can read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults()
    {
        var options = new PopulationFileOptions();

        Assert.Equal("population", options.PopulationField);
        Assert.Null(options.IdField);
        Assert.Null(options.Layer);
        Assert.Equal(100, options.SampleSpacingM);
    }
}
