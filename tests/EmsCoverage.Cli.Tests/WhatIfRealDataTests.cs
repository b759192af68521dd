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
/// search for the same bases, exactly (every cell's first and second base and times, every zone and base figure).
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
        var workspace = new SearchWorkspace(network.NodeCount);

        int[][] sets = [[.. Enumerable.Range(0, 16)], [0, 1, 2, 3, 4], [15, 3, 9], [7], [.. Enumerable.Range(0, 16).Where(i => i % 3 != 0)]];
        foreach (int[] set in sets)
        {
            var bases = set.Select((s, k) => new ScenarioBase(s, (k % 3) * 45_000)).ToArray();
            var sources = new SourceSet(network, bases.Select(b => sites[b.Column]).ToArray(), bases.Select(b => b.TurnoutMs).ToArray());
            sources.Search(limit, workspace);
            var fresh = PopulationCoverage.Evaluate(sources, demand, cellZone, zones, outside, workspace, limit);

            var cached = evaluator.Evaluate(bases, cellZone, zones, outside, limit);

            AssertSame(fresh, cached);
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
        var workspace = new SearchWorkspace(network.NodeCount);
        int[][] sets = [[0], [0, 1], [0, 1, 2], [2, 3, 4], [1, 4], [0, 1, 2, 3, 4]];
        foreach (int[] set in sets)
        {
            var bases = set.Select((s, k) => new ScenarioBase(s, 60_000 - (k * 15_000))).ToArray();
            var sources = new SourceSet(network, bases.Select(b => sites[b.Column]).ToArray(), bases.Select(b => b.TurnoutMs).ToArray());
            sources.Search(limit, workspace);
            var fresh = PopulationCoverage.Evaluate(sources, inputs.Demand, inputs.CellZone, inputs.Standards, inputs.Outside, workspace, limit);

            var cached = evaluator.Evaluate(bases, inputs.CellZone, inputs.Standards, inputs.Outside, limit);

            AssertSame(fresh, cached);
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
