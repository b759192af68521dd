using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Core.Tests.WhatIf;

public class ScenarioSummaryTests
{
    private static readonly ZoneStandard Outside = new("outside", 300_000);

    // Whole-number populations take the integer-sum pass, fractional ones the pass in doubles: both are checked.
    public static TheoryData<int, bool> Seeds() =>
        new() { { 1, false }, { 2, false }, { 3, false }, { 4, false }, { 5, true }, { 6, true }, { 7, true }, { 8, true } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Summarize_EqualsTheFullFigures_AndAFreshMultiSourceSearch_Exactly_OnRandomNetworks(int seed, bool fractional)
    {
        var f = new WhatIfFixture(TestNetworks.Random(seed), cellCount: 450, siteCount: 14, seed: seed, fractionalPopulation: fractional);
        var zones = WhatIfFixture.Zones(120_000, 240_000);
        int limit = PopulationCoverage.SearchLimitFor(300_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit)), f.Demand);
        var summary = new ScenarioSummary(evaluator);
        Assert.Equal(!fractional, evaluator.SumsWholePeople);
        var rng = new Random(seed);

        for (int trial = 0; trial < 8; trial++)
        {
            // Random subsets in random order, random turnouts (some above the limit), a repeated site now and then,
            // and a smaller evaluation limit every other trial.
            var bases = Enumerable.Range(0, f.Sites.Count).OrderBy(_ => rng.Next()).Take(rng.Next(0, 9))
                .Select(s => new ScenarioBase(s, rng.Next(5) == 0 ? 0 : rng.Next(0, 120_000))).ToList();
            if (trial == 3 && bases.Count > 0)
            {
                bases.Add(bases[0]);
                bases.Add(bases[0] with { TurnoutMs = limit + 1 });
            }

            int evalLimit = trial % 2 == 0 ? limit : 200_000;

            // The last trials use standards at the very top of the range, where arrivals are capped below Unreached.
            var (z, outside) = trial < 6 ? (zones, Outside)
                : (new ZoneStandard[] { new("core", int.MaxValue - 1), new("town", int.MaxValue) }, new ZoneStandard("outside", trial == 6 ? int.MaxValue : int.MaxValue - 1));
            var fresh = f.Fresh(bases, z, outside, evalLimit);
            var full = evaluator.Evaluate([.. bases], f.CellZone, z, outside, evalLimit);
            evaluator.Summarize([.. bases], f.CellZone, z, outside, evalLimit, summary);

            WhatIfFixture.AssertSame(fresh, summary);
            WhatIfFixture.AssertSame(full, summary);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Summarize_EqualsTheFullFigures_OnASyntheticGrid_WithZonesInLongRunsAndAlternating(bool fractional)
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(40, 40, seed: 11), cellCount: 3000, siteCount: 20, seed: 11, fractionalPopulation: fractional);
        var zones = WhatIfFixture.Zones(180_000, 360_000);
        int limit = PopulationCoverage.SearchLimitFor(360_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit)), f.Demand);
        var summary = new ScenarioSummary(evaluator);
        var bases = Enumerable.Range(0, 20).Select(s => new ScenarioBase(s, (s % 4) * 30_000)).ToArray();

        // Zones in runs (the summary keeps a zone's sums in registers along a run) as well as alternating per cell.
        int[] runs = [.. Enumerable.Range(0, f.Layer.Cells.Count).Select(i => (i / 700 % 3) - 1)];
        foreach (int[] cellZone in new[] { f.CellZone, runs, [.. runs.Select(_ => -1)] })
        {
            var full = evaluator.Evaluate(bases, cellZone, zones, Outside, limit);
            evaluator.Summarize(bases, cellZone, zones, Outside, limit, summary);

            WhatIfFixture.AssertSame(full, summary);
        }

        // Standards equal to some cell's first and to another's second arrival: the "within" tests are inclusive.
        var times = evaluator.Evaluate(bases, f.CellZone, zones, Outside, limit).Cells.Where(c => c.Times.SecondMs < 360_000).ToList();
        foreach (var edge in new[] { times[17].Times.BestMs, times[42].Times.SecondMs })
        {
            ZoneStandard[] atEdge = [new("core", edge), new("town", edge)];
            var outside = new ZoneStandard("outside", edge);
            var full = evaluator.Evaluate(bases, f.CellZone, atEdge, outside, limit);
            evaluator.Summarize(bases, f.CellZone, atEdge, outside, limit, summary);

            WhatIfFixture.AssertSame(full, summary);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RemovingABase_LosesExactlyItsNMinusOneFigure_AndGainsNobody(bool fractional)
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(30, 30, seed: 8), cellCount: 900, siteCount: 7, seed: 8, fractionalPopulation: fractional);
        var zones = WhatIfFixture.Zones(150_000, 300_000);
        int limit = PopulationCoverage.SearchLimitFor(300_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit)), f.Demand);
        // Two bases at one site (each backs the other up) and distinct turnouts elsewhere.
        ScenarioBase[] all = [.. Enumerable.Range(0, 7).Select(s => new ScenarioBase(s, 30_000 + (s * 10_000))), new ScenarioBase(2, 40_000)];
        var before = new ScenarioSummary(evaluator);
        var after = new ScenarioSummary(evaluator);
        evaluator.Summarize(all, f.CellZone, zones, Outside, limit, before);
        Assert.True(before.Overall.Covered > 0 && before.Overall.Covered < before.Overall.Population, "the test needs partial coverage");
        Assert.True(before.ByBase.ToArray().Count(b => b.LostIfUnavailable > 0) >= 3, "the test needs bases people depend on");
        Assert.Equal(0, before.ByBase[2].LostIfUnavailable); // its twin stands at the same site

        for (int removed = 0; removed < all.Length; removed++)
        {
            evaluator.Summarize(all.Where((_, i) => i != removed).ToArray(), f.CellZone, zones, Outside, limit, after);

            // The people who lose coverage are exactly the cells the N-1 figure counts, summed in the same order.
            var (gained, lost) = after.CoverageChangeFrom(before);
            Assert.Equal(0, gained);
            Assert.Equal(before.ByBase[removed].LostIfUnavailable, lost);
            // With whole-number populations the totals differ by exactly that figure too (with fractions, up to rounding).
            Assert.Equal(before.ByBase[removed].LostIfUnavailable, before.Overall.Covered - after.Overall.Covered, fractional ? 6 : 15);
            for (int z = 0; z < before.ZoneCount; z++)
            {
                Assert.Equal(before.ByZone[z].Population, after.ByZone[z].Population);
            }
        }
    }

    [Fact]
    public void CoverageChangeFrom_EqualsTheCellByCellComparisonOfTheFullFigures()
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(30, 30, seed: 9), cellCount: 1000, siteCount: 8, seed: 9);
        var zones = WhatIfFixture.Zones(150_000, 300_000);
        int limit = PopulationCoverage.SearchLimitFor(300_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(limit)), f.Demand);
        ScenarioBase[] first = [new(0, 60_000), new(1, 60_000), new(2, 0), new(3, 90_000)];
        ScenarioBase[] second = [new(1, 30_000), new(4, 60_000), new(5, 0), new(6, 60_000), new(7, 120_000)];
        var a = new ScenarioSummary(evaluator);
        var b = new ScenarioSummary(evaluator);
        evaluator.Summarize(first, f.CellZone, zones, Outside, limit, a);
        evaluator.Summarize(second, f.CellZone, zones, Outside, limit, b);
        var fullA = evaluator.Evaluate(first, f.CellZone, zones, Outside, limit);
        var fullB = evaluator.Evaluate(second, f.CellZone, zones, Outside, limit);

        double gained = 0, lost = 0;
        for (int i = 0; i < f.Layer.Cells.Count; i++)
        {
            bool now = fullB.Cells[i].Status == CellStatus.Covered, then = fullA.Cells[i].Status == CellStatus.Covered;
            gained += now && !then ? f.Layer.Cells[i].Population : 0;
            lost += then && !now ? f.Layer.Cells[i].Population : 0;
        }

        Assert.True(gained > 0 && lost > 0, "the test needs cells gained and cells lost");
        Assert.Equal((gained, lost), b.CoverageChangeFrom(a));
        Assert.Equal((lost, gained), a.CoverageChangeFrom(b));
        Assert.Equal((0.0, 0.0), a.CoverageChangeFrom(a));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Summarize_AllocatesNothing_WhenWarm(bool fractional)
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(20, 20, seed: 3), cellCount: 500, siteCount: 8, seed: 3, fractionalPopulation: fractional);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(600_000)), f.Demand);
        var zones = WhatIfFixture.Zones(120_000, 240_000);
        var bases = Enumerable.Range(0, 8).Select(s => new ScenarioBase(s, s * 20_000)).ToArray();
        var summary = new ScenarioSummary(evaluator);
        var other = new ScenarioSummary(evaluator);
        evaluator.Summarize(bases, f.CellZone, zones, Outside, 600_000, summary);
        evaluator.Summarize(bases.AsSpan(0, 5), f.CellZone, zones, Outside, 600_000, other);

        long before = GC.GetAllocatedBytesForCurrentThread();
        evaluator.Summarize(bases, f.CellZone, zones, Outside, 600_000, summary);
        evaluator.Summarize(bases.AsSpan(2), f.CellZone, zones, Outside, 300_000, summary);
        var change = other.CoverageChangeFrom(summary);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(change.Gained >= 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AZoneIndexOutOfRange_Throws_AndLeavesTheEvaluatorClean(bool fractional)
    {
        var f = new WhatIfFixture(SyntheticNetworks.Grid(20, 20, seed: 5), cellCount: 400, siteCount: 6, seed: 5, fractionalPopulation: fractional);
        var zones = WhatIfFixture.Zones(120_000, 240_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(f.Network, f.Demand, f.Sites, new TravelTimeColumnOptions(600_000)), f.Demand);
        var bases = Enumerable.Range(0, 6).Select(s => new ScenarioBase(s, 30_000)).ToArray();
        var summary = new ScenarioSummary(evaluator);
        int[] bad = [.. f.CellZone];
        bad[123] = 3;

        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Summarize(bases, bad, zones, Outside, 600_000, summary));
        Assert.False(summary.IsFilled);
        Assert.Throws<ArgumentOutOfRangeException>(() => evaluator.Summarize(bases, f.CellZone, [new ZoneStandard("z", 0), zones[1]], Outside, 600_000, summary));
        Assert.Throws<ArgumentException>(() => evaluator.Summarize(bases, f.CellZone.AsSpan(1), zones, Outside, 600_000, summary));
        Assert.Throws<ArgumentException>(() => evaluator.Summarize(bases, f.CellZone, zones, Outside, 600_000,
            new ScenarioSummary(new ScenarioEvaluator(evaluator.Columns, f.Demand))));

        // Every slot was reset on the way out: the next scenarios are exact.
        evaluator.Summarize(bases.AsSpan(0, 3), f.CellZone, zones, Outside, 600_000, summary);
        WhatIfFixture.AssertSame(f.Fresh(bases[..3], zones, Outside, 600_000), summary);
        WhatIfFixture.AssertSame(f.Fresh(bases, zones, Outside, 600_000), evaluator.Evaluate(bases, f.CellZone, zones, Outside, 600_000));
    }
}
