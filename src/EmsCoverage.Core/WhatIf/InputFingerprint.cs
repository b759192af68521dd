using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using EmsCoverage.Coverage;
using EmsCoverage.Graph;

namespace EmsCoverage.WhatIf;

/// <summary>
/// SHA-256 fingerprints of what a travel-time column depends on, so stored columns are never applied to other inputs.
/// </summary>
/// <remarks>
/// The network fingerprint covers the graph a search reads (node and arc counts, first arc per node, head, tail,
/// time and twin of every arc), the demand fingerprint every cell's snap (snapped or not, arc, position). Integers
/// are hashed little-endian, doubles as their IEEE 754 bits, so the fingerprint is the same on every machine.
/// </remarks>
internal static class InputFingerprint
{
    // Networks and snapped demand are immutable: each is hashed once.
    private static readonly ConditionalWeakTable<RoadNetwork, string> NetworkCache = [];
    private static readonly ConditionalWeakTable<SnappedDemand, string> DemandCache = [];

    public static string Network(RoadNetwork network) => NetworkCache.GetValue(network, ComputeNetwork);

    public static string Demand(SnappedDemand demand) => DemandCache.GetValue(demand, ComputeDemand);

    private static string ComputeNetwork(RoadNetwork network)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes("emscov-network-fingerprint/1"));
        AppendInts(hash, [network.NodeCount, network.ArcCount]);
        AppendInts(hash, network._firstArc);
        AppendInts(hash, network._arcHead);
        AppendInts(hash, network._arcTail);
        AppendInts(hash, network._arcTravelTimeMs);
        AppendInts(hash, network._arcTwin);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string ComputeDemand(SnappedDemand demand)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes("emscov-demand-snaps/1"));
        int n = demand.Layer.Cells.Count;
        AppendInts(hash, [n]);
        const int RecordSize = 13;
        var buffer = new byte[RecordSize * 4096];
        int used = 0;
        for (int c = 0; c < n; c++)
        {
            bool snapped = demand.IsSnapped(c);
            var snap = demand.Snap(c);
            Span<byte> record = buffer.AsSpan(used, RecordSize);
            record[0] = snapped ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt32LittleEndian(record[1..], snapped ? snap.Arc : -1);
            BinaryPrimitives.WriteInt64LittleEndian(record[5..], snapped ? BitConverter.DoubleToInt64Bits(snap.Fraction) : 0);
            used += RecordSize;
            if (used == buffer.Length)
            {
                hash.AppendData(buffer);
                used = 0;
            }
        }

        hash.AppendData(buffer, 0, used);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendInts(IncrementalHash hash, ReadOnlySpan<int> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> four = stackalloc byte[4];
        foreach (int v in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, v);
            hash.AppendData(four);
        }
    }
}
