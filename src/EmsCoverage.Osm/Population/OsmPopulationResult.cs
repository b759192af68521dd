using EmsCoverage.Diagnostics;
using EmsCoverage.Population;

namespace EmsCoverage.Osm.Population;

/// <summary>How an area's population was placed.</summary>
public enum OsmPlacementMethod
{
    /// <summary>The area has no population (or 0); nothing placed.</summary>
    NoPopulation,

    /// <summary>The area has a population but no usable geometry (incomplete boundary); not placed.</summary>
    NotPlaced,

    /// <summary>Spread over residential buildings by floor area.</summary>
    Buildings,

    /// <summary>No residential building: spread over <c>landuse=residential</c> polygons by area.</summary>
    ResidentialLanduse,

    /// <summary>Neither buildings nor residential landuse: placed at one point (the place node, else a point inside).</summary>
    Point,
}

/// <summary>What happened to one area's population.</summary>
/// <param name="Area">The area.</param>
/// <param name="Method">How its population was placed.</param>
/// <param name="Population">People placed in cells (0 unless <paramref name="Method"/> is Buildings, ResidentialLanduse or Point).</param>
/// <param name="Buildings">Residential buildings used (0 unless placed on buildings).</param>
/// <param name="WeightM2">Sum of the weights spread over: floor area of the buildings (m², footprint × levels), or
/// residential land area (m²); 0 for a point.</param>
/// <param name="FirstCell">Index in <see cref="DemandLayer.Cells"/> of the area's first cell; its cells are
/// contiguous.</param>
/// <param name="CellCount">Number of cells of the area.</param>
public sealed record OsmAreaPlacement(OsmAdminArea Area, OsmPlacementMethod Method, double Population, int Buildings, double WeightM2,
    int FirstCell, int CellCount);

/// <summary>A population layer read from OSM administrative areas and buildings.</summary>
public sealed class OsmPopulationResult
{
    internal OsmPopulationResult(DemandLayer layer, IReadOnlyList<OsmAdminArea> areas, IReadOnlyList<OsmAreaPlacement> placements,
        DiagnosticBag diagnostics, double populationNotPlaced, double populationWithoutBuildings, double gridSizeM, double gridReferenceLatitude)
    {
        Layer = layer;
        Areas = areas;
        Placements = placements;
        Diagnostics = diagnostics;
        PopulationNotPlaced = populationNotPlaced;
        PopulationWithoutBuildings = populationWithoutBuildings;
        GridSizeM = gridSizeM;
        GridReferenceLatitude = gridReferenceLatitude;
    }

    /// <summary>
    /// The demand cells: one per non-empty grid square per area, id <c>{area}/{i},{j}</c>, ordered by area then
    /// square. <see cref="DemandLayer.InputPopulation"/> is the placed population, which the cells add up to; people
    /// of areas that could not be placed are in <see cref="PopulationNotPlaced"/>, not in the layer.
    /// </summary>
    public DemandLayer Layer { get; }

    /// <summary>All areas of the level read, complete or not, with or without population, ordered by name then
    /// relation id.</summary>
    public IReadOnlyList<OsmAdminArea> Areas { get; }

    /// <summary>One entry per area, in the order of <see cref="Areas"/>.</summary>
    public IReadOnlyList<OsmAreaPlacement> Placements { get; }

    /// <summary>Incomplete boundaries, missing or unreadable populations, sub-places not counted, fallbacks used,
    /// buildings left out.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>People placed in cells (the sum of the populations of the placed areas).</summary>
    public double PlacedPopulation => Layer.InputPopulation;

    /// <summary>People of areas that have a population but no usable geometry (incomplete boundary); not in the
    /// cells.</summary>
    public double PopulationNotPlaced { get; }

    /// <summary>People placed without buildings: on residential landuse or at a single point.</summary>
    public double PopulationWithoutBuildings { get; }

    /// <summary>Side of the grid squares, metres.</summary>
    public double GridSizeM { get; }

    /// <summary>Latitude (degrees) at which the squares are exactly <see cref="GridSizeM"/> wide.</summary>
    public double GridReferenceLatitude { get; }
}
