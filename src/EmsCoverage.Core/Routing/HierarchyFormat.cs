using System.Buffers.Binary;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;

namespace EmsCoverage.Routing;

/// <summary>
/// Byte layout of a <see cref="ContractionHierarchy"/> inside the prepared network file (section 32), little-endian:
/// <code>
///   8   magic "EMSCCH1\0"
///   4   layout version (int32) = 1
///   4   node count N;  4  upward arc count U;  4  downward arc count D
///  32   SHA-256 network fingerprint the index belongs to
///       int32 arrays: rank of node [N], up first [N+1], up other [U], up time ms [U], up middle [U],
///                     down first [N+1], down other [D], down time ms [D], down middle [D]
/// </code>
/// Reading validates everything the sweep relies on (its inner loop does not check bounds), so an altered index is
/// refused rather than trusted.
/// </summary>
internal static class HierarchyFormat
{
    private const int HeaderBytes = 56;
    private const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "EMSCCH1\0"u8;

    public static byte[] ToBytes(ContractionHierarchy ch)
    {
        int n = ch.NodeCount, u = ch.UpArcCount, d = ch.DownArcCount;
        long length = HeaderBytes + (4L * (n + (2L * (n + 1)) + (3L * u) + (3L * d)));
        var bytes = new byte[length];
        Span<byte> s = bytes;
        Magic.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], n);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], u);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], d);
        Convert.FromHexString(ch.NetworkSha256).CopyTo(s[24..]);
        int p = HeaderBytes;
        Put(s, ref p, ch._rankOfNode);
        Put(s, ref p, ch._upFirst);
        Put(s, ref p, ch._upArcs.Select(a => a.Other).ToArray());
        Put(s, ref p, ch._upArcs.Select(a => a.TimeMs).ToArray());
        Put(s, ref p, ch._upMiddle);
        Put(s, ref p, ch._downFirst);
        Put(s, ref p, ch._downArcs.Select(a => a.Other).ToArray());
        Put(s, ref p, ch._downArcs.Select(a => a.TimeMs).ToArray());
        Put(s, ref p, ch._downMiddle);
        return bytes;
    }

    public static ContractionHierarchy FromBytes(byte[] bytes, RoadNetwork network, string path)
    {
        ReadOnlySpan<byte> s = bytes;
        if (s.Length < HeaderBytes || !s[..8].SequenceEqual(Magic))
        {
            throw Bad(path, "does not start with the index header");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
        if (version != Version)
        {
            throw Bad(path, $"has layout version {version}, this version reads {Version}");
        }

        int n = BinaryPrimitives.ReadInt32LittleEndian(s[12..]);
        int u = BinaryPrimitives.ReadInt32LittleEndian(s[16..]);
        int d = BinaryPrimitives.ReadInt32LittleEndian(s[20..]);
        string fingerprint = Convert.ToHexStringLower(s.Slice(24, 32));
        if (n != network.NodeCount || fingerprint != WhatIf.InputFingerprint.Network(network))
        {
            throw Bad(path, "belongs to another network than the one in this file (stale or altered)");
        }

        if (u < 0 || d < 0 || HeaderBytes + (4L * (n + (2L * (n + 1)) + (3L * u) + (3L * d))) != s.Length)
        {
            throw Bad(path, $"is {s.Length} bytes, which does not match its counts ({n} nodes, {u} + {d} arcs)");
        }

        int p = HeaderBytes;
        int[] rank = Get(s, ref p, n);
        int[] upFirst = Get(s, ref p, n + 1);
        int[] upOther = Get(s, ref p, u), upTime = Get(s, ref p, u), upMiddle = Get(s, ref p, u);
        int[] downFirst = Get(s, ref p, n + 1);
        int[] downOther = Get(s, ref p, d), downTime = Get(s, ref p, d), downMiddle = Get(s, ref p, d);

        var seen = new bool[n];
        foreach (int r in rank)
        {
            if ((uint)r >= (uint)n || seen[r])
            {
                throw Bad(path, "ranks are not a permutation of the nodes");
            }

            seen[r] = true;
        }

        RankArc[] up = Arcs(path, "upward", upFirst, upOther, upTime, upMiddle, n);
        RankArc[] down = Arcs(path, "downward", downFirst, downOther, downTime, downMiddle, n);
        return new ContractionHierarchy(rank, upFirst, up, upMiddle, downFirst, down, downMiddle, fingerprint);
    }

    private static RankArc[] Arcs(string path, string what, int[] first, int[] other, int[] time, int[] middle, int n)
    {
        if (first[0] != 0 || first[n] != other.Length)
        {
            throw Bad(path, $"{what} arc ranges do not cover the arcs");
        }

        var arcs = new RankArc[other.Length];
        for (int r = 0; r < n; r++)
        {
            if (first[r + 1] < first[r])
            {
                throw Bad(path, $"{what} arc ranges go backwards at rank {r}");
            }

            for (int a = first[r]; a < first[r + 1]; a++)
            {
                if (other[a] <= r || other[a] >= n || time[a] < 0 || time[a] > ContractionHierarchy.MaxExactTimeMs
                    || middle[a] < -1 || middle[a] >= r)
                {
                    throw Bad(path, $"{what} arc {a} at rank {r} is invalid");
                }

                arcs[a] = new RankArc(other[a], time[a]);
            }
        }

        return arcs;
    }

    private static void Put(Span<byte> s, ref int p, int[] values)
    {
        foreach (int v in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[p..], v);
            p += 4;
        }
    }

    private static int[] Get(ReadOnlySpan<byte> s, ref int p, int count)
    {
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(s[p..]);
            p += 4;
        }

        return values;
    }

    private static InputDataException Bad(string path, string problem) =>
        new(path, $"{path}: routing index {problem}; run `emscov prepare` again");
}
