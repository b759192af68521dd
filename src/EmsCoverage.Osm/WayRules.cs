using System.Globalization;
using System.Xml;
using EmsCoverage.Diagnostics;
using OsmSharp.Tags;

namespace EmsCoverage.Osm;

/// <summary>Directions in which a way may be driven, relative to the order of its nodes.</summary>
[Flags]
internal enum TravelDirections
{
    None = 0,
    Forward = 1,
    Backward = 2,
    Both = Forward | Backward,
}

/// <summary>Outcome of the access hierarchy for an ambulance.</summary>
internal enum AccessDecision
{
    /// <summary>No tag with a known value: the class default applies.</summary>
    Unset,
    Allowed,
    Denied,
}

/// <summary>
/// Tag interpretation for <see cref="AmbulanceProfile.Evaluate(TagsCollectionBase?, DiagnosticBag?, long)"/>:
/// class, access, one-way, zone and speed. Decoding (what a tag says) is kept apart from the profile's numbers.
/// </summary>
internal static class WayRules
{
    /// <summary>Access keys from most to least specific for an ambulance (an emergency motor car).</summary>
    internal static readonly string[] AccessKeys = ["emergency", "motorcar", "motor_vehicle", "vehicle", "access"];

    /// <summary>One-way keys from most to least specific.</summary>
    internal static readonly string[] OnewayKeys = ["oneway:emergency", "oneway:motorcar", "oneway:motor_vehicle", "oneway:vehicle", "oneway"];

    /// <summary>Tags whose country-coded values say urban or rural, in order of precedence.</summary>
    internal static readonly string[] ZoneKeys =
        ["maxspeed", "maxspeed:forward", "maxspeed:backward", "maxspeed:type", "source:maxspeed", "zone:maxspeed", "zone:traffic"];

    public static WayRouting Evaluate(AmbulanceProfile profile, TagsCollectionBase? tags, DiagnosticBag? diagnostics, long wayId)
    {
        if (tags is null || tags.Count == 0)
        {
            return WayRouting.Excluded("no tags");
        }

        if (tags.TryGetValue("route", out string? route) && route == "ferry")
        {
            return EvaluateFerry(profile, tags, diagnostics, wayId);
        }

        if (!tags.TryGetValue("highway", out string? highway))
        {
            return WayRouting.Excluded("no highway tag");
        }

        if (!profile.Highways.TryGetValue(highway, out HighwayClassSpeeds? cls))
        {
            return WayRouting.Excluded($"highway={highway} is not a drivable class");
        }

        if (tags.TryGetValue("area", out string? area) && area == "yes")
        {
            return WayRouting.Excluded("area=yes");
        }

        (AccessDecision access, string? decidedBy) = Access(profile, tags, diagnostics, wayId);
        if (access == AccessDecision.Denied)
        {
            return WayRouting.Excluded($"access: {decidedBy}");
        }

        if (access == AccessDecision.Unset && !cls.AccessibleByDefault)
        {
            return WayRouting.Excluded($"highway={highway} needs explicit access for emergency or motor vehicles");
        }

        TravelDirections directions = Oneway(tags, highway, diagnostics, wayId);
        SpeedZone zone = Zone(profile, tags);

        tags.TryGetValue("maxspeed", out string? maxspeed);
        string? forwardValue = tags.TryGetValue("maxspeed:forward", out string? f) ? f : maxspeed;
        string? backwardValue = tags.TryGetValue("maxspeed:backward", out string? b) ? b : maxspeed;
        double forwardKmh = 0, backwardKmh = 0;
        bool reported = false;
        if (directions.HasFlag(TravelDirections.Forward))
        {
            forwardKmh = Speed(profile, cls, zone, forwardValue, diagnostics, wayId, ref reported);
        }

        if (directions.HasFlag(TravelDirections.Backward))
        {
            if (backwardValue != forwardValue)
            {
                reported = false;
            }

            backwardKmh = Speed(profile, cls, zone, backwardValue, diagnostics, wayId, ref reported);
        }

        return new WayRouting(forwardKmh, backwardKmh, zone, false, null, TimeSpan.Zero, null);
    }

    /// <summary>
    /// The access hierarchy: the most specific of <see cref="AccessKeys"/> with a known value decides.
    /// <c>service=emergency_access</c> acts as <c>emergency=yes</c> when <c>emergency</c> is not tagged.
    /// </summary>
    internal static (AccessDecision Decision, string? DecidedBy) Access(
        AmbulanceProfile profile, TagsCollectionBase tags, DiagnosticBag? diagnostics, long wayId)
    {
        foreach (string key in AccessKeys)
        {
            if (!tags.TryGetValue(key, out string? value))
            {
                if (key == "emergency" && tags.TryGetValue("service", out string? service) && service == "emergency_access")
                {
                    return (AccessDecision.Allowed, "service=emergency_access");
                }

                continue;
            }

            AccessDecision decision = Classify(profile, value);
            if (decision != AccessDecision.Unset)
            {
                return (decision, key + "=" + value);
            }

            diagnostics?.Add(OsmDiagnosticCodes.AccessUnknown, DiagnosticSeverity.Info,
                $"{key}={value} is neither allowed nor denied in the profile; ignored", Subject(wayId));
        }

        return (AccessDecision.Unset, null);
    }

    private static AccessDecision Classify(AmbulanceProfile profile, string value)
    {
        bool anyDenied = false, anyUnknown = false;
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (profile.AllowedAccessValues.Contains(part))
            {
                return AccessDecision.Allowed;
            }

            if (profile.DeniedAccessValues.Contains(part))
            {
                anyDenied = true;
            }
            else
            {
                anyUnknown = true;
            }
        }

        return anyDenied && !anyUnknown ? AccessDecision.Denied : AccessDecision.Unset;
    }

    /// <summary>
    /// Directions an ambulance may drive. Explicit tags (most specific of <see cref="OnewayKeys"/>) win over the
    /// implied one-way of roundabouts and motorways; reversible/alternating ways count as two-way (info diagnostic).
    /// </summary>
    internal static TravelDirections Oneway(TagsCollectionBase tags, string? highway, DiagnosticBag? diagnostics, long wayId)
    {
        foreach (string key in OnewayKeys)
        {
            if (!tags.TryGetValue(key, out string? value))
            {
                continue;
            }

            switch (value.Trim().ToLowerInvariant())
            {
                case "yes" or "true" or "1":
                    return TravelDirections.Forward;
                case "-1" or "reverse":
                    return TravelDirections.Backward;
                case "no" or "false" or "0":
                    return TravelDirections.Both;
                case "reversible" or "alternating":
                    diagnostics?.Add(OsmDiagnosticCodes.OnewayReversible, DiagnosticSeverity.Info,
                        $"{key}={value}: direction changes over time; treated as two-way", Subject(wayId));
                    return TravelDirections.Both;
                default:
                    diagnostics?.Add(OsmDiagnosticCodes.OnewayUnparsed, DiagnosticSeverity.Warning,
                        $"{key}={value} is not a one-way value; ignored", Subject(wayId));
                    break;
            }
        }

        bool impliedOneway =
            (tags.TryGetValue("junction", out string? junction) && junction is "roundabout" or "circular")
            || highway is "motorway" or "motorway_link";
        return impliedOneway ? TravelDirections.Forward : TravelDirections.Both;
    }

    /// <summary>Urban or rural from the first country-coded value among <see cref="ZoneKeys"/>, else the profile default.</summary>
    internal static SpeedZone Zone(AmbulanceProfile profile, TagsCollectionBase tags)
    {
        foreach (string key in ZoneKeys)
        {
            if (tags.TryGetValue(key, out string? value) && MaxSpeedParser.ZoneOf(value) is { } zone)
            {
                return zone;
            }
        }

        return profile.DefaultZone;
    }

    /// <summary>Travel speed in km/h for one direction (see the profile file for the rule).</summary>
    internal static double Speed(AmbulanceProfile profile, HighwayClassSpeeds cls, SpeedZone zone, string? maxspeed,
        DiagnosticBag? diagnostics, long wayId, ref bool reported)
    {
        MaxSpeed parsed = MaxSpeedParser.Parse(maxspeed, profile.CountrySpeeds, profile.WalkKmh);
        double cap = Math.Min(cls.MaxKmh ?? profile.MaxKmh, profile.MaxKmh);
        double kmh;
        switch (parsed.Kind)
        {
            case MaxSpeedKind.Kmh:
                kmh = Math.Min(parsed.Kmh * profile.MaxSpeedFactor, cap);
                break;
            case MaxSpeedKind.Walk:
                kmh = Math.Min(parsed.Kmh, cap);
                break;
            case MaxSpeedKind.Unparsed:
                if (!reported)
                {
                    diagnostics?.Add(OsmDiagnosticCodes.MaxSpeedUnparsed, DiagnosticSeverity.Warning,
                        $"maxspeed \"{maxspeed}\" not understood; class default {cls.DefaultKmh(zone).ToString("0.#", CultureInfo.InvariantCulture)} km/h used",
                        Subject(wayId));
                    reported = true;
                }

                kmh = cls.DefaultKmh(zone);
                break;
            case MaxSpeedKind.None:
                // "No posted limit" occurs on open roads (autobahns, rural roads): the class's rural default.
                kmh = cls.RuralKmh;
                break;
            default: // Missing
                kmh = cls.DefaultKmh(zone);
                break;
        }

        return Math.Max(Math.Min(kmh, profile.MaxKmh), profile.MinKmh);
    }

    private static WayRouting EvaluateFerry(AmbulanceProfile profile, TagsCollectionBase tags, DiagnosticBag? diagnostics, long wayId)
    {
        FerrySettings ferry = profile.Ferry;
        if (!ferry.Enabled)
        {
            return WayRouting.Excluded("ferries are disabled in the profile");
        }

        (AccessDecision access, string? decidedBy) = Access(profile, tags, diagnostics, wayId);
        if (access == AccessDecision.Denied)
        {
            return WayRouting.Excluded($"ferry access: {decidedBy}");
        }

        if (ferry.RequireMotorVehicle && (access != AccessDecision.Allowed || decidedBy is null || decidedBy.StartsWith("access=", StringComparison.Ordinal)))
        {
            return WayRouting.Excluded("ferry does not say it carries motor vehicles");
        }

        TimeSpan? duration = null;
        if (tags.TryGetValue("duration", out string? durationText))
        {
            duration = ParseDuration(durationText);
            if (duration is null)
            {
                diagnostics?.Add(OsmDiagnosticCodes.FerryDurationUnparsed, DiagnosticSeverity.Warning,
                    $"ferry duration \"{durationText}\" not understood; length at {ferry.SpeedKmh.ToString("0.#", CultureInfo.InvariantCulture)} km/h used",
                    Subject(wayId));
            }
        }

        TravelDirections directions = Oneway(tags, highway: null, diagnostics, wayId);
        double forward = directions.HasFlag(TravelDirections.Forward) ? ferry.SpeedKmh : 0;
        double backward = directions.HasFlag(TravelDirections.Backward) ? ferry.SpeedKmh : 0;
        return new WayRouting(forward, backward, profile.DefaultZone, true, duration, ferry.BoardingTime, null);
    }

    /// <summary>
    /// Parses an OSM <c>duration</c>: <c>hh:mm</c>, <c>hh:mm:ss</c>, a number of minutes, or ISO 8601 (<c>PT1H30M</c>).
    /// Returns null when the text is none of these or not positive.
    /// </summary>
    internal static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        TimeSpan? result = null;
        if (text.StartsWith('P'))
        {
            try
            {
                result = XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        else if (text.Contains(':', StringComparison.Ordinal))
        {
            string[] parts = text.Split(':');
            if (parts.Length is 2 or 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m) && m < 60)
            {
                int s = 0;
                if (parts.Length == 3 && !(int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out s) && s < 60))
                {
                    return null;
                }

                result = new TimeSpan(h, m, s);
            }
        }
        else if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double minutes))
        {
            result = TimeSpan.FromMinutes(minutes);
        }

        return result is { } r && r > TimeSpan.Zero && r < TimeSpan.FromDays(7) ? r : null;
    }

    internal static string Subject(long wayId) => "way/" + wayId.ToString(CultureInfo.InvariantCulture);
}
