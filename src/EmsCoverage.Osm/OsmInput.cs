using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using EmsCoverage.Diagnostics;
using OsmSharp.Streams;

namespace EmsCoverage.Osm;

/// <summary>
/// An OSM extract checked before reading: exists, not empty, PBF or XML by content (not by name), PBF framing
/// intact. Opens OsmSharp sources and turns OsmSharp's exceptions into <see cref="InputDataException"/>s that name
/// the file.
/// </summary>
internal sealed class OsmInput
{
    private OsmInput(string path, OsmFileFormat format, PbfHeaderInfo? header)
    {
        Path = path;
        Format = format;
        Header = header;
    }

    public string Path { get; }

    public OsmFileFormat Format { get; }

    /// <summary>PBF header information; null for XML.</summary>
    public PbfHeaderInfo? Header { get; }

    /// <summary>Checks <paramref name="path"/>; throws <see cref="InputDataException"/> when it cannot be read as OSM.</summary>
    public static OsmInput Inspect(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputDataException(path, Directory.Exists(path) ? $"{path}: is a folder, not an OSM file" : $"{path}: file not found");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            if (stream.Length == 0)
            {
                throw new InputDataException(path, $"{path}: the file is empty; not an OSM PBF or XML file");
            }

            Span<byte> head = stackalloc byte[64];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..n];
            OsmFileFormat format = Sniff(path, head);
            stream.Position = 0;
            if (format == OsmFileFormat.Xml)
            {
                CheckXmlRoot(path, stream);
                return new OsmInput(path, format, null);
            }

            return new OsmInput(path, format, PbfScanner.Scan(path, stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public string ComputeSha256()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Opens the file and an OsmSharp source over it; dispose the returned stream when done.</summary>
    public (FileStream Stream, OsmStreamSource Source) Open()
    {
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        OsmStreamSource source = Format == OsmFileFormat.Pbf ? new PBFOsmStreamSource(stream) : new XmlOsmStreamSource(stream);
        return (stream, source);
    }

    /// <summary>True for exceptions OsmSharp (and the XML and protobuf layers under it) throw on bad data.</summary>
    public static bool IsReadFailure(Exception ex) =>
        ex is InvalidDataException or EndOfStreamException or XmlException or InvalidOperationException
            or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException
            or ProtoBuf.ProtoException or IOException
            || ex.GetType() == typeof(Exception) // OsmSharp's zlib throws plain exceptions ("Adler chksum doesn't match")
            || ThrownInOsmSharp(ex); // e.g. a NullReferenceException decoding a damaged PBF block

    // True when the innermost frame outside the runtime's own code (System.*, Internal.*) is OsmSharp's or protobuf-net's.
    private static bool ThrownInOsmSharp(Exception ex)
    {
        foreach (var frame in new System.Diagnostics.StackTrace(ex, fNeedFileInfo: false).GetFrames())
        {
            string? ns = frame.GetMethod()?.DeclaringType?.Namespace;
            if (ns is null || ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Internal.", StringComparison.Ordinal))
            {
                continue;
            }

            return ns.StartsWith("OsmSharp", StringComparison.Ordinal) || ns.StartsWith("ProtoBuf", StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>Wraps a read failure in an <see cref="InputDataException"/> that names the file and the problem.</summary>
    public InputDataException Wrap(Exception ex)
    {
        XmlException? xml = ex as XmlException ?? ex.InnerException as XmlException;
        if (xml is not null)
        {
            return new InputDataException(Path, $"{Path}: malformed OSM XML at line {xml.LineNumber}, column {xml.LinePosition}: {xml.Message}", ex);
        }

        string detail = ex.Message;
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            detail += " " + inner.Message;
        }

        string kind = Format == OsmFileFormat.Pbf ? "PBF" : "XML";
        return new InputDataException(Path, $"{Path}: corrupt OSM {kind} data ({ex.GetType().Name}: {detail})", ex);
    }

    private static OsmFileFormat Sniff(string path, ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            throw new InputDataException(path, $"{path}: gzip-compressed; decompress it first (e.g. `gunzip -k {System.IO.Path.GetFileName(path)}`) and read the .osm file");
        }

        if (head.Length >= 3 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h')
        {
            throw new InputDataException(path, $"{path}: bzip2-compressed; decompress it first (e.g. `bunzip2 -k {System.IO.Path.GetFileName(path)}`) and read the .osm file");
        }

        ReadOnlySpan<byte> text = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        int i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i < text.Length && text[i] == (byte)'<')
        {
            return OsmFileFormat.Xml;
        }

        // PBF: 4-byte big-endian BlobHeader length, then field 1 (type) = "OSMHeader": 0x0A 0x09 'O' 'S' 'M' ...
        if (head.Length >= 15 && head[0] == 0 && head[1] == 0 && head[4] == 0x0A && head[5] == 9
            && head.Slice(6, 9).SequenceEqual("OSMHeader"u8))
        {
            return OsmFileFormat.Pbf;
        }

        throw new InputDataException(path, $"{path}: not an OSM PBF or XML file");
    }

    // Checks that the document is well-formed XML (to the end) with an <osm> root element.
    private static void CheckXmlRoot(string path, Stream stream)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, CloseInput = false };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new InputDataException(path, $"{path}: not an OSM XML file (no root element)");
            }

            if (reader.LocalName != "osm")
            {
                throw new InputDataException(path, $"{path}: not an OSM XML file (root element <{reader.LocalName}>, expected <osm>)");
            }

            // Read to the end: OsmSharp's XML source stops quietly at a truncated element, so a cut file would
            // otherwise load as a smaller network. A plain XmlReader pass is cheap next to OsmSharp's own.
            // The same pass checks what OsmSharp would otherwise drop quietly (a node whose coordinates do not parse
            // is read without a position, so its roads vanish) or fail on without a line number (a tag without k).
            string parent = "osm";
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (reader.Depth == 1)
                    {
                        parent = reader.LocalName;
                    }
                    else
                    {
                        CheckChild(path, reader, parent);
                    }

                    CheckXmlElement(path, reader);
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    // OSM XML holds everything in attributes; OsmSharp returns a null element for stray text.
                    string text = reader.Value.Trim();
                    throw XmlProblem(path, reader, $"unexpected text \"{(text.Length > 40 ? text[..40] + "…" : text)}\" (OSM XML keeps its data in attributes)");
                }
            }
        }
        catch (XmlException ex)
        {
            throw new InputDataException(path, $"{path}: malformed XML at line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message}", ex);
        }
    }

    // Inside a node, way or relation OsmSharp knows only tag, nd and member; for anything else it returns no element
    // at all, so the whole way would vanish from the network.
    private static void CheckChild(string path, XmlReader reader, string parent)
    {
        bool known = (parent, reader.Depth, reader.LocalName) switch
        {
            ("node" or "way" or "relation", 2, "tag") => true,
            ("way", 2, "nd") => true,
            ("relation", 2, "member") => true,
            ("node" or "way" or "relation", _, _) => false,
            _ => true,
        };
        if (!known)
        {
            throw XmlProblem(path, reader, $"unexpected element <{reader.LocalName}> inside a <{parent}>");
        }
    }

    private static void CheckXmlElement(string path, XmlReader reader)
    {
        switch (reader.LocalName)
        {
            case "node" when reader.GetAttribute("visible") != "false":
                CheckCoordinate(path, reader, "lat", 90);
                CheckCoordinate(path, reader, "lon", 180);
                break;
            case "tag" when reader.GetAttribute("k") is null || reader.GetAttribute("v") is null:
                throw XmlProblem(path, reader, $"a <tag> without {(reader.GetAttribute("k") is null ? "a key (k)" : "a value (v)")}");
            case "nd" when !long.TryParse(reader.GetAttribute("ref"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                throw XmlProblem(path, reader, $"a way's <nd> has ref=\"{reader.GetAttribute("ref")}\", not a node id");
            default:
                break;
        }
    }

    private static void CheckCoordinate(string path, XmlReader reader, string name, double limit)
    {
        string? text = reader.GetAttribute(name);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(Math.Abs(value) <= limit))
        {
            string what = text is null ? $"has no {name}" : $"has {name}=\"{text}\", not a number from -{limit} to {limit}";
            throw XmlProblem(path, reader, $"node {reader.GetAttribute("id")} {what}");
        }
    }

    private static InputDataException XmlProblem(string path, XmlReader reader, string problem)
    {
        var line = (IXmlLineInfo)reader;
        return new InputDataException(path, $"{path}: invalid OSM XML at line {line.LineNumber}, column {line.LinePosition}: {problem}");
    }
}
