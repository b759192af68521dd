namespace EmsCoverage.Population;

/// <summary>
/// A place where people live, with how many: one raster cell, one hexagon, one sample point of a polygon, or one
/// building. Coverage is computed per demand cell at its representative point.
/// </summary>
/// <param name="Id">Stable identifier within its layer (e.g. <c>r12c7</c>, an H3 index, <c>way-123#2</c>).</param>
/// <param name="Lat">Latitude of the representative point, WGS84 degrees.</param>
/// <param name="Lon">Longitude of the representative point, WGS84 degrees.</param>
/// <param name="Population">People at this cell (zero or more; fractional where a source spreads people).</param>
/// <param name="Footprint">Index into <see cref="DemandLayer.Footprints"/> of the area this cell stands for, or -1
/// when it is a bare point.</param>
public sealed record DemandCell(string Id, double Lat, double Lon, double Population, int Footprint = -1);

/// <summary>
/// Footprint of a demand cell as a simple polygon ring in WGS84 degrees (first point not repeated at the end),
/// used to draw gap areas. Holes are not kept.
/// </summary>
/// <param name="Lat">Latitudes of the ring's points.</param>
/// <param name="Lon">Longitudes of the ring's points.</param>
public sealed record CellFootprint(double[] Lat, double[] Lon);

/// <summary>A population layer turned into demand cells, with what was read.</summary>
public sealed class DemandLayer
{
    /// <summary>Creates a layer.</summary>
    /// <param name="sourceName">File name (or description) of the source, for reports.</param>
    /// <param name="cells">The demand cells.</param>
    /// <param name="footprints">Areas that cells refer to through <see cref="DemandCell.Footprint"/> (may be empty).</param>
    /// <param name="inputPopulation">Total population the source held, before any spreading; the cells add up to it.</param>
    public DemandLayer(string sourceName, IReadOnlyList<DemandCell> cells, IReadOnlyList<CellFootprint> footprints, double inputPopulation)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(footprints);
        SourceName = sourceName;
        Cells = cells;
        Footprints = footprints;
        InputPopulation = inputPopulation;
    }

    /// <summary>File name or description of the source.</summary>
    public string SourceName { get; }

    /// <summary>The demand cells.</summary>
    public IReadOnlyList<DemandCell> Cells { get; }

    /// <summary>Areas the cells stand for; <see cref="DemandCell.Footprint"/> indexes this list.</summary>
    public IReadOnlyList<CellFootprint> Footprints { get; }

    /// <summary>Total population in the source as read; equal to the sum over <see cref="Cells"/> up to rounding.</summary>
    public double InputPopulation { get; }

    /// <summary>Sum of the cells' population.</summary>
    public double CellPopulation
    {
        get
        {
            double sum = 0;
            foreach (var c in Cells)
            {
                sum += c.Population;
            }

            return sum;
        }
    }
}
