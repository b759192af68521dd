using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Coverage;

/// <summary>
/// Time to definitive care: from the nearest base to the patient (the response) and on from the patient to the
/// nearest hospital with the needed capability. The second leg is one multi-source search from the capable
/// hospitals on the <see cref="ReversedNetwork"/>: the same search code, run backwards, gives every road location's
/// time TO its nearest hospital.
/// </summary>
public static class DefinitiveCare
{
    /// <summary>
    /// Per demand cell: drive time in ms from the cell's snap point on the road to the nearest of
    /// <paramref name="facilities"/>, or <see cref="SearchWorkspace.Unreached"/> beyond <paramref name="limitMs"/>
    /// (and for cells not snapped). One search on <paramref name="reversed"/>.
    /// </summary>
    /// <param name="reversed">The reverse of the network the cells and facilities were snapped on.</param>
    /// <param name="facilities">Hospitals, snapped on the forward network.</param>
    /// <param name="demand">The demand cells, snapped on the forward network.</param>
    /// <param name="limitMs">Search limit in ms.</param>
    /// <param name="workspace">Scratch memory for the search.</param>
    /// <param name="nearestFacility">Per cell: index of the nearest facility, or <see cref="SearchWorkspace.NoSource"/>.</param>
    public static int[] TimeToNearestFacilityMs(ReversedNetwork reversed, ReadOnlySpan<SnapPoint> facilities, SnappedDemand demand,
        int limitMs, SearchWorkspace workspace, out int[] nearestFacility)
    {
        ArgumentNullException.ThrowIfNull(reversed);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(workspace);
        int cells = demand.Layer.Cells.Count;
        var times = new int[cells];
        nearestFacility = new int[cells];
        Array.Fill(times, SearchWorkspace.Unreached);
        Array.Fill(nearestFacility, SearchWorkspace.NoSource);
        if (facilities.IsEmpty)
        {
            return times;
        }

        var snaps = new SnapPoint[facilities.Length];
        for (int i = 0; i < snaps.Length; i++)
        {
            snaps[i] = reversed.ToReversed(facilities[i]);
        }

        var sources = new SourceSet(reversed.Network, snaps, new int[snaps.Length]);
        sources.Search(limitMs, workspace, trackSecondSource: false);
        for (int c = 0; c < cells; c++)
        {
            if (!demand.IsSnapped(c))
            {
                continue;
            }

            var arrival = sources.Evaluate(reversed.ToReversed(demand.Snap(c)), workspace, limitMs);
            times[c] = arrival.BestMs;
            nearestFacility[c] = arrival.BestSource;
        }

        return times;
    }

    /// <summary>
    /// Joins the two legs per cell into the "road arrival" that <see cref="PopulationCoverage.FromArrivals"/> takes
    /// (it adds the access leg once more, for carrying the patient back to the road): response at the road
    /// (<paramref name="responseRoad"/>) + access leg to the patient + <paramref name="onSceneMs"/> + drive to the
    /// facility. Unreached when either leg is; the best source stays the responding base; no second source.
    /// </summary>
    /// <param name="demand">The demand cells.</param>
    /// <param name="responseRoad">Per cell: the bases' road arrival at the cell's snap point (no access leg).</param>
    /// <param name="facilityRoadMs">Per cell: drive time from the cell's snap point to the nearest capable facility.</param>
    /// <param name="onSceneMs">Time spent with the patient before leaving, in ms (zero or more).</param>
    public static ArrivalTimes[] CombineLegs(SnappedDemand demand, ReadOnlySpan<ArrivalTimes> responseRoad, ReadOnlySpan<int> facilityRoadMs, int onSceneMs)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentOutOfRangeException.ThrowIfNegative(onSceneMs);
        int cells = demand.Layer.Cells.Count;
        if (responseRoad.Length != cells || facilityRoadMs.Length != cells)
        {
            throw new ArgumentException("One response and one facility time are needed per demand cell.", nameof(responseRoad));
        }

        var result = new ArrivalTimes[cells];
        for (int c = 0; c < cells; c++)
        {
            var r = responseRoad[c];
            if (!demand.IsSnapped(c) || r.BestMs == SearchWorkspace.Unreached || facilityRoadMs[c] == SearchWorkspace.Unreached)
            {
                result[c] = ArrivalTimes.None;
                continue;
            }

            long total = (long)r.BestMs + demand.AccessMs(c) + onSceneMs + facilityRoadMs[c];
            result[c] = total >= SearchWorkspace.Unreached - (long)demand.AccessMs(c)
                ? ArrivalTimes.None
                : new ArrivalTimes((int)total, r.BestSource, SearchWorkspace.Unreached, SearchWorkspace.NoSource);
        }

        return result;
    }
}
