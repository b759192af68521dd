using EmsCoverage.Graph;
using EmsCoverage.Snapping;

namespace EmsCoverage.Search;

/// <summary>Earliest and second-earliest arrival (by a different source) at one location.</summary>
/// <param name="BestMs">Earliest arrival in ms, or <see cref="SearchWorkspace.Unreached"/>.</param>
/// <param name="BestSource">Source of the earliest arrival, or <see cref="SearchWorkspace.NoSource"/>.</param>
/// <param name="SecondMs">Earliest arrival by another source, or <see cref="SearchWorkspace.Unreached"/>.</param>
/// <param name="SecondSource">Source of <paramref name="SecondMs"/>, or <see cref="SearchWorkspace.NoSource"/>.</param>
public readonly record struct ArrivalTimes(int BestMs, int BestSource, int SecondMs, int SecondSource)
{
    /// <summary>No source reaches the location.</summary>
    public static ArrivalTimes None { get; } = new(SearchWorkspace.Unreached, SearchWorkspace.NoSource, SearchWorkspace.Unreached, SearchWorkspace.NoSource);
}

/// <summary>
/// Sources (stations or candidate sites) placed on the road network: their search seeds, and the arrival times
/// they give at any other road location after a <see cref="MultiSourceSearch"/>.
/// </summary>
/// <remarks>
/// A source on arc u→v at fraction f with turnout delay d reaches v at d + (t(u→v) − ⌊f·t⌉) and, on a two-way
/// road, u at d + (t(v→u) − ⌊(1−f)·t(v→u)⌉); a source exactly on a node (f = 0) also starts at that node.
/// A location on the same road ahead of the source in the driving direction is reached directly, without going
/// round through a node. Partial times all come from <see cref="SnapPoint.TimeFromTailMs"/>, so the answers are
/// exactly those of the same graph with every source and location inserted as a node.
/// </remarks>
public sealed class SourceSet
{
    private readonly RoadNetwork _network;
    private readonly SearchSeed[] _seeds;
    private readonly SnapPoint[] _snaps;
    private readonly int[] _delaysMs;
    // Sources by the road they sit on: _roadKeys sorted ascending, the sources of _roadKeys[i] are
    // _roadSources[_roadStart[i] .. _roadStart[i + 1] - 1] in ascending order. Searched per evaluated location, so
    // a small sorted array (binary search, no hashing) rather than a dictionary.
    private readonly int[] _roadKeys;
    private readonly int[] _roadStart;
    private readonly int[] _roadSources;

    /// <summary>Places the sources.</summary>
    /// <param name="network">The road network the snaps refer to.</param>
    /// <param name="snaps">Snapped location of each source; the index is the source index.</param>
    /// <param name="startDelaysMs">Start delay (turnout time) of each source in ms, zero or more.</param>
    public SourceSet(RoadNetwork network, ReadOnlySpan<SnapPoint> snaps, ReadOnlySpan<int> startDelaysMs)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (snaps.Length != startDelaysMs.Length)
        {
            throw new ArgumentException("One start delay is needed per source.", nameof(startDelaysMs));
        }

        _network = network;
        _snaps = snaps.ToArray();
        _delaysMs = startDelaysMs.ToArray();
        var seeds = new List<SearchSeed>(snaps.Length * 3);
        for (int s = 0; s < _snaps.Length; s++)
        {
            SnapPoint snap = _snaps[s];
            ArgumentOutOfRangeException.ThrowIfNegative(_delaysMs[s], nameof(startDelaysMs));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(snap.Arc, network.ArcCount, nameof(snaps));
            int arc = snap.Arc;
            int delay = _delaysMs[s];
            int t = network.ArcTravelTimeMs(arc);
            seeds.Add(new SearchSeed(network.ArcHead(arc), Saturate(delay + (long)(t - SnapPoint.TimeFromTailMs(t, snap.Fraction))), s));
            int twin = network.ArcTwin(arc);
            if (twin != RoadNetwork.NoArc)
            {
                int tt = network.ArcTravelTimeMs(twin);
                seeds.Add(new SearchSeed(network.ArcHead(twin), Saturate(delay + (long)(tt - SnapPoint.TimeFromTailMs(tt, 1 - snap.Fraction))), s));
            }
            else if (snap.Fraction == 0)
            {
                seeds.Add(new SearchSeed(network.ArcTail(arc), delay, s));
            }

        }

        _seeds = [.. seeds];
        var byRoad = Enumerable.Range(0, _snaps.Length).GroupBy(s => RoadKey(_snaps[s].Arc)).OrderBy(g => g.Key).ToArray();
        _roadKeys = byRoad.Select(g => g.Key).ToArray();
        _roadStart = new int[_roadKeys.Length + 1];
        _roadSources = new int[_snaps.Length];
        int next = 0;
        for (int i = 0; i < byRoad.Length; i++)
        {
            _roadStart[i] = next;
            foreach (int s in byRoad[i].Order())
            {
                _roadSources[next++] = s;
            }
        }

        _roadStart[^1] = next;
    }

    /// <summary>Number of sources.</summary>
    public int Count => _snaps.Length;

    /// <summary>The seeds to pass to <see cref="MultiSourceSearch.Run"/>.</summary>
    public ReadOnlySpan<SearchSeed> Seeds => _seeds;

    /// <summary>Snapped location of source <paramref name="source"/>.</summary>
    public SnapPoint Snap(int source) => _snaps[source];

    /// <summary>Start delay of source <paramref name="source"/> in ms.</summary>
    public int StartDelayMs(int source) => _delaysMs[source];

    /// <summary>Runs the bounded multi-source search from all sources into <paramref name="workspace"/>.</summary>
    public int Search(int limitMs, SearchWorkspace workspace, bool trackSecondSource = true) =>
        MultiSourceSearch.Run(_network, _seeds, limitMs, workspace, trackSecondSource);

    /// <summary>
    /// Arrival times at road location <paramref name="target"/> after <see cref="Search"/> ran with
    /// <paramref name="limitMs"/> into <paramref name="workspace"/>; times above the limit read as unreached.
    /// </summary>
    public ArrivalTimes Evaluate(SnapPoint target, SearchWorkspace workspace, int limitMs)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var acc = Best2.Empty;
        AddDirection(ref acc, target.Arc, target.Fraction, workspace, limitMs);
        int twin = _network.ArcTwin(target.Arc);
        if (twin != RoadNetwork.NoArc)
        {
            AddDirection(ref acc, twin, 1 - target.Fraction, workspace, limitMs);
        }

        return new ArrivalTimes(acc.BestMs, acc.BestSource, acc.SecondMs, acc.SecondSource);
    }

    private void AddDirection(ref Best2 acc, int arc, double fraction, SearchWorkspace ws, int limitMs)
    {
        int t = _network.ArcTravelTimeMs(arc);
        int along = SnapPoint.TimeFromTailMs(t, fraction);
        int tail = _network.ArcTail(arc);
        acc.Offer(Add(ws.BestTimeMs(tail), along), ws.BestSource(tail), limitMs);
        acc.Offer(Add(ws.SecondTimeMs(tail), along), ws.SecondSource(tail), limitMs);
        if (fraction == 1)
        {
            // At the head node itself: its own labels count, whichever way they came.
            int head = _network.ArcHead(arc);
            acc.Offer(ws.BestTimeMs(head), ws.BestSource(head), limitMs);
            acc.Offer(ws.SecondTimeMs(head), ws.SecondSource(head), limitMs);
        }

        int road = Array.BinarySearch(_roadKeys, RoadKey(arc));
        if (road >= 0)
        {
            for (int i = _roadStart[road]; i < _roadStart[road + 1]; i++)
            {
                int s = _roadSources[i];
                SnapPoint snap = _snaps[s];
                double position = snap.Arc == arc ? snap.Fraction : 1 - snap.Fraction;
                if (position <= fraction)
                {
                    long timeMs = (long)_delaysMs[s] + along - SnapPoint.TimeFromTailMs(t, position);
                    acc.Offer(Saturate(timeMs), s, limitMs);
                }
            }
        }
    }

    private int RoadKey(int arc)
    {
        int twin = _network.ArcTwin(arc);
        return twin == RoadNetwork.NoArc ? arc : Math.Min(arc, twin);
    }

    private static int Add(int timeMs, int extraMs) =>
        timeMs == SearchWorkspace.Unreached ? SearchWorkspace.Unreached : Saturate((long)timeMs + extraMs);

    private static int Saturate(long timeMs) => timeMs >= SearchWorkspace.Unreached ? SearchWorkspace.Unreached - 1 : (int)timeMs;

    /// <summary>Keeps the best two (time, source) labels with distinct sources.</summary>
    private struct Best2
    {
        public int BestMs, BestSource, SecondMs, SecondSource;

        public static Best2 Empty => new()
        {
            BestMs = SearchWorkspace.Unreached,
            BestSource = SearchWorkspace.NoSource,
            SecondMs = SearchWorkspace.Unreached,
            SecondSource = SearchWorkspace.NoSource,
        };

        public void Offer(int timeMs, int source, int limitMs)
        {
            if (source < 0 || timeMs > limitMs)
            {
                return;
            }

            if (Less(timeMs, source, BestMs, BestSource))
            {
                if (source != BestSource)
                {
                    SecondMs = BestMs;
                    SecondSource = BestSource;
                }

                BestMs = timeMs;
                BestSource = source;
            }
            else if (source != BestSource && Less(timeMs, source, SecondMs, SecondSource))
            {
                SecondMs = timeMs;
                SecondSource = source;
            }
        }

        private static bool Less(int t1, int s1, int t2, int s2) => t1 < t2 || (t1 == t2 && (uint)s1 < (uint)s2);
    }
}
