namespace EmsCoverage.Graph;

/// <summary>
/// Road class of an arc: the OSM <c>highway=*</c> value it was built from (or <see cref="Ferry"/>), stored per arc so
/// that time bands and the lights-and-sirens factor can re-time the network without reading the extract again.
/// </summary>
/// <remarks>Values are stored in prepared network files: never renumber them, only append.</remarks>
public enum RoadClass : byte
{
    /// <summary>Not known (synthetic networks, or a file prepared before road classes were stored).</summary>
    Unknown = 0,

    /// <summary><c>highway=motorway</c>.</summary>
    Motorway = 1,

    /// <summary><c>highway=motorway_link</c>.</summary>
    MotorwayLink = 2,

    /// <summary><c>highway=trunk</c>.</summary>
    Trunk = 3,

    /// <summary><c>highway=trunk_link</c>.</summary>
    TrunkLink = 4,

    /// <summary><c>highway=primary</c>.</summary>
    Primary = 5,

    /// <summary><c>highway=primary_link</c>.</summary>
    PrimaryLink = 6,

    /// <summary><c>highway=secondary</c>.</summary>
    Secondary = 7,

    /// <summary><c>highway=secondary_link</c>.</summary>
    SecondaryLink = 8,

    /// <summary><c>highway=tertiary</c>.</summary>
    Tertiary = 9,

    /// <summary><c>highway=tertiary_link</c>.</summary>
    TertiaryLink = 10,

    /// <summary><c>highway=unclassified</c>.</summary>
    Unclassified = 11,

    /// <summary><c>highway=residential</c>.</summary>
    Residential = 12,

    /// <summary><c>highway=road</c>.</summary>
    Road = 13,

    /// <summary><c>highway=living_street</c>.</summary>
    LivingStreet = 14,

    /// <summary><c>highway=service</c>.</summary>
    Service = 15,

    /// <summary><c>highway=busway</c>.</summary>
    Busway = 16,

    /// <summary><c>highway=pedestrian</c>.</summary>
    Pedestrian = 17,

    /// <summary><c>highway=track</c>.</summary>
    Track = 18,

    /// <summary>A <c>route=ferry</c> way: time bands and the sirens factor never change its time.</summary>
    Ferry = 19,

    /// <summary>Any other drivable <c>highway=*</c> value a profile lists.</summary>
    Other = 20,
}

/// <summary>Names of <see cref="RoadClass"/> values as OSM spells them.</summary>
public static class RoadClasses
{
    /// <summary>Number of <see cref="RoadClass"/> values (arrays indexed by class have this length).</summary>
    public const int Count = (int)RoadClass.Other + 1;

    private static readonly string[] Names =
    [
        "unknown", "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary",
        "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential", "road", "living_street", "service",
        "busway", "pedestrian", "track", "ferry", "other",
    ];

    /// <summary>The class of a <c>highway=*</c> value; <see cref="RoadClass.Other"/> for values without a code of their own.</summary>
    public static RoadClass FromHighway(string? highway)
    {
        if (highway is null)
        {
            return RoadClass.Unknown;
        }

        int i = Array.IndexOf(Names, highway);
        return i is > 0 and < (int)RoadClass.Ferry ? (RoadClass)i : RoadClass.Other;
    }

    /// <summary>True when <paramref name="highway"/> has a class code of its own (not <see cref="RoadClass.Other"/>).</summary>
    public static bool IsNamed(string highway) => FromHighway(highway) is not (RoadClass.Other or RoadClass.Unknown);

    /// <summary>The OSM spelling of <paramref name="roadClass"/> (e.g. <c>motorway_link</c>).</summary>
    public static string Name(RoadClass roadClass) => (int)roadClass < Names.Length ? Names[(int)roadClass] : "unknown";
}
