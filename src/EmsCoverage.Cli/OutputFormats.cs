using System.Globalization;
using EmsCoverage.Geo;
using EmsCoverage.Geo.Gaps;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;

using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>
/// Which files a population run writes besides summary.json (<c>--format</c>): <c>geojson</c> (cells.geojson,
/// gaps.geojson), <c>csv</c> (cells.csv, bases.csv, gaps.csv), <c>gpkg</c> (coverage.gpkg), <c>shp</c>
/// (bases.shp.zip, cells.shp.zip, gaps.shp.zip), <c>report</c> (report.html, map.png, coverage-chart.png). Default:
/// geojson, csv, gpkg and report.
/// </summary>
internal sealed record OutputFormats(bool GeoJson, bool Csv, bool GeoPackage, bool Shapefile, bool Report)
{
    public const string Names = "geojson, csv, gpkg, shp, report";

    public static readonly OutputFormats Default = new(GeoJson: true, Csv: true, GeoPackage: true, Shapefile: false, Report: true);

    /// <summary>"gpkg,shp" (comma-separated, any order, case-insensitive; "all" for every one); null gives the default.</summary>
    public static OutputFormats Parse(string? text)
    {
        if (text is null)
        {
            return Default;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.ToLowerInvariant()).ToList();
        if (names.Count == 0)
        {
            throw new UsageException($"--format: give one or more of {Names} (example: --format gpkg,shp).");
        }

        foreach (string name in names)
        {
            if (name is not ("geojson" or "csv" or "gpkg" or "shp" or "report" or "all"))
            {
                string hint = name switch
                {
                    "shapefile" or "esri" => " (did you mean shp?)",
                    "geopackage" => " (did you mean gpkg?)",
                    "json" => " (did you mean geojson? --json prints the summary on stdout)",
                    "html" or "png" => " (did you mean report? it writes report.html, map.png and coverage-chart.png)",
                    _ => string.Empty,
                };
                throw new UsageException($"--format: '{name}' is not an output format; use {Names} or all{hint}.");
            }
        }

        bool all = names.Contains("all");
        return new OutputFormats(all || names.Contains("geojson"), all || names.Contains("csv"), all || names.Contains("gpkg"), all || names.Contains("shp"),
            all || names.Contains("report"));
    }

    /// <summary>The file names this selection writes, summary.json first (for the closing line of the text report).</summary>
    public IEnumerable<string> Files()
    {
        yield return "summary.json";
        if (Csv)
        {
            yield return "cells.csv";
            yield return "bases.csv";
            yield return "gaps.csv";
        }

        if (GeoJson)
        {
            yield return "cells.geojson";
            yield return "gaps.geojson";
        }

        if (GeoPackage)
        {
            yield return "coverage.gpkg";
        }

        if (Shapefile)
        {
            yield return "bases.shp.zip";
            yield return "cells.shp.zip";
            yield return "gaps.shp.zip";
        }

        if (Report)
        {
            foreach (string file in ReportOutputs.Files)
            {
                yield return file;
            }
        }
    }
}

/// <summary>The population run's layers as shapefiles and CSV tables (documented in docs/outputs.md).</summary>
internal static class PopulationGisOutputs
{
    /// <summary>Shapefile layers; field names are cut to 10 characters as the table in docs/outputs.md says.</summary>
    internal static class Layers
    {
        public static readonly ShapefileLayer Bases = new("bases", ShapeType.Point,
        [
            Text("id", "id"), Text("name", "name"), Real("turnout_s", "turnout_s"), Real("snap_dist", "snap_distance_m"),
            Real("pop_near", "population_nearest"), Real("pop_nr_cov", "population_nearest_and_covered"),
            Real("pop_lost", "population_lost_if_unavailable"),
        ]);

        private static readonly ShapefileField[] CellFields =
        [
            Text("cell", "cell"), Real("population", "population"), Text("zone", "zone"), Real("std_min", "standard_min"),
            Text("status", "status"), Real("best_min", "best_time_min"), Text("best_base", "best_base"),
            Real("sec_min", "second_time_min"), Text("sec_base", "second_base"),
        ];

        public static readonly ShapefileLayer Cells = new("cells", ShapeType.Polygon, CellFields);

        public static readonly ShapefileLayer CellPoints = new("cell_points", ShapeType.Point, CellFields);

        public static readonly ShapefileLayer Gaps = new("gaps", ShapeType.Polygon,
        [
            Integer("rank", "rank"), Real("population", "population"), Text("zone", "zone"), Integer("cells", "cells"),
            Real("best_min", "best_time_min"), Real("worst_min", "worst_time_min"), Real("unrch_pop", "unreachable_population"),
            Real("area_km2", "area_km2"),
        ]);

        private static ShapefileField Text(string name, string column) => new(name, column, ShapefileFieldType.Text);

        private static ShapefileField Real(string name, string column) => new(name, column, ShapefileFieldType.Real);

        private static ShapefileField Integer(string name, string column) => new(name, column, ShapefileFieldType.Integer);
    }

    /// <summary>Writes bases.shp.zip, cells.shp.zip (footprints), cell_points.shp.zip (bare points, only when any) and gaps.shp.zip.</summary>
    public static void WriteShapefiles(PopulationRun run, AtomicOutput output)
    {
        output.WriteBytes("bases.shp.zip", s => ShapefileOutput.WriteZip(s, Layers.Bases, Bases(run)));

        var footprints = new List<(Geometry, IReadOnlyList<object?>)>();
        var points = new List<(Geometry, IReadOnlyList<object?>)>();
        var factory = GeometryFactories.Wgs84;
        for (int i = 0; i < run.Layer.Cells.Count; i++)
        {
            var cell = run.Layer.Cells[i];
            var values = ByColumn(Layers.Cells, PopulationReports.CellProperties(run, i));
            var shape = cell.Footprint >= 0 ? GapAreas.CellShape(run.Layer, cell, 0, factory) : null;
            if (shape is { IsEmpty: false })
            {
                footprints.Add((shape, values));
            }
            else
            {
                points.Add((factory.CreatePoint(new Coordinate(cell.Lon, cell.Lat)), values));
            }
        }

        output.WriteBytes("cells.shp.zip", s => ShapefileOutput.WriteZip(s, Layers.Cells, footprints));
        if (points.Count > 0)
        {
            output.WriteBytes("cell_points.shp.zip", s => ShapefileOutput.WriteZip(s, Layers.CellPoints, points));
        }

        output.WriteBytes("gaps.shp.zip", s => ShapefileOutput.WriteZip(s, Layers.Gaps,
            run.Gaps.Select(g => ((Geometry)g.Area, (IReadOnlyList<object?>)ByColumn(Layers.Gaps, PopulationReports.Gap(g))))));
    }

    /// <summary>bases.csv: the bases used, as in summary.json, with their position.</summary>
    public static void WriteBasesCsv(PopulationRun run, TextWriter o)
    {
        o.Write("id,name,lon,lat,turnout_s,snap_distance_m,population_nearest,population_nearest_and_covered,population_lost_if_unavailable\n");
        var c = run.Coverage;
        for (int i = 0; i < run.UsedStations.Count; i++)
        {
            var p = run.UsedStations[i];
            o.Write(string.Create(Inv,
                $"{Csv(p.Station.Id)},{Csv(p.Station.Name)},{Round(p.Station.Lon, 7)},{Round(p.Station.Lat, 7)},{p.Station.TurnoutTime.TotalSeconds}," +
                $"{Round(p.Snap!.Value.DistanceM, 1)},{Round(c.ByBase[i].Nearest, 1)},{Round(c.ByBase[i].NearestAndCovered, 1)},{Round(c.ByBase[i].LostIfUnavailable, 1)}\n"));
        }
    }

    /// <summary>gaps.csv: one row per gap area in rank order, its centroid and its outline as WKT (WGS84 lon/lat).</summary>
    public static void WriteGapsCsv(PopulationRun run, TextWriter o)
    {
        o.Write("rank,population,zone,cells,best_time_min,worst_time_min,unreachable_population,area_km2,lon,lat,wkt\n");
        var wkt = new WKTWriter(2) { MaxCoordinatesPerLine = int.MaxValue };
        foreach (var g in run.Gaps)
        {
            var v = PopulationReports.Gap(g).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            o.Write(string.Join(',',
                Field(v["rank"]), Field(v["population"]), Csv((string)v["zone"]!), Field(v["cells"]), Field(v["best_time_min"]),
                Field(v["worst_time_min"]), Field(v["unreachable_population"]), Field(v["area_km2"]), Field(v["lon"]), Field(v["lat"]),
                Csv(wkt.Write(g.Area))));
            o.Write('\n');
        }
    }

    private static IEnumerable<(Geometry, IReadOnlyList<object?>)> Bases(PopulationRun run)
    {
        var c = run.Coverage;
        for (int i = 0; i < run.UsedStations.Count; i++)
        {
            var p = run.UsedStations[i];
            yield return (GeometryFactories.Wgs84.CreatePoint(new Coordinate(p.Station.Lon, p.Station.Lat)),
            [
                p.Station.Id, p.Station.Name, p.Station.TurnoutTime.TotalSeconds, Round(p.Snap!.Value.DistanceM, 1),
                Round(c.ByBase[i].Nearest, 1), Round(c.ByBase[i].NearestAndCovered, 1), Round(c.ByBase[i].LostIfUnavailable, 1),
            ]);
        }
    }

    private static object?[] ByColumn(ShapefileLayer layer, List<KeyValuePair<string, object?>> properties)
    {
        var byName = properties.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return [.. layer.Fields.Select(f => byName[f.Column])];
    }

    private static string Field(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
