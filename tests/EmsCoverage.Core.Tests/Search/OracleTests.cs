using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Search;

/// <summary>The production search against the reference Dijkstra on seeded random networks: exact equality.</summary>
public class OracleTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MultiSourceSearch_EqualsReferenceDijkstra_AtEveryNodeAndPoint(int seed)
    {
        var net = TestNetworks.Random(seed);
        var rng = new Random(seed * 7919);
        int sourceCount = 1 + rng.Next(6);
        var sources = Enumerable.Range(0, sourceCount).Select(_ => RandomSnap(net, rng)).ToArray();
        if (sourceCount > 2)
        {
            sources[^1] = sources[0]; // two bases on the same spot
        }

        var delays = sources.Select(_ => rng.Next(4) == 0 ? 0 : rng.Next(0, 120_000)).ToArray();
        var targets = Enumerable.Range(0, 30).Select(_ => RandomSnap(net, rng)).ToArray();
        int limitMs = rng.Next(3) == 0 ? int.MaxValue - 1 : rng.Next(60_000, 1_200_000);

        var set = new SourceSet(net, sources, delays);
        var ws = new SearchWorkspace(net.NodeCount);
        set.Search(limitMs, ws);

        var oracle = new ReferenceDijkstra(net, sources, targets);
        var perSource = oracle.TimesPerSource(delays);
        for (int node = 0; node < net.NodeCount; node++)
        {
            var expected = ReferenceDijkstra.Pick(perSource, node, limitMs);
            var actual = new ArrivalTimes(ws.BestTimeMs(node), ws.BestSource(node), ws.SecondTimeMs(node), ws.SecondSource(node));
            Assert.True(expected == actual, $"seed {seed}, node {node}: expected {expected}, got {actual}");
        }

        for (int t = 0; t < targets.Length; t++)
        {
            var expected = ReferenceDijkstra.Pick(perSource, oracle.TargetNode(t), limitMs);
            var actual = set.Evaluate(targets[t], ws, limitMs);
            Assert.True(expected == actual, $"seed {seed}, target {t} {targets[t]}: expected {expected}, got {actual}");
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public void ResultsDoNotDependOnSourceOrder(int seed)
    {
        var net = TestNetworks.Random(seed);
        var rng = new Random(seed);
        var snaps = Enumerable.Range(0, 5).Select(_ => RandomSnap(net, rng)).ToArray();
        int limitMs = 900_000;
        var ws1 = new SearchWorkspace(net.NodeCount);
        var ws2 = new SearchWorkspace(net.NodeCount);
        var set = new SourceSet(net, snaps, new int[5]);
        MultiSourceSearch.Run(net, set.Seeds, limitMs, ws1);
        MultiSourceSearch.Run(net, set.Seeds.ToArray().Reverse().ToArray(), limitMs, ws2);
        for (int node = 0; node < net.NodeCount; node++)
        {
            Assert.Equal(ws1.BestTimeMs(node), ws2.BestTimeMs(node));
            Assert.Equal(ws1.BestSource(node), ws2.BestSource(node));
            Assert.Equal(ws1.SecondTimeMs(node), ws2.SecondTimeMs(node));
            Assert.Equal(ws1.SecondSource(node), ws2.SecondSource(node));
        }
    }

    [Fact]
    public void WithoutSecondSourceTracking_BestLabelsAreTheSame()
    {
        var net = TestNetworks.Random(99);
        var rng = new Random(5);
        var set = new SourceSet(net, Enumerable.Range(0, 4).Select(_ => RandomSnap(net, rng)).ToArray(), [0, 1000, 0, 50_000]);
        var with = new SearchWorkspace(net.NodeCount);
        var without = new SearchWorkspace(net.NodeCount);
        set.Search(600_000, with, trackSecondSource: true);
        set.Search(600_000, without, trackSecondSource: false);
        for (int node = 0; node < net.NodeCount; node++)
        {
            Assert.Equal(with.BestTimeMs(node), without.BestTimeMs(node));
            Assert.Equal(with.BestSource(node), without.BestSource(node));
            Assert.Equal(SearchWorkspace.Unreached, without.SecondTimeMs(node));
        }
    }

    [Fact]
    public void ParallelSearches_WithOneWorkspacePerThread_GiveTheSameResultsAsSequential()
    {
        var net = TestNetworks.Random(31, 30, 30);
        var rng = new Random(17);
        var sets = Enumerable.Range(0, 16)
            .Select(_ => new SourceSet(net, Enumerable.Range(0, 3).Select(_ => RandomSnap(net, rng)).ToArray(), [0, 20_000, 40_000]))
            .ToArray();
        int[][] Run(int threads)
        {
            var results = new int[sets.Length][];
            Parallel.For(0, sets.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => new SearchWorkspace(net.NodeCount),
                (i, _, ws) =>
                {
                    sets[i].Search(900_000, ws);
                    results[i] = Enumerable.Range(0, net.NodeCount)
                        .SelectMany(n => new[] { ws.BestTimeMs(n), ws.BestSource(n), ws.SecondTimeMs(n), ws.SecondSource(n) })
                        .ToArray();
                    return ws;
                },
                _ => { });
            return results;
        }

        var one = Run(1);
        var four = Run(4);
        for (int i = 0; i < sets.Length; i++)
        {
            Assert.Equal(one[i], four[i]);
        }
    }

    [Fact]
    public void WarmSearch_AllocatesNothing()
    {
        var net = TestNetworks.Random(4, 40, 40);
        var rng = new Random(1);
        var set = new SourceSet(net, Enumerable.Range(0, 5).Select(_ => RandomSnap(net, rng)).ToArray(), new int[5]);
        var ws = new SearchWorkspace(net.NodeCount);
        set.Search(int.MaxValue - 1, ws); // warm-up: buckets grow to their working size
        set.Search(int.MaxValue - 1, ws);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int reached = set.Search(int.MaxValue - 1, ws);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(reached > 1000, $"the search should reach most of the grid, reached {reached}");
        Assert.Equal(0, allocated);
    }

    /// <summary>A random location on a random arc, at a fraction k/1024 (exact in binary, so 1 - (1 - f) == f).</summary>
    internal static SnapPoint RandomSnap(RoadNetwork net, Random rng)
    {
        int arc = rng.Next(net.ArcCount);
        int k = rng.Next(8) switch { 0 => 0, 1 => 1024, _ => rng.Next(1, 1024) };
        return new SnapPoint(arc, k / 1024.0, 0, 0, 0);
    }
}
