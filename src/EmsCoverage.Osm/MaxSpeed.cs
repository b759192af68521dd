namespace EmsCoverage.Osm;

/// <summary>What a <c>maxspeed</c> value says, before the profile turns it into a travel speed.</summary>
public enum MaxSpeedKind
{
    /// <summary>No value (tag absent or empty).</summary>
    Missing,

    /// <summary>A limit in km/h (<see cref="MaxSpeed.Kmh"/>), possibly converted from mph or knots.</summary>
    Kmh,

    /// <summary><c>none</c>: no posted limit; the profile uses the class's rural default speed.</summary>
    None,

    /// <summary><c>walk</c>: walking pace; <see cref="MaxSpeed.Kmh"/> holds the profile's walking speed.</summary>
    Walk,

    /// <summary>Present but not understood (e.g. <c>signals</c>, <c>variable</c>, a typo, an unknown country code).</summary>
    Unparsed,
}

/// <summary>A parsed <c>maxspeed</c> value.</summary>
/// <param name="Kind">What the value says.</param>
/// <param name="Kmh">The limit in km/h for <see cref="MaxSpeedKind.Kmh"/> and <see cref="MaxSpeedKind.Walk"/>; 0 otherwise.</param>
/// <param name="Zone">Urban or rural when the value is country-coded and says so (<c>DE:urban</c>), else null.</param>
public readonly record struct MaxSpeed(MaxSpeedKind Kind, double Kmh, SpeedZone? Zone)
{
    /// <summary>No value.</summary>
    public static MaxSpeed Missing => new(MaxSpeedKind.Missing, 0, null);

    /// <summary>A value that was not understood (optionally with the zone its country code implies).</summary>
    public static MaxSpeed Unparsed(SpeedZone? zone = null) => new(MaxSpeedKind.Unparsed, 0, zone);

    /// <summary>True for <see cref="MaxSpeedKind.Kmh"/> and <see cref="MaxSpeedKind.Walk"/>: a usable speed.</summary>
    public bool HasSpeed => Kind is MaxSpeedKind.Kmh or MaxSpeedKind.Walk;
}
