using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using EmsCoverage.Diagnostics;
using Layout = EmsCoverage.Graph.NetworkFileLayout;

namespace EmsCoverage.Graph;

/// <summary>
/// Reads and writes a prepared <see cref="RoadNetwork"/> in EmsCoverage's own binary format, so that
/// <c>emscov prepare</c> runs once per extract and later runs start from the file.
/// </summary>
/// <remarks>
/// <para>Layout (all integers little-endian): magic <c>EMSCNET\0</c>; format major and minor (uint16 each); header
/// size (uint32); file size, node, arc and shape point counts (int64 each); component count and largest component
/// size (int32 each); section count (uint32); 4 reserved bytes; the provenance as four length-prefixed UTF-8 strings
/// (source SHA-256, profile SHA-256, source name, data date as ISO 8601 or empty); a section table of (id uint32, element size uint32, offset int64,
/// length int64, SHA-256 of the section's bytes); a SHA-256 of everything before it in the header. Then the
/// network's arrays, one raw section each, starting on 64-byte boundaries with zero padding between them.</para>
/// <para>Versioning: a reader accepts any file of its own format major version and skips sections it does not
/// know (a newer minor version only adds sections); a file of another major version is refused with a message
/// asking to run <c>emscov prepare</c> again.</para>
/// <para><see cref="Read"/> trusts nothing in the file: sizes are checked against the file length before any array
/// is allocated, every section checksum is verified, and the structure of the graph is validated, so a truncated,
/// corrupt or hand-edited file gives an <see cref="InputDataException"/> instead of a crash later in a search.</para>
/// </remarks>
public static partial class NetworkFile
{
    /// <summary>Format major version written by this version; files of another major version are refused.</summary>
    public const int CurrentFormatMajor = Layout.FormatMajor;

    /// <summary>Format minor version written by this version.</summary>
    public const int CurrentFormatMinor = Layout.FormatMinor;

    private const string PrepareAgain = "run `emscov prepare` again";
    private const int ChunkBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/> atomically: the bytes go to a temporary file
    /// in the same folder, which then replaces <paramref name="path"/>; on failure the temporary file is deleted
    /// and an existing file at <paramref name="path"/> is left as it was.
    /// </summary>
    /// <param name="network">The network to store.</param>
    /// <param name="path">Destination file; its folder must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or a provenance string is longer than
    /// 4096 UTF-8 bytes.</exception>
    /// <exception cref="IOException">The file cannot be written (folder missing, disk full, …).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static void Write(RoadNetwork network, string path) => Write(network, path, wrapStream: null);

    /// <summary>As <see cref="Write(RoadNetwork, string)"/>; <paramref name="wrapStream"/> lets tests inject a failing stream.</summary>
    internal static void Write(RoadNetwork network, string path, Func<Stream, Stream>? wrapStream,
        IReadOnlyList<ExtraSection>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);

        byte[] header = BuildHeader(network, out var sections, extras ?? []);
        string tempPath = path + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        try
        {
            using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Stream stream = wrapStream?.Invoke(file) ?? file;
                WriteContent(network, stream, header, sections, extras ?? []);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>
    /// Reads a network written by <see cref="Write(RoadNetwork, string)"/>, verifying the header, the file size,
    /// every section checksum and the structure of the graph.
    /// </summary>
    /// <param name="path">The prepared network file.</param>
    /// <returns>The network, equal array for array to the one written.</returns>
    /// <exception cref="InputDataException">The file is missing, unreadable, not a network file, of another format
    /// major version, truncated, corrupt or structurally invalid; the message names the file and the problem.</exception>
    public static RoadNetwork Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenForRead(path);
        var header = ReadHeaderCore(stream, path);
        var info = header.Info;

        int[] nodeLat = ReadSection<int>(stream, path, header, Layout.NodeLatId);
        int[] nodeLon = ReadSection<int>(stream, path, header, Layout.NodeLonId);
        int[] nodeComponent = ReadSection<int>(stream, path, header, Layout.NodeComponentId);
        int[] firstArc = ReadSection<int>(stream, path, header, Layout.FirstArcId);
        int[] arcHead = ReadSection<int>(stream, path, header, Layout.ArcHeadId);
        int[] arcTail = ReadSection<int>(stream, path, header, Layout.ArcTailId);
        int[] arcTime = ReadSection<int>(stream, path, header, Layout.ArcTimeId);
        float[] arcLength = ReadSection<float>(stream, path, header, Layout.ArcLengthId);
        int[] arcTwin = ReadSection<int>(stream, path, header, Layout.ArcTwinId);
        long[] arcWayId = ReadSection<long>(stream, path, header, Layout.ArcWayIdId);
        int[] arcShapeStart = ReadSection<int>(stream, path, header, Layout.ArcShapeStartId);
        int[] shapeLat = ReadSection<int>(stream, path, header, Layout.ShapeLatId);
        int[] shapeLon = ReadSection<int>(stream, path, header, Layout.ShapeLonId);
        byte[]? arcRoadClass = header.Entries.Exists(e => e.Id == Layout.ArcRoadClassId)
            ? ReadSection<byte>(stream, path, header, Layout.ArcRoadClassId)
            : null;
        foreach (var entry in header.Entries)
        {
            if (entry.Kind is null)
            {
                VerifyUnknownSection(stream, path, entry);
            }
        }

        VerifyPadding(stream, path, header);

        var network = new RoadNetwork(firstArc, arcHead, arcTail, arcTime, arcLength, arcTwin, arcWayId, arcShapeStart,
            shapeLat, shapeLon, nodeLat, nodeLon, nodeComponent, info.ComponentCount, info.LargestComponentNodeCount,
            info.Provenance, arcRoadClass);
        ValidateStructure(network, path);
        return network;
    }

    /// <summary>
    /// Reads only the header of a network file (for <c>emscov info</c> and staleness checks): magic, version, header
    /// checksum and file size are verified; the sections are not read, so their checksums are not checked.
    /// </summary>
    /// <param name="path">The prepared network file.</param>
    /// <exception cref="InputDataException">The file is missing, unreadable, not a network file, of another format
    /// major version, truncated, or its header is corrupt.</exception>
    public static NetworkFileInfo ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenForRead(path);
        return ReadHeaderCore(stream, path).Info;
    }

    /// <summary>
    /// True when the network in <paramref name="info"/> was prepared from the source extract and the profile with
    /// these SHA-256 hashes (hex, case ignored); false means the file is stale and should be prepared again.
    /// </summary>
    /// <param name="info">Header of the prepared file, from <see cref="ReadHeader"/>.</param>
    /// <param name="sourceSha256">Hex SHA-256 of the source extract as it is now.</param>
    /// <param name="profileSha256">Hex SHA-256 of the travel profile as it is now.</param>
    public static bool MatchesSource(NetworkFileInfo info, string sourceSha256, string profileSha256)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(sourceSha256);
        ArgumentNullException.ThrowIfNull(profileSha256);
        return string.Equals(info.Provenance.SourceSha256, sourceSha256, StringComparison.OrdinalIgnoreCase)
            && string.Equals(info.Provenance.ProfileSha256, profileSha256, StringComparison.OrdinalIgnoreCase);
    }

    // ---------------------------------------------------------------- writing

    private static byte[] BuildHeader(RoadNetwork network, out List<SectionEntry> sections, IReadOnlyList<ExtraSection> extras)
    {
        var provenance = network.Provenance;
        byte[] source = Encoding.UTF8.GetBytes(provenance.SourceSha256);
        byte[] profile = Encoding.UTF8.GetBytes(provenance.ProfileSha256);
        byte[] name = Encoding.UTF8.GetBytes(provenance.SourceName);
        byte[] date = Encoding.UTF8.GetBytes(provenance.DataDate?.ToString("o", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        if (Math.Max(source.Length, Math.Max(profile.Length, name.Length)) > Layout.MaxProvenanceStringBytes)
        {
            throw new ArgumentException(
                $"The network's provenance strings must each be at most {Layout.MaxProvenanceStringBytes} UTF-8 bytes long.",
                nameof(network));
        }

        int provenanceBytes = 8 + source.Length + profile.Length + name.Length + date.Length;
        int tableOffset = Layout.SectionTableOffset(provenanceBytes);
        int headerSize = tableOffset + ((Layout.Sections.Length + extras.Count) * Layout.SectionEntrySize) + Layout.HashSize;

        sections = new List<SectionEntry>(Layout.Sections.Length);
        long offset = Layout.Align((long)headerSize, Layout.SectionAlignment);
        foreach (var kind in Layout.Sections)
        {
            long length = kind.ElementCount(network.NodeCount, network.ArcCount, network._shapeLatE7.Length) * kind.ElementSize;
            sections.Add(new SectionEntry(kind.Id, kind.ElementSize, offset, length, kind));
            offset = Layout.Align(offset + length, Layout.SectionAlignment);
        }

        foreach (var extra in extras)
        {
            sections.Add(new SectionEntry(extra.Id, 1, offset, extra.Bytes.Length, null));
            offset = Layout.Align(offset + extra.Bytes.Length, Layout.SectionAlignment);
        }

        long fileSize = sections[^1].Offset + sections[^1].Length;
        var header = new byte[headerSize];
        var h = header.AsSpan();
        Layout.Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Layout.MajorOffset..], Layout.FormatMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Layout.MinorOffset..], Layout.FormatMinor);
        BinaryPrimitives.WriteUInt32LittleEndian(h[Layout.HeaderSizeOffset..], (uint)headerSize);
        BinaryPrimitives.WriteInt64LittleEndian(h[Layout.FileSizeOffset..], fileSize);
        BinaryPrimitives.WriteInt64LittleEndian(h[Layout.NodeCountOffset..], network.NodeCount);
        BinaryPrimitives.WriteInt64LittleEndian(h[Layout.ArcCountOffset..], network.ArcCount);
        BinaryPrimitives.WriteInt64LittleEndian(h[Layout.ShapeCountOffset..], network._shapeLatE7.Length);
        BinaryPrimitives.WriteInt32LittleEndian(h[Layout.ComponentCountOffset..], network.ComponentCount);
        BinaryPrimitives.WriteInt32LittleEndian(h[Layout.LargestComponentOffset..], network.LargestComponentNodeCount);
        BinaryPrimitives.WriteUInt32LittleEndian(h[Layout.SectionCountOffset..], (uint)sections.Count);

        int p = Layout.ProvenanceOffset;
        foreach (byte[] s in (byte[][])[source, profile, name, date])
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h[p..], (ushort)s.Length);
            s.CopyTo(h[(p + 2)..]);
            p += 2 + s.Length;
        }

        for (int i = 0; i < sections.Count; i++)
        {
            var e = h.Slice(tableOffset + (i * Layout.SectionEntrySize), Layout.SectionEntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)sections[i].Id);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], (uint)sections[i].ElementSize);
            BinaryPrimitives.WriteInt64LittleEndian(e[8..], sections[i].Offset);
            BinaryPrimitives.WriteInt64LittleEndian(e[16..], sections[i].Length);
            // Hash at e[24..56] is filled in while the section is written.
        }

        return header;
    }

    // Writes the header (with zero hashes), then each section while hashing it, then the header again with the
    // hashes filled in. One pass over the arrays; no copy of an array is made (except chunk-wise on big-endian hosts).
    private static void WriteContent(RoadNetwork network, Stream stream, byte[] header, List<SectionEntry> sections,
        IReadOnlyList<ExtraSection> extras)
    {
        int tableOffset = header.Length - Layout.HashSize - (sections.Count * Layout.SectionEntrySize);
        stream.Write(header);
        long position = header.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> zeros = stackalloc byte[Layout.SectionAlignment];
        zeros.Clear();
        for (int i = 0; i < sections.Count; i++)
        {
            var entry = sections[i];
            stream.Write(zeros[..(int)(entry.Offset - position)]);
            ExtraSection? extra = entry.Kind is null ? extras.First(x => x.Id == entry.Id) : null;
            WriteLittleEndian(stream, hash, extra is null ? SectionBytes(network, entry.Id) : extra.Bytes, entry.ElementSize);
            position = entry.Offset + entry.Length;
            int hashAt = tableOffset + (i * Layout.SectionEntrySize) + 24;
            hash.GetHashAndReset(header.AsSpan(hashAt, Layout.HashSize));
        }

        SHA256.HashData(header.AsSpan(0, header.Length - Layout.HashSize), header.AsSpan(header.Length - Layout.HashSize));
        stream.Seek(0, SeekOrigin.Begin);
        stream.Write(header);
    }

    private static ReadOnlySpan<byte> SectionBytes(RoadNetwork n, int id) => id switch
    {
        Layout.NodeLatId => MemoryMarshal.AsBytes(n._nodeLatE7.AsSpan()),
        Layout.NodeLonId => MemoryMarshal.AsBytes(n._nodeLonE7.AsSpan()),
        Layout.NodeComponentId => MemoryMarshal.AsBytes(n._nodeComponent.AsSpan()),
        Layout.FirstArcId => MemoryMarshal.AsBytes(n._firstArc.AsSpan()),
        Layout.ArcHeadId => MemoryMarshal.AsBytes(n._arcHead.AsSpan()),
        Layout.ArcTailId => MemoryMarshal.AsBytes(n._arcTail.AsSpan()),
        Layout.ArcTimeId => MemoryMarshal.AsBytes(n._arcTravelTimeMs.AsSpan()),
        Layout.ArcLengthId => MemoryMarshal.AsBytes(n._arcLengthM.AsSpan()),
        Layout.ArcTwinId => MemoryMarshal.AsBytes(n._arcTwin.AsSpan()),
        Layout.ArcWayIdId => MemoryMarshal.AsBytes(n._arcWayId.AsSpan()),
        Layout.ArcShapeStartId => MemoryMarshal.AsBytes(n._arcShapeStart.AsSpan()),
        Layout.ShapeLatId => MemoryMarshal.AsBytes(n._shapeLatE7.AsSpan()),
        Layout.ShapeLonId => MemoryMarshal.AsBytes(n._shapeLonE7.AsSpan()),
        Layout.ArcRoadClassId => n._arcRoadClass.AsSpan(),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown section id."),
    };

    private static void WriteLittleEndian(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes, int elementSize)
    {
        if (BitConverter.IsLittleEndian)
        {
            for (int start = 0; start < bytes.Length; start += ChunkBytes)
            {
                var chunk = bytes.Slice(start, Math.Min(ChunkBytes, bytes.Length - start));
                hash.AppendData(chunk);
                stream.Write(chunk);
            }

            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (int start = 0; start < bytes.Length; start += ChunkBytes)
            {
                var chunk = bytes.Slice(start, Math.Min(ChunkBytes, bytes.Length - start));
                var swapped = buffer.AsSpan(0, chunk.Length);
                chunk.CopyTo(swapped);
                ReverseElements(swapped, elementSize);
                hash.AppendData(swapped);
                stream.Write(swapped);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReverseElements(Span<byte> bytes, int elementSize)
    {
        if (elementSize == 1)
        {
            return; // byte sections are written in their final order
        }

        if (elementSize == 8)
        {
            var longs = MemoryMarshal.Cast<byte, long>(bytes);
            BinaryPrimitives.ReverseEndianness(longs, longs);
        }
        else
        {
            var ints = MemoryMarshal.Cast<byte, int>(bytes);
            BinaryPrimitives.ReverseEndianness(ints, ints);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    // ---------------------------------------------------------------- reading

    private static FileStream OpenForRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputDataException(path, $"{path}: network file not found; run `emscov prepare` to create it", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: network file cannot be opened: {e.Message}", e);
        }
    }

    private static ParsedHeader ReadHeaderCore(FileStream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength == 0)
        {
            throw Fail(path, "not an EmsCoverage network file (the file is empty); make one from an OSM extract with `emscov prepare`");
        }

        Span<byte> fixedPart = stackalloc byte[Layout.FixedHeaderSize];
        int got = ReadUpTo(stream, fixedPart);
        var available = fixedPart[..got];
        int magicBytes = Math.Min(got, Layout.Magic.Length);
        if (!available[..magicBytes].SequenceEqual(Layout.Magic[..magicBytes]))
        {
            throw Fail(path, "not an EmsCoverage network file (it does not start with the network file signature); make one from an OSM extract with `emscov prepare`");
        }

        if (got < Layout.MinorOffset + 2)
        {
            throw Truncated(path, Layout.FixedHeaderSize, fileLength, atLeast: true);
        }

        int major = BinaryPrimitives.ReadUInt16LittleEndian(available[Layout.MajorOffset..]);
        int minor = BinaryPrimitives.ReadUInt16LittleEndian(available[Layout.MinorOffset..]);
        if (major != Layout.FormatMajor)
        {
            string writer = major > Layout.FormatMajor ? "a newer" : "an older";
            throw new InputDataException(path, $"{path} was written by {writer} EmsCoverage (format {major}.{minor}; " +
                $"this version reads format {Layout.FormatMajor}.x); {PrepareAgain}");
        }

        if (got < Layout.FixedHeaderSize)
        {
            long claimed = got >= Layout.FileSizeOffset + 8 ? BinaryPrimitives.ReadInt64LittleEndian(available[Layout.FileSizeOffset..]) : 0;
            throw claimed > fileLength
                ? Truncated(path, claimed, fileLength, atLeast: false)
                : Truncated(path, Layout.FixedHeaderSize, fileLength, atLeast: true);
        }

        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[Layout.HeaderSizeOffset..]);
        long storedFileSize = BinaryPrimitives.ReadInt64LittleEndian(fixedPart[Layout.FileSizeOffset..]);
        int minHeaderSize = Layout.SectionTableOffset(6) + Layout.HashSize;
        if (headerSize < minHeaderSize || headerSize > Layout.MaxHeaderSize)
        {
            throw Corrupt(path, $"header size {headerSize} bytes is impossible");
        }

        if (fileLength < headerSize)
        {
            throw storedFileSize > fileLength
                ? Truncated(path, storedFileSize, fileLength, atLeast: false)
                : Truncated(path, headerSize, fileLength, atLeast: true);
        }

        var header = new byte[headerSize];
        fixedPart.CopyTo(header);
        stream.ReadExactly(header.AsSpan(Layout.FixedHeaderSize));
        Span<byte> headerHash = stackalloc byte[Layout.HashSize];
        SHA256.HashData(header.AsSpan(0, header.Length - Layout.HashSize), headerHash);
        if (!headerHash.SequenceEqual(header.AsSpan(header.Length - Layout.HashSize)))
        {
            throw Fail(path, $"header checksum mismatch: file is corrupt; {PrepareAgain}");
        }

        if (fileLength < storedFileSize)
        {
            throw Truncated(path, storedFileSize, fileLength, atLeast: false);
        }

        if (fileLength > storedFileSize)
        {
            throw Fail(path, $"has {fileLength - storedFileSize} unexpected bytes at the end (expected {storedFileSize} bytes, " +
                $"found {fileLength}): file is corrupt; {PrepareAgain}");
        }

        return ParseHeader(header, path, fileLength, major, minor);
    }

    private static ParsedHeader ParseHeader(byte[] header, string path, long fileLength, int major, int minor)
    {
        var h = header.AsSpan();
        long nodes = BinaryPrimitives.ReadInt64LittleEndian(h[Layout.NodeCountOffset..]);
        long arcs = BinaryPrimitives.ReadInt64LittleEndian(h[Layout.ArcCountOffset..]);
        long shapes = BinaryPrimitives.ReadInt64LittleEndian(h[Layout.ShapeCountOffset..]);
        int components = BinaryPrimitives.ReadInt32LittleEndian(h[Layout.ComponentCountOffset..]);
        int largest = BinaryPrimitives.ReadInt32LittleEndian(h[Layout.LargestComponentOffset..]);
        uint sectionCount = BinaryPrimitives.ReadUInt32LittleEndian(h[Layout.SectionCountOffset..]);

        // Array lengths are nodes + 1 and arcs + 1 at most, so each count must leave room for one more element.
        CheckCount(path, "node", nodes);
        CheckCount(path, "arc", arcs);
        CheckCount(path, "shape point", shapes);
        if (components < 0 || components > nodes || (nodes > 0 && components == 0) || largest < 0 || largest > nodes)
        {
            throw Corrupt(path, $"header claims {components} components with {largest} nodes in the largest, for {nodes} nodes");
        }

        // Before anything is allocated: do the counts fit in this file at all?
        long needed = 0;
        foreach (var kind in Layout.Sections.Where(k => k.Required))
        {
            needed += kind.ElementCount(nodes, arcs, shapes) * kind.ElementSize;
        }

        if (needed > fileLength)
        {
            throw Fail(path, $"header claims {nodes} nodes, {arcs} arcs and {shapes} shape points, which need at least " +
                $"{needed} bytes, but the file has {fileLength} bytes: file is corrupt or truncated; {PrepareAgain}");
        }

        if (sectionCount > Layout.MaxSectionCount)
        {
            throw Corrupt(path, $"header claims {sectionCount} sections");
        }

        int p = Layout.ProvenanceOffset;
        int tableEnd = header.Length - Layout.HashSize;
        string sourceSha = ReadProvenance(header, ref p, tableEnd, path);
        string profileSha = ReadProvenance(header, ref p, tableEnd, path);
        string sourceName = ReadProvenance(header, ref p, tableEnd, path);
        string dataDate = ReadProvenance(header, ref p, tableEnd, path);
        DateTimeOffset? parsedDate = null;
        if (dataDate.Length > 0)
        {
            parsedDate = DateTimeOffset.TryParse(dataDate, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var d)
                ? d
                : throw Corrupt(path, $"data date '{dataDate}' is not a date");
        }

        int tableOffset = Layout.Align(p, 8);
        if ((long)tableOffset + ((long)sectionCount * Layout.SectionEntrySize) != tableEnd)
        {
            throw Corrupt(path, "header layout does not add up (section table size)");
        }

        var entries = new List<SectionEntry>((int)sectionCount);
        var sections = new List<NetworkFileSection>((int)sectionCount);
        for (int i = 0; i < sectionCount; i++)
        {
            var e = h.Slice(tableOffset + (i * Layout.SectionEntrySize), Layout.SectionEntrySize);
            int id = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(e), int.MaxValue);
            int elementSize = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(e[4..]), int.MaxValue);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(e[8..]);
            long length = BinaryPrimitives.ReadInt64LittleEndian(e[16..]);
            byte[] hash = e.Slice(24, Layout.HashSize).ToArray();
            var kind = Layout.FindKnown(id);
            string name = kind?.Name ?? (id == Layout.ContractionHierarchyId ? "routing-index" : $"unknown-{id}");
            if (offset < header.Length || length < 0 || offset > fileLength || length > fileLength - offset)
            {
                throw Corrupt(path, $"section {name} (offset {offset}, {length} bytes) lies outside the file ({fileLength} bytes)");
            }

            if (kind is not null)
            {
                long expected = kind.ElementCount(nodes, arcs, shapes) * kind.ElementSize;
                if (elementSize != kind.ElementSize || length != expected)
                {
                    throw Corrupt(path, $"section {name} is {length} bytes of {elementSize}-byte elements, but the header's " +
                        $"counts need {expected} bytes of {kind.ElementSize}-byte elements");
                }

                foreach (var seen in entries)
                {
                    if (seen.Id == id)
                    {
                        throw Corrupt(path, $"section {name} appears twice");
                    }
                }
            }

            entries.Add(new SectionEntry(id, elementSize, offset, length, kind) { Hash = hash });
            sections.Add(new NetworkFileSection(id, name, offset, length, Convert.ToHexStringLower(hash)));
        }

        foreach (var kind in Layout.Sections.Where(k => k.Required))
        {
            if (!entries.Exists(e => e.Id == kind.Id))
            {
                throw Corrupt(path, $"section {kind.Name} is missing");
            }
        }

        var info = new NetworkFileInfo(major, minor, fileLength, (int)nodes, (int)arcs, (int)shapes, components, largest,
            new NetworkProvenance(sourceSha, profileSha, sourceName) { DataDate = parsedDate }, sections.AsReadOnly());
        return new ParsedHeader(info, entries, header.Length);
    }

    private static void CheckCount(string path, string what, long count)
    {
        if (count < 0 || count >= Array.MaxLength)
        {
            throw Fail(path, $"header claims {count} {what}s, which no network can have: file is corrupt; {PrepareAgain}");
        }
    }

    private static string ReadProvenance(byte[] header, ref int p, int end, string path)
    {
        if (p + 2 > end)
        {
            throw Corrupt(path, "provenance runs past the header");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(p));
        if (length > Layout.MaxProvenanceStringBytes || p + 2 + length > end)
        {
            throw Corrupt(path, "provenance runs past the header");
        }

        try
        {
            string value = StrictUtf8.GetString(header, p + 2, length);
            p += 2 + length;
            return value;
        }
        catch (DecoderFallbackException e)
        {
            throw new InputDataException(path, $"{path}: provenance is not valid UTF-8: file is corrupt; {PrepareAgain}", e);
        }
    }

    private static T[] ReadSection<T>(FileStream stream, string path, ParsedHeader header, int id)
        where T : unmanaged
    {
        var entry = header.Entries.Find(e => e.Id == id)!;
        var array = new T[entry.Length / Unsafe.SizeOf<T>()];
        var bytes = MemoryMarshal.AsBytes(array.AsSpan());
        stream.Seek(entry.Offset, SeekOrigin.Begin);
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InputDataException(path, $"{path}: truncated while reading section {entry.Name}; {PrepareAgain}", e);
        }

        Span<byte> hash = stackalloc byte[Layout.HashSize];
        SHA256.HashData(bytes, hash);
        if (!hash.SequenceEqual(entry.Hash))
        {
            throw ChecksumMismatch(path, entry.Name);
        }

        if (!BitConverter.IsLittleEndian)
        {
            ReverseElements(bytes, Unsafe.SizeOf<T>());
        }

        return array;
    }

    private static void VerifyUnknownSection(FileStream stream, string path, SectionEntry entry)
    {
        stream.Seek(entry.Offset, SeekOrigin.Begin);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkBytes, Math.Max(1, entry.Length)));
        try
        {
            for (long left = entry.Length; left > 0;)
            {
                int n = (int)Math.Min(buffer.Length, left);
                stream.ReadExactly(buffer, 0, n);
                hash.AppendData(buffer, 0, n);
                left -= n;
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InputDataException(path, $"{path}: truncated while reading section {entry.Name}; {PrepareAgain}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(entry.Hash))
        {
            throw ChecksumMismatch(path, entry.Name);
        }
    }

    // The bytes between sections are alignment padding and must be zero, so that every byte of the file is covered
    // by a check: damage anywhere is reported, not only damage that happens to hit data.
    private static void VerifyPadding(FileStream stream, string path, ParsedHeader header)
    {
        Span<byte> buffer = stackalloc byte[Layout.SectionAlignment];
        long position = header.HeaderSize;
        foreach (var entry in header.Entries.OrderBy(e => e.Offset).ThenBy(e => e.Length))
        {
            if (entry.Offset < position)
            {
                throw Corrupt(path, $"section {entry.Name} overlaps the header or another section");
            }

            VerifyZeros(stream, path, position, entry.Offset, buffer);
            position = entry.Offset + entry.Length;
        }

        VerifyZeros(stream, path, position, stream.Length, buffer);
    }

    private static void VerifyZeros(FileStream stream, string path, long start, long end, Span<byte> buffer)
    {
        stream.Seek(start, SeekOrigin.Begin);
        for (long at = start; at < end; at += buffer.Length)
        {
            var chunk = buffer[..(int)Math.Min(buffer.Length, end - at)];
            stream.ReadExactly(chunk);
            if (chunk.ContainsAnyExcept((byte)0))
            {
                throw Fail(path, $"non-zero bytes in the padding at byte {at}: file is corrupt; {PrepareAgain}");
            }
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    // ---------------------------------------------------------------- structure

    // Everything the searches and accessors index with must be in range, so that a hand-edited file that passed the
    // checksums (they are only a guard against accidents) cannot make a search read outside an array.
    private static void ValidateStructure(RoadNetwork n, string path)
    {
        int nodes = n.NodeCount;
        int arcs = n.ArcCount;
        int shapes = n._shapeLatE7.Length;

        int[] first = n._firstArc;
        if (first[0] != 0 || first[nodes] != arcs)
        {
            throw Invalid(path, $"first-arc must run from 0 to {arcs}, found {first[0]} to {first[nodes]}");
        }

        for (int v = 0; v < nodes; v++)
        {
            if (first[v + 1] < first[v])
            {
                throw Invalid(path, $"first-arc decreases at node {v} ({first[v]} then {first[v + 1]})");
            }
        }

        // first-arc now runs monotonically from 0 to ArcCount, so every arc is listed under exactly one node.
        for (int v = 0; v < nodes; v++)
        {
            for (int a = first[v]; a < first[v + 1]; a++)
            {
                if (n._arcTail[a] != v)
                {
                    throw Invalid(path, $"arc {a} is listed under node {v} but its tail is {n._arcTail[a]}");
                }
            }

            if (!IsLatE7(n._nodeLatE7[v]) || !IsLonE7(n._nodeLonE7[v]))
            {
                throw Invalid(path, $"node {v} has coordinates outside WGS84 ranges");
            }

            int c = n._nodeComponent[v];
            if ((uint)c >= (uint)n.ComponentCount)
            {
                throw Invalid(path, $"node {v} is in component {c}, but there are {n.ComponentCount} components");
            }
        }

        int inLargest = 0;
        for (int v = 0; v < nodes; v++)
        {
            inLargest += n._nodeComponent[v] == 0 ? 1 : 0;
        }

        if (inLargest != n.LargestComponentNodeCount)
        {
            throw Invalid(path, $"the largest component should have {n.LargestComponentNodeCount} nodes but component 0 has {inLargest}");
        }

        int[] shapeStart = n._arcShapeStart;
        if (shapeStart[0] != 0 || shapeStart[arcs] != shapes)
        {
            throw Invalid(path, $"arc-shape-start must run from 0 to {shapes}, found {shapeStart[0]} to {shapeStart[arcs]}");
        }

        for (int a = 0; a < arcs; a++)
        {
            if ((uint)n._arcHead[a] >= (uint)nodes)
            {
                throw Invalid(path, $"arc {a} leads to node {n._arcHead[a]}, but the network has {nodes} nodes");
            }
        }

        for (int a = 0; a < arcs; a++)
        {
            int head = n._arcHead[a];
            if (n._arcTravelTimeMs[a] < 0)
            {
                throw Invalid(path, $"arc {a} has a negative travel time ({n._arcTravelTimeMs[a]} ms)");
            }

            float length = n._arcLengthM[a];
            if (!(length >= 0) || float.IsInfinity(length))
            {
                throw Invalid(path, $"arc {a} has an invalid length ({length.ToString(CultureInfo.InvariantCulture)} m)");
            }

            if (shapeStart[a + 1] < shapeStart[a])
            {
                throw Invalid(path, $"arc-shape-start decreases at arc {a}");
            }

            int twin = n._arcTwin[a];
            if (twin != RoadNetwork.NoArc)
            {
                if ((uint)twin >= (uint)arcs || twin == a)
                {
                    throw Invalid(path, $"arc {a} has twin {twin}, which is not another arc of the network");
                }

                if (n._arcTwin[twin] != a)
                {
                    throw Invalid(path, $"arc {a} has twin {twin}, but the twin of {twin} is {n._arcTwin[twin]}");
                }

                if (n._arcTail[twin] != head || n._arcHead[twin] != n._arcTail[a])
                {
                    throw Invalid(path, $"arc {a} and its twin {twin} do not join the same two nodes in opposite directions");
                }
            }
        }

        for (int s = 0; s < shapes; s++)
        {
            if (!IsLatE7(n._shapeLatE7[s]) || !IsLonE7(n._shapeLonE7[s]))
            {
                throw Invalid(path, $"shape point {s} has coordinates outside WGS84 ranges");
            }
        }
    }

    private static bool IsLatE7(int value) => value is >= -900_000_000 and <= 900_000_000;

    private static bool IsLonE7(int value) => value is >= -1_800_000_000 and <= 1_800_000_000;

    // ---------------------------------------------------------------- messages

    private static InputDataException Fail(string path, string problem) => new(path, $"{path}: {problem}");

    private static InputDataException Corrupt(string path, string problem) =>
        Fail(path, $"corrupt header: {problem}; {PrepareAgain}");

    private static InputDataException Truncated(string path, long expected, long found, bool atLeast) =>
        Fail(path, $"truncated: expected {(atLeast ? "at least " : string.Empty)}{expected} bytes, found {found}; {PrepareAgain}");

    private static InputDataException ChecksumMismatch(string path, string section) =>
        Fail(path, $"checksum mismatch in section {section}: file is corrupt; {PrepareAgain}");

    private static InputDataException Invalid(string path, string problem) =>
        Fail(path, $"invalid network structure: {problem}; the file was modified or is corrupt; {PrepareAgain}");

    private sealed record SectionEntry(int Id, int ElementSize, long Offset, long Length, Layout.SectionKind? Kind)
    {
        public byte[] Hash { get; init; } = [];

        public string Name => Kind?.Name ?? (Id == Layout.ContractionHierarchyId ? "routing-index" : $"unknown-{Id}");
    }

    private sealed record ParsedHeader(NetworkFileInfo Info, List<SectionEntry> Entries, int HeaderSize);
}
