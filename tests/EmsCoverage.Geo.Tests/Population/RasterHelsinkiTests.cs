using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace EmsCoverage.Geo.Tests.Population;

/// <summary>
/// The real GeoTIFF: HSY's 2020 population grid for central Helsinki, 12 × 10 cells of 250 m in ETRS-GK25FIN
/// (EPSG:3879), Float32 DEFLATE, no-data −99999, made with gdal_rasterize from the EPSG:4326 GeoPackage next to it.
/// </summary>
public class RasterHelsinkiTests
{
    private static readonly Lazy<(DemandLayer Layer, DiagnosticBag Diagnostics)> Read = new(() =>
    {
        var diagnostics = new DiagnosticBag();
        return (GeoTiffPopulation.Read(TestData.Shared("helsinki-population-2020-250m-EPSG3879.tif"), diagnostics), diagnostics);
    });

    private static DemandLayer Layer => Read.Value.Layer;

    [Fact]
    public void Read_Has92CellsAnd71724People()
    {
        Assert.Equal(92, Layer.Cells.Count);
        Assert.Equal(92, Layer.Footprints.Count);
        Assert.Equal(71_724, Layer.InputPopulation);
        Assert.Equal(Layer.InputPopulation, Layer.CellPopulation, 1e-6);
        Assert.Equal("helsinki-population-2020-250m-EPSG3879.tif", Layer.SourceName);
        Assert.All(Layer.Cells, c => Assert.True(c.Population > 0 && c.Population == Math.Floor(c.Population), c.ToString()));
    }

    [Fact]
    public void Read_SummaryNamesTheSystemAndTheNoDataCells()
    {
        var summary = Assert.Single(Read.Value.Diagnostics.Items);

        Assert.Equal("raster-read", summary.Code);
        Assert.Contains("12×10 cells in EPSG:3879 (ETRS89 / GK25FIN); 92 with people, 0 with 0, 28 without data; 71,724 people",
            summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CellCentres_LieInCentralHelsinki()
    {
        // Pinned from this reader; the footprints' extent is checked against the GeoPackage below.
        Assert.Equal(60.155256, Layer.Cells.Min(c => c.Lat), 1e-6);
        Assert.Equal(60.175476, Layer.Cells.Max(c => c.Lat), 1e-6);
        Assert.Equal(24.907703, Layer.Cells.Min(c => c.Lon), 1e-6);
        Assert.Equal(24.957234, Layer.Cells.Max(c => c.Lon), 1e-6);
        Assert.All(Layer.Cells, c => Assert.True(c.Lat is > 60.15 and < 60.20 && c.Lon is > 24.9 and < 25.0, c.ToString()));
    }

    [Fact]
    public void Read_FirstCells_InRowOrder()
    {
        Assert.Equal(["r0c2", "r0c3", "r0c4", "r0c5", "r0c7"], Layer.Cells.Take(5).Select(c => c.Id));
        Assert.Equal([358, 2060, 1721, 789, 51], Layer.Cells.Take(5).Select(c => c.Population));
    }

    [Fact]
    public void Read_Footprints_Are250MetreSquares()
    {
        // Haversine uses the mean sphere, so a 250 m ellipsoidal edge at 60°N measures ~249.1 m east-west and
        // ~249.5 m north-south; 1 % covers that.
        foreach (var cell in Layer.Cells)
        {
            var ring = Layer.Footprints[cell.Footprint];
            Assert.Equal(4, ring.Lat.Length);
            for (int k = 0; k < 4; k++)
            {
                double edge = Geodesy.HaversineM(ring.Lat[k], ring.Lon[k], ring.Lat[(k + 1) % 4], ring.Lon[(k + 1) % 4]);
                Assert.True(edge is > 247.5 and < 252.5, $"{cell.Id}: edge {k} is {edge:F2} m");
            }

            double diagonal = Geodesy.HaversineM(ring.Lat[0], ring.Lon[0], ring.Lat[2], ring.Lon[2]);
            Assert.True(Math.Abs(diagonal - (250 * Math.Sqrt(2))) < 3.5, $"{cell.Id}: diagonal {diagonal:F2} m");
            Assert.True(Geodesy.HaversineM(cell.Lat, cell.Lon, ring.Lat.Average(), ring.Lon.Average()) < 0.01, $"{cell.Id}: centre off");
        }
    }

    [Fact]
    public void Read_MatchesTheSourceGeoPackageCellByCell()
    {
        // The GeoPackage holds the same 92 cells as EPSG:4326 polygons, projected by PROJ (r5py); each cell here must
        // have a polygon there with the same population and the same four corners (to a centimetre).
        var source = SourcePolygons();
        Assert.Equal(92, source.Count);
        Assert.Equal(71_724, source.Sum(p => p.Population));

        foreach (var cell in Layer.Cells)
        {
            var ring = Layer.Footprints[cell.Footprint];
            var match = source.Where(p => p.Polygon.Centroid.Coordinate.Distance(new Coordinate(cell.Lon, cell.Lat)) < 1e-4).ToList();
            var polygon = Assert.Single(match);
            Assert.Equal(polygon.Population, cell.Population);
            for (int k = 0; k < 4; k++)
            {
                double nearest = polygon.Polygon.Coordinates.Min(c => Geodesy.HaversineM(ring.Lat[k], ring.Lon[k], c.Y, c.X));
                Assert.True(nearest < 0.01, $"{cell.Id}: corner {k} is {nearest:F4} m from the GeoPackage's polygon");
            }
        }
    }

    private static List<(Geometry Polygon, double Population)> SourcePolygons()
    {
        var reader = new GeoPackageGeoReader();
        var result = new List<(Geometry, double)>();
        using var connection = new SqliteConnection($"Data Source={TestData.Shared("helsinki-population-grid-2020.gpkg")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT geom, population FROM population_grid_2020";
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            result.Add((reader.Read((byte[])rows[0]), rows.GetDouble(1)));
        }

        return result;
    }
}
