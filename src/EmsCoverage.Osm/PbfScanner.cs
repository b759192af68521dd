using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EmsCoverage.Diagnostics;

namespace EmsCoverage.Osm;

/// <summary>What the PBF header block says.</summary>
/// <param name="ReplicationTimestamp">The <c>osmosis_replication_timestamp</c> (data date of the extract), if present.</param>
/// <param name="WritingProgram">The <c>writingprogram</c> string, if present.</param>
/// <param name="BlobCount">Number of blobs (header included).</param>
internal sealed record PbfHeaderInfo(DateTimeOffset? ReplicationTimestamp, string? WritingProgram, int BlobCount);

/// <summary>
/// Walks the framing of an OSM PBF file before OsmSharp reads it: every blob's length prefix, <c>BlobHeader</c> and
/// <c>Blob</c> fields (data is skipped, not decompressed, except the small header block).
/// </summary>
/// <remarks>
/// Implementation note: OsmSharp fails on these inputs with exceptions that do not name the file or the cause
/// (a cut file gives <see cref="EndOfStreamException"/> deep inside a pass; an lzma/zstd blob gives a null-buffer
/// error). Checking the framing first turns them into messages a user can act on, for the price of a few reads
/// per blob. Wire format: <c>fileformat.proto</c> and <c>osmformat.proto</c> of the OSM PBF specification.
/// </remarks>
internal static class PbfScanner
{
    // Limits from the PBF specification.
    private const int MaxBlobHeaderBytes = 64 * 1024;
    private const int MaxBlobBytes = 32 * 1024 * 1024;

    // Features OsmSharp reads (required_features of the header block).
    private static readonly string[] SupportedFeatures = ["OsmSchema-V0.6", "DenseNodes"];

    public static PbfHeaderInfo Scan(string path, Stream stream)
    {
        long fileLength = stream.Length;
        long offset = 0;
        int blobIndex = 0;
        DateTimeOffset? timestamp = null;
        string? program = null;
        Span<byte> prefix = stackalloc byte[4];
        while (offset < fileLength)
        {
            if (fileLength - offset < 4)
            {
                throw Truncated(path, fileLength, $"the length of the blob at byte {offset} is incomplete");
            }

            stream.Position = offset;
            stream.ReadExactly(prefix);
            int headerLength = BinaryPrimitives.ReadInt32BigEndian(prefix);
            if (headerLength <= 0 || headerLength > MaxBlobHeaderBytes)
            {
                throw blobIndex == 0
                    ? NotOsm(path)
                    : Corrupt(path, $"invalid blob header length {headerLength} at byte {offset}");
            }

            if (fileLength - offset - 4 < headerLength)
            {
                throw Truncated(path, fileLength, $"the blob header at byte {offset} needs {headerLength} bytes");
            }

            var header = new byte[headerLength];
            stream.ReadExactly(header);
            (string? type, long dataSize) = ParseBlobHeader(header);
            if (type is null || dataSize < 0)
            {
                throw blobIndex == 0 ? NotOsm(path) : Corrupt(path, $"unreadable blob header at byte {offset}");
            }

            if (blobIndex == 0 && type != "OSMHeader")
            {
                throw NotOsm(path);
            }

            if (dataSize > MaxBlobBytes)
            {
                throw Corrupt(path, $"the {type} blob at byte {offset} claims {dataSize} bytes (the format allows {MaxBlobBytes})");
            }

            long dataStart = offset + 4 + headerLength;
            if (fileLength - dataStart < dataSize)
            {
                throw Truncated(path, fileLength,
                    $"the {type} blob at byte {offset} needs {dataSize} bytes of data, only {fileLength - dataStart} remain");
            }

            (int field, long payloadStart, long payloadLength) = FindData(path, stream, dataStart, dataStart + dataSize, offset);
            if (field is not (1 or 3))
            {
                throw Unsupported(path, field, offset);
            }

            if (type == "OSMHeader")
            {
                stream.Position = payloadStart;
                var payload = new byte[payloadLength];
                stream.ReadExactly(payload);
                byte[] block = field == 3 ? Inflate(path, payload, offset) : payload;
                (timestamp, program) = ParseHeaderBlock(path, block);
            }

            offset = dataStart + dataSize;
            blobIndex++;
        }

        return new PbfHeaderInfo(timestamp, program, blobIndex);
    }

    private static (string? Type, long DataSize) ParseBlobHeader(byte[] header)
    {
        string? type = null;
        long dataSize = -1;
        int p = 0;
        while (p < header.Length)
        {
            if (!TryReadVarint(header, ref p, out ulong key))
            {
                return (null, -1);
            }

            int field = (int)(key >> 3);
            int wire = (int)(key & 7);
            if (wire == 0)
            {
                if (!TryReadVarint(header, ref p, out ulong v))
                {
                    return (null, -1);
                }

                if (field == 3)
                {
                    dataSize = v > int.MaxValue ? long.MaxValue : (long)v;
                }
            }
            else if (wire == 2)
            {
                if (!TryReadVarint(header, ref p, out ulong len) || len > (ulong)(header.Length - p))
                {
                    return (null, -1);
                }

                if (field == 1)
                {
                    type = Encoding.UTF8.GetString(header, p, (int)len);
                }

                p += (int)len;
            }
            else
            {
                return (null, -1);
            }
        }

        return (type, dataSize);
    }

    // Finds the data field of a Blob message: 1 raw, 3 zlib_data, 4 lzma_data, 5 bzip2, 6 lz4_data, 7 zstd_data.
    private static (int Field, long Start, long Length) FindData(string path, Stream stream, long start, long end, long blobOffset)
    {
        stream.Position = start;
        (int Field, long Start, long Length) found = (0, 0, 0);
        while (stream.Position < end)
        {
            ulong key = ReadVarint(path, stream, end, blobOffset);
            int field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    ReadVarint(path, stream, end, blobOffset);
                    break;
                case 2:
                    ulong len = ReadVarint(path, stream, end, blobOffset);
                    if (len > (ulong)(end - stream.Position))
                    {
                        throw Corrupt(path, $"a field of the blob at byte {blobOffset} runs past the blob's end");
                    }

                    if (field is 1 or (>= 3 and <= 7))
                    {
                        found = (field, stream.Position, (long)len);
                    }

                    stream.Position += (long)len;
                    break;
                case 1:
                    stream.Position += 8;
                    break;
                case 5:
                    stream.Position += 4;
                    break;
                default:
                    throw Corrupt(path, $"the blob at byte {blobOffset} is not a valid protocol-buffer message");
            }
        }

        if (found.Field == 0)
        {
            throw Corrupt(path, $"the blob at byte {blobOffset} has no data");
        }

        return found;
    }

    private static (DateTimeOffset? Timestamp, string? Program) ParseHeaderBlock(string path, byte[] block)
    {
        DateTimeOffset? timestamp = null;
        string? program = null;
        int p = 0;
        while (p < block.Length)
        {
            if (!TryReadVarint(block, ref p, out ulong key))
            {
                throw Corrupt(path, "the header block is not a valid protocol-buffer message");
            }

            int field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    if (!TryReadVarint(block, ref p, out ulong v))
                    {
                        throw Corrupt(path, "the header block is not a valid protocol-buffer message");
                    }

                    // osmosis_replication_timestamp: seconds since 1970 (int64).
                    if (field == 32 && (long)v > 0 && (long)v < 253_402_300_800L)
                    {
                        timestamp = DateTimeOffset.FromUnixTimeSeconds((long)v);
                    }

                    break;
                case 2:
                    if (!TryReadVarint(block, ref p, out ulong len) || len > (ulong)(block.Length - p))
                    {
                        throw Corrupt(path, "the header block is not a valid protocol-buffer message");
                    }

                    string text = field is 4 or 16 ? Encoding.UTF8.GetString(block, p, (int)len) : string.Empty;
                    if (field == 4 && Array.IndexOf(SupportedFeatures, text) < 0)
                    {
                        throw new InputDataException(path,
                            $"{path}: the PBF requires the feature \"{text}\", which the OSM reader cannot handle " +
                            $"(supported: {string.Join(", ", SupportedFeatures)}); re-encode a plain extract, e.g. `osmium cat {Path.GetFileName(path)} -o out.osm.pbf`");
                    }

                    if (field == 16)
                    {
                        program = text;
                    }

                    p += (int)len;
                    break;
                case 1:
                    p += 8;
                    break;
                case 5:
                    p += 4;
                    break;
                default:
                    throw Corrupt(path, "the header block is not a valid protocol-buffer message");
            }
        }

        return (timestamp, program);
    }

    private static byte[] Inflate(string path, byte[] data, long blobOffset)
    {
        try
        {
            using var z = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            z.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new InputDataException(path, $"{path}: corrupt zlib data in the blob at byte {blobOffset}", ex);
        }
    }

    private static ulong ReadVarint(string path, Stream stream, long end, long blobOffset)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (stream.Position >= end)
            {
                break;
            }

            int b = stream.ReadByte();
            if (b < 0)
            {
                break;
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Corrupt(path, $"the blob at byte {blobOffset} is not a valid protocol-buffer message");
    }

    private static bool TryReadVarint(byte[] buffer, ref int p, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && p < buffer.Length; shift += 7)
        {
            byte b = buffer[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static InputDataException NotOsm(string path) => new(path, $"{path}: not an OSM PBF or XML file");

    private static InputDataException Corrupt(string path, string detail) => new(path, $"{path}: corrupt OSM PBF file: {detail}");

    private static InputDataException Truncated(string path, long fileLength, string detail) =>
        new(path, $"{path}: truncated at byte {fileLength} ({detail}); the file is incomplete - download or copy it again");

    private static InputDataException Unsupported(string path, int field, long blobOffset)
    {
        string compression = field switch
        {
            4 => "lzma",
            5 => "bzip2",
            6 => "lz4",
            7 => "zstd",
            _ => $"unknown (field {field})",
        };
        string name = Path.GetFileName(path);
        return new InputDataException(path,
            $"{path}: the PBF blob at byte {blobOffset} uses {compression} compression; the OSM reader (OsmSharp) reads only raw and zlib blobs. " +
            $"Re-encode the file, e.g. `osmium cat {name} -o {Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(name))}-zlib.osm.pbf`, and use the new file");
    }
}
