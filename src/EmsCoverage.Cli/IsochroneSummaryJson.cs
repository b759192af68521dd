using System.Text.Json;
using EmsCoverage.Geo.Isochrones;

using static EmsCoverage.Cli.ReportFormat;

namespace EmsCoverage.Cli;

/// <summary>
/// <c>emscov isochrones -o file --json</c>: one JSON document on stdout (schema <c>emscov-isochrones-summary/1</c>,
/// docs/schemas/isochrones-summary.schema.json) saying what was drawn and written: one entry per area with its
/// break, base, area and people inside.
/// </summary>
internal static class IsochroneSummaryJson
{
    public const string Schema = "emscov-isochrones-summary/1";

    /// <param name="output">Where the document goes (stdout).</param>
    /// <param name="polygons">The areas written.</param>
    /// <param name="bases">The bases, indexed by <see cref="IsochronePolygon.Base"/>.</param>
    /// <param name="members">The top-level members of the GeoJSON file (attribution, mode, breaks, …), repeated here.</param>
    /// <param name="file">The GeoJSON file written.</param>
    public static void Write(TextWriter output, IReadOnlyList<IsochronePolygon> polygons, IReadOnlyList<IsochroneBase> bases,
        IReadOnlyDictionary<string, object?> members, string file)
    {
        var summary = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["schema"] = Schema,
            ["file"] = file,
            ["bases"] = bases.Select(b => new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["id"] = b.Id, ["name"] = b.Name }).ToArray(),
            ["areas"] = polygons.OrderBy(p => p.Break).ThenBy(p => p.Base ?? -1).Select(p => new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["break_min"] = p.Break.TotalMinutes,
                ["base_id"] = p.Base is int b ? bases[b].Id : null,
                ["area_km2"] = Round(p.AreaKm2, 4),
                ["population"] = p.Population is double pop ? Round(pop, 1) : null,
            }).ToArray(),
        };
        foreach (var (key, value) in members)
        {
            if (key != "name")
            {
                summary[key] = value;
            }
        }

        output.Write(JsonSerializer.Serialize(summary, CompactJson));
        output.Write('\n');
    }
}
