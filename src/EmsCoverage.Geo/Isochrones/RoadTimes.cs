using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Geo.Isochrones;

/// <summary>
/// Earliest arrival and first base at any position of the grid's roads after a search: the same answer as
/// <see cref="SourceSet.Evaluate"/> (same ms rounding through <see cref="SnapPoint.TimeFromTailMs"/>, same tie
/// rule), read from a table of each road's end labels instead of the workspace and the source index, since the
/// tracer asks millions of times. Roads with a base on them are passed to <see cref="SourceSet.Evaluate"/> itself.
/// </summary>
internal sealed class RoadTimes
{
    private readonly Road[] _roads;
    private readonly SourceSet _sources;
    private readonly SearchWorkspace _workspace;
    private readonly int _limitMs;
    private readonly RoadNetwork _network;

    public RoadTimes(RoadNetwork network, RoadGrid grid, SourceSet sources, SearchWorkspace searched, int limitMs)
    {
        _network = network;
        _sources = sources;
        _workspace = searched;
        _limitMs = limitMs;
        var withSource = new HashSet<int>();
        for (int s = 0; s < sources.Count; s++)
        {
            int arc = sources.Snap(s).Arc, twin = network.ArcTwin(arc);
            withSource.Add(twin == RoadNetwork.NoArc ? arc : Math.Min(arc, twin));
        }

        int[] arcs = grid.Roads;
        _roads = new Road[arcs.Length];
        for (int r = 0; r < arcs.Length; r++)
        {
            int arc = arcs[r], twin = network.ArcTwin(arc);
            int tail = network.ArcTail(arc), head = network.ArcHead(arc);
            _roads[r] = new Road(arc, searched.BestTimeMs(tail), searched.BestSource(tail), searched.BestTimeMs(head),
                searched.BestSource(head), network.ArcTravelTimeMs(arc), twin == RoadNetwork.NoArc ? -1 : network.ArcTravelTimeMs(twin),
                withSource.Contains(arc));
        }
    }

    /// <summary>
    /// The earliest arrival on the stretch of road <paramref name="road"/> between fractions <paramref name="from"/>
    /// and <paramref name="to"/> that arrival varies continuously over from <paramref name="at"/> (a position
    /// inside it), and its base.
    /// </summary>
    /// <remarks>
    /// On a two-way road arrival is continuous: the lower envelope of lines rising from both end nodes and V shapes
    /// around bases on the road, so the minimum lies at an end of the stretch or at a base. On a one-way road it rises
    /// in the driving direction and drops at a base (which reaches only what lies ahead of it) and at the head node
    /// (reached from elsewhere); there only the piece holding <paramref name="at"/> counts, and its minimum is its
    /// first point. Jumps are not crossed, so the answer stays within driving along the road of the time at
    /// <paramref name="at"/>.
    /// </remarks>
    public (int TimeMs, int Source) Earliest(int road, double at, double from, double to)
    {
        ref readonly Road r = ref _roads[road];
        if (r.BackwardMs < 0)
        {
            double start = from;
            if (r.HasSource)
            {
                for (int s = 0; s < _sources.Count; s++)
                {
                    var snap = _sources.Snap(s);
                    if (snap.Arc == r.Arc && snap.Fraction <= at && snap.Fraction > start)
                    {
                        start = snap.Fraction;
                    }
                }
            }

            return At(road, at == 1 ? 1 : Math.Min(start, at));
        }

        var best = At(road, from);
        if (to != from)
        {
            var other = At(road, to);
            if (Less(other, best))
            {
                best = other;
            }
        }

        if (r.HasSource)
        {
            int twin = _network.ArcTwin(r.Arc);
            for (int s = 0; s < _sources.Count; s++)
            {
                var snap = _sources.Snap(s);
                double position = snap.Arc == r.Arc ? snap.Fraction : snap.Arc == twin ? 1 - snap.Fraction : -1;
                if (position > from && position < to)
                {
                    var here = At(road, position);
                    if (Less(here, best))
                    {
                        best = here;
                    }
                }
            }
        }

        return best;
    }

    private static bool Less((int TimeMs, int Source) a, (int TimeMs, int Source) b) =>
        a.TimeMs < b.TimeMs || (a.TimeMs == b.TimeMs && (uint)a.Source < (uint)b.Source);

    /// <summary>Earliest arrival in ms (<see cref="SearchWorkspace.Unreached"/> beyond the limit) and its base at
    /// <paramref name="fraction"/> along road <paramref name="road"/> (an index into <see cref="RoadGrid.Roads"/>).</summary>
    public (int TimeMs, int Source) At(int road, double fraction)
    {
        ref readonly Road r = ref _roads[road];
        if (r.HasSource)
        {
            var a = _sources.Evaluate(new SnapPoint(r.Arc, fraction, 0, 0, 0), _workspace, _limitMs);
            return (a.BestMs, a.BestSource);
        }

        int best = SearchWorkspace.Unreached, source = SearchWorkspace.NoSource;
        if (r.TailMs != SearchWorkspace.Unreached)
        {
            Offer(Add(r.TailMs, SnapPoint.TimeFromTailMs(r.ForwardMs, fraction)), r.TailSource, ref best, ref source);
        }

        if (fraction == 1)
        {
            Offer(r.HeadMs, r.HeadSource, ref best, ref source);
        }

        if (r.BackwardMs >= 0)
        {
            double back = 1 - fraction;
            if (r.HeadMs != SearchWorkspace.Unreached)
            {
                Offer(Add(r.HeadMs, SnapPoint.TimeFromTailMs(r.BackwardMs, back)), r.HeadSource, ref best, ref source);
            }

            if (back == 1)
            {
                Offer(r.TailMs, r.TailSource, ref best, ref source);
            }
        }

        return (best, source);
    }

    private void Offer(int timeMs, int source, ref int best, ref int bestSource)
    {
        if (source < 0 || timeMs > _limitMs)
        {
            return;
        }

        if (timeMs < best || (timeMs == best && (uint)source < (uint)bestSource))
        {
            best = timeMs;
            bestSource = source;
        }
    }

    private static int Add(int timeMs, int extraMs) => (int)Math.Min(SearchWorkspace.Unreached - 1L, (long)timeMs + extraMs);

    private readonly record struct Road(int Arc, int TailMs, int TailSource, int HeadMs, int HeadSource, int ForwardMs, int BackwardMs, bool HasSource);
}
