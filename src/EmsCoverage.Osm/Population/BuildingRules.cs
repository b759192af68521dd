using System.Collections.Frozen;
using System.Globalization;
using OsmSharp.Tags;

namespace EmsCoverage.Osm.Population;

/// <summary>Which OSM buildings house people, and which land is not residential.</summary>
/// <remarks>
/// <para><b>Residential buildings</b> are an allow-list of <c>building</c> values: yes, residential, house,
/// detached, semidetached_house, terrace, apartments, farm, bungalow, dormitory, cabin, houseboat, static_caravan.
/// Every other value is left out: clearly non-residential ones (commercial, industrial, retail, office, warehouse,
/// church, chapel, school, kindergarten, hospital, public, civic, garage, garages, carport, shed, hut, roof, barn,
/// stable, farm_auxiliary, greenhouse, allotment_house, hotel, service, transportation, train_station…) as well as
/// unknown ones (ruins, construction, no…).</para>
/// <para><b>Generic buildings</b> (<c>building=yes</c>, most of OSM) are also left out when their own tags show a
/// non-residential use: an <c>amenity</c> such as school, hospital, place_of_worship, townhall, parking or
/// fire_station; a <c>leisure</c> sports building; a <c>tourism</c> hotel, museum or alpine hut; or any
/// <c>industrial</c>, <c>man_made</c>, <c>power</c>, <c>railway</c>, <c>aeroway</c>, <c>military</c> or
/// <c>public_transport</c> tag. Shops and offices are kept: in town centres they share buildings with flats.</para>
/// </remarks>
internal static class BuildingRules
{
    public static readonly FrozenSet<string> ResidentialValues = FrozenSet.Create(StringComparer.Ordinal,
        "yes", "residential", "house", "detached", "semidetached_house", "terrace", "apartments", "farm", "bungalow",
        "dormitory", "cabin", "houseboat", "static_caravan");

    private static readonly FrozenSet<string> NonResidentialAmenities = FrozenSet.Create(StringComparer.Ordinal,
        "school", "college", "university", "kindergarten", "hospital", "clinic", "place_of_worship", "townhall",
        "community_centre", "library", "police", "fire_station", "parking", "fuel", "bus_station", "post_office", "bank",
        "theatre", "cinema", "arts_centre", "courthouse", "marketplace", "toilets", "car_wash", "recycling",
        "waste_transfer_station", "public_building", "grave_yard", "shelter", "ferry_terminal", "prison", "events_venue",
        "conference_centre", "exhibition_centre", "animal_shelter");

    private static readonly FrozenSet<string> NonResidentialLeisure = FrozenSet.Create(StringComparer.Ordinal,
        "sports_centre", "stadium", "sports_hall", "ice_rink", "swimming_pool", "fitness_centre", "water_park");

    private static readonly FrozenSet<string> NonResidentialTourism = FrozenSet.Create(StringComparer.Ordinal,
        "hotel", "motel", "museum", "attraction", "alpine_hut", "wilderness_hut", "gallery", "aquarium", "zoo");

    private static readonly string[] NonResidentialKeys = ["industrial", "man_made", "power", "railway", "aeroway", "military", "public_transport"];

    private static readonly FrozenSet<string> NonResidentialLanduse = FrozenSet.Create(StringComparer.Ordinal,
        "industrial", "commercial", "retail", "railway", "military", "garages", "depot", "port", "quarry", "landfill");

    private static readonly FrozenSet<string> NonResidentialSiteAmenities = FrozenSet.Create(StringComparer.Ordinal,
        "school", "college", "university", "hospital");

    /// <summary>
    /// Null when the object is a building that may house people; otherwise why not (e.g. <c>building=garage</c>,
    /// <c>amenity=school</c>); <paramref name="building"/> is the value from <see cref="BuildingValue"/>.
    /// </summary>
    public static string? ExclusionReason(TagsCollectionBase tags, string building)
    {
        if (!ResidentialValues.Contains(building))
        {
            return "building=" + building;
        }

        if (building != "yes")
        {
            return null;
        }

        if (tags.TryGetValue("amenity", out string? amenity) && NonResidentialAmenities.Contains(amenity))
        {
            return "amenity=" + amenity;
        }

        if (tags.TryGetValue("leisure", out string? leisure) && NonResidentialLeisure.Contains(leisure))
        {
            return "leisure=" + leisure;
        }

        if (tags.TryGetValue("tourism", out string? tourism) && NonResidentialTourism.Contains(tourism))
        {
            return "tourism=" + tourism;
        }

        foreach (string key in NonResidentialKeys)
        {
            if (tags.ContainsKey(key))
            {
                return key + "=*";
            }
        }

        return null;
    }

    /// <summary>The <c>building</c> value, or null when the object is not a building (no tag, or <c>building=no</c>).</summary>
    public static string? BuildingValue(TagsCollectionBase? tags) =>
        tags is not null && tags.TryGetValue("building", out string? value) && !string.IsNullOrWhiteSpace(value) && value != "no" ? value.Trim() : null;

    /// <summary>True for <c>landuse=residential</c>.</summary>
    public static bool IsResidentialLanduse(TagsCollectionBase? tags) => tags is not null && tags.Contains("landuse", "residential");

    /// <summary>The tag that makes this land non-residential (e.g. <c>landuse=industrial</c>), or null.</summary>
    public static string? NonResidentialLand(TagsCollectionBase? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.TryGetValue("landuse", out string? landuse) && NonResidentialLanduse.Contains(landuse))
        {
            return "landuse=" + landuse;
        }

        if (tags.TryGetValue("amenity", out string? amenity) && NonResidentialSiteAmenities.Contains(amenity))
        {
            return "amenity=" + amenity;
        }

        return tags.Contains("aeroway", "aerodrome") ? "aeroway=aerodrome" : null;
    }

    /// <summary>
    /// Reads <c>building:levels</c>: a number of storeys above ground, the first of several (<c>3;4</c>), fractions
    /// allowed (<c>2.5</c>). Null when absent; <paramref name="valid"/> false when present but not a number in 1–200.
    /// </summary>
    public static double? Levels(TagsCollectionBase tags, out bool valid)
    {
        valid = true;
        if (!tags.TryGetValue("building:levels", out string? text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        ReadOnlySpan<char> s = text.AsSpan().Trim();
        int cut = s.IndexOfAny(';', ',');
        if (cut >= 0)
        {
            s = s[..cut].Trim();
        }

        if (double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double levels) && levels >= 1 && levels <= 200)
        {
            return levels;
        }

        valid = false;
        return null;
    }
}
