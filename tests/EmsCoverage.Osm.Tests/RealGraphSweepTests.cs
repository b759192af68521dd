using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;
using EmsCoverage.Population;
using EmsCoverage.Routing;
using EmsCoverage.Search;
using EmsCoverage.Snapping;
using EmsCoverage.WhatIf;

namespace EmsCoverage.Osm.Tests;

/// <summary>
/// The contraction hierarchy and its sweeps on real OSM graphs: every lane equals a textbook Dijkstra at every node
/// (sources sampled with a fixed seed, seeds with partial-arc offsets), forward and reverse; sweep columns equal the
/// bounded-Dijkstra columns cell for cell.
/// </summary>
public class RealGraphSweepTests(RealExtractsFixture extracts) : IClassFixture<RealExtractsFixture>
{
    private static readonly Lazy<RoadNetwork> PortoMetro = new(() => OsmNetworkReader.ReadFile(TestData.Shared("porto-metro-roads-2015.osm.pbf")).Network);

    [Theory]
    [InlineData("monaco.osm.pbf", 1, 5 * 60_000)]
    [InlineData("liechtenstein-2021.osm.pbf", 2, 15 * 60_000)]
    [InlineData("porto-metro-roads-2015.osm.pbf", 3, 30 * 60_000)]
    public void SweepLanes_EqualDijkstra_AtEveryNode(string file, int seed, int limitMs)
    {
        RoadNetwork net = file == "porto-metro-roads-2015.osm.pbf" ? PortoMetro.Value : extracts.Get(file).Network;
        var ch = ContractionHierarchy.Build(net);
        var rng = new Random(seed);
        var snapper = new Snapper(net);
        var seeds = new List<SearchSeed>();
        for (int lane = 0; lane < PhastSweep.LaneCount; lane++)
        {
            SnapPoint site = RandomPoint(net, snapper, rng);
            foreach (SearchSeed s in new SourceSet(net, [site], [lane * 15_000]).Seeds)
            {
                seeds.Add(s with { Source = lane });
            }
        }

        var ws = new SweepWorkspace(net.NodeCount);
        foreach (var direction in new[] { SweepDirection.FromSources, SweepDirection.ToTargets })
        {
            PhastSweep.Run(ch, seeds.ToArray(), limitMs, direction, ws);
            for (int lane = 0; lane < PhastSweep.LaneCount; lane++)
            {
                int[] expected = NodeDijkstra.Times(net, seeds.Where(s => s.Source == lane).Select(s => (s.Node, s.TimeMs)), limitMs,
                    reverse: direction == SweepDirection.ToTargets);
                int mismatches = 0, reached = 0;
                for (int v = 0; v < net.NodeCount; v++)
                {
                    mismatches += expected[v] == ws.TimeMs(ch, lane, v) ? 0 : 1;
                    reached += expected[v] == SearchWorkspace.Unreached ? 0 : 1;
                }

                Assert.True(mismatches == 0, $"{file} {direction} lane {lane}: {mismatches} nodes differ");
                Assert.True(reached > 1, $"{file} {direction} lane {lane}: the sample reaches nothing; pick another seed");
            }
        }
    }

    [Theory]
    [InlineData("monaco.osm.pbf", 4)]
    [InlineData("liechtenstein-2021.osm.pbf", 5)]
    public void SweepColumns_EqualDijkstraColumns(string file, int seed)
    {
        RoadNetwork net = extracts.Get(file).Network;
        var rng = new Random(seed);
        var snapper = new Snapper(net);
        var cells = Enumerable.Range(0, 3000).Select(i =>
        {
            int n = rng.Next(net.NodeCount);
            return new DemandCell($"c{i}", net.NodeLat(n) + ((rng.NextDouble() - 0.5) * 0.003), net.NodeLon(n) + ((rng.NextDouble() - 0.5) * 0.003), 1);
        }).ToArray();
        var demand = SnappedDemand.Snap(snapper, new DemandLayer("sampled", cells, [], cells.Length), new AccessLeg());
        var sites = Enumerable.Range(0, 21).Select(_ => RandomPoint(net, snapper, rng)).ToArray();
        const int LimitMs = 8 * 60_000;
        var sweep = TravelTimeColumns.Build(net, demand, sites, new TravelTimeColumnOptions(LimitMs) { Method = ColumnMethod.Sweep });
        var dijkstra = TravelTimeColumns.Build(net, demand, sites, new TravelTimeColumnOptions(LimitMs) { Method = ColumnMethod.Dijkstra });
        for (int s = 0; s < sites.Length; s++)
        {
            Assert.Equal(dijkstra[s].Cells.ToArray(), sweep[s].Cells.ToArray());
            Assert.Equal(dijkstra[s].TimesMs.ToArray(), sweep[s].TimesMs.ToArray());
        }

        Assert.True(sweep.EntryCount > 1000, "the sample must reach cells");
    }

    private static SnapPoint RandomPoint(RoadNetwork net, Snapper snapper, Random rng)
    {
        while (true)
        {
            int node = rng.Next(net.NodeCount);
            if (net.NodeComponent(node) == 0 && snapper.TrySnap(net.NodeLat(node) + ((rng.NextDouble() - 0.5) * 0.002), net.NodeLon(node) + ((rng.NextDouble() - 0.5) * 0.002), 500, out var snap))
            {
                return snap;
            }
        }
    }
}
