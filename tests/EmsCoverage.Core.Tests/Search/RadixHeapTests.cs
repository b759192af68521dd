using EmsCoverage.Search;

namespace EmsCoverage.Core.Tests.Search;

public class RadixHeapTests
{
    [Fact]
    public void PopsInKeyOrder_UnderDijkstraLikeMonotonePushes()
    {
        var rng = new Random(42);
        var heap = new RadixHeap(2);
        var reference = new PriorityQueue<int, ulong>();
        ulong last = 0;
        int pops = 0;
        for (int step = 0; step < 100_000; step++)
        {
            if (rng.Next(3) > 0 || heap.Count == 0)
            {
                ulong key = last + (ulong)rng.NextInt64(0, 1L << rng.Next(1, 40));
                heap.Push(key, step);
                reference.Enqueue(step, key);
            }
            else
            {
                Assert.True(heap.TryPop(out ulong key, out _));
                Assert.True(reference.TryDequeue(out _, out ulong expected));
                Assert.Equal(expected, key);
                Assert.True(key >= last);
                last = key;
                pops++;
            }
        }

        Assert.True(pops > 10_000);
        heap.Clear();
        Assert.False(heap.TryPop(out _, out _));
    }
}
