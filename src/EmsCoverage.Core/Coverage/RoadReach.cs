using EmsCoverage.Graph;
using EmsCoverage.Search;

namespace EmsCoverage.Coverage;

/// <summary>What a search reached within one threshold: nodes and road length, in total and per nearest source.</summary>
/// <param name="ThresholdMs">The threshold in ms (inclusive).</param>
/// <param name="NodesReached">Nodes reached within the threshold.</param>
/// <param name="RoadLengthReachedM">Road length reached within the threshold, in metres; a road counts once
/// whatever its number of directions, and partly when reached partly.</param>
/// <param name="NodesNearestBySource">Per source: nodes it reaches first, within the threshold.</param>
/// <param name="RoadLengthNearestBySourceM">Per source: road length it reaches first, within the threshold, in
/// metres; these add up to <paramref name="RoadLengthReachedM"/>.</param>
public sealed record ThresholdReach(
    int ThresholdMs,
    int NodesReached,
    double RoadLengthReachedM,
    IReadOnlyList<int> NodesNearestBySource,
    IReadOnlyList<double> RoadLengthNearestBySourceM);

/// <summary>
/// Turns a finished multi-source search into reached nodes and reached road length per threshold, split by
/// nearest source.
/// </summary>
/// <remarks>
/// Along a road, the arrival time at position x (0 at the tail of the road's arc, 1 at its head) is the lower
/// envelope of straight lines: from the tail node forwards, from the head node backwards (two-way roads), and
/// from every source placed on the road in both drivable directions. The envelope is split at every line's
/// start and every crossing of two lines; on each piece one source wins and the time is linear, so the part
/// within the threshold is exact. Road length is the shape length in metres, in the network's length unit.
/// </remarks>
public static class RoadReach
{
    /// <summary>Computes the reach of the search held in <paramref name="workspace"/> for each threshold.</summary>
    /// <param name="network">The network searched.</param>
    /// <param name="sources">The sources the search started from.</param>
    /// <param name="workspace">Holds a finished search from <paramref name="sources"/> with a limit at least the largest threshold.</param>
    /// <param name="thresholdsMs">Thresholds in ms.</param>
    public static IReadOnlyList<ThresholdReach> Compute(RoadNetwork network, SourceSet sources, SearchWorkspace workspace, ReadOnlySpan<int> thresholdsMs)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(workspace);
        int k = thresholdsMs.Length;
        var nodes = new int[k];
        var nodesBy = new int[k][];
        var length = new double[k];
        var lengthBy = new double[k][];
        for (int i = 0; i < k; i++)
        {
            nodesBy[i] = new int[sources.Count];
            lengthBy[i] = new double[sources.Count];
        }

        foreach (int node in workspace.ReachedNodes)
        {
            int t = workspace.BestTimeMs(node);
            for (int i = 0; i < k; i++)
            {
                if (t <= thresholdsMs[i])
                {
                    nodes[i]++;
                    nodesBy[i][workspace.BestSource(node)]++;
                }
            }
        }

        var sourcesByRoad = new Dictionary<int, List<int>>();
        for (int s = 0; s < sources.Count; s++)
        {
            int road = RoadArc(network, sources.Snap(s).Arc);
            if (!sourcesByRoad.TryGetValue(road, out var list))
            {
                sourcesByRoad[road] = list = [];
            }

            list.Add(s);
        }

        var lines = new List<Line>(8);
        var cuts = new List<double>(16);
        for (int arc = 0; arc < network.ArcCount; arc++)
        {
            if (RoadArc(network, arc) != arc)
            {
                continue; // each road once, through its lower-numbered arc
            }

            lines.Clear();
            int twin = network.ArcTwin(arc);
            double fwd = network.ArcTravelTimeMs(arc);
            double bwd = twin == RoadNetwork.NoArc ? double.PositiveInfinity : network.ArcTravelTimeMs(twin);
            int tail = network.ArcTail(arc), head = network.ArcHead(arc);
            AddLine(lines, 0, workspace.BestTimeMs(tail), fwd, double.PositiveInfinity, workspace.BestSource(tail));
            if (twin != RoadNetwork.NoArc)
            {
                AddLine(lines, 1, workspace.BestTimeMs(head), double.PositiveInfinity, bwd, workspace.BestSource(head));
            }

            if (sourcesByRoad.TryGetValue(arc, out var onRoad))
            {
                foreach (int s in onRoad)
                {
                    var snap = sources.Snap(s);
                    double position = snap.Arc == arc ? snap.Fraction : 1 - snap.Fraction;
                    AddLine(lines, position, sources.StartDelayMs(s), fwd, bwd, s);
                }
            }

            if (lines.Count == 0)
            {
                continue;
            }

            double roadLengthM = network.ArcLengthM(arc);
            cuts.Clear();
            cuts.Add(0);
            cuts.Add(1);
            foreach (var l in lines)
            {
                cuts.Add(l.Position);
            }

            for (int i = 0; i < lines.Count; i++)
            {
                for (int j = i + 1; j < lines.Count; j++)
                {
                    AddCrossings(cuts, lines[i], lines[j]);
                }
            }

            cuts.Sort();
            for (int c = 0; c + 1 < cuts.Count; c++)
            {
                double x0 = cuts[c], x1 = cuts[c + 1];
                if (x1 <= x0)
                {
                    continue;
                }

                double mid = (x0 + x1) / 2;
                int winner = 0;
                for (int i = 1; i < lines.Count; i++)
                {
                    double ti = lines[i].At(mid), tw = lines[winner].At(mid);
                    if (ti < tw || (ti == tw && lines[i].Source < lines[winner].Source))
                    {
                        winner = i;
                    }
                }

                Line w = lines[winner];
                double t0 = w.At(x0), t1 = w.At(x1);
                if (double.IsInfinity(w.At(mid)))
                {
                    continue;
                }

                for (int i = 0; i < k; i++)
                {
                    double reached = ReachedPart(x0, x1, t0, t1, thresholdsMs[i]) * roadLengthM;
                    length[i] += reached;
                    lengthBy[i][w.Source] += reached;
                }
            }
        }

        var result = new ThresholdReach[k];
        for (int i = 0; i < k; i++)
        {
            result[i] = new ThresholdReach(thresholdsMs[i], nodes[i], length[i], nodesBy[i], lengthBy[i]);
        }

        return result;
    }

    private static int RoadArc(RoadNetwork network, int arc)
    {
        int twin = network.ArcTwin(arc);
        return twin == RoadNetwork.NoArc ? arc : Math.Min(arc, twin);
    }

    private static void AddLine(List<Line> lines, double position, int timeMs, double forwardMsPerUnit, double backwardMsPerUnit, int source)
    {
        if (timeMs != SearchWorkspace.Unreached && source >= 0)
        {
            lines.Add(new Line(position, timeMs, forwardMsPerUnit, backwardMsPerUnit, source));
        }
    }

    // Where two lines' branches meet inside [0, 1].
    private static void AddCrossings(List<double> cuts, Line a, Line b)
    {
        foreach (double aSlope in a.Slopes())
        {
            foreach (double bSlope in b.Slopes())
            {
                // a.Time + aSlope * (x - a.Position) == b.Time + bSlope * (x - b.Position)
                if (double.IsInfinity(aSlope) || double.IsInfinity(bSlope) || aSlope == bSlope)
                {
                    continue;
                }

                double x = (b.TimeMs - a.TimeMs + (aSlope * a.Position) - (bSlope * b.Position)) / (aSlope - bSlope);
                if (x > 0 && x < 1)
                {
                    cuts.Add(x);
                }
            }
        }
    }

    // Length fraction of [x0, x1] where a linear time from t0 to t1 stays within the threshold.
    private static double ReachedPart(double x0, double x1, double t0, double t1, int thresholdMs)
    {
        bool in0 = t0 <= thresholdMs, in1 = t1 <= thresholdMs;
        if (in0 && in1)
        {
            return x1 - x0;
        }

        if (!in0 && !in1)
        {
            return 0;
        }

        double f = (thresholdMs - Math.Min(t0, t1)) / Math.Abs(t1 - t0);
        return f * (x1 - x0);
    }

    /// <summary>Arrival time along a road from one start point: forwards and backwards at the arcs' rates.</summary>
    private readonly record struct Line(double Position, double TimeMs, double ForwardMsPerUnit, double BackwardMsPerUnit, int Source)
    {
        public double At(double x) =>
            x == Position ? TimeMs
            : x > Position ? TimeMs + ((x - Position) * ForwardMsPerUnit)
            : TimeMs + ((Position - x) * BackwardMsPerUnit);

        // Slope of time in x of each branch: forwards time grows with x, backwards it falls.
        public double[] Slopes() => [ForwardMsPerUnit, -BackwardMsPerUnit];
    }
}
