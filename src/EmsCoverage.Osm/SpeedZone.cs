namespace EmsCoverage.Osm;

/// <summary>Whether a way lies in a built-up area (urban default speeds) or outside one (rural).</summary>
public enum SpeedZone
{
    /// <summary>Inside a built-up area.</summary>
    Urban,

    /// <summary>Outside built-up areas.</summary>
    Rural,
}
