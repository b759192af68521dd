namespace EmsCoverage.Geo.Population;

/// <summary>Diagnostic codes of the population raster readers (GeoTIFF, ESRI ASCII grid).</summary>
internal static class RasterDiagnosticCodes
{
    /// <summary>Info: what was read (size, coordinate system, cells with people, zero and no-data cells, total).</summary>
    public const string Summary = "raster-read";

    /// <summary>Warning: the raster holds no cell with people.</summary>
    public const string NoPopulation = "raster-no-population";

    /// <summary>Info: the raster is PixelIsPoint, so coordinates were shifted half a cell to mean cell centres.</summary>
    public const string PixelIsPoint = "raster-pixel-is-point";

    /// <summary>Warning: the raster's datum is not WGS84-compatible and was taken as WGS84 without a shift.</summary>
    public const string DatumNotShifted = "raster-datum-not-shifted";

    /// <summary>Info: an ASCII grid has no <c>.prj</c> and no code was given, so WGS84 was assumed.</summary>
    public const string CrsAssumed = "raster-crs-assumed";

    /// <summary>Info: an explicit EPSG code overrode the <c>.prj</c> beside an ASCII grid.</summary>
    public const string PrjIgnored = "raster-prj-ignored";
}
