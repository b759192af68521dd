using EmsCoverage.Osm;
using Tomlyn.Model;

namespace EmsCoverage.Cli;

/// <summary>A care standard: patients needing <paramref name="Capability"/> reach a capable hospital within <paramref name="StandardMs"/>.</summary>
/// <param name="Capability">Capability name (e.g. <c>chest_pain</c>).</param>
/// <param name="StandardMs">Call to arrival at a capable hospital, in ms.</param>
internal sealed record CareStandard(string Capability, int StandardMs);

/// <summary>The run configuration's <c>[care]</c> table: definitive care (time to a capable hospital).</summary>
/// <param name="HospitalsPath">Hospitals with capabilities (CSV, GeoJSON or an OSM extract).</param>
/// <param name="OnSceneMs">Time with the patient before leaving for hospital, in ms.</param>
/// <param name="Standards">Care standards, one per capability, in config order.</param>
/// <param name="TargetShare">Share of people that must be within each care standard (0–1).</param>
internal sealed record CareConfig(string HospitalsPath, int OnSceneMs, IReadOnlyList<CareStandard> Standards, double TargetShare);

/// <summary>Reads the <c>[travel]</c> and <c>[care]</c> tables of a run configuration.</summary>
internal static class RunConfigTravel
{
    private static readonly string[] TravelKeys = ["time_band", "congestion_zones", "compare_bands"];
    private static readonly string[] CareKeys = ["hospitals", "on_scene_min", "standards_min", "target_percent"];

    public static TravelConfig ReadTravel(TomlWalker r, TomlTable root, Func<string, string> resolve)
    {
        if (!root.ContainsKey("travel"))
        {
            return TravelConfig.None;
        }

        var travel = r.RequireTable(root, "travel", string.Empty);
        r.CheckKeys(travel, "travel", TravelKeys);
        string? zones = r.OptionalString(travel, "congestion_zones", "travel");
        string[] compare = travel.ContainsKey("compare_bands") ? r.RequireStringArray(travel, "compare_bands", "travel") : [];
        return new TravelConfig(r.OptionalString(travel, "time_band", "travel"), zones is null ? null : resolve(zones), compare);
    }

    public static CareConfig? ReadCare(TomlWalker r, TomlTable root, Func<string, string> resolve, double defaultTarget)
    {
        if (!root.ContainsKey("care"))
        {
            return null;
        }

        var care = r.RequireTable(root, "care", string.Empty);
        r.CheckKeys(care, "care", CareKeys);
        string hospitals = resolve(r.RequireString(care, "hospitals", "care"));
        double onSceneMin = r.OptionalNumber(care, "on_scene_min", "care", 0, 240) ?? 0;
        var table = r.RequireTable(care, "standards_min", "care");
        var standards = new List<CareStandard>();
        foreach (var entry in table)
        {
            double minutes = r.RequireNumber(table, entry.Key, "care.standards_min", 1, 24 * 60);
            if (!entry.Key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                throw r.Error($"'care.standards_min.{entry.Key}': a capability is snake_case, e.g. chest_pain");
            }

            standards.Add(new CareStandard(entry.Key, (int)Math.Round(minutes * 60_000)));
        }

        if (standards.Count == 0)
        {
            throw r.Error("'care.standards_min' lists no capability (e.g. standards_min = { chest_pain = 120 })");
        }

        double target = (r.OptionalNumber(care, "target_percent", "care", 0, 100) ?? defaultTarget * 100) / 100;
        return new CareConfig(hospitals, (int)Math.Round(onSceneMin * 60_000), standards, target);
    }
}
