using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Core.Tests.WhatIf;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Core.Tests.Routing;

/// <summary>
/// Columns from hierarchy sweeps against the reference Dijkstra (sites and cells inserted as nodes, per-site searches)
/// and against the bounded-Dijkstra columns: equal cell for cell, unreached and the limit's boundary included.
/// </summary>
public class SweepColumnsTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 12));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SweepColumns_EqualReferenceDijkstra_AndDijkstraColumns(int seed)
    {
        var f = new WhatIfFixture(TestNetworks.Random(seed, 14, 11), cellCount: 250, siteCount: 17, seed: seed);
        // Sites exactly on nodes (both ends of an arc) and a duplicate, besides the fixture's on-road pairs.
        var sites = f.Sites.ToList();
        sites.Add(f.Sites[0] with { Fraction = 0 });
        sites.Add(f.Sites[1] with { Fraction = 1 });
        sites.Add(f.Sites[2]);
        var rng = new Random(seed);
        var oracle = new ReferenceDijkstra(f.Network, [.. sites], Enumerable.Range(0, f.Layer.Cells.Count)
            .Select(c => f.Demand.IsSnapped(c) ? f.Demand.Snap(c) : sites[0]).ToArray());
        long[][] perSite = oracle.TimesPerSource(new int[sites.Count]);
        // A limit equal to one reached cell's time: that cell must be in, anything slower out.
        long boundary = perSite[3].Where(t => t is > 0 and < 10_000_000).DefaultIfEmpty(200_000).Order().ElementAt(perSite[3].Count(t => t is > 0 and < 10_000_000) / 2);
        foreach (int limit in new[] { 240_000, (int)boundary, rng.Next(20_000, 900_000) })
        {
            var sweep = TravelTimeColumns.Build(f.Network, f.Demand, sites, new TravelTimeColumnOptions(limit) { Method = ColumnMethod.Sweep });
            var dijkstra = TravelTimeColumns.Build(f.Network, f.Demand, sites, new TravelTimeColumnOptions(limit) { Method = ColumnMethod.Dijkstra });
            for (int s = 0; s < sites.Count; s++)
            {
                Assert.Equal(dijkstra[s].Cells.ToArray(), sweep[s].Cells.ToArray());
                Assert.Equal(dijkstra[s].TimesMs.ToArray(), sweep[s].TimesMs.ToArray());
                Assert.Equal(dijkstra[s].MaxTimeMs, sweep[s].MaxTimeMs);
                for (int c = 0; c < f.Layer.Cells.Count; c++)
                {
                    long t = f.Demand.IsSnapped(c) ? perSite[s][oracle.TargetNode(c)] : long.MaxValue;
                    int expected = t <= limit ? (int)t : SearchWorkspace.Unreached;
                    Assert.True(expected == sweep[s].TimeMsAt(c), $"seed {seed}, limit {limit}, site {s}, cell {c}: expected {expected}, got {sweep[s].TimeMsAt(c)}");
                }
            }
        }
    }

    [Fact]
    public void SweepColumns_AreTheSame_ForAnyNumberOfThreads()
    {
        var f = new WhatIfFixture(TestNetworks.Random(9, 20, 15), cellCount: 400, siteCount: 40, seed: 9);
        var one = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(300_000) { Method = ColumnMethod.Sweep, MaxDegreeOfParallelism = 1 });
        var four = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(300_000) { Method = ColumnMethod.Sweep, MaxDegreeOfParallelism = 4 });
        for (int s = 0; s < f.Sites.Count; s++)
        {
            Assert.Equal(one[s].Cells.ToArray(), four[s].Cells.ToArray());
            Assert.Equal(one[s].TimesMs.ToArray(), four[s].TimesMs.ToArray());
        }
    }

    [Fact]
    public void SelectionRule_FollowsReachAndColumnCount()
    {
        Assert.False(ColumnEngine.ChooseSweep(0.005, 10_000, hierarchyAtHand: true));   // tiny reach: Dijkstra
        Assert.True(ColumnEngine.ChooseSweep(0.5, 20, hierarchyAtHand: true));          // index loaded: sweep
        Assert.False(ColumnEngine.ChooseSweep(0.5, 20, hierarchyAtHand: false));        // 20 columns do not pay a build
        Assert.True(ColumnEngine.ChooseSweep(0.5, 1000, hierarchyAtHand: false));       // 1,000 do
    }

    [Fact]
    public void HierarchyOfAnotherNetwork_IsRefused()
    {
        var f = new WhatIfFixture(TestNetworks.Random(4), cellCount: 50, siteCount: 3, seed: 4);
        var other = EmsCoverage.Routing.ContractionHierarchy.Build(TestNetworks.Random(5));
        Assert.Throws<ArgumentException>(() => TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(60_000) { Hierarchy = other }));
    }
}
