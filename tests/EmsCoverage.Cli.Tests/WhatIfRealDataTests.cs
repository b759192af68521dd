using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Population;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Tests;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Cli.Tests;

/// <summary>
/// Issue 5's exactness requirement on real data: coverage evaluated from cached columns equals a fresh multi-source
/// search for the same bases, exactly (every cell's first and second base and times, every zone and base figure), and
/// so do the summary figures (<see cref="ScenarioEvaluator.Summarize"/>: Porto Alegre's whole-number populations take
/// its integer pass, Liechtenstein's fractional ones its pass in doubles).
/// </summary>
public class WhatIfRealDataTests
{
    [Fact]
    public void PortoAlegreHexagons_ColumnsEqualAFreshSearch_ForSeededBaseSets()
    {
        var network = OsmNetworkReader.ReadFile(TestData.Shared("porto-alegre.osm.pbf")).Network;
        var layer = PointPopulation.ReadCsv(TestData.Shared("porto-alegre-hexgrid.csv"), null, new DiagnosticBag());
        var snapper = new Snapper(network);
        var demand = SnappedDemand.Snap(snapper, layer, new AccessLeg());
        Assert.True(layer.Cells.Count > 1000);

        // Bases at the centres of 16 seeded hexagons; zones: the denser half of the hexagons 8 min, the rest 15 min.
        var rng = new Random(20_240_605);
        var sites = new List<SnapPoint>();
        while (sites.Count < 16)
        {
            var cell = layer.Cells[rng.Next(layer.Cells.Count)];
            if (snapper.TrySnap(cell.Lat, cell.Lon, 1000, out var snap))
            {
                sites.Add(snap);
            }
        }

        double median = layer.Cells.Select(c => c.Population).Order().ElementAt(layer.Cells.Count / 2);
        int[] cellZone = layer.Cells.Select(c => c.Population > median ? 0 : c.Population > 0 ? 1 : -1).ToArray();
        ZoneStandard[] zones = [new("dense", 8 * 60_000), new("sparse", 15 * 60_000)];
        var outside = new ZoneStandard("outside", 20 * 60_000);
        int limit = PopulationCoverage.SearchLimitFor(20 * 60_000);
        var columns = TravelTimeColumns.Build(network, demand, sites, new TravelTimeColumnOptions(limit));
        var evaluator = new ScenarioEvaluator(columns, demand);
        var summary = new ScenarioSummary(evaluator);
        var workspace = new SearchWorkspace(network.NodeCount);

        int[][] sets = [[.. Enumerable.Range(0, 16)], [0, 1, 2, 3, 4], [15, 3, 9], [7], [.. Enumerable.Range(0, 16).Where(i => i % 3 != 0)]];
        foreach (int[] set in sets)
        {
            var bases = set.Select((s, k) => new ScenarioBase(s, (k % 3) * 45_000)).ToArray();
            var sources = new SourceSet(network, bases.Select(b => sites[b.Column]).ToArray(), bases.Select(b => b.TurnoutMs).ToArray());
            sources.Search(limit, workspace);
            var fresh = PopulationCoverage.Evaluate(sources, demand, cellZone, zones, outside, workspace, limit);

            var cached = evaluator.Evaluate(bases, cellZone, zones, outside, limit);
            evaluator.Summarize(bases, cellZone, zones, outside, limit, summary);

            AssertSame(fresh, cached);
            AssertSame(fresh, summary);
        }
    }

    [Fact]
    public void LiechtensteinDemo_ColumnsEqualAFreshSearch_ForTheStudysBaseSets()
    {
        string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");
        var inputs = RunInputs.Load(RunConfig.Load(config, Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))), TextWriter.Null);
        var network = inputs.Loaded.Network;
        var existing = inputs.UsedStations.Select(s => s.Snap!.Value).ToList();
        var extra = new List<SnapPoint>();
        foreach (var (lat, lon) in new[] { (47.0631, 9.4985), (47.2106, 9.5228), (47.1650, 9.5090), (47.1400, 9.5600) })
        {
            Assert.True(inputs.Snapper.TrySnap(lat, lon, 1000, out var snap));
            extra.Add(snap);
        }

        var sites = existing.Concat(extra).ToList();
        int limit = PopulationCoverage.SearchLimitFor(30 * 60_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(network, inputs.Demand, sites, new TravelTimeColumnOptions(limit)), inputs.Demand);
        var summary = new ScenarioSummary(evaluator);
        var workspace = new SearchWorkspace(network.NodeCount);
        int[][] sets = [[0], [0, 1], [0, 1, 2], [2, 3, 4], [1, 4], [0, 1, 2, 3, 4]];
        foreach (int[] set in sets)
        {
            var bases = set.Select((s, k) => new ScenarioBase(s, 60_000 - (k * 15_000))).ToArray();
            var sources = new SourceSet(network, bases.Select(b => sites[b.Column]).ToArray(), bases.Select(b => b.TurnoutMs).ToArray());
            sources.Search(limit, workspace);
            var fresh = PopulationCoverage.Evaluate(sources, inputs.Demand, inputs.CellZone, inputs.Standards, inputs.Outside, workspace, limit);

            var cached = evaluator.Evaluate(bases, inputs.CellZone, inputs.Standards, inputs.Outside, limit);
            evaluator.Summarize(bases, inputs.CellZone, inputs.Standards, inputs.Outside, limit, summary);

            AssertSame(fresh, cached);
            AssertSame(fresh, summary);
        }
    }

    [Fact]
    public void LiechtensteinDemo_RemovingABase_LosesExactlyItsNMinusOneFigure()
    {
        string config = Path.Combine(TestData.RepositoryRoot, "data", "demo", "liechtenstein.toml");
        var inputs = RunInputs.Load(RunConfig.Load(config, Path.GetDirectoryName(TestData.Shared("liechtenstein-2021.osm.pbf"))), TextWriter.Null);
        var sites = inputs.UsedStations.Select(s => s.Snap!.Value).ToList();
        foreach (var (lat, lon) in new[] { (47.0631, 9.4985), (47.2106, 9.5228), (47.1650, 9.5090) })
        {
            Assert.True(inputs.Snapper.TrySnap(lat, lon, 1000, out var snap));
            sites.Add(snap);
        }

        int limit = PopulationCoverage.SearchLimitFor(30 * 60_000);
        var evaluator = new ScenarioEvaluator(TravelTimeColumns.Build(inputs.Loaded.Network, inputs.Demand, sites, new TravelTimeColumnOptions(limit)), inputs.Demand);
        var all = sites.Select((_, k) => new ScenarioBase(k, 60_000)).ToArray();
        var before = new ScenarioSummary(evaluator);
        var after = new ScenarioSummary(evaluator);
        evaluator.Summarize(all, inputs.CellZone, inputs.Standards, inputs.Outside, limit, before);
        Assert.Contains(before.ByBase.ToArray(), b => b.LostIfUnavailable > 0);

        for (int removed = 0; removed < all.Length; removed++)
        {
            var rest = all.Where((_, k) => k != removed).ToArray();
            evaluator.Summarize(rest, inputs.CellZone, inputs.Standards, inputs.Outside, limit, after);
            var full = evaluator.Evaluate(rest, inputs.CellZone, inputs.Standards, inputs.Outside, limit);

            // Exactly the people the N-1 figure counts lose coverage (summed in the same cell order), nobody gains.
            Assert.Equal((0.0, before.ByBase[removed].LostIfUnavailable), after.CoverageChangeFrom(before));
            double lostCellByCell = 0;
            for (int i = 0; i < full.Cells.Count; i++)
            {
                lostCellByCell += before.IsCovered(i) && full.Cells[i].Status != CellStatus.Covered ? inputs.Layer.Cells[i].Population : 0;
            }

            Assert.Equal(before.ByBase[removed].LostIfUnavailable, lostCellByCell);
            Assert.Equal(before.ByBase[removed].LostIfUnavailable, before.Overall.Covered - after.Overall.Covered, 6);
        }
    }

    [Fact]
    public void PortoAlegre_Columns_AreTheSameBytes_ForOneOrTwoThreads()
    {
        var network = OsmNetworkReader.ReadFile(TestData.Shared("porto-alegre.osm.pbf")).Network;
        var layer = PointPopulation.ReadCsv(TestData.Shared("porto-alegre-hexgrid.csv"), null, new DiagnosticBag());
        var snapper = new Snapper(network);
        var demand = SnappedDemand.Snap(snapper, layer, new AccessLeg());
        var sites = layer.Cells.Where((_, i) => i % 100 == 0)
            .Select(c => snapper.TrySnap(c.Lat, c.Lon, 1000, out var s) ? s : (SnapPoint?)null).OfType<SnapPoint>().ToList();
        using var dir = new TempFolder();

        TravelTimeColumns.Build(network, demand, sites, new TravelTimeColumnOptions(900_000) { MaxDegreeOfParallelism = 1 }).Write(dir.File("one"));
        TravelTimeColumns.Build(network, demand, sites, new TravelTimeColumnOptions(900_000) { MaxDegreeOfParallelism = 2 }).Write(dir.File("two"));

        Assert.Equal(File.ReadAllBytes(dir.File("one")), File.ReadAllBytes(dir.File("two")));
    }

    private static void AssertSame(PopulationCoverage expected, ScenarioSummary actual)
    {
        for (int i = 0; i < expected.Cells.Count; i++)
        {
            if (expected.Cells[i].Status != actual.StatusOf(i) || (expected.Cells[i].Status == CellStatus.Covered) != actual.IsCovered(i))
            {
                Assert.Fail($"cell {i}: expected {expected.Cells[i].Status}, got {actual.StatusOf(i)}");
            }
        }

        Assert.Equal(expected.ByZone.Count, actual.ZoneCount);
        foreach (var (e, a) in expected.ByZone.Append(expected.Overall).Zip([.. actual.ByZone, actual.Overall]))
        {
            // Exact equality of doubles on purpose.
            Assert.Equal(new ZoneFigures(e.ThresholdMs, e.Population, e.Covered, e.BeyondStandard, e.NotReachableByRoad, e.NoRoadNearby, e.CoveredTwice), a);
        }

        Assert.Equal(expected.ByBase.Select(b => new BaseFigures(b.Nearest, b.NearestAndCovered, b.LostIfUnavailable)), actual.ByBase.ToArray());
    }

    private static void AssertSame(PopulationCoverage expected, PopulationCoverage actual)
    {
        for (int i = 0; i < expected.Cells.Count; i++)
        {
            if (expected.Cells[i] != actual.Cells[i])
            {
                Assert.Fail($"cell {i}: expected {expected.Cells[i]}, got {actual.Cells[i]}");
            }
        }

        foreach (var (e, a) in expected.ByZone.Append(expected.Overall).Zip(actual.ByZone.Append(actual.Overall)))
        {
            Assert.Equal(e with { PopulationWithinMinute = Array.Empty<double>() }, a with { PopulationWithinMinute = Array.Empty<double>() });
            Assert.Equal(e.PopulationWithinMinute, a.PopulationWithinMinute);
        }

        Assert.Equal(expected.ByBase, actual.ByBase);
    }
}
