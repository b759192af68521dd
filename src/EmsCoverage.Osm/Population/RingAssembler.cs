namespace EmsCoverage.Osm.Population;

/// <summary>Joins OSM ways (node id lists) end to end into closed rings, reversing ways as needed.</summary>
internal static class RingAssembler
{
    /// <summary>
    /// Joins <paramref name="ways"/> into closed rings. Each ring is returned closed (first node repeated at the end).
    /// <paramref name="openChains"/> counts the chains that could not be closed (a missing way, a clipped
    /// boundary); their ways are not in any returned ring.
    /// </summary>
    /// <remarks>
    /// Greedy: start a chain with an unused way and keep appending an unused way that starts or ends where the chain
    /// ends, until the chain returns to its start. Where more than two ways meet at one node (rings touching at a
    /// point) the first candidate is taken; the result is still a closed ring, possibly a figure of eight, which the
    /// even-odd rule handles.
    /// </remarks>
    public static List<long[]> Join(IReadOnlyList<long[]> ways, out int openChains)
    {
        openChains = 0;
        var rings = new List<long[]>();
        var used = new bool[ways.Count];
        var byEnd = new Dictionary<long, List<int>>();
        for (int i = 0; i < ways.Count; i++)
        {
            long[] w = ways[i];
            if (w.Length < 2)
            {
                used[i] = true;
                continue;
            }

            if (w[0] == w[^1])
            {
                used[i] = true;
                if (w.Length >= 4)
                {
                    rings.Add(w);
                }

                continue;
            }

            AddEnd(byEnd, w[0], i);
            AddEnd(byEnd, w[^1], i);
        }

        for (int start = 0; start < ways.Count; start++)
        {
            if (used[start])
            {
                continue;
            }

            used[start] = true;
            var chain = new List<long>(ways[start]);
            while (chain[^1] != chain[0])
            {
                int next = -1;
                if (byEnd.TryGetValue(chain[^1], out List<int>? candidates))
                {
                    foreach (int c in candidates)
                    {
                        if (!used[c])
                        {
                            next = c;
                            break;
                        }
                    }
                }

                if (next < 0)
                {
                    break;
                }

                used[next] = true;
                long[] w = ways[next];
                if (w[0] == chain[^1])
                {
                    for (int k = 1; k < w.Length; k++)
                    {
                        chain.Add(w[k]);
                    }
                }
                else
                {
                    for (int k = w.Length - 2; k >= 0; k--)
                    {
                        chain.Add(w[k]);
                    }
                }
            }

            if (chain[^1] == chain[0] && chain.Count >= 4)
            {
                rings.Add([.. chain]);
            }
            else
            {
                openChains++;
            }
        }

        return rings;
    }

    private static void AddEnd(Dictionary<long, List<int>> byEnd, long node, int way)
    {
        if (!byEnd.TryGetValue(node, out List<int>? list))
        {
            list = [];
            byEnd[node] = list;
        }

        list.Add(way);
    }
}
