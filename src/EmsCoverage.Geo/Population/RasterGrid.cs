namespace EmsCoverage.Geo.Population;

/// <summary>
/// A north-up raster's cell layout in its own coordinate system. Row 0 is the top (north) row, column 0 the left
/// (west) column; cell (row, col) covers x from <c>OriginX + col·PixelSizeX</c> to <c>OriginX + (col+1)·PixelSizeX</c>
/// and y from <c>OriginY − (row+1)·PixelSizeY</c> to <c>OriginY − row·PixelSizeY</c>.
/// </summary>
/// <param name="Width">Number of columns, at least 1.</param>
/// <param name="Height">Number of rows, at least 1.</param>
/// <param name="OriginX">x of the outer top-left corner (the west edge).</param>
/// <param name="OriginY">y of the outer top-left corner (the north edge).</param>
/// <param name="PixelSizeX">Cell width in x units, positive.</param>
/// <param name="PixelSizeY">Cell height in y units, positive for north-up rasters (y decreases downwards).</param>
internal readonly record struct RasterGrid(int Width, int Height, double OriginX, double OriginY, double PixelSizeX, double PixelSizeY)
{
    /// <summary>Most cells a population raster may have (a country at 100 m is far below this).</summary>
    public const long MaxCells = 200_000_000;

    /// <summary>Number of cells.</summary>
    public long CellCount => (long)Width * Height;

    /// <summary>x of a column edge; <paramref name="col"/> may be <see cref="Width"/> for the east edge.</summary>
    public double EdgeX(int col) => OriginX + (col * PixelSizeX);

    /// <summary>y of a row edge; <paramref name="row"/> may be <see cref="Height"/> for the south edge.</summary>
    public double EdgeY(int row) => OriginY - (row * PixelSizeY);

    /// <summary>x of a cell centre.</summary>
    public double CentreX(int col) => OriginX + ((col + 0.5) * PixelSizeX);

    /// <summary>y of a cell centre.</summary>
    public double CentreY(int row) => OriginY - ((row + 0.5) * PixelSizeY);
}
