namespace EmsCoverage.Osm.Population;

/// <summary>
/// Stable codes of the diagnostics the OSM population reader reports
/// (<see cref="EmsCoverage.Diagnostics.Diagnostic.Code"/>).
/// </summary>
public static class OsmPopulationDiagnosticCodes
{
    /// <summary>
    /// Warning: a boundary relation is incomplete in the extract (member ways or nodes missing, rings that do not
    /// close); it is not used for placing population or testing points.
    /// </summary>
    public const string AreaIncomplete = "admin-area-incomplete";

    /// <summary>Warning: a complete area has no population (no usable tag on the relation, its nodes or a place node
    /// of the same name inside); its buildings carry no one.</summary>
    public const string AreaNoPopulation = "admin-area-no-population";

    /// <summary>Warning: an area has a population but no usable geometry (incomplete boundary); those people are not
    /// placed and are reported in <see cref="OsmPopulationResult.PopulationNotPlaced"/>.</summary>
    public const string PopulationNotPlaced = "population-not-placed";

    /// <summary>Warning: a <c>population</c> value could not be read (e.g. <c>about 1000</c>); the next source was
    /// tried.</summary>
    public const string PopulationUnparsed = "population-unparsed";

    /// <summary>Info: two sources of an area's population disagree; the first in order (relation tag, label node,
    /// admin_centre node, place node) was used.</summary>
    public const string PopulationSourcesDiffer = "population-sources-differ";

    /// <summary>Info: a place node with a population lies inside an area that already has its population (a village
    /// inside a municipality); it is not counted again.</summary>
    public const string SubPlaceNotCounted = "sub-place-not-counted";

    /// <summary>Info: a place node with a population lies in no complete area with population of the level read; it
    /// is not counted.</summary>
    public const string PlaceOutsideAreas = "place-outside-areas";

    /// <summary>Info: an area with population has no residential buildings; its people were spread over
    /// <c>landuse=residential</c> polygons.</summary>
    public const string PlacedOnLanduse = "population-on-landuse";

    /// <summary>Warning: an area with population has neither residential buildings nor residential landuse; its
    /// people were placed at one point (its place node, or a point inside the area).</summary>
    public const string PlacedAtPoint = "population-at-point";

    /// <summary>Info (one summary per file): buildings not used to spread population, counted by reason.</summary>
    public const string BuildingsExcluded = "buildings-excluded";

    /// <summary>Info: a <c>building:levels</c> value could not be read or was out of range; 1 level was used.</summary>
    public const string BuildingLevelsUnparsed = "building-levels-unparsed";
}
