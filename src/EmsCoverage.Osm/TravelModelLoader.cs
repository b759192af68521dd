using System.Globalization;
using EmsCoverage.Graph;
using EmsCoverage.Travel;
using Tomlyn.Model;

namespace EmsCoverage.Osm;

/// <summary>
/// Reads the travel-model part of a profile: <c>[sirens]</c>, <c>[time_bands.NAME]</c> and <c>congestion_zones</c>.
/// All three are optional. Class keys in multiplier tables must be drivable classes of the profile's
/// <c>[highway]</c> table (or <c>default</c>); multipliers must be numbers in the allowed range.
/// </summary>
internal static class TravelModelLoader
{
    /// <summary>Smallest and largest speed multiplier a band or zone may give.</summary>
    internal const double MinMultiplier = 0.05;

    /// <summary>Largest band multiplier (speeds can rise at night, within the cap).</summary>
    internal const double MaxMultiplier = 3;

    /// <summary>Sirens factors: 1 (normal driving) to 2.</summary>
    internal const double MaxSirensFactor = 2;

    private static readonly string[] SirensKeys = ["max_kmh", "factors"];
    private static readonly string[] BandKeys = ["description", "multipliers"];

    public static (SirensSettings? Sirens, IReadOnlyList<TimeBand> Bands, string? CongestionZonesPath) Parse(
        TomlWalker r, TomlTable root, IEnumerable<string> highwayClasses, string profilePath)
    {
        var classes = highwayClasses.ToHashSet(StringComparer.Ordinal);
        SirensSettings? sirens = null;
        if (root.ContainsKey("sirens"))
        {
            TomlTable table = r.RequireTable(root, "sirens", string.Empty);
            r.CheckKeys(table, "sirens", SirensKeys);
            double maxKmh = r.RequireNumber(table, "max_kmh", "sirens", 1, 300);
            var (def, factors) = ClassTable(r, r.RequireTable(table, "factors", "sirens"), "sirens.factors", classes, 1, MaxSirensFactor);
            sirens = new SirensSettings(def, factors, maxKmh);
        }

        var bands = new List<TimeBand>();
        if (root.ContainsKey("time_bands"))
        {
            TomlTable table = r.RequireTable(root, "time_bands", string.Empty);
            foreach (KeyValuePair<string, object> entry in table)
            {
                string context = "time_bands." + entry.Key;
                if (!IsBandName(entry.Key))
                {
                    throw r.Error($"time band name '{entry.Key}' must be snake_case (lower-case letters, digits and _), e.g. morning_peak");
                }

                if (entry.Value is not TomlTable band)
                {
                    throw r.Error($"'{context}' must be a table such as [{context}] with multipliers = {{ default = 0.8 }}, found {TomlWalker.Describe(entry.Value)}");
                }

                r.CheckKeys(band, context, BandKeys);
                string? description = r.OptionalString(band, "description", context);
                var (def, multipliers) = ClassTable(r, r.RequireTable(band, "multipliers", context), context + ".multipliers", classes,
                    MinMultiplier, MaxMultiplier);
                bands.Add(new TimeBand(entry.Key, description, def, multipliers));
            }
        }

        string? zones = null;
        if (root.ContainsKey("congestion_zones"))
        {
            string given = r.RequireString(root, "congestion_zones", string.Empty);
            if (given.Length == 0)
            {
                throw r.Error("'congestion_zones' is empty: give the path of a GeoJSON file of polygons, or leave the key out");
            }

            string? folder = File.Exists(profilePath) ? Path.GetDirectoryName(Path.GetFullPath(profilePath)) : null;
            zones = folder is null ? given : Path.GetFullPath(Path.Combine(folder, given));
        }

        return (sirens, bands, zones);
    }

    private static (double Default, IReadOnlyDictionary<RoadClass, double> ByClass) ClassTable(
        TomlWalker r, TomlTable table, string context, HashSet<string> classes, double min, double max)
    {
        double def = 1;
        var byClass = new Dictionary<RoadClass, double>();
        foreach (KeyValuePair<string, object> entry in table)
        {
            double value = r.RequireNumber(table, entry.Key, context, min, max);
            if (entry.Key == "default")
            {
                def = value;
                continue;
            }

            if (!classes.Contains(entry.Key))
            {
                throw r.Error($"unknown road class '{context}.{entry.Key}': use 'default' or a class of the [highway] table " +
                    $"({string.Join(", ", classes.Order(StringComparer.Ordinal))})");
            }

            if (!RoadClasses.IsNamed(entry.Key))
            {
                throw r.Error($"'{context}.{entry.Key}': highway={entry.Key} has no road-class code of its own in prepared networks; " +
                    "its arcs follow 'default'");
            }

            byClass[RoadClasses.FromHighway(entry.Key)] = value;
        }

        return (def, byClass);
    }

    private static bool IsBandName(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && char.IsAsciiLetterLower(name[0]);

    internal static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
