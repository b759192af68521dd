namespace EmsCoverage.Osm;

/// <summary>Encoding of an OSM extract, found by looking at the file's first bytes (not its name).</summary>
public enum OsmFileFormat
{
    /// <summary>OSM PBF (protocol buffers, raw or zlib blobs).</summary>
    Pbf,

    /// <summary>OSM XML (<c>&lt;osm&gt;</c> root element).</summary>
    Xml,
}
