using EmsCoverage.Population;
using EmsCoverage.Snapping;

namespace EmsCoverage.Coverage;

/// <summary>
/// Demand cells placed on the road network once: each cell's snap point and off-road access time, or "no road
/// nearby". Reused across scenarios and searches, so evaluating coverage never snaps again.
/// </summary>
public sealed class SnappedDemand
{
    private readonly SnapPoint[] _snaps;
    private readonly bool[] _snapped;
    private readonly int[] _accessMs;
    private readonly double[] _population;

    private SnappedDemand(DemandLayer layer, AccessLeg access, SnapPoint[] snaps, bool[] snapped, int[] accessMs)
    {
        Layer = layer;
        Access = access;
        _snaps = snaps;
        _snapped = snapped;
        _accessMs = accessMs;
        _population = new double[layer.Cells.Count];
        for (int i = 0; i < _population.Length; i++)
        {
            _population[i] = layer.Cells[i].Population;
        }
    }

    /// <summary>The demand cells.</summary>
    public DemandLayer Layer { get; }

    /// <summary>The access leg used.</summary>
    public AccessLeg Access { get; }

    /// <summary>Snaps every cell of <paramref name="layer"/> (cells farther than the access leg's maximum snap
    /// distance from the main network stay unsnapped).</summary>
    public static SnappedDemand Snap(Snapper snapper, DemandLayer layer, AccessLeg access)
    {
        ArgumentNullException.ThrowIfNull(snapper);
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(access);
        int n = layer.Cells.Count;
        var snaps = new SnapPoint[n];
        var snapped = new bool[n];
        var accessMs = new int[n];
        for (int i = 0; i < n; i++)
        {
            var cell = layer.Cells[i];
            if (snapper.TrySnap(cell.Lat, cell.Lon, access.MaxSnapDistanceM, out var snap))
            {
                snaps[i] = snap;
                snapped[i] = true;
                accessMs[i] = access.TimeMs(snap.DistanceM);
            }
        }

        return new SnappedDemand(layer, access, snaps, snapped, accessMs);
    }

    /// <summary>True when cell <paramref name="cell"/> lies within the maximum snap distance of a road.</summary>
    public bool IsSnapped(int cell) => _snapped[cell];

    /// <summary>Where cell <paramref name="cell"/> joins the road (only meaningful when <see cref="IsSnapped"/>).</summary>
    public SnapPoint Snap(int cell) => _snaps[cell];

    /// <summary>People at cell <paramref name="cell"/> (a contiguous copy of the layer's values, for evaluation loops).</summary>
    public double Population(int cell) => _population[cell];

    /// <summary>Off-road access time of cell <paramref name="cell"/> in ms.</summary>
    public int AccessMs(int cell) => _accessMs[cell];
}
