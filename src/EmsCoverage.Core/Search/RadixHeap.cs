using System.Diagnostics;
using System.Numerics;

namespace EmsCoverage.Search;

/// <summary>
/// A monotone priority queue on 64-bit keys (a radix heap): popped keys never decrease, and every pushed key
/// must be at least the last popped key. That is exactly Dijkstra's access pattern.
/// </summary>
/// <remarks>
/// Implementation note: bucket <c>b</c> holds items whose key differs from the last popped key first in bit
/// <c>b - 1</c> (bucket 0: equal to it). A pop that finds bucket 0 empty takes the first non-empty bucket,
/// makes its minimum the new "last" key and spreads the bucket's items over lower buckets; every item moves
/// down at most 64 times in its life, so operations cost O(1) amortised plus a scan of 65 counters, with no
/// comparisons between items and no sift-up/down. Chosen over a binary heap after measuring both
/// (see benchmarks/README.md). Buckets grow by doubling and are kept across <see cref="Clear"/>, so a reused
/// heap does not allocate.
/// </remarks>
internal sealed class RadixHeap
{
    private const int BucketCount = 65;
    private readonly Entry[][] _buckets = new Entry[BucketCount][];
    private readonly int[] _counts = new int[BucketCount];
    private ulong _last;
    private int _count;

    public RadixHeap(int initialCapacityPerBucket = 16)
    {
        for (int b = 0; b < BucketCount; b++)
        {
            _buckets[b] = new Entry[initialCapacityPerBucket];
        }
    }

    public int Count => _count;

    public void Clear()
    {
        Array.Clear(_counts);
        _last = 0;
        _count = 0;
    }

    public void Push(ulong key, int value)
    {
        Debug.Assert(key >= _last, "radix heap keys must not go below the last popped key");
        Add(BucketOf(key), key, value);
        _count++;
    }

    public bool TryPop(out ulong key, out int value)
    {
        if (_counts[0] == 0)
        {
            if (_count == 0)
            {
                key = 0;
                value = 0;
                return false;
            }

            Refill();
        }

        int i = --_counts[0];
        _count--;
        ref Entry e = ref _buckets[0][i];
        key = e.Key;
        value = e.Value;
        return true;
    }

    private void Refill()
    {
        int b = 1;
        while (_counts[b] == 0)
        {
            b++;
        }

        Entry[] bucket = _buckets[b];
        int n = _counts[b];
        ulong min = bucket[0].Key;
        for (int i = 1; i < n; i++)
        {
            if (bucket[i].Key < min)
            {
                min = bucket[i].Key;
            }
        }

        _last = min;
        _counts[b] = 0;
        for (int i = 0; i < n; i++)
        {
            Add(BucketOf(bucket[i].Key), bucket[i].Key, bucket[i].Value);
        }
    }

    private int BucketOf(ulong key) => key == _last ? 0 : 64 - BitOperations.LeadingZeroCount(key ^ _last);

    private void Add(int b, ulong key, int value)
    {
        int n = _counts[b];
        Entry[] bucket = _buckets[b];
        if (n == bucket.Length)
        {
            Array.Resize(ref _buckets[b], n * 2);
            bucket = _buckets[b];
        }

        bucket[n] = new Entry(key, value);
        _counts[b] = n + 1;
    }

    private readonly record struct Entry(ulong Key, int Value);
}
