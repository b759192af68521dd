using EmsCoverage.Coverage;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>How the reached area is split among the bases.</summary>
public enum IsochroneMode
{
    /// <summary>One area per break: reached from any base within the break.</summary>
    Union,

    /// <summary>One area per base and break: reached from that base alone within the break (areas of neighbouring
    /// bases overlap).</summary>
    PerBase,

    /// <summary>One area per base and break: the part of the union where that base arrives first. Areas of one break
    /// do not overlap and together make up the union.</summary>
    Partition,
}

/// <summary>What to draw.</summary>
public sealed record IsochroneOptions
{
    /// <summary>The default generalisation tolerance, metres.</summary>
    public const double DefaultToleranceM = 50;

    /// <summary>Options for the given breaks.</summary>
    /// <param name="breaks">Breaks (e.g. 5, 10, 20, 30 minutes); each more than 0 and at most 24 h, in any order.</param>
    public IsochroneOptions(IEnumerable<TimeSpan> breaks)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        Breaks = [.. breaks];
    }

    /// <summary>The breaks as given.</summary>
    public IReadOnlyList<TimeSpan> Breaks { get; }

    /// <summary>Union, per base, or nearest-base partition (default union).</summary>
    public IsochroneMode Mode { get; init; } = IsochroneMode.Union;

    /// <summary>Generalisation tolerance in metres (default 50): the grid cell the times are sampled on, and the
    /// accuracy of the outlines. At least 1 m.</summary>
    public double ToleranceM { get; init; } = DefaultToleranceM;

    /// <summary>The access leg from the road to a point, the same as the population coverage uses: points farther than
    /// its maximum snap distance from every road are never inside.</summary>
    public AccessLeg Access { get; init; } = new();
}

/// <summary>One drawn area.</summary>
/// <param name="Break">The break.</param>
/// <param name="Base">Source index of the base (per base and partition), or null for the union.</param>
/// <param name="Area">The area in WGS84 (X = longitude, Y = latitude); shells counter-clockwise, holes clockwise
/// (RFC 7946); valid; empty when nothing is reached.</param>
/// <param name="AreaKm2">Its area in km².</param>
/// <param name="Population">People of the demand layer whose cell point lies inside, or null when no layer was given.</param>
public sealed record IsochronePolygon(TimeSpan Break, int? Base, MultiPolygon Area, double AreaKm2, double? Population);

/// <summary>How a base is named in the output.</summary>
/// <param name="Id">The base's identifier (e.g. from the stations file).</param>
/// <param name="Name">Its name as people know it.</param>
public sealed record IsochroneBase(string Id, string Name);
