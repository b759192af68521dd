using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Core.Tests.WhatIf;

/// <summary>
/// A seeded what-if instance: a network, demand cells around random nodes (some mid-road, some exactly on nodes, some
/// too far from any road), two zones with their own standards, and sites snapped near random nodes.
/// </summary>
internal sealed class WhatIfFixture
{
    /// <param name="network">The network.</param>
    /// <param name="cellCount">Number of demand cells.</param>
    /// <param name="siteCount">Number of sites (two more on a cell's road).</param>
    /// <param name="seed">Seed of everything random.</param>
    /// <param name="fractionalPopulation">Populations with fractions (as spread by floor area), not whole numbers.</param>
    public WhatIfFixture(RoadNetwork network, int cellCount, int siteCount, int seed, bool fractionalPopulation = false)
    {
        Network = network;
        Snapper = new Snapper(network);
        var rng = new Random(seed);
        var cells = new DemandCell[cellCount];
        for (int i = 0; i < cellCount; i++)
        {
            int n = rng.Next(network.NodeCount);
            int kind = rng.Next(10);
            double dLat = kind == 0 ? 0 : kind == 1 ? 0.05 : (rng.NextDouble() - 0.5) * 0.002;
            double dLon = kind == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.002;
            cells[i] = new DemandCell($"c{i}", network.NodeLat(n) + dLat, network.NodeLon(n) + dLon, rng.Next(0, 60) + (fractionalPopulation ? rng.NextDouble() * 0.3 : 0));
        }

        Layer = new DemandLayer("fixture", cells, [], cells.Sum(c => c.Population));
        Demand = SnappedDemand.Snap(Snapper, Layer, new AccessLeg(MaxSnapDistanceM: 300));
        CellZone = cells.Select((_, i) => (i % 3) - 1).ToArray(); // -1 (default), 0, 1
        var sites = new List<SnapPoint>();
        while (sites.Count < siteCount)
        {
            int n = rng.Next(network.NodeCount);
            double lat = network.NodeLat(n) + (rng.Next(3) == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.001);
            double lon = network.NodeLon(n) + (rng.Next(3) == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.001);
            if (Snapper.TrySnap(lat, lon, 500, out var snap))
            {
                sites.Add(snap);
            }
        }

        // A site on the road of a demand cell, ahead of and behind it, to exercise the "same road" case.
        for (int c = 0; c < cellCount && sites.Count < siteCount + 2; c++)
        {
            if (Demand.IsSnapped(c) && Demand.Snap(c).Fraction is > 0.2 and < 0.8)
            {
                var s = Demand.Snap(c);
                sites.Add(s with { Fraction = s.Fraction - 0.1 });
                sites.Add(s with { Fraction = s.Fraction + 0.1 });
            }
        }

        Sites = sites;
    }

    public RoadNetwork Network { get; }

    public Snapper Snapper { get; }

    public DemandLayer Layer { get; }

    public SnappedDemand Demand { get; }

    public int[] CellZone { get; }

    public IReadOnlyList<SnapPoint> Sites { get; }

    public static ZoneStandard[] Zones(int coreMs, int townMs) => [new("core", coreMs), new("town", townMs)];

    /// <summary>Coverage from a fresh multi-source search, the reference the columns must reproduce.</summary>
    public PopulationCoverage Fresh(IReadOnlyList<ScenarioBase> bases, IReadOnlyList<ZoneStandard> zones, ZoneStandard outside, int limitMs)
    {
        var sources = new SourceSet(Network, bases.Select(b => Sites[b.Column]).ToArray(), bases.Select(b => b.TurnoutMs).ToArray());
        var ws = new SearchWorkspace(Network.NodeCount);
        sources.Search(limitMs, ws);
        return PopulationCoverage.Evaluate(sources, Demand, CellZone, zones, outside, ws, limitMs);
    }

    public static void AssertSame(PopulationCoverage expected, PopulationCoverage actual)
    {
        Assert.Equal(expected.SearchLimitMs, actual.SearchLimitMs);
        Assert.Equal(expected.Cells.Count, actual.Cells.Count);
        for (int i = 0; i < expected.Cells.Count; i++)
        {
            if (expected.Cells[i] != actual.Cells[i])
            {
                Assert.Fail($"cell {i}: expected {expected.Cells[i]}, got {actual.Cells[i]}");
            }
        }

        Assert.Equal(expected.ByZone.Count, actual.ByZone.Count);
        for (int z = 0; z < expected.ByZone.Count; z++)
        {
            AssertSame(expected.ByZone[z], actual.ByZone[z]);
        }

        AssertSame(expected.Overall, actual.Overall);
        Assert.Equal(expected.ByBase, actual.ByBase);
    }

    /// <summary>Every figure of the summary equals the full figures' figure, bit for bit, and every cell's status.</summary>
    public static void AssertSame(PopulationCoverage expected, ScenarioSummary actual)
    {
        Assert.True(actual.IsFilled);
        Assert.Equal(expected.SearchLimitMs, actual.LimitMs);
        Assert.Equal(expected.Cells.Count, actual.CellCount);
        for (int i = 0; i < expected.Cells.Count; i++)
        {
            if (expected.Cells[i].Status != actual.StatusOf(i) || (expected.Cells[i].Status == CellStatus.Covered) != actual.IsCovered(i))
            {
                Assert.Fail($"cell {i}: expected {expected.Cells[i].Status}, got {actual.StatusOf(i)} (covered bit {actual.IsCovered(i)})");
            }
        }

        var words = actual.CoveredCells;
        Assert.Equal((actual.CellCount + 63) / 64, words.Length);
        if (actual.CellCount % 64 != 0)
        {
            Assert.Equal(0UL, words[^1] >> (actual.CellCount % 64));
        }

        Assert.Equal(expected.ByZone.Count, actual.ZoneCount);
        for (int z = 0; z < expected.ByZone.Count; z++)
        {
            Assert.Equal(expected.Zones[z], actual.Zone(z));
            AssertSame(expected.ByZone[z], actual.ByZone[z]);
        }

        AssertSame(expected.Overall, actual.Overall);
        Assert.Equal(expected.ByBase.Count, actual.BaseCount);
        for (int b = 0; b < expected.ByBase.Count; b++)
        {
            var e = expected.ByBase[b];
            Assert.Equal(new BaseFigures(e.Nearest, e.NearestAndCovered, e.LostIfUnavailable), actual.ByBase[b]);
        }
    }

    private static void AssertSame(ZoneCoverage expected, ZoneFigures actual) =>
        // Exact equality of doubles on purpose: the same cells are summed in the same order.
        Assert.Equal(new ZoneFigures(expected.ThresholdMs, expected.Population, expected.Covered, expected.BeyondStandard,
            expected.NotReachableByRoad, expected.NoRoadNearby, expected.CoveredTwice), actual);

    private static void AssertSame(ZoneCoverage expected, ZoneCoverage actual)
    {
        // Exact equality of doubles on purpose: the same cells are summed in the same order.
        Assert.Equal(expected with { PopulationWithinMinute = Array.Empty<double>() }, actual with { PopulationWithinMinute = Array.Empty<double>() });
        Assert.Equal(expected.PopulationWithinMinute, actual.PopulationWithinMinute);
    }
}
