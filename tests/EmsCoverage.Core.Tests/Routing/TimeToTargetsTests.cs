using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Core.Tests.WhatIf;
using EmsCoverage.Routing;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Core.Tests.Routing;

/// <summary>Reverse columns against forward searches: from each node, a source standing on it, evaluated at the target.</summary>
public class TimeToTargetsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void TimeFromEveryNode_EqualsForwardSearchFromThatNode(int seed)
    {
        var f = new WhatIfFixture(TestNetworks.Random(seed), cellCount: 10, siteCount: 11, seed: seed);
        var net = f.Network;
        var ch = ContractionHierarchy.Build(net);
        SnapPoint[] targets = [.. f.Sites];
        const int LimitMs = 500_000;
        int[][] perTarget = TimeToTargets.PerTargetMs(net, ch, targets, LimitMs, maxDegreeOfParallelism: 2);
        int[] nearest = TimeToTargets.NearestMs(net, ch, targets, LimitMs);
        var ws = new SearchWorkspace(net.NodeCount);
        for (int v = 0; v < net.NodeCount; v++)
        {
            if (net.FirstArc(v) == net.FirstArc(v + 1))
            {
                continue; // no arc to stand a source on; covered by the node-level reverse tests
            }

            var source = new SourceSet(net, [new SnapPoint(net.FirstArc(v), 0, 0, net.NodeLat(v), net.NodeLon(v))], [0]);
            source.Search(LimitMs, ws, trackSecondSource: false);
            int best = SearchWorkspace.Unreached;
            for (int t = 0; t < targets.Length; t++)
            {
                int expected = source.Evaluate(targets[t], ws, LimitMs).BestMs;
                Assert.True(expected == perTarget[t][v], $"seed {seed}, node {v}, target {t}: expected {expected}, got {perTarget[t][v]}");
                best = Math.Min(best, expected);
            }

            Assert.Equal(best, nearest[v]);
        }
    }
}
