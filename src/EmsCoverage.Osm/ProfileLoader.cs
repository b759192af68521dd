using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace EmsCoverage.Osm;

/// <summary>
/// Reads an <see cref="AmbulanceProfile"/> from TOML bytes, rejecting unknown keys, missing keys and values of the
/// wrong type or range with an <see cref="InputDataException"/> that names the file and the key.
/// </summary>
/// <remarks>
/// Implementation note: the TOML is read into Tomlyn's untyped <see cref="TomlTable"/> model and walked by hand
/// instead of binding to classes, because binding would ignore unknown keys (or report them without the file
/// name) and Tomlyn 2.x keys are case-sensitive, so a typo such as <c>Max_kmh</c> must be caught here.
/// </remarks>
internal static class ProfileLoader
{
    /// <summary>The only <c>format_version</c> this build reads.</summary>
    internal const int FormatVersion = 1;

    private static readonly string[] RootKeys =
        ["name", "format_version", "speed", "highway", "access", "ferry", "country_speeds", "sirens", "time_bands", "congestion_zones"];
    private static readonly string[] SpeedKeys = ["default_zone", "maxspeed_factor", "max_kmh", "min_kmh", "walk_kmh"];
    private static readonly string[] HighwayKeys = ["urban_kmh", "rural_kmh", "max_kmh", "default_access"];
    private static readonly string[] AccessKeys = ["allowed", "denied"];
    private static readonly string[] FerryKeys = ["enabled", "speed_kmh", "boarding_minutes", "require_motor_vehicle"];

    private const double MinSpeedKmh = 1;
    private const double MaxSpeedKmh = 300;

    public static AmbulanceProfile Parse(byte[] bytes, string path)
    {
        TomlTable root = TomlWalker.ParseDocument(bytes, path, "a TOML profile");
        var r = new TomlWalker(path);
        r.CheckKeys(root, string.Empty, RootKeys);

        long version = r.RequireInteger(root, "format_version", string.Empty);
        if (version != FormatVersion)
        {
            throw r.Error($"unsupported format_version = {version} (this version of EmsCoverage reads {FormatVersion})");
        }

        string name = r.RequireString(root, "name", string.Empty);

        TomlTable speed = r.RequireTable(root, "speed", string.Empty);
        r.CheckKeys(speed, "speed", SpeedKeys);
        string zoneText = r.RequireString(speed, "default_zone", "speed");
        SpeedZone defaultZone = zoneText switch
        {
            "urban" => SpeedZone.Urban,
            "rural" => SpeedZone.Rural,
            _ => throw r.Error($"'speed.default_zone' must be \"urban\" or \"rural\", found \"{zoneText}\""),
        };
        double factor = r.RequireNumber(speed, "maxspeed_factor", "speed", 0.1, 3);
        double maxKmh = r.RequireNumber(speed, "max_kmh", "speed", MinSpeedKmh, MaxSpeedKmh);
        double minKmh = r.RequireNumber(speed, "min_kmh", "speed", 0.1, MaxSpeedKmh);
        double walkKmh = r.RequireNumber(speed, "walk_kmh", "speed", MinSpeedKmh, 30);
        if (minKmh > maxKmh)
        {
            throw r.Error($"'speed.min_kmh' ({Fmt(minKmh)}) is greater than 'speed.max_kmh' ({Fmt(maxKmh)})");
        }

        TomlTable highwayTable = r.RequireTable(root, "highway", string.Empty);
        var highways = new Dictionary<string, HighwayClassSpeeds>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object> entry in highwayTable)
        {
            string context = "highway." + entry.Key;
            if (entry.Value is not TomlTable cls)
            {
                throw r.Error($"'{context}' must be a table such as {{ urban_kmh = 30, rural_kmh = 50 }}, found {TomlWalker.Describe(entry.Value)}");
            }

            r.CheckKeys(cls, context, HighwayKeys);
            double urban = r.RequireNumber(cls, "urban_kmh", context, MinSpeedKmh, MaxSpeedKmh);
            double rural = r.RequireNumber(cls, "rural_kmh", context, MinSpeedKmh, MaxSpeedKmh);
            double? classMax = r.OptionalNumber(cls, "max_kmh", context, MinSpeedKmh, MaxSpeedKmh);
            string access = r.OptionalString(cls, "default_access", context) ?? "yes";
            if (access is not ("yes" or "no"))
            {
                throw r.Error($"'{context}.default_access' must be \"yes\" or \"no\", found \"{access}\"");
            }

            highways[entry.Key] = new HighwayClassSpeeds(urban, rural, classMax, access == "yes");
        }

        if (highways.Count == 0)
        {
            throw r.Error("the [highway] table lists no drivable road class");
        }

        TomlTable accessTable = r.RequireTable(root, "access", string.Empty);
        r.CheckKeys(accessTable, "access", AccessKeys);
        string[] allowed = r.RequireStringArray(accessTable, "allowed", "access");
        string[] denied = r.RequireStringArray(accessTable, "denied", "access");
        string? both = allowed.Intersect(denied, StringComparer.Ordinal).FirstOrDefault();
        if (both is not null)
        {
            throw r.Error($"access value \"{both}\" is in both 'access.allowed' and 'access.denied'");
        }

        TomlTable ferryTable = r.RequireTable(root, "ferry", string.Empty);
        r.CheckKeys(ferryTable, "ferry", FerryKeys);
        var ferry = new FerrySettings(
            r.RequireBool(ferryTable, "enabled", "ferry"),
            r.RequireNumber(ferryTable, "speed_kmh", "ferry", MinSpeedKmh, 100),
            TimeSpan.FromMinutes(r.RequireNumber(ferryTable, "boarding_minutes", "ferry", 0, 24 * 60)),
            r.RequireBool(ferryTable, "require_motor_vehicle", "ferry"));

        var countrySpeeds = new Dictionary<string, MaxSpeed>(StringComparer.Ordinal);
        if (root.TryGetValue("country_speeds", out object? countryObject))
        {
            if (countryObject is not TomlTable countryTable)
            {
                throw r.Error($"'country_speeds' must be a table, found {TomlWalker.Describe(countryObject)}");
            }

            foreach (KeyValuePair<string, object> entry in countryTable)
            {
                countrySpeeds[NormaliseCountryKey(r, entry.Key)] = ParseCountrySpeed(r, entry.Key, entry.Value, walkKmh);
            }
        }

        var travel = TravelModelLoader.Parse(r, root, highways.Keys, path);
        return new AmbulanceProfile(name, AmbulanceProfile.HashHex(bytes), path, defaultZone, factor, maxKmh, minKmh,
            walkKmh, highways, allowed, denied, ferry, countrySpeeds)
        {
            Sirens = travel.Sirens,
            TimeBands = travel.Bands,
            CongestionZonesPath = travel.CongestionZonesPath,
        };
    }

    private static string NormaliseCountryKey(TomlWalker r, string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || colon == key.Length - 1)
        {
            throw r.Error($"'country_speeds.\"{key}\"' is not a country code such as \"DE:urban\"");
        }

        return key[..colon].ToUpperInvariant() + ":" + key[(colon + 1)..].ToLowerInvariant();
    }

    private static MaxSpeed ParseCountrySpeed(TomlWalker r, string key, object value, double walkKmh)
    {
        string context = $"country_speeds.\"{key}\"";
        switch (value)
        {
            case long or double:
                double kmh = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!(kmh >= MinSpeedKmh && kmh <= MaxSpeedKmh))
                {
                    throw r.Error($"'{context}' = {Fmt(kmh)} is out of range ({Fmt(MinSpeedKmh)} to {Fmt(MaxSpeedKmh)} km/h)");
                }

                return new MaxSpeed(MaxSpeedKind.Kmh, kmh, null);
            case string text:
                // Parsed without the country table: a code may not refer to another code.
                MaxSpeed parsed = MaxSpeedParser.Parse(text, countrySpeeds: null, walkKmh);
                if (parsed.Kind is MaxSpeedKind.Kmh or MaxSpeedKind.Walk or MaxSpeedKind.None)
                {
                    return parsed;
                }

                throw r.Error($"'{context}' = \"{text}\" is not a speed (use a number of km/h, \"60 mph\", \"none\" or \"walk\")");
            default:
                throw r.Error($"'{context}' must be a number of km/h or a string such as \"60 mph\", found {TomlWalker.Describe(value)}");
        }
    }

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

}
