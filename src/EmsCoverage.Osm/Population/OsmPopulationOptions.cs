namespace EmsCoverage.Osm.Population;

/// <summary>How <see cref="OsmPopulation"/> finds areas and spreads their people.</summary>
public sealed record OsmPopulationOptions
{
    /// <summary>The defaults: municipalities (admin_level 8), 100 m squares, buildings of 20 m² or more, levels used.</summary>
    public static OsmPopulationOptions Default { get; } = new();

    /// <summary>The <c>admin_level</c> of the areas whose populations are spread (1–12; 8 = municipalities in most
    /// of Europe).</summary>
    public int AdminLevel { get; init; } = 8;

    /// <summary>Side of the grid squares that buildings are aggregated into, metres (greater than 0, at most 10 km).</summary>
    public double GridSizeM { get; init; } = 100;

    /// <summary>
    /// Latitude (degrees) where the grid's squares are exactly <see cref="GridSizeM"/> wide; null (default) = the
    /// middle latitude of the areas with population, rounded to 0.1° so that extracts of the same region share
    /// square ids.
    /// </summary>
    public double? GridReferenceLatitude { get; init; }

    /// <summary>Buildings with a smaller footprint (square metres) are ignored: garden sheds and kiosks tagged
    /// <c>building=yes</c>. 0 keeps all.</summary>
    public double MinBuildingAreaM2 { get; init; } = 20;

    /// <summary>Weight buildings by floor area (footprint × <c>building:levels</c>) rather than footprint alone.</summary>
    public bool UseBuildingLevels { get; init; } = true;

    /// <summary>
    /// Ignore generic buildings (<c>building=yes</c>) that stand on non-residential land: <c>landuse</c> industrial,
    /// commercial, retail, railway, military, garages, depot, port, quarry, landfill; school, college, university
    /// and hospital grounds; aerodromes.
    /// </summary>
    public bool ExcludeBuildingsOnNonResidentialLand { get; init; } = true;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AdminLevel, 1, nameof(AdminLevel));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AdminLevel, 12, nameof(AdminLevel));
        if (!(GridSizeM > 0 && GridSizeM <= 10_000))
        {
            throw new ArgumentOutOfRangeException(nameof(GridSizeM), GridSizeM, "The grid size must be greater than 0 and at most 10,000 m.");
        }

        if (GridReferenceLatitude is double lat && !(lat > -85 && lat < 85))
        {
            throw new ArgumentOutOfRangeException(nameof(GridReferenceLatitude), lat, "The grid reference latitude must lie between -85 and 85 degrees.");
        }

        if (!(MinBuildingAreaM2 >= 0) || double.IsInfinity(MinBuildingAreaM2))
        {
            throw new ArgumentOutOfRangeException(nameof(MinBuildingAreaM2), MinBuildingAreaM2, "The minimum building area must be 0 or more square metres.");
        }
    }
}
