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

    private static readonly string[] RootKeys = ["name", "format_version", "speed", "highway", "access", "ferry", "country_speeds"];
    private static readonly string[] SpeedKeys = ["default_zone", "maxspeed_factor", "max_kmh", "min_kmh", "walk_kmh"];
    private static readonly string[] HighwayKeys = ["urban_kmh", "rural_kmh", "max_kmh", "default_access"];
    private static readonly string[] AccessKeys = ["allowed", "denied"];
    private static readonly string[] FerryKeys = ["enabled", "speed_kmh", "boarding_minutes", "require_motor_vehicle"];

    private const double MinSpeedKmh = 1;
    private const double MaxSpeedKmh = 300;

    public static AmbulanceProfile Parse(byte[] bytes, string path)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InputDataException(path, $"{path}: not a UTF-8 text file (a TOML profile was expected)", ex);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        TomlTable root;
        try
        {
            SyntaxParser.ParseStrict(text, path, validate: true);
            root = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            string detail = ex.Message.Trim();
            throw new InputDataException(path, $"{path}: invalid TOML at line {ex.Line}, column {ex.Column}: {detail}", ex);
        }

        var r = new Walker(path);
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
                throw r.Error($"'{context}' must be a table such as {{ urban_kmh = 30, rural_kmh = 50 }}, found {Describe(entry.Value)}");
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
                throw r.Error($"'country_speeds' must be a table, found {Describe(countryObject)}");
            }

            foreach (KeyValuePair<string, object> entry in countryTable)
            {
                countrySpeeds[NormaliseCountryKey(r, entry.Key)] = ParseCountrySpeed(r, entry.Key, entry.Value, walkKmh);
            }
        }

        return new AmbulanceProfile(name, AmbulanceProfile.HashHex(bytes), path, defaultZone, factor, maxKmh, minKmh,
            walkKmh, highways, allowed, denied, ferry, countrySpeeds);
    }

    private static string NormaliseCountryKey(Walker r, string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || colon == key.Length - 1)
        {
            throw r.Error($"'country_speeds.\"{key}\"' is not a country code such as \"DE:urban\"");
        }

        return key[..colon].ToUpperInvariant() + ":" + key[(colon + 1)..].ToLowerInvariant();
    }

    private static MaxSpeed ParseCountrySpeed(Walker r, string key, object value, double walkKmh)
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
                throw r.Error($"'{context}' must be a number of km/h or a string such as \"60 mph\", found {Describe(value)}");
        }
    }

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the string \"{s}\"",
        long l => $"the integer {l}",
        double d => $"the number {Fmt(d)}",
        bool b => b ? "true" : "false",
        TomlTable => "a table",
        TomlArray => "an array",
        TomlTableArray => "an array of tables",
        _ => $"a {value.GetType().Name}",
    };

    private sealed class Walker(string path)
    {
        public InputDataException Error(string problem) => new(path, $"{path}: {problem}");

        public void CheckKeys(TomlTable table, string context, string[] known)
        {
            foreach (string key in table.Keys)
            {
                if (Array.IndexOf(known, key) < 0)
                {
                    string full = context.Length == 0 ? key : context + "." + key;
                    string where = context.Length == 0 ? "at the top level" : $"in [{context}]";
                    throw Error($"unknown key '{full}' {where} (known keys: {string.Join(", ", known)}; keys are case-sensitive snake_case)");
                }
            }
        }

        public TomlTable RequireTable(TomlTable table, string key, string context)
        {
            object value = Require(table, key, context);
            return value as TomlTable ?? throw Error($"'{Full(context, key)}' must be a table, found {Describe(value)}");
        }

        public string RequireString(TomlTable table, string key, string context)
        {
            object value = Require(table, key, context);
            return value as string ?? throw Error($"'{Full(context, key)}' must be a string, found {Describe(value)}");
        }

        public string? OptionalString(TomlTable table, string key, string context)
        {
            if (!table.TryGetValue(key, out object? value))
            {
                return null;
            }

            return value as string ?? throw Error($"'{Full(context, key)}' must be a string, found {Describe(value)}");
        }

        public bool RequireBool(TomlTable table, string key, string context)
        {
            object value = Require(table, key, context);
            return value is bool b ? b : throw Error($"'{Full(context, key)}' must be true or false, found {Describe(value)}");
        }

        public long RequireInteger(TomlTable table, string key, string context)
        {
            object value = Require(table, key, context);
            return value is long l ? l : throw Error($"'{Full(context, key)}' must be an integer, found {Describe(value)}");
        }

        public double RequireNumber(TomlTable table, string key, string context, double min, double max) =>
            OptionalNumber(table, key, context, min, max) ?? throw Error($"missing key '{Full(context, key)}'");

        public double? OptionalNumber(TomlTable table, string key, string context, double min, double max)
        {
            if (!table.TryGetValue(key, out object? value))
            {
                return null;
            }

            double number = value switch
            {
                long l => l,
                double d => d,
                _ => throw Error($"'{Full(context, key)}' must be a number, found {Describe(value)}"),
            };
            if (!(number >= min && number <= max))
            {
                throw Error($"'{Full(context, key)}' = {Fmt(number)} is out of range ({Fmt(min)} to {Fmt(max)})");
            }

            return number;
        }

        public string[] RequireStringArray(TomlTable table, string key, string context)
        {
            object value = Require(table, key, context);
            if (value is not TomlArray array)
            {
                throw Error($"'{Full(context, key)}' must be an array of strings, found {Describe(value)}");
            }

            var result = new string[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                result[i] = array[i] as string
                    ?? throw Error($"'{Full(context, key)}' must contain only strings; item {i + 1} is {Describe(array[i])}");
            }

            return result;
        }

        private object Require(TomlTable table, string key, string context) =>
            table.TryGetValue(key, out object? value) && value is not null ? value : throw Error($"missing key '{Full(context, key)}'");

        private static string Full(string context, string key) => context.Length == 0 ? key : context + "." + key;
    }
}
