namespace EmsCoverage.Osm;

/// <summary>How an ambulance may use one OSM way, as decided by <see cref="AmbulanceProfile.Evaluate(OsmSharp.Tags.TagsCollectionBase?, EmsCoverage.Diagnostics.DiagnosticBag?, long)"/>.</summary>
/// <param name="ForwardKmh">Speed in the way's direction in km/h; 0 when not drivable that way.</param>
/// <param name="BackwardKmh">Speed against the way's direction in km/h; 0 when not drivable that way.</param>
/// <param name="Zone">Whether urban or rural default speeds applied.</param>
/// <param name="IsFerry">True for a usable <c>route=ferry</c> way.</param>
/// <param name="FixedDuration">For a ferry with a usable <c>duration</c> tag: the crossing time of the whole way.</param>
/// <param name="Delay">Time added once per way (ferry boarding); zero for roads.</param>
/// <param name="Exclusion">Why the way is not drivable (e.g. <c>highway=footway is not a drivable class</c>); null when drivable.</param>
public readonly record struct WayRouting(
    double ForwardKmh, double BackwardKmh, SpeedZone Zone, bool IsFerry, TimeSpan? FixedDuration, TimeSpan Delay, string? Exclusion)
{
    /// <summary>True when the way can be driven in at least one direction.</summary>
    public bool IsDrivable => ForwardKmh > 0 || BackwardKmh > 0;

    /// <summary>True when the way can be driven in its own direction.</summary>
    public bool IsForwardAllowed => ForwardKmh > 0;

    /// <summary>True when the way can be driven against its direction.</summary>
    public bool IsBackwardAllowed => BackwardKmh > 0;

    /// <summary>A way that is not drivable, with the reason.</summary>
    public static WayRouting Excluded(string reason) => new(0, 0, SpeedZone.Urban, false, null, TimeSpan.Zero, reason);
}
