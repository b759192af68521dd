namespace EmsCoverage.Graph;

/// <summary>Tarjan's strongly connected components, iterative (no recursion depth limit).</summary>
internal static class StronglyConnectedComponents
{
    /// <summary>
    /// Returns each node's component id, numbered by size descending (ties: smallest node id first), so 0 is
    /// the largest; the number of components; and the size of the largest.
    /// </summary>
    public static (int[] Component, int Count, int LargestSize) Compute(int[] firstArc, int[] head)
    {
        int n = firstArc.Length - 1;
        var index = new int[n];
        var low = new int[n];
        var rawComponent = new int[n];
        var onStack = new bool[n];
        var stack = new int[n];
        var callNode = new int[n];
        var callArc = new int[n];
        Array.Fill(index, -1);
        int stackTop = 0, nextIndex = 0, componentCount = 0;
        var sizes = new List<int>();
        var minNode = new List<int>();

        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            int depth = 0;
            callNode[0] = root;
            callArc[0] = firstArc[root];
            index[root] = low[root] = nextIndex++;
            stack[stackTop++] = root;
            onStack[root] = true;
            while (depth >= 0)
            {
                int v = callNode[depth];
                if (callArc[depth] < firstArc[v + 1])
                {
                    int w = head[callArc[depth]++];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = nextIndex++;
                        stack[stackTop++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callArc[depth] = firstArc[w];
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    int size = 0, smallest = int.MaxValue, w;
                    do
                    {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        rawComponent[w] = componentCount;
                        size++;
                        smallest = Math.Min(smallest, w);
                    }
                    while (w != v);
                    sizes.Add(size);
                    minNode.Add(smallest);
                    componentCount++;
                }

                depth--;
                if (depth >= 0)
                {
                    int parent = callNode[depth];
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        var rank = new int[componentCount];
        for (int c = 0; c < componentCount; c++)
        {
            rank[c] = c;
        }

        Array.Sort(rank, (a, b) => sizes[a] != sizes[b] ? sizes[b].CompareTo(sizes[a]) : minNode[a].CompareTo(minNode[b]));
        var renumber = new int[componentCount];
        for (int r = 0; r < componentCount; r++)
        {
            renumber[rank[r]] = r;
        }

        var component = new int[n];
        for (int v = 0; v < n; v++)
        {
            component[v] = renumber[rawComponent[v]];
        }

        return (component, componentCount, componentCount == 0 ? 0 : sizes[rank[0]]);
    }
}
