using EmsCoverage.Geo.Output;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>Writes isochrone polygons as a GeoPackage layer (WGS84, one MultiPolygon feature per area).</summary>
public static class IsochroneGeoPackage
{
    /// <summary>Name of the layer written.</summary>
    public const string LayerName = "isochrones";

    /// <summary>
    /// The layer: <c>break_min</c>, then (when <paramref name="withBases"/>, for per-base and partition areas)
    /// <c>base</c> and <c>base_name</c>, then <c>area_km2</c> and <c>population</c> (NULL when no population layer was
    /// given).
    /// </summary>
    /// <param name="withBases">Whether the areas belong to single bases.</param>
    /// <param name="description">What the layer shows, in words.</param>
    public static GeoPackageLayer Layer(bool withBases, string description)
    {
        var columns = new List<GeoPackageColumn> { new("break_min", GeoPackageColumnType.Real) };
        if (withBases)
        {
            columns.Add(new("base", GeoPackageColumnType.Text));
            columns.Add(new("base_name", GeoPackageColumnType.Text));
        }

        columns.Add(new("area_km2", GeoPackageColumnType.Real));
        columns.Add(new("population", GeoPackageColumnType.Real));
        return new GeoPackageLayer(LayerName, GeoPackageGeometryType.MultiPolygon, columns, description);
    }

    /// <summary>
    /// Adds the <see cref="LayerName"/> layer to <paramref name="gpkg"/> with one feature per non-empty polygon, in the
    /// given order (a GeoPackage feature needs a shape: empty areas, reached by nothing, are left out).
    /// </summary>
    /// <param name="gpkg">The GeoPackage being written.</param>
    /// <param name="polygons">The polygons (see <see cref="IsochroneBuilder"/>).</param>
    /// <param name="bases">Names of the bases by source index, for per-base and partition areas; null leaves the base
    /// columns out (union areas).</param>
    /// <param name="description">What the layer shows, in words.</param>
    /// <returns>The number of features written.</returns>
    public static int AddLayer(GeoPackageWriter gpkg, IReadOnlyList<IsochronePolygon> polygons, IReadOnlyList<IsochroneBase>? bases,
        string description)
    {
        ArgumentNullException.ThrowIfNull(gpkg);
        ArgumentNullException.ThrowIfNull(polygons);
        var layer = gpkg.AddLayer(Layer(bases is not null, description));
        foreach (var p in polygons)
        {
            if (p.Area.IsEmpty)
            {
                continue;
            }

            var values = new List<object?> { p.Break.TotalMinutes };
            if (bases is not null)
            {
                values.Add(p.Base is int b ? bases[b].Id : null);
                values.Add(p.Base is int c ? bases[c].Name : null);
            }

            values.Add(Math.Round(p.AreaKm2, 4));
            values.Add(p.Population is double people ? Math.Round(people, 1) : null);
            layer.Add(p.Area, values);
        }

        return layer.Count;
    }

    /// <summary>Writes a new GeoPackage at <paramref name="path"/> (which must not exist yet) holding the
    /// <see cref="LayerName"/> layer.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="polygons">The polygons.</param>
    /// <param name="bases">Names of the bases by source index, or null for union areas.</param>
    /// <param name="provenance">Attribution, data date and metadata rows (e.g. breaks, tolerance, access leg).</param>
    /// <returns>The number of features written.</returns>
    public static int Write(string path, IReadOnlyList<IsochronePolygon> polygons, IReadOnlyList<IsochroneBase>? bases,
        GeoPackageProvenance provenance)
    {
        using var gpkg = new GeoPackageWriter(path, provenance);
        int count = AddLayer(gpkg, polygons, bases,
            bases is null
                ? "Areas reached from any base within each break (minutes), with their area and the people inside"
                : "Areas of each base within each break (minutes), with their area and the people inside");
        gpkg.Finish();
        return count;
    }
}
