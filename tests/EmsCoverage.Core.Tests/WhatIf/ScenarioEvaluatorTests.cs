using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Core.Tests.WhatIf;

public class ScenarioEvaluatorTests
{
    private static readonly ZoneStandard Outside = new("outside", 300_000);

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_EqualsAFreshMultiSourceSearch_Exactly_OnRandomNetworks(int seed)
    {
        var f = new WhatIfFixture(TestNetworks.Random(seed), cellCount: 400, siteCount: 14, seed: seed);
        var zones = WhatIfFixture.Zones(120_000, 240_000);
        int limit = PopulationCoverage.SearchLimitFor(300_000);
        var columns = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit));
        var evaluator = new ScenarioEvaluator(columns, f.Demand);
        var rng = new Random(seed);

        for (int trial = 0; trial < 6; trial++)
        {
            // Random subsets in random order, random turnouts (some above the limit), a repeated site now and then.
            var bases = Enumerable.Range(0, f.Sites.Count).OrderBy(_ => rng.Next()).Take(rng.Next(0, 8))
                .Select(s => new ScenarioBase(s, rng.Next(5) == 0 ? 0 : rng.Next(0, 120_000))).ToList();
            if (trial == 3 && bases.Count > 0)
            {
                bases.Add(bases[0]);
                bases.Add(bases[0] with { TurnoutMs = limit + 1 });
            }

            int evalLimit = trial % 2 == 0 ? limit : 200_000;
            var expected = f.Fresh(bases, zones, Outside, evalLimit);
            var actual = evaluator.Evaluate([.. bases], f.CellZone, zones, Outside, evalLimit);

            WhatIfFixture.AssertSame(expected, actual);
        }
    }

    [Fact]
    public void Evaluate_EqualsAFreshMultiSourceSearch_Exactly_OnASyntheticGrid()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(40, 40, seed: 11), cellCount: 2000, siteCount: 20, seed: 11);
        var zones = WhatIfFixture.Zones(180_000, 360_000);
        int limit = PopulationCoverage.SearchLimitFor(360_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit)), f.Demand);
        var bases = Enumerable.Range(0, 20).Select(s => new ScenarioBase(s, (s % 4) * 30_000)).ToArray();

        WhatIfFixture.AssertSame(f.Fresh(bases, zones, Outside, limit), evaluator.Evaluate(bases, f.CellZone, zones, Outside, limit));
    }

    //  W ==60s== ... two bases at the same place: the tie goes to the lower index, the other is second, both at the same time.
    [Fact]
    public void TwoBasesAtTheSameSite_TieGoesToTheLowerIndex_AndTheOtherIsSecond()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(10, 10, seed: 2), cellCount: 50, siteCount: 2, seed: 2);
        var columns = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(3_600_000));
        var evaluator = new ScenarioEvaluator(columns, f.Demand);
        var arrivals = new ArrivalTimes[f.Layer.Cells.Count];

        evaluator.ComputeRoadArrivals([new ScenarioBase(1, 5_000), new ScenarioBase(1, 5_000)], 3_600_000, arrivals);

        var reached = arrivals.Where(a => a.BestSource >= 0).ToList();
        Assert.NotEmpty(reached);
        Assert.All(reached, a =>
        {
            Assert.Equal(0, a.BestSource);
            Assert.Equal(1, a.SecondSource);
            Assert.Equal(a.BestMs, a.SecondMs);
        });
    }

    [Fact]
    public void RemovingABase_ChangesCoverage_ByExactlyItsNMinusOneFigure()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(30, 30, seed: 8), cellCount: 800, siteCount: 6, seed: 8);
        var zones = WhatIfFixture.Zones(150_000, 300_000);
        int limit = PopulationCoverage.SearchLimitFor(300_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit)), f.Demand);
        var all = Enumerable.Range(0, 6).Select(s => new ScenarioBase(s, 30_000 + (s * 10_000))).ToArray();

        var full = evaluator.Evaluate(all, f.CellZone, zones, Outside, limit);
        Assert.True(full.Overall.Covered > 0 && full.Overall.Covered < full.Overall.Population, "the test needs partial coverage");
        Assert.True(full.ByBase.Any(b => b.LostIfUnavailable > 0), "the test needs a base some people depend on");
        for (int removed = 0; removed < all.Length; removed++)
        {
            var without = evaluator.Evaluate(all.Where((_, i) => i != removed).ToArray(), f.CellZone, zones, Outside, limit);
            Assert.Equal(full.ByBase[removed].LostIfUnavailable, full.Overall.Covered - without.Overall.Covered, 6);
        }
    }

    [Fact]
    public void ComputeRoadArrivals_AllocatesNothing_WhenWarm()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(20, 20, seed: 3), cellCount: 500, siteCount: 8, seed: 3);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(600_000)), f.Demand);
        var bases = Enumerable.Range(0, 8).Select(s => new ScenarioBase(s, s * 20_000)).ToArray();
        var arrivals = new ArrivalTimes[500];
        evaluator.ComputeRoadArrivals(bases, 600_000, arrivals);

        long before = GC.GetAllocatedBytesForCurrentThread();
        evaluator.ComputeRoadArrivals(bases, 600_000, arrivals);
        evaluator.ComputeRoadArrivals(bases, 300_000, arrivals);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Evaluate_BeyondTheColumnsLimit_OrWithAnUnknownColumn_Throws()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(8, 8, seed: 4), cellCount: 30, siteCount: 2, seed: 4);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(600_000)), f.Demand);
        var zones = WhatIfFixture.Zones(60_000, 120_000);

        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Evaluate([new ScenarioBase(0, 0)], f.CellZone, zones, Outside, 600_001));
        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Evaluate([new ScenarioBase(99, 0)], f.CellZone, zones, Outside, 600_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Evaluate([new ScenarioBase(0, -1)], f.CellZone, zones, Outside, 600_000));
    }

    [Fact]
    public void Evaluator_RefusesColumnsOfOtherDemand()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(8, 8, seed: 4), cellCount: 30, siteCount: 2, seed: 4);
        var other = new WhatIfFixture(f.Network, cellCount: 30, siteCount: 2, seed: 5);
        var columns = TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(600_000));

        Assert.Throws<ArgumentException>(() => new ScenarioEvaluator(columns, other.Demand));
    }
}
