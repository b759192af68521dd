using EmsCoverage.Core.Tests.TestKit;
using EmsCoverage.Graph;
using EmsCoverage.Search;
using EmsCoverage.Snapping;

namespace EmsCoverage.Osm.Tests;

/// <summary>
/// The multi-source search on real OSM graphs equals the reference Dijkstra (per-source searches on the graph
/// with bases and targets inserted as nodes) exactly, at every node and at snapped points.
/// </summary>
public class RealGraphSearchTests(RealExtractsFixture extracts) : IClassFixture<RealExtractsFixture>
{
    [Theory]
    [InlineData("monaco.osm.pbf", 1)]
    [InlineData("liechtenstein-2021.osm.pbf", 2)]
    [InlineData("sao-paulo.osm.pbf", 3)]
    public void MultiSourceSearch_EqualsReferenceDijkstra(string file, int seed)
    {
        RoadNetwork net = extracts.Get(file).Network;
        var snapper = new Snapper(net);
        var rng = new Random(seed);
        SnapPoint RandomPoint()
        {
            while (true)
            {
                int node = rng.Next(net.NodeCount);
                double lat = net.NodeLat(node) + ((rng.NextDouble() - 0.5) * 0.004);
                double lon = net.NodeLon(node) + ((rng.NextDouble() - 0.5) * 0.004);
                if (snapper.TrySnap(lat, lon, 1000, out var snap))
                {
                    return snap;
                }
            }
        }

        var bases = Enumerable.Range(0, 6).Select(_ => RandomPoint()).ToArray();
        int[] delays = [60_000, 0, 90_000, 30_000, 0, 120_000];
        var targets = Enumerable.Range(0, 60).Select(_ => RandomPoint()).ToArray();
        const int limitMs = 10 * 60_000;

        var sources = new SourceSet(net, bases, delays);
        var ws = new SearchWorkspace(net.NodeCount);
        int reached = sources.Search(limitMs, ws);

        var oracle = new ReferenceDijkstra(net, bases, targets);
        var perSource = oracle.TimesPerSource(delays);
        int mismatches = 0;
        string first = string.Empty;
        for (int node = 0; node < net.NodeCount; node++)
        {
            var expected = ReferenceDijkstra.Pick(perSource, node, limitMs);
            var actual = new ArrivalTimes(ws.BestTimeMs(node), ws.BestSource(node), ws.SecondTimeMs(node), ws.SecondSource(node));
            if (expected != actual && mismatches++ == 0)
            {
                first = $"node {node}: expected {expected}, got {actual}";
            }
        }

        for (int t = 0; t < targets.Length; t++)
        {
            var expected = ReferenceDijkstra.Pick(perSource, oracle.TargetNode(t), limitMs);
            var actual = sources.Evaluate(targets[t], ws, limitMs);
            if (expected != actual && mismatches++ == 0)
            {
                first = $"target {t}: expected {expected}, got {actual}";
            }
        }

        Assert.True(mismatches == 0, $"{file}: {mismatches} mismatches; first: {first}");
        Assert.True(reached > net.NodeCount / 10, $"{file}: the bases should reach a good part of the graph in 10 min, reached {reached}");
    }
}
