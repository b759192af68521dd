using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EmsCoverage.Coverage;
using EmsCoverage.Diagnostics;
using EmsCoverage.Graph;
using EmsCoverage.Snapping;

namespace EmsCoverage.WhatIf;

/// <summary>
/// The stored form of <see cref="TravelTimeColumns"/> (<c>.emscols</c>), so a what-if study can be reopened without
/// searching again.
/// </summary>
/// <remarks>
/// <para>Layout, all integers little-endian, doubles as IEEE 754 bits:</para>
/// <code>
///   0   8   magic "EMSCOLS\0"
///   8   4   format version (1)
///  12   4   demand cell count
///  16   4   site count
///  20   4   limit, ms of road time
///  24   8   total (cell, time) pairs
///  32  32   network fingerprint (SHA-256, see InputFingerprint)
///  64  32   demand snap fingerprint (SHA-256)
///  96       per site, 36 bytes: arc int32, fraction, distance m, lat, lon (float64 each)
///           per column: pair count int32, largest time int32, cells int32[count] (ascending), times int32[count]
/// end-32 32 SHA-256 of every byte before it
/// </code>
/// <para>A reader refuses, with an <see cref="InputDataException"/> naming the file: another magic or version, a
/// size that does not add up, a checksum that does not match, fingerprints of other inputs, and any value out of
/// range (cells not ascending, a time above the limit, an arc outside the network).</para>
/// </remarks>
internal static class TravelTimeColumnFile
{
    public const int FormatVersion = 1;
    private const int HeaderSize = 96;
    private const int SiteSize = 36;
    private const int HashSize = 32;
    private static readonly byte[] Magic = "EMSCOLS\0"u8.ToArray();

    public static void Write(TravelTimeColumns set, string path)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string temp = path + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var w = new Writer(file, hash);
                Span<byte> header = stackalloc byte[HeaderSize];
                Magic.CopyTo(header);
                BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
                BinaryPrimitives.WriteInt32LittleEndian(header[12..], set.CellCount);
                BinaryPrimitives.WriteInt32LittleEndian(header[16..], set.Count);
                BinaryPrimitives.WriteInt32LittleEndian(header[20..], set.LimitMs);
                BinaryPrimitives.WriteInt64LittleEndian(header[24..], set.EntryCount);
                Convert.FromHexString(set.NetworkSha256).CopyTo(header[32..]);
                Convert.FromHexString(set.DemandSha256).CopyTo(header[64..]);
                w.Put(header);

                Span<byte> site = stackalloc byte[SiteSize];
                foreach (var s in set.SiteSpan)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(site, s.Arc);
                    BinaryPrimitives.WriteDoubleLittleEndian(site[4..], s.Fraction);
                    BinaryPrimitives.WriteDoubleLittleEndian(site[12..], s.DistanceM);
                    BinaryPrimitives.WriteDoubleLittleEndian(site[20..], s.Lat);
                    BinaryPrimitives.WriteDoubleLittleEndian(site[28..], s.Lon);
                    w.Put(site);
                }

                Span<byte> columnHeader = stackalloc byte[8];
                for (int i = 0; i < set.Count; i++)
                {
                    var column = set[i];
                    BinaryPrimitives.WriteInt32LittleEndian(columnHeader, column.Count);
                    BinaryPrimitives.WriteInt32LittleEndian(columnHeader[4..], column.MaxTimeMs);
                    w.Put(columnHeader);
                    w.PutInts(column.Cells);
                    w.PutInts(column.TimesMs);
                }

                file.Write(hash.GetHashAndReset());
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // best effort: a leftover temporary file is harmless
            }

            throw;
        }
    }

    public static TravelTimeColumns Read(string path, RoadNetwork network, SnappedDemand demand)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(demand);
        const string Again = "delete it and let emscov compute the columns again";
        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: file not found (travel-time columns).");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        long length = stream.Length;
        Span<byte> header = stackalloc byte[HeaderSize];
        if (length < HeaderSize + HashSize || stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
        {
            throw Bad(path, $"too short to be a travel-time column file ({length} bytes); {Again}");
        }

        if (!header[..8].SequenceEqual(Magic))
        {
            throw Bad(path, "not an EmsCoverage travel-time column file (no EMSCOLS header)");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            throw Bad(path, $"column file format version {version}; this version of emscov reads version {FormatVersion}: {Again}");
        }

        VerifyChecksum(stream, path, length, Again);

        int cellCount = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        int siteCount = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        int limitMs = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        long entries = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        string networkSha = Convert.ToHexStringLower(header.Slice(32, 32));
        string demandSha = Convert.ToHexStringLower(header.Slice(64, 32));
        long expected = HeaderSize + ((long)siteCount * (SiteSize + 8)) + (entries * 8) + HashSize;
        if (cellCount < 0 || siteCount < 0 || entries < 0 || limitMs <= 0 || limitMs > TravelTimeColumns.MaxLimitMs || expected != length)
        {
            throw Bad(path, $"inconsistent header (cells {cellCount}, sites {siteCount}, pairs {entries}, limit {limitMs} ms, {length} bytes); {Again}");
        }

        if (networkSha != InputFingerprint.Network(network))
        {
            throw Bad(path, "was computed for another road network (network fingerprint differs); compute the columns again for this network");
        }

        if (cellCount != demand.Layer.Cells.Count || demandSha != InputFingerprint.Demand(demand))
        {
            throw Bad(path, $"was computed for other demand cells ({cellCount} cells, snap fingerprint differs from the {demand.Layer.Cells.Count} cells now); compute the columns again");
        }

        stream.Position = HeaderSize;
        var sites = new SnapPoint[siteCount];
        Span<byte> site = stackalloc byte[SiteSize];
        for (int i = 0; i < siteCount; i++)
        {
            stream.ReadExactly(site);
            var s = new SnapPoint(
                BinaryPrimitives.ReadInt32LittleEndian(site),
                BinaryPrimitives.ReadDoubleLittleEndian(site[4..]),
                BinaryPrimitives.ReadDoubleLittleEndian(site[12..]),
                BinaryPrimitives.ReadDoubleLittleEndian(site[20..]),
                BinaryPrimitives.ReadDoubleLittleEndian(site[28..]));
            if (s.Arc < 0 || s.Arc >= network.ArcCount || !(s.Fraction >= 0 && s.Fraction <= 1))
            {
                throw Bad(path, $"site {i + 1} is not on the network (arc {s.Arc}, position {s.Fraction}); {Again}");
            }

            sites[i] = s;
        }

        var columns = new TravelTimeColumn[siteCount];
        Span<byte> columnHeader = stackalloc byte[8];
        long seen = 0;
        for (int i = 0; i < siteCount; i++)
        {
            stream.ReadExactly(columnHeader);
            int count = BinaryPrimitives.ReadInt32LittleEndian(columnHeader);
            int maxMs = BinaryPrimitives.ReadInt32LittleEndian(columnHeader[4..]);
            seen += count;
            if (count < 0 || count > cellCount || seen > entries)
            {
                throw Bad(path, $"column {i + 1} claims {count} cells; {Again}");
            }

            var cells = new int[count];
            var times = new int[count];
            ReadInts(stream, cells);
            ReadInts(stream, times);
            int actualMax = 0;
            for (int k = 0; k < count; k++)
            {
                if (cells[k] < 0 || cells[k] >= cellCount || (k > 0 && cells[k] <= cells[k - 1]) || times[k] < 0 || times[k] > limitMs)
                {
                    throw Bad(path, $"column {i + 1}, pair {k + 1} is out of range (cell {cells[k]}, {times[k]} ms); {Again}");
                }

                actualMax = Math.Max(actualMax, times[k]);
            }

            if (actualMax != maxMs)
            {
                throw Bad(path, $"column {i + 1} records a largest time of {maxMs} ms but holds {actualMax} ms; {Again}");
            }

            columns[i] = new TravelTimeColumn(cells, times, maxMs);
        }

        if (seen != entries)
        {
            throw Bad(path, $"holds {seen} pairs, the header says {entries}; {Again}");
        }

        return new TravelTimeColumns(sites, columns, cellCount, limitMs, networkSha, demandSha, computedCount: 0);
    }

    private static void VerifyChecksum(FileStream stream, string path, long length, string again)
    {
        stream.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long left = length - HashSize;
        while (left > 0)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0)
            {
                throw Bad(path, $"ended early; {again}");
            }

            hash.AppendData(buffer, 0, n);
            left -= n;
        }

        Span<byte> stored = stackalloc byte[HashSize];
        stream.ReadExactly(stored);
        if (!stored.SequenceEqual(hash.GetHashAndReset()))
        {
            throw Bad(path, $"is corrupt (SHA-256 checksum does not match its content); {again}");
        }
    }

    private static void ReadInts(Stream stream, int[] values)
    {
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReverseEndianness(values[i]);
            }
        }
    }

    private static InputDataException Bad(string path, string problem) => new(path, $"{path}: {problem}.");

    /// <summary>Writes bytes to the file and to the running checksum together.</summary>
    private readonly struct Writer(Stream stream, IncrementalHash hash)
    {
        public void Put(ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            hash.AppendData(bytes);
        }

        public void PutInts(ReadOnlySpan<int> values)
        {
            if (BitConverter.IsLittleEndian)
            {
                Put(MemoryMarshal.AsBytes(values));
                return;
            }

            Span<byte> four = stackalloc byte[4];
            foreach (int v in values)
            {
                BinaryPrimitives.WriteInt32LittleEndian(four, v);
                Put(four);
            }
        }
    }
}
