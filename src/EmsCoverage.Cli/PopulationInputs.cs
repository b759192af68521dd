using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Geo.Zones;
using EmsCoverage.Osm.Population;
using EmsCoverage.Population;

namespace EmsCoverage.Cli;

/// <summary>Reads a run's population layer and puts each demand cell in its zone.</summary>
internal static class PopulationInputs
{
    /// <summary>The demand cells, how they were made (in words), and each cell's zone index (-1: outside every zone).</summary>
    public static (DemandLayer Layer, string Description, int[] CellZone) Load(RunConfig config, LoadedNetwork loaded,
        DiagnosticBag diagnostics, TextWriter stderr)
    {
        DemandLayer layer;
        string description;
        IReadOnlyList<OsmAdminArea>? areas = null;
        if (config.PopulationSource == "osm")
        {
            stderr.WriteLine($"Population from {Path.GetFileName(config.PopulationPath)}: admin areas (level {config.AdminLevel}) spread over residential buildings...");
            var result = OsmPopulation.Read(config.PopulationPath, new OsmPopulationOptions { AdminLevel = config.AdminLevel, GridSizeM = config.GridM });
            Merge(result.Diagnostics, diagnostics);
            layer = result.Layer;
            areas = result.Areas;
            int counted = result.Placements.Count(p => p.Method is OsmPlacementMethod.Buildings or OsmPlacementMethod.ResidentialLanduse or OsmPlacementMethod.Point);
            description = FormattableString.Invariant(
                $"OSM: {layer.InputPopulation:N0} people of {counted} admin areas (level {config.AdminLevel}) spread over residential buildings, in {config.GridM:0} m squares");
            if (result.PopulationNotPlaced > 0)
            {
                diagnostics.Add("population-not-placed", DiagnosticSeverity.Warning, FormattableString.Invariant(
                    $"{result.PopulationNotPlaced:N0} people of areas whose boundary is incomplete in the extract could not be placed and are not counted"));
            }
        }
        else
        {
            layer = PopulationFile.Read(config.PopulationPath,
                new PopulationFileOptions { PopulationField = config.PopulationField, SampleSpacingM = config.GridM }, diagnostics);
            description = FormattableString.Invariant($"{Path.GetFileName(config.PopulationPath)}: {layer.InputPopulation:N0} people in {layer.Cells.Count:N0} cells");
        }

        if (layer.Cells.Count == 0 || layer.InputPopulation <= 0)
        {
            throw new InputDataException(config.PopulationPath, $"{config.PopulationPath}: the population layer holds nobody; check the population field and the area it covers.");
        }

        var zoneTests = new List<Func<double, double, bool>>();
        foreach (var zone in config.Zones)
        {
            zoneTests.Add(zone.Path is null ? OsmZone(config, zone, ref areas, diagnostics) : FileZone(zone, diagnostics));
        }

        var cellZone = new int[layer.Cells.Count];
        int overlapping = 0;
        for (int i = 0; i < cellZone.Length; i++)
        {
            var cell = layer.Cells[i];
            cellZone[i] = -1;
            for (int z = 0; z < zoneTests.Count; z++)
            {
                if (zoneTests[z](cell.Lat, cell.Lon))
                {
                    if (cellZone[i] >= 0)
                    {
                        overlapping++;
                        break;
                    }

                    cellZone[i] = z;
                }
            }
        }

        if (overlapping > 0)
        {
            diagnostics.Add("zones-overlap", DiagnosticSeverity.Warning,
                $"{overlapping} demand cells lie in more than one zone; each counts in the first of them in the configuration's order");
        }

        return (layer, description, cellZone);
    }

    private static Func<double, double, bool> OsmZone(RunConfig config, ZoneConfig zone, ref IReadOnlyList<OsmAdminArea>? areas, DiagnosticBag diagnostics)
    {
        if (areas is null)
        {
            var bag = new DiagnosticBag();
            areas = OsmAdminAreas.Read(config.NetworkPath, config.AdminLevel, bag);
            Merge(bag, diagnostics);
        }

        if (!OsmZoneBuilder.TryFromAreas(areas, zone.OsmAreas, out var osmZone, out string? error))
        {
            throw new InputDataException(config.ConfigPath, $"{config.ConfigPath}: zone '{zone.Name}': {error}");
        }

        return osmZone.Contains;
    }

    private static Func<double, double, bool> FileZone(ZoneConfig zone, DiagnosticBag diagnostics)
    {
        var features = ZoneLayer.Read(zone.Path!, new ZoneLayerOptions { NameField = zone.NameField }, diagnostics);
        var chosen = zone.Feature is null ? features : features.Where(f => string.Equals(f.Name, zone.Feature, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            throw new InputDataException(zone.Path!,
                $"{zone.Path}: no feature with {zone.NameField} = '{zone.Feature}' for zone '{zone.Name}'; the file has: {string.Join(", ", features.Select(f => f.Name).Distinct().Take(20))}");
        }

        var assigner = new ZoneAssigner(chosen);
        return (lat, lon) => assigner.ZoneOf(lat, lon) != ZoneAssigner.NoZone;
    }

    private static void Merge(DiagnosticBag from, DiagnosticBag into)
    {
        foreach (var d in from.Items)
        {
            into.Add(d);
        }
    }
}
