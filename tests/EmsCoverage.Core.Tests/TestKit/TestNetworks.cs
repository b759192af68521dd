using EmsCoverage.Graph;

namespace EmsCoverage.Core.Tests.TestKit;

/// <summary>Small networks written as lists of arcs between named nodes, for tests a reader can check by hand.</summary>
internal sealed class NamedNetwork
{
    public required RoadNetwork Network { get; init; }
    public required Dictionary<string, int> Nodes { get; init; }

    public int this[string name] => Nodes[name];

    /// <summary>The arc from <paramref name="from"/> to <paramref name="to"/> (the first one, if parallel).</summary>
    public int Arc(string from, string to)
    {
        int u = Nodes[from], v = Nodes[to];
        for (int a = Network.FirstArc(u); a < Network.FirstArc(u + 1); a++)
        {
            if (Network.ArcHead(a) == v)
            {
                return a;
            }
        }

        throw new InvalidOperationException($"no arc {from}->{to}");
    }
}

internal static class TestNetworks
{
    /// <summary>
    /// Builds a network from roads: ("A", "B", forwardSeconds, backwardSeconds) with backward &lt; 0 for one-way.
    /// Nodes are placed on a line 100 m apart in order of first mention (positions only matter for snapping).
    /// </summary>
    public static NamedNetwork FromRoads(params (string From, string To, double ForwardS, double BackwardS)[] roads)
    {
        var builder = new RoadNetworkBuilder();
        var ids = new Dictionary<string, int>();
        int Node(string name)
        {
            if (!ids.TryGetValue(name, out int id))
            {
                id = builder.AddNode(47.0, 9.5 + (ids.Count * 0.0013));
                ids[name] = id;
            }

            return id;
        }

        foreach (var (from, to, fwd, bwd) in roads)
        {
            builder.AddRoad(Node(from), Node(to), fwd < 0 ? -1 : (int)(fwd * 1000), bwd < 0 ? -1 : (int)(bwd * 1000), 100, 0);
        }

        var network = builder.Build();
        return new NamedNetwork { Network = network, Nodes = ids.ToDictionary(kv => kv.Key, kv => builder.BuiltNodeId(kv.Value)) };
    }

    /// <summary>
    /// A seeded random network: a jittered grid with random two-way and one-way roads, zero-time arcs, parallel
    /// arcs, self-loops and a few isolated islands.
    /// </summary>
    public static RoadNetwork Random(int seed, int width = 12, int height = 10)
    {
        var rng = new Random(seed);
        var builder = new RoadNetworkBuilder();
        var id = new int[width, height];
        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++)
            {
                id[x, y] = builder.AddNode(47.0 + (y * 0.002) + (rng.NextDouble() * 0.0005), 9.5 + (x * 0.003) + (rng.NextDouble() * 0.0005));
            }
        }

        int Time() => rng.Next(10) == 0 ? 0 : rng.Next(1, 120_000);
        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++)
            {
                foreach (var (nx, ny) in new[] { (x + 1, y), (x, y + 1), (x + 1, y + 1) })
                {
                    if (nx >= width || ny >= height || rng.Next(4) == 0)
                    {
                        continue;
                    }

                    int kind = rng.Next(6);
                    int fwd = Time();
                    int bwd = kind == 0 ? -1 : kind == 1 ? Time() : fwd; // one-way, asymmetric, symmetric
                    if (kind == 2)
                    {
                        (fwd, bwd) = (-1, fwd); // one-way the other way
                    }

                    builder.AddRoad(id[x, y], id[nx, ny], fwd, bwd, 100 + rng.Next(500), 0);
                    if (rng.Next(15) == 0)
                    {
                        builder.AddRoad(id[x, y], id[nx, ny], Time(), -1, 120, 0); // parallel arc
                    }
                }

                if (rng.Next(40) == 0)
                {
                    builder.AddRoad(id[x, y], id[x, y], Time(), -1, 50, 0); // loop
                }
            }
        }

        // An island of two nodes, unreachable from the rest.
        int i1 = builder.AddNode(47.5, 9.9), i2 = builder.AddNode(47.5001, 9.9001);
        builder.AddRoad(i1, i2, 5000, 5000, 15, 0);
        return builder.Build();
    }
}
