using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Graph;
using EmsCoverage.Routing;
using EmsCoverage.Search;

namespace EmsCoverage.Core.Tests.Routing;

/// <summary>
/// The contraction hierarchy and the PHAST sweep against a textbook Dijkstra on seeded random networks (zero-time
/// arcs, one-ways, parallel arcs, loops, islands): every lane equals the oracle exactly at every node, the limit's
/// boundary included, forward and reverse.
/// </summary>
public class PhastSweepTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 30));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryLane_EqualsDijkstra_ForwardAndReverse(int seed)
    {
        var net = TestNetworks.Random(seed, 14, 11);
        var ch = ContractionHierarchy.Build(net);
        var rng = new Random(seed * 31);
        var seeds = RandomSeeds(net, rng);
        var ws = new SweepWorkspace(net.NodeCount);
        foreach (var direction in new[] { SweepDirection.FromSources, SweepDirection.ToTargets })
        {
            // Limits: unbounded, random, and exactly a reached node's time (the boundary must be inclusive).
            int[] unbounded = NodeDijkstra.Times(net, LaneStarts(seeds, 0), ContractionHierarchy.MaxExactTimeMs, direction == SweepDirection.ToTargets);
            int boundary = unbounded.Where(t => t != SearchWorkspace.Unreached).OrderBy(t => t).ElementAtOrDefault(unbounded.Length / 3);
            foreach (int limit in new[] { ContractionHierarchy.MaxExactTimeMs, rng.Next(30_000, 600_000), boundary, 0 })
            {
                PhastSweep.Run(ch, seeds, limit, direction, ws);
                for (int lane = 0; lane < PhastSweep.LaneCount; lane++)
                {
                    int[] expected = NodeDijkstra.Times(net, LaneStarts(seeds, lane), limit, direction == SweepDirection.ToTargets);
                    for (int v = 0; v < net.NodeCount; v++)
                    {
                        int actual = ws.TimeMs(ch, lane, v);
                        Assert.True(expected[v] == actual,
                            $"seed {seed}, {direction}, limit {limit}, lane {lane}, node {v}: expected {expected[v]}, got {actual}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Hierarchy_IsDeterministic_AndKnowsItsNetwork()
    {
        var net = TestNetworks.Random(5);
        var a = ContractionHierarchy.Build(net);
        var b = ContractionHierarchy.Build(net);
        Assert.Equal(Enumerable.Range(0, net.NodeCount).Select(a.Rank), Enumerable.Range(0, net.NodeCount).Select(b.Rank));
        Assert.Equal(a.UpArcCount, b.UpArcCount);
        Assert.True(a.BelongsTo(net));
        Assert.False(a.BelongsTo(TestNetworks.Random(6)));
        Assert.Equal(net.NodeCount, Enumerable.Range(0, net.NodeCount).Select(a.Rank).Distinct().Count());
    }

    [Fact]
    public void BadSeeds_AreRejected()
    {
        var net = TestNetworks.Random(2);
        var ch = ContractionHierarchy.Build(net);
        var ws = new SweepWorkspace(net.NodeCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => PhastSweep.Run(ch, [new SearchSeed(0, 0, PhastSweep.LaneCount)], 1000, SweepDirection.FromSources, ws));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhastSweep.Run(ch, [new SearchSeed(net.NodeCount, 0, 0)], 1000, SweepDirection.FromSources, ws));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhastSweep.Run(ch, [new SearchSeed(0, -1, 0)], 1000, SweepDirection.FromSources, ws));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhastSweep.Run(ch, [], -1, SweepDirection.FromSources, ws));
    }

    /// <summary>Up to 8 lanes, each with 1–3 seeds (node, offset); some lanes share a node, one lane may be empty.</summary>
    internal static SearchSeed[] RandomSeeds(RoadNetwork net, Random rng)
    {
        var seeds = new List<SearchSeed>();
        for (int lane = 0; lane < PhastSweep.LaneCount; lane++)
        {
            if (lane == 7 && rng.Next(2) == 0)
            {
                continue; // an empty lane
            }

            int count = 1 + rng.Next(3);
            for (int i = 0; i < count; i++)
            {
                int node = lane == 1 && i == 0 ? seeds[0].Node : rng.Next(net.NodeCount); // lane 1 starts where lane 0 does
                seeds.Add(new SearchSeed(node, rng.Next(3) == 0 ? 0 : rng.Next(0, 90_000), lane));
            }
        }

        return [.. seeds];
    }

    internal static IEnumerable<(int Node, int TimeMs)> LaneStarts(SearchSeed[] seeds, int lane) =>
        seeds.Where(s => s.Source == lane).Select(s => (s.Node, s.TimeMs));
}
