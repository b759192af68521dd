using System.Globalization;
using System.Text.RegularExpressions;

namespace EmsCoverage.Osm;

/// <summary>
/// Parses OSM <c>maxspeed</c> values: plain numbers in km/h (<c>50</c>, <c>50 km/h</c>, <c>50kmh</c>), <c>mph</c> and
/// knots, country codes (<c>DE:urban</c>, looked up in the profile's <c>[country_speeds]</c>), <c>XX:zone30</c>,
/// <c>none</c>, <c>walk</c>, and lists (<c>50;30</c>).
/// </summary>
/// <remarks>
/// <para>Lists take the lowest speed: the parts usually describe lanes or times of day, and the lowest is the safe
/// assumption for a coverage estimate. Parts that do not parse are ignored when another part does.</para>
/// <para>Anything else (<c>signals</c>, <c>variable</c>, <c>0</c>, values above <see cref="MaxPlausibleKmh"/>,
/// unknown country codes) is <see cref="MaxSpeedKind.Unparsed"/>: the caller falls back to the class default and
/// reports a <c>maxspeed-unparsed</c> diagnostic.</para>
/// </remarks>
public static partial class MaxSpeedParser
{
    /// <summary>Kilometres per hour in one mile per hour (exact by definition of the international mile).</summary>
    public const double KmhPerMph = 1.609344;

    /// <summary>Kilometres per hour in one knot (exact by definition of the nautical mile).</summary>
    public const double KmhPerKnot = 1.852;

    /// <summary>Walking pace used for <c>walk</c> when no profile is given, in km/h.</summary>
    public const double DefaultWalkKmh = 6;

    /// <summary>Largest speed accepted from a tag, in km/h; anything above is treated as a typo.</summary>
    public const double MaxPlausibleKmh = 300;

    /// <summary>
    /// Parses one <c>maxspeed</c> tag value. Country codes and <c>walk</c> are resolved with
    /// <paramref name="profile"/> (<see cref="AmbulanceProfile.Default"/> when null).
    /// </summary>
    /// <param name="value">The tag value; null or blank gives <see cref="MaxSpeedKind.Missing"/>.</param>
    /// <param name="profile">Profile with the country-code table and the walking speed.</param>
    public static MaxSpeed Parse(string? value, AmbulanceProfile? profile = null)
    {
        profile ??= AmbulanceProfile.Default;
        return Parse(value, profile.CountrySpeeds, profile.WalkKmh);
    }

    /// <summary>Parses with an explicit country table (null: codes are not resolved) and walking speed.</summary>
    internal static MaxSpeed Parse(string? value, IReadOnlyDictionary<string, MaxSpeed>? countrySpeeds, double walkKmh)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return MaxSpeed.Missing;
        }

        if (!value.Contains(';', StringComparison.Ordinal))
        {
            return ParseSingle(value.Trim(), countrySpeeds, walkKmh);
        }

        MaxSpeed? best = null;
        bool anyNone = false;
        SpeedZone? zone = null;
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            MaxSpeed parsed = ParseSingle(part, countrySpeeds, walkKmh);
            zone ??= parsed.Zone;
            if (parsed.HasSpeed)
            {
                if (best is null || parsed.Kmh < best.Value.Kmh)
                {
                    best = parsed;
                }
            }
            else if (parsed.Kind == MaxSpeedKind.None)
            {
                anyNone = true;
            }
        }

        if (best is { } b)
        {
            return b with { Zone = b.Zone ?? zone };
        }

        return anyNone ? new MaxSpeed(MaxSpeedKind.None, 0, zone) : MaxSpeed.Unparsed(zone);
    }

    /// <summary>
    /// The zone a country-coded value implies (<c>DE:urban</c> → urban, <c>GB:nsl_single</c> → rural), or null
    /// when the value carries no zone. Used for <c>maxspeed</c>, <c>maxspeed:type</c>, <c>source:maxspeed</c>,
    /// <c>zone:maxspeed</c> and <c>zone:traffic</c>.
    /// </summary>
    public static SpeedZone? ZoneOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Match m = CountryCodeRegex().Match(part);
            if (m.Success && ZoneOfSuffix(m.Groups["rest"].Value) is { } zone)
            {
                return zone;
            }
        }

        return null;
    }

    private static MaxSpeed ParseSingle(string value, IReadOnlyDictionary<string, MaxSpeed>? countrySpeeds, double walkKmh)
    {
        if (value.Length == 0)
        {
            return MaxSpeed.Missing;
        }

        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new MaxSpeed(MaxSpeedKind.None, 0, null);
        }

        if (value.Equals("walk", StringComparison.OrdinalIgnoreCase))
        {
            return new MaxSpeed(MaxSpeedKind.Walk, walkKmh, null);
        }

        Match number = NumberRegex().Match(value);
        if (number.Success)
        {
            double v = double.Parse(number.Groups["num"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            string unit = number.Groups["unit"].Value.ToUpperInvariant();
            double kmh = unit switch
            {
                "MPH" => v * KmhPerMph,
                "KNOTS" or "KNOT" or "KN" => v * KmhPerKnot,
                _ => v,
            };
            return kmh > 0 && kmh <= MaxPlausibleKmh ? new MaxSpeed(MaxSpeedKind.Kmh, kmh, null) : MaxSpeed.Unparsed();
        }

        Match code = CountryCodeRegex().Match(value);
        if (!code.Success)
        {
            return MaxSpeed.Unparsed();
        }

        string rest = code.Groups["rest"].Value;
        SpeedZone? zone = ZoneOfSuffix(rest);
        string key = code.Groups["cc"].Value.ToUpperInvariant() + ":" + rest.ToLowerInvariant();
        if (countrySpeeds is not null && countrySpeeds.TryGetValue(key, out MaxSpeed fromTable))
        {
            return fromTable with { Zone = zone, Kmh = fromTable.Kind == MaxSpeedKind.Walk ? walkKmh : fromTable.Kmh };
        }

        Match zoneNumber = ZoneNumberRegex().Match(rest);
        if (zoneNumber.Success)
        {
            double kmh = double.Parse(zoneNumber.Groups["num"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            return kmh > 0 && kmh <= MaxPlausibleKmh ? new MaxSpeed(MaxSpeedKind.Kmh, kmh, SpeedZone.Urban) : MaxSpeed.Unparsed(SpeedZone.Urban);
        }

        return MaxSpeed.Unparsed(zone);
    }

    // The part after "XX:" of a country code, e.g. "urban", "zone30", "nsl_single".
    private static SpeedZone? ZoneOfSuffix(string rest)
    {
        string s = rest.ToLowerInvariant();
        if (s.StartsWith("zone", StringComparison.Ordinal) || ZoneNumberRegex().IsMatch(s))
        {
            return SpeedZone.Urban;
        }

        return s switch
        {
            "urban" or "city" or "living_street" or "bicycle_road" or "pedestrian" or "pedestrian_zone" or "school"
                or "nsl_restricted" or "walk" => SpeedZone.Urban,
            "rural" or "motorway" or "trunk" or "expressway" or "motorroad" or "nsl_single" or "nsl_dual" => SpeedZone.Rural,
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<num>\d{1,4}(?:\.\d+)?)\s*(?<unit>km/h|kmh|kph|km|mph|knots|knot|kn)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^(?<cc>[A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?):(?<rest>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryCodeRegex();

    [GeneratedRegex(@"^(?:zone[ :]?)?(?<num>\d{1,3})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZoneNumberRegex();
}
