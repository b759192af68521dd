using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EmsCoverage.Geo.Tests.Population;
using static EmsCoverage.Cli.Tests.Hard.HardInputKit;

namespace EmsCoverage.Cli.Tests.Hard;

/// <summary>One bad input: how to make it, the command that reads it, and what the user must see.</summary>
/// <param name="Id">Short name (test case and table row).</param>
/// <param name="Area">Which reader: PBF, OSM XML, prepared network, GeoJSON, CSV, stations, population, raster, config.</param>
/// <param name="Input">What is wrong with the input, in words.</param>
/// <param name="Expected">The exact lines the user sees from <c>emscov:</c> on, with the case folder written as nothing
/// (file names stand alone) and the shared data folder as <c>../shared/data/</c>.</param>
/// <param name="Args">Makes the files in the case folder and returns the command line.</param>
/// <param name="ExitCode">Expected exit code (3: bad input).</param>
internal sealed record BadInput(string Id, string Area, string Input, string Expected, Func<CaseFolder, string[]> Args, int ExitCode = 3)
{
    public override string ToString() => Id;
}

/// <summary>
/// The catalogue of bad inputs (issue 8): every entry is run through the CLI entry point by
/// <see cref="BadInputCatalogueTests"/>, and docs/bad-inputs.md is the table of this list.
/// </summary>
internal static class BadInputCatalogue
{
    public static IReadOnlyList<BadInput> All { get; } =
    [
        // --- OSM PBF -------------------------------------------------------------------------------------------
        new("pbf-empty", "PBF", "an empty file named .osm.pbf", "emscov: empty.osm.pbf: the file is empty; not an OSM PBF or XML file",
            d => ["prepare", d.Write("empty.osm.pbf", []), "-o", d.File("out.emsnet")]),
        new("pbf-cut-in-header", "PBF", "the first 10 bytes of a real extract", "emscov: cut10.osm.pbf: not an OSM PBF or XML file",
            d => ["prepare", d.Edit("cut10.osm.pbf", Liechtenstein, b => b[..10]), "-o", d.File("out.emsnet")]),
        new("pbf-cut-in-half", "PBF", "a real extract cut in half", "emscov: half.osm.pbf: truncated at byte 1249012 (the OSMData blob at byte 1238421 needs 39148 bytes of data, only 10574 remain); the file is incomplete - download or copy it again",
            d => ["prepare", d.Edit("half.osm.pbf", Liechtenstein, b => b[..(b.Length / 2)]), "-o", d.File("out.emsnet")]),
        new("pbf-not-osm", "PBF", "a PNG file renamed .osm.pbf", "emscov: picture.osm.pbf: not an OSM PBF or XML file",
            d => ["prepare", d.Write("picture.osm.pbf", Png()), "-o", d.File("out.emsnet")]),
        new("pbf-gzipped", "PBF", "a real extract gzipped but still named .osm.pbf", "emscov: gz.osm.pbf: gzip-compressed; decompress it first (e.g. `gunzip -k gz.osm.pbf`) and read the .osm file",
            d => ["prepare", d.Edit("gz.osm.pbf", Liechtenstein, Gzip), "-o", d.File("out.emsnet")]),
        new("pbf-zstd-blob", "PBF", "a data blob compressed with zstd (OSM PBF allows it, the reader does not)", "emscov: zstd.osm.pbf: the PBF blob at byte 175 uses zstd compression; the OSM reader (OsmSharp) reads only raw and zlib blobs. Re-encode the file, e.g. `osmium cat zstd.osm.pbf -o zstd-zlib.osm.pbf`, and use the new file",
            d => ["prepare", d.Edit("zstd.osm.pbf", Liechtenstein, b => [.. FirstBlob(b), .. Frame("OSMData", Field(2, 100), Field(7, new byte[40]))]), "-o", d.File("out.emsnet")]),
        new("pbf-lzma-blob", "PBF", "a data blob compressed with lzma", "emscov: lzma.osm.pbf: the PBF blob at byte 175 uses lzma compression; the OSM reader (OsmSharp) reads only raw and zlib blobs. Re-encode the file, e.g. `osmium cat lzma.osm.pbf -o lzma-zlib.osm.pbf`, and use the new file",
            d => ["prepare", d.Edit("lzma.osm.pbf", Liechtenstein, b => [.. FirstBlob(b), .. Frame("OSMData", Field(2, 100), Field(4, new byte[40]))]), "-o", d.File("out.emsnet")]),
        new("pbf-blob-claims-2gb", "PBF", "a blob header claiming 2 GB of data in a tiny file", "emscov: huge-blob.osm.pbf: corrupt OSM PBF file: the OSMData blob at byte 175 claims 2147483647 bytes (the format allows 33554432)",
            d => ["prepare", d.Edit("huge-blob.osm.pbf", Liechtenstein, b => [.. FirstBlob(b), .. HugeBlobHeader()]), "-o", d.File("out.emsnet")]),

        // --- OSM XML -------------------------------------------------------------------------------------------
        new("xml-unclosed", "OSM XML", "an OSM XML file that stops inside a way", "emscov: unclosed.osm: malformed XML at line 6, column 1: Unexpected end of file has occurred. The following elements are not closed: way, osm. Line 6, position 1.",
            d => ["prepare", d.Write("unclosed.osm", OsmXml("<way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"primary\"/>", close: false)), "-o", d.File("out.emsnet")]),
        new("xml-broken-tag", "OSM XML", "a tag whose attribute quote is never closed", "emscov: broken-tag.osm: malformed XML at line 5, column 69: '<', hexadecimal value 0x3C, is an invalid attribute character. Line 5, position 69.",
            d => ["prepare", d.Write("broken-tag.osm", OsmXml("<way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"primary/></way>")), "-o", d.File("out.emsnet")]),
        new("xml-tag-without-key", "OSM XML", "a <tag> without k", "emscov: no-key.osm: invalid OSM XML at line 5, column 41: a <tag> without a key (k)",
            d => ["prepare", d.Write("no-key.osm", OsmXml("<way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><tag v=\"primary\"/></way>")), "-o", d.File("out.emsnet")]),
        new("xml-bad-latitude", "OSM XML", "a node with lat=\"abc\"", "emscov: bad-lat.osm: invalid OSM XML at line 5, column 2: node 3 has lat=\"abc\", not a number from -90 to 90",
            d => ["prepare", d.Write("bad-lat.osm", OsmXml("<node id=\"3\" lat=\"abc\" lon=\"9.5\"/><way id=\"10\"><nd ref=\"1\"/><nd ref=\"3\"/><tag k=\"highway\" v=\"primary\"/></way>")), "-o", d.File("out.emsnet")]),
        new("xml-not-osm", "OSM XML", "a GPX track named .osm", "emscov: track.osm: not an OSM XML file (root element <gpx>, expected <osm>)",
            d => ["prepare", d.Write("track.osm", "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"47.1\" lon=\"9.5\"/></trkseg></trk></gpx>\n"), "-o", d.File("out.emsnet")]),

        // --- prepared network ----------------------------------------------------------------------------------
        new("net-wrong-magic", "prepared network", "a prepared network whose first byte is changed", "emscov: magic.emsnet: not an EmsCoverage network file (it does not start with the network file signature); make one from an OSM extract with `emscov prepare`",
            d => ["coverage", "-n", d.Edit("magic.emsnet", Network, b => Flip(b, 0)), "-s", d.Stations()]),
        new("net-wrong-version", "prepared network", "a prepared network of format version 99", "emscov: v99.emsnet was written by a newer EmsCoverage (format 99.1; this version reads format 1.x); run `emscov prepare` again",
            d => ["coverage", "-n", d.Edit("v99.emsnet", Network, b => { BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), 99); return b; }), "-s", d.Stations()]),
        new("net-flipped-section-byte", "prepared network", "one byte flipped in the middle of the arcs", "emscov: flipped.emsnet: checksum mismatch in section arc-way-id: file is corrupt; run `emscov prepare` again",
            d => ["coverage", "-n", d.Edit("flipped.emsnet", Network, b => Flip(b, b.Length / 2)), "-s", d.Stations()]),
        new("net-flipped-header-byte", "prepared network", "one byte flipped in the header's node count", "emscov: flipped-header.emsnet: header checksum mismatch: file is corrupt; run `emscov prepare` again",
            d => ["coverage", "-n", d.Edit("flipped-header.emsnet", Network, b => Flip(b, 24)), "-s", d.Stations()]),
        new("net-truncated", "prepared network", "a prepared network cut to its first 1000 bytes", "emscov: cut.emsnet: truncated: expected 760744 bytes, found 1000; run `emscov prepare` again",
            d => ["coverage", "-n", d.Edit("cut.emsnet", Network, b => b[..1000]), "-s", d.Stations()]),
        new("net-empty", "prepared network", "an empty .emsnet file", "emscov: empty.emsnet: not an EmsCoverage network file (the file is empty); make one from an OSM extract with `emscov prepare`",
            d => ["coverage", "-n", d.Write("empty.emsnet", []), "-s", d.Stations()]),

        // --- GeoJSON -------------------------------------------------------------------------------------------
        new("geojson-not-json", "GeoJSON", "a stations .geojson that is a CSV", "emscov: stations.geojson: not valid JSON at line 1, byte 1: 'i' is an invalid start of a value.",
            d => ["coverage", "-n", Network, "-s", d.Write("stations.geojson", StationsCsv)]),
        new("geojson-lines", "GeoJSON", "stations drawn as LineStrings", "emscov: lines.geojson: 1 of 1 stations cannot be used, so none were read; fix this row and run again:\n  lines.geojson feature 1 (line 1): is a LineString; only Point features can be stations",
            d => ["coverage", "-n", Network, "-s", d.Write("lines.geojson", Features("{\"type\":\"LineString\",\"coordinates\":[[9.52,47.14],[9.53,47.15]]}"))]),
        new("geojson-out-of-range", "GeoJSON", "a station at longitude 200", "emscov: far.geojson: 1 of 1 stations cannot be used, so none were read; fix this row and run again:\n  far.geojson feature 1 (line 1): longitude 200 is outside [-180, 180]",
            d => ["coverage", "-n", Network, "-s", d.Write("far.geojson", Features("{\"type\":\"Point\",\"coordinates\":[200,47.14]}"))]),
        new("geojson-swapped", "GeoJSON", "stations with latitude and longitude exchanged", "emscov: swapped.geojson: coordinates look swapped (lat/lon): 2 stations lie outside the road network's extent but would lie inside with latitude and longitude exchanged; check which column holds which. 2 of 2 stations cannot be used, so none were read; fix these rows and run again:\n  swapped.geojson feature 1 (line 1): station 'b1' at (47.141, 9.5215) is outside the road network's extent (lon 9.449191 to 9.64396, lat 47.034114 to 47.272681); coordinates look swapped (lat/lon)\n  swapped.geojson feature 2 (line 1): station 'b2' at (47.1651, 9.5087) is outside the road network's extent (lon 9.449191 to 9.64396, lat 47.034114 to 47.272681); coordinates look swapped (lat/lon)",
            d => ["coverage", "-n", Network, "-s", d.Write("swapped.geojson", Features("{\"type\":\"Point\",\"coordinates\":[47.141,9.5215]}", "{\"type\":\"Point\",\"coordinates\":[47.1651,9.5087]}"))]),
        new("geojson-nan", "GeoJSON", "a coordinate written as NaN (as Python's json module does)", "emscov: nan.geojson: not valid JSON at line 1, byte 159: 'N' is an invalid start of a value.",
            d => ["coverage", "-n", Network, "-s", d.Write("nan.geojson", Features("{\"type\":\"Point\",\"coordinates\":[NaN,47.14]}"))]),
        new("geojson-population-lines", "GeoJSON", "a population GeoJSON of LineStrings", "emscov: people.geojson: population features must be Points or Polygons/MultiPolygons, but it holds 1 LineString",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.geojson", Features("{\"type\":\"LineString\",\"coordinates\":[[9.52,47.14],[9.53,47.15]]}"))))]),

        // --- CSV -----------------------------------------------------------------------------------------------
        new("csv-stations-no-longitude", "CSV", "a stations CSV without a longitude column", "emscov: stations.csv: has no longitude column; expected one of lon, longitude, lng, long, x in the header, found id, name, lat",
            d => ["coverage", "-n", Network, "-s", d.Write("stations.csv", "id,name,lat\nvaduz,Vaduz,47.141\n")]),
        new("csv-population-no-population", "CSV", "a population CSV whose people are in pop_total", "emscov: people.csv: has no population column: expected a column named 'population' in the header, found id, lon, lat, pop_total; if 'pop_total' holds the people, name it with the population field option",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.csv", "id,lon,lat,pop_total\na,9.52,47.14,10\n")))]),
        new("csv-thousands-and-decimal-comma", "CSV", "1,234,567 and 12,5 in one population column", "emscov: people.tsv: the population column mixes number styles: line 2 has '1,234,567' (commas between thousands) and line 3 has '12,5' (a decimal comma); write every number the same way, preferably without thousands separators and with a dot for decimals",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.tsv", "id\tlon\tlat\tpopulation\na\t9.50\t47.067\t1,234,567\nb\t9.528\t47.107\t12,5\n")))]),
        new("csv-decimal-comma-coordinates", "CSV", "station coordinates with decimal commas in a comma-separated file", "emscov: comma.csv: 1 of 1 stations cannot be used, so none were read; fix this row and run again:\n  comma.csv line 2: longitude '9,5215' is not a number (use a dot as the decimal separator); latitude '47,141' is not a number (use a dot as the decimal separator)",
            d => ["coverage", "-n", Network, "-s", d.Write("comma.csv", "id,name,lon,lat\nvaduz,Vaduz,\"9,5215\",\"47,141\"\n")]),
        new("csv-semicolon-decimal-comma", "CSV", "a ;-separated stations file with decimal commas", "emscov: semicolon.csv: 1 of 1 stations cannot be used, so none were read; fix this row and run again:\n  semicolon.csv line 2: longitude '9,5215' is not a number (use a dot as the decimal separator); latitude '47,141' is not a number (use a dot as the decimal separator)",
            d => ["coverage", "-n", Network, "-s", d.Write("semicolon.csv", "id;name;lon;lat\nvaduz;Vaduz;9,5215;47,141\n")]),
        new("csv-thousands-unquoted", "CSV", "population 8,331 unquoted in a comma-separated file", "emscov: people.csv: 1 of 2 rows cannot be used, so none were read; fix this row and run again:\n  people.csv line 2: has 5 fields but the header has 4 (a value with an unquoted ','?)",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.csv", "id,lon,lat,population\na,9.52,47.14,8,331\nb,9.53,47.15,120\n")))]),
        new("csv-header-only", "CSV", "a stations CSV with a header and no rows", "emscov: header.csv: contains no stations (only the header on line 1)",
            d => ["coverage", "-n", Network, "-s", d.Write("header.csv", "id,name,lon,lat\n")]),

        // --- stations ------------------------------------------------------------------------------------------
        new("stations-off-extract", "stations", "a base in Zürich with a Liechtenstein network", "emscov: zurich.csv: 1 of 1 stations cannot be used, so none were read; fix this row and run again:\n  zurich.csv line 2: station 'zurich' at (8.54, 47.37) is outside the road network's extent (lon 9.449191 to 9.64396, lat 47.034114 to 47.272681)",
            d => ["coverage", "-n", Network, "-s", d.Write("zurich.csv", "id,name,lon,lat\nzurich,Zürich,8.54,47.37\n")]),
        new("stations-swapped-csv", "stations", "lon and lat columns exchanged in a CSV", "emscov: swapped.csv: coordinates look swapped (lat/lon): 1 stations lie outside the road network's extent but would lie inside with latitude and longitude exchanged; check which column holds which. 1 of 1 stations cannot be used, so none were read; fix this row and run again:\n  swapped.csv line 2: station 'vaduz' at (47.141, 9.5215) is outside the road network's extent (lon 9.449191 to 9.64396, lat 47.034114 to 47.272681); coordinates look swapped (lat/lon)",
            d => ["coverage", "-n", Network, "-s", d.Write("swapped.csv", "id,name,lon,lat\nvaduz,Vaduz,47.1410,9.5215\n")]),

        // --- population ----------------------------------------------------------------------------------------
        new("population-negative", "population", "a point with -3 people", "emscov: people.csv: 1 of 2 rows cannot be used, so none were read; fix this row and run again:\n  people.csv line 3: population -3 is negative",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.csv", "id,lon,lat,population\na,9.52,47.14,100\nb,9.52,47.14,-3\n")))]),
        new("population-nan", "population", "a point with NaN people", "emscov: people.csv: 1 of 2 rows cannot be used, so none were read; fix this row and run again:\n  people.csv line 3: population NaN is not a finite number",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.csv", "id,lon,lat,population\na,9.52,47.14,100\nb,9.52,47.14,NaN\n")))]),
        new("population-all-zero", "population", "every point with 0 people", "emscov: people.csv: the population column is all zero (2 rows), so there is nobody to cover; is it the right column?",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.csv", "id,lon,lat,population\na,9.52,47.14,0\nb,9.53,47.15,0.0\n")))]),
        new("population-off-extract", "population", "all people in Zürich with a Liechtenstein network", "emscov: people.csv: none of the 1 demand cells (1,000 people) lies within 1000 m of a road of the network liechtenstein.emsnet (lon 9.4757 to 9.6175, lat 47.0521 to 47.2547); are the population and the network of the same area?",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("people.csv", "id,lon,lat,population\nz,8.54,47.37,1000\n")))]),

        // --- rasters -------------------------------------------------------------------------------------------
        new("raster-no-georeferencing", "raster", "a TIFF without tie point, scale or GeoKeys", "emscov: plain.tif: the TIFF has no georeferencing (no ModelTiepoint + ModelPixelScale or ModelTransformation tags), so its cells cannot be placed on the map. Export it from your GIS as a GeoTIFF, or assign its position and system with `gdal_translate -a_srs EPSG:<code> -a_ullr <west> <north> <east> <south> in.tif out.tif`.",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), (ValidTiff with { Tiepoints = null, PixelScale = null, GeoKeys = null }).Write(d.File("plain.tif"))))]),
        new("raster-rotated", "raster", "a GeoTIFF with a rotated model transformation", "emscov: rotated.tif: the raster is rotated or sheared (its ModelTransformation tag has off-diagonal terms); rotated rasters are not supported; warp it onto a north-up grid with gdalwarp, e.g. `gdalwarp -t_srs EPSG:4326 in.tif out.tif`",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), RotatedTiff.Write(d.File("rotated.tif"))))]),
        new("raster-unknown-crs", "raster", "a GeoTIFF in EPSG:54009 (Mollweide)", "emscov: mollweide.tif: EPSG:54009 (World Mollweide, used by GHS-POP; Mollweide is not implemented here) is not a coordinate reference system known here (known: EPSG:4326, 4258, 4674, 3857, 3035, 3067, 3873–3885, 25828–25838, 31978–31985, 32601–32660, 32701–32760). Reproject the data to WGS84 first, e.g. `gdalwarp -t_srs EPSG:4326 in.tif out.tif` (or `ogr2ogr -t_srs EPSG:4326 out.gpkg in.gpkg` for vector files).",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), (ValidTiff with { GeoKeys = TestTiff.Keys(54009, TestTiff.ModelTypeProjected), PixelScale = [1000, 1000, 0], Tiepoints = [0, 0, 0, 800000, 5500000, 0] }).Write(d.File("mollweide.tif"))))]),
        new("raster-claims-10e6-squared", "raster", "a 1 KB GeoTIFF claiming 10^6 × 10^6 pixels", "emscov: huge.tif: the raster has 1000000 × 1000000 = 1,000,000,000,000 cells, more than the 200,000,000 this reader accepts; clip it to the area of interest, e.g. `gdal_translate -projwin <west> <north> <east> <south> in.tif out.tif`.",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), HugeTiff(d.File("huge.tif"))))]),
        new("ascii-grid-huge-ncols", "raster", "an ASCII grid header with ncols 2000000000", "emscov: huge.asc: the grid has 2000000000 × 2000000000 = 4,000,000,000,000,000,000 cells, more than the 200,000,000 this reader accepts; clip it to the area of interest first.",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Write("huge.asc", "ncols 2000000000\nnrows 2000000000\nxllcorner 9.5\nyllcorner 47.1\ncellsize 0.001\n1 2 3\n")))]),

        // --- configuration -------------------------------------------------------------------------------------
        new("config-unknown-key", "config", "a misspelt key (defualt_min)", "emscov: run.toml: unknown key 'standards.defualt_min' in [standards] (known keys: default_min, default_target_percent; keys are case-sensitive snake_case)",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Population(), standards: "default_min = 10\ndefualt_min = 8"))]),
        new("config-missing-network", "config", "a network file that does not exist", "emscov: nowhere.emsnet: file not found (the network).",
            d => ["coverage", "-c", d.Write("run.toml", Config(d.File("nowhere.emsnet"), d.Stations(), d.Population()))]),
        new("config-missing-population", "config", "a population file that does not exist", "emscov: nobody.csv: population file not found",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.File("nobody.csv")))]),
        new("config-threshold-zero", "config", "default_min = 0", "emscov: run.toml: 'standards.default_min' = 0 min: a response standard must be more than 0 and at most 1440 minutes (24 h)",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Population(), standards: "default_min = 0"))]),
        new("config-threshold-negative", "config", "a zone with standard_min = -5", "emscov: run.toml: 'zones[1].standard_min' = -5 is out of range (0 to 1440)",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Population(), extra: string.Empty) + "\n[[zones]]\nname = \"core\"\nstandard_min = -5\npath = 'zones.geojson'\n")]),
        new("config-threshold-absurd", "config", "default_min = 100000 (69 days)", "emscov: run.toml: 'standards.default_min' = 100000 is out of range (0 to 1440)",
            d => ["coverage", "-c", d.Write("run.toml", Config(Network, d.Stations(), d.Population(), standards: "default_min = 100000"))]),
        new("config-not-toml", "config", "a JSON file given as the configuration", "emscov: run.toml: invalid TOML at line 1, column 1: Unexpected token [{] found",
            d => ["coverage", "-c", d.Write("run.toml", "{\"network\": {\"path\": \"x\"}}\n")]),
    ];

    public static BadInput Get(string id) => All.Single(c => c.Id == id);

    private static TestTiff ValidTiff => TestTiff.Geographic(3, 2, [1, 2, 3, 4, 5, 6], 9.50, 47.15, 0.01, 0.01);

    private static TestTiff RotatedTiff
    {
        get
        {
            double c = Math.Cos(Math.PI / 18) * 0.01, s = Math.Sin(Math.PI / 18) * 0.01;
            return ValidTiff with { Tiepoints = null, PixelScale = null, Transformation = [c, -s, 0, 9.5, -s, -c, 0, 47.15, 0, 0, 0, 0, 0, 0, 0, 1] };
        }
    }

    /// <summary>A valid small GeoTIFF whose width and height tags are patched to 1,000,000 (strip offsets unchanged).</summary>
    private static string HugeTiff(string path)
    {
        (ValidTiff with { Bits = 32, Format = BitMiracle.LibTiff.Classic.SampleFormat.IEEEFP }).Write(path);
        PatchLongOrShortTag(path, 256, 1_000_000);
        PatchLongOrShortTag(path, 257, 1_000_000);
        return path;
    }

    private static void PatchLongOrShortTag(string path, ushort tag, uint value)
    {
        var bytes = File.ReadAllBytes(path);
        int ifd = BitConverter.ToInt32(bytes, 4);
        int count = BitConverter.ToUInt16(bytes, ifd);
        for (int i = 0; i < count; i++)
        {
            int entry = ifd + 2 + (12 * i);
            if (BitConverter.ToUInt16(bytes, entry) == tag)
            {
                BitConverter.GetBytes((ushort)4).CopyTo(bytes, entry + 2); // type LONG
                BitConverter.GetBytes(value).CopyTo(bytes, entry + 8);
                File.WriteAllBytes(path, bytes);
                return;
            }
        }

        throw new InvalidOperationException($"tag {tag} not in {path}");
    }

    private static string OsmXml(string body, bool close = true) =>
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"hand\">\n" +
        "<node id=\"1\" lat=\"47.1400\" lon=\"9.5200\"/>\n<node id=\"2\" lat=\"47.1410\" lon=\"9.5215\"/>\n" +
        body + (close ? "\n</osm>\n" : "\n");

    private static string Features(params string[] geometries) =>
        "{\"type\":\"FeatureCollection\",\"features\":[" +
        string.Join(",", geometries.Select((g, i) => $"{{\"type\":\"Feature\",\"properties\":{{\"id\":\"b{i + 1}\",\"name\":\"Base {i + 1}\",\"population\":100}},\"geometry\":{g}}}")) +
        "]}";

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0xFF;
        return bytes;
    }

    private static byte[] Png() => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55];

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>The first blob (the OSMHeader) of a real PBF, with its length prefix.</summary>
    public static byte[] FirstBlob(byte[] pbf)
    {
        int headerLength = BinaryPrimitives.ReadInt32BigEndian(pbf);
        int dataSize = BlobDataSize(pbf.AsSpan(4, headerLength));
        return pbf[..(4 + headerLength + dataSize)];
    }

    /// <summary>A PBF frame: length prefix, BlobHeader {type, datasize}, Blob made of <paramref name="blobFields"/>.</summary>
    public static byte[] Frame(string type, params byte[][] blobFields)
    {
        byte[] blob = [.. blobFields.SelectMany(f => f)];
        byte[] header = [.. Field(1, Encoding.ASCII.GetBytes(type)), .. Field(3, blob.Length)];
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, header.Length);
        return [.. prefix, .. header, .. blob];
    }

    private static byte[] HugeBlobHeader()
    {
        byte[] header = [.. Field(1, "OSMData"u8.ToArray()), .. Field(3, int.MaxValue)];
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, header.Length);
        return [.. prefix, .. header, .. new byte[64]];
    }

    /// <summary>A protobuf length-delimited field.</summary>
    public static byte[] Field(int number, byte[] value) => [.. Varint((ulong)((number << 3) | 2)), .. Varint((ulong)value.Length), .. value];

    /// <summary>A protobuf varint field.</summary>
    public static byte[] Field(int number, long value) => [.. Varint((ulong)(number << 3)), .. Varint((ulong)value)];

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static int BlobDataSize(ReadOnlySpan<byte> header)
    {
        int i = 0;
        while (i < header.Length)
        {
            ulong key = ReadVarint(header, ref i);
            switch (key & 7)
            {
                case 0:
                    ulong v = ReadVarint(header, ref i);
                    if (key >> 3 == 3)
                    {
                        return (int)v;
                    }

                    break;
                case 2:
                    int length = (int)ReadVarint(header, ref i);
                    i += length;
                    break;
                default:
                    throw new InvalidOperationException("unexpected wire type in a BlobHeader");
            }
        }

        throw new InvalidOperationException("BlobHeader without datasize");
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int i)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
