namespace EmsCoverage.Graph;

/// <summary>
/// Seeded generators of road-like networks for tests and benchmarks: the same seed always gives the same network.
/// Generated networks are labelled "synthetic" in their provenance.
/// </summary>
internal static class SyntheticNetworks
{
    /// <summary>
    /// A jittered grid of <paramref name="width"/> × <paramref name="height"/> nodes about 150 m apart, starting at
    /// (<paramref name="originLat"/>, <paramref name="originLon"/>); neighbours joined by two-way roads at 30–90 km/h,
    /// about one road in ten one-way and one in twenty missing.
    /// </summary>
    public static RoadNetwork Grid(int width, int height, int seed, double originLat = 41.0, double originLon = -8.7)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var rng = new Random(seed);
        var builder = new RoadNetworkBuilder();
        double stepLat = 150 / 111_195.0;
        double stepLon = stepLat / Math.Cos(double.DegreesToRadians(originLat));
        var id = new int[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                id[(y * width) + x] = builder.AddNode(
                    originLat + ((y + ((rng.NextDouble() - 0.5) * 0.3)) * stepLat),
                    originLon + ((x + ((rng.NextDouble() - 0.5) * 0.3)) * stepLon));
            }
        }

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int u = id[(y * width) + x];
                if (x + 1 < width)
                {
                    AddRandomRoad(builder, rng, u, id[(y * width) + x + 1]);
                }

                if (y + 1 < height)
                {
                    AddRandomRoad(builder, rng, u, id[((y + 1) * width) + x]);
                }
            }
        }

        return builder.Build();
    }

    private static void AddRandomRoad(RoadNetworkBuilder builder, Random rng, int u, int v)
    {
        int kind = rng.Next(20);
        if (kind == 0)
        {
            return; // missing road
        }

        double lengthM = 140 + (rng.NextDouble() * 20);
        double speedKmh = 30 + (rng.Next(4) * 20);
        int timeMs = (int)Math.Round(lengthM / (speedKmh / 3.6) * 1000);
        bool oneWay = kind <= 2;
        builder.AddRoad(u, v, timeMs, oneWay ? -1 : timeMs, lengthM, 0);
    }

    /// <summary>Picks <paramref name="count"/> distinct nodes of the largest component, seeded.</summary>
    public static int[] PickNodes(RoadNetwork network, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var rng = new Random(seed);
        var picked = new HashSet<int>();
        var result = new List<int>(count);
        int guard = 0;
        while (result.Count < count && guard++ < count * 1000)
        {
            int n = rng.Next(network.NodeCount);
            if (network.NodeComponent(n) == 0 && picked.Add(n))
            {
                result.Add(n);
            }
        }

        return [.. result];
    }
}
