using EmsCoverage.Diagnostics;
using EmsCoverage.Osm;
using Tomlyn.Model;

namespace EmsCoverage.Cli;

/// <summary>A base added by a scenario.</summary>
internal sealed record SiteAddition(string Name, double Lon, double Lat, double? TurnoutS);

/// <summary>An existing base moved by a scenario.</summary>
internal sealed record SiteMove(string Id, double Lon, double Lat);

/// <summary>A base's turnout time changed by a scenario.</summary>
internal sealed record TurnoutChange(string Id, double TurnoutS);

/// <summary>A zone's response standard changed by a scenario (<c>default</c>: outside every zone).</summary>
internal sealed record StandardChange(string Zone, double StandardMin);

/// <summary>One scenario of a study: changes to the run's bases and standards.</summary>
internal sealed record ScenarioSpec(
    string Name,
    IReadOnlyList<SiteAddition> Add,
    IReadOnlyList<string> Remove,
    IReadOnlyList<SiteMove> Move,
    IReadOnlyList<TurnoutChange> Turnout,
    IReadOnlyList<StandardChange> Standards);

/// <summary>
/// A what-if study in TOML (see <c>data/demo/liechtenstein-whatif.toml</c> and docs/whatif.md): a run configuration
/// to start from (<c>base</c>, relative to the study file) and the scenarios. Unknown keys are errors.
/// </summary>
internal sealed record WhatIfStudy(string Path, string? Title, string BaseConfigPath, IReadOnlyList<ScenarioSpec> Scenarios)
{
    /// <summary>The zone name that stands for "outside every zone" in <c>standards</c>.</summary>
    public const string DefaultZoneKey = "default";

    private static readonly string[] RootKeys = ["title", "base", "scenarios"];
    private static readonly string[] ScenarioKeys = ["name", "add", "remove", "move", "turnout", "standards"];
    private static readonly string[] AddKeys = ["name", "lon", "lat", "turnout_s"];
    private static readonly string[] MoveKeys = ["id", "lon", "lat"];
    private static readonly string[] TurnoutKeys = ["id", "turnout_s"];
    private static readonly string[] StandardKeys = ["zone", "standard_min"];

    public static WhatIfStudy Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: file not found (the what-if study).");
        }

        TomlTable root = TomlWalker.ParseDocument(File.ReadAllBytes(path), path, "a TOML what-if study");
        var r = new TomlWalker(path);
        r.CheckKeys(root, string.Empty, RootKeys);
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string basePath = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, r.RequireString(root, "base", string.Empty)));
        if (!root.TryGetValue("scenarios", out object? value) || value is not TomlTableArray array || array.Count == 0)
        {
            throw r.Error(value is null
                ? "no scenarios: add at least one [[scenarios]] table with a name and the changes to try"
                : $"'scenarios' must be an array of tables ([[scenarios]]), found {TomlWalker.Describe(value)}");
        }

        var scenarios = new List<ScenarioSpec>();
        for (int i = 0; i < array.Count; i++)
        {
            var s = array[i];
            string context = $"scenarios[{i + 1}]";
            r.CheckKeys(s, context, ScenarioKeys);
            string name = r.RequireString(s, "name", context).Trim();
            if (name.Length == 0 || name.Equals("baseline", StringComparison.OrdinalIgnoreCase))
            {
                throw r.Error($"{context}.name must be a non-empty name other than \"baseline\"");
            }

            if (scenarios.Any(o => o.Name == name))
            {
                throw r.Error($"scenario '{name}' is defined twice");
            }

            var add = Tables(r, s, "add", context).Select((t, k) =>
            {
                string c = $"{context}.add[{k + 1}]";
                r.CheckKeys(t, c, AddKeys);
                return new SiteAddition(r.RequireString(t, "name", c), r.RequireNumber(t, "lon", c, -180, 180), r.RequireNumber(t, "lat", c, -90, 90),
                    r.OptionalNumber(t, "turnout_s", c, 0, 3600));
            }).ToList();
            var remove = s.ContainsKey("remove") ? r.RequireStringArray(s, "remove", context) : [];
            var move = Tables(r, s, "move", context).Select((t, k) =>
            {
                string c = $"{context}.move[{k + 1}]";
                r.CheckKeys(t, c, MoveKeys);
                return new SiteMove(r.RequireString(t, "id", c), r.RequireNumber(t, "lon", c, -180, 180), r.RequireNumber(t, "lat", c, -90, 90));
            }).ToList();
            var turnout = Tables(r, s, "turnout", context).Select((t, k) =>
            {
                string c = $"{context}.turnout[{k + 1}]";
                r.CheckKeys(t, c, TurnoutKeys);
                return new TurnoutChange(r.RequireString(t, "id", c), r.RequireNumber(t, "turnout_s", c, 0, 3600));
            }).ToList();
            var standards = Tables(r, s, "standards", context).Select((t, k) =>
            {
                string c = $"{context}.standards[{k + 1}]";
                r.CheckKeys(t, c, StandardKeys);
                double minutes = r.RequireNumber(t, "standard_min", c, 0, 24 * 60);
                return minutes > 0 ? new StandardChange(r.RequireString(t, "zone", c), minutes)
                    : throw r.Error($"{c}.standard_min = 0: a response standard must be more than 0 and at most 1440 minutes (24 h)");
            }).ToList();
            if (add.Count + remove.Length + move.Count + turnout.Count + standards.Count == 0)
            {
                throw r.Error($"scenario '{name}' changes nothing: give at least one of add, remove, move, turnout, standards");
            }

            scenarios.Add(new ScenarioSpec(name, add, remove, move, turnout, standards));
        }

        return new WhatIfStudy(path, r.OptionalString(root, "title", string.Empty), basePath, scenarios);
    }

    /// <summary>An array of tables written inline (<c>add = [{ … }]</c>) or as <c>[[scenarios.add]]</c>.</summary>
    private static List<TomlTable> Tables(TomlWalker r, TomlTable table, string key, string context)
    {
        if (!table.TryGetValue(key, out object? value))
        {
            return [];
        }

        if (value is TomlTableArray tables)
        {
            return [.. tables];
        }

        if (value is TomlArray array && array.All(x => x is TomlTable))
        {
            return [.. array.Cast<TomlTable>()];
        }

        throw r.Error($"{context}: '{key}' must be a list of tables such as {key} = [{{ … }}], found {TomlWalker.Describe(value)}");
    }
}
