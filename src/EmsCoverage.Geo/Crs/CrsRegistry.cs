using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using ProjNet.CoordinateSystems;

namespace EmsCoverage.Geo.Crs;

/// <summary>
/// Coordinate reference systems that population inputs arrive in, by EPSG code or as WKT text, and their transforms
/// to and from WGS84.
/// </summary>
/// <remarks>
/// <para>Codes known without any database: 4326 (WGS 84), 4258 (ETRS89), 4674 (SIRGAS 2000), 3857 (Pseudo-Mercator),
/// 3035 (ETRS89 LAEA Europe), 3067 (ETRS-TM35FIN), 3873–3885 (ETRS-GK19FIN … GK31FIN, with the zone number in the
/// false easting), 25828–25838 (ETRS89 / UTM 28N–38N), 31978–31985 (SIRGAS 2000 / UTM 18S–25S), 32601–32660 and
/// 32701–32760 (WGS 84 / UTM north and south).</para>
/// <para>No datum shift is applied anywhere: coordinates on the system's own datum are taken as WGS84. For ETRS89,
/// SIRGAS 2000 and other modern datums that is within about a metre, far below what a response-time model resolves;
/// older datums (ED50, NAD27, Pulkovo …) can be off by up to a few hundred metres, which
/// <see cref="CrsTransform.IsWgs84Compatible"/> reports.</para>
/// <para>Coordinates are always easting/longitude first, whatever axis order a definition declares, because GeoTIFF,
/// ESRI grids and GeoPackage store them that way.</para>
/// </remarks>
internal static partial class CrsRegistry
{
    /// <summary>EPSG code of WGS 84 longitude/latitude.</summary>
    public const int Wgs84 = 4326;

    /// <summary>The sentence that tells a user how to convert data to WGS84 with GDAL, for the end of messages.</summary>
    internal const string ReprojectAdvice = "Reproject the data to WGS84 first, e.g. `gdalwarp -t_srs EPSG:4326 in.tif out.tif` " +
        "(or `ogr2ogr -t_srs EPSG:4326 out.gpkg in.gpkg` for vector files).";

    private const string Wgs84Datum =
        "DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563],TOWGS84[0,0,0,0,0,0,0]]";

    private const string Etrs89Datum =
        "DATUM[\"European_Terrestrial_Reference_System_1989\",SPHEROID[\"GRS 1980\",6378137,298.257222101],TOWGS84[0,0,0,0,0,0,0]]";

    private const string Sirgas2000Datum =
        "DATUM[\"Sistema_de_Referencia_Geocentrico_para_las_AmericaS_2000\",SPHEROID[\"GRS 1980\",6378137,298.257222101],TOWGS84[0,0,0,0,0,0,0]]";

    private static readonly int[] Codes = BuildCodeList();

    /// <summary>Every EPSG code <see cref="GetCoordinateSystem"/> knows, ascending.</summary>
    public static IReadOnlyList<int> SupportedEpsgCodes => Codes;

    /// <summary>The supported codes as a short human-readable list with ranges, for messages and help text.</summary>
    public static string SupportedEpsgCodesText =>
        "EPSG:4326, 4258, 4674, 3857, 3035, 3067, 3873–3885, 25828–25838, 31978–31985, 32601–32660, 32701–32760";

    /// <summary>True when <paramref name="epsg"/> is one of <see cref="SupportedEpsgCodes"/>.</summary>
    public static bool IsSupported(int epsg) => Array.BinarySearch(Codes, epsg) >= 0;

    /// <summary>Builds the coordinate system of a supported EPSG code.</summary>
    /// <param name="epsg">An EPSG code, e.g. 3879.</param>
    /// <param name="coordinateSystem">The system, or null when the code is not supported.</param>
    /// <returns>True when the code is supported.</returns>
    public static bool TryGetCoordinateSystem(int epsg, [NotNullWhen(true)] out CoordinateSystem? coordinateSystem)
    {
        string? wkt = WktFor(epsg);
        coordinateSystem = wkt is null ? null : Parse(wkt);
        return coordinateSystem is not null;
    }

    /// <summary>Builds the coordinate system of a supported EPSG code.</summary>
    /// <param name="epsg">An EPSG code, e.g. 3879.</param>
    /// <exception cref="NotSupportedException">The code is not supported; the message names it, lists what is
    /// supported and gives the <c>gdalwarp</c> command that converts the data to WGS84.</exception>
    public static CoordinateSystem GetCoordinateSystem(int epsg) =>
        TryGetCoordinateSystem(epsg, out var cs) ? cs : throw new NotSupportedException(UnsupportedCodeMessage(epsg));

    /// <summary>
    /// Reads a coordinate system from OGC WKT 1 or ESRI WKT (the text of a <c>.prj</c> file or of a GeoPackage
    /// <c>gpkg_spatial_ref_sys.definition</c>). When the text carries a top-level EPSG authority code that
    /// <see cref="SupportedEpsgCodes"/> contains, the built-in definition of that code is used, so that for example
    /// GDAL's WKT 1 of EPSG:3857 (which says <c>Mercator_1SP</c>) is not read as ellipsoidal Mercator.
    /// ESRI's Web Mercator (auxiliary sphere) is recognised by name.
    /// </summary>
    /// <param name="wkt">The definition text.</param>
    /// <exception cref="FormatException">The text is not WKT 1 (for instance WKT 2, <c>PROJCRS[…]</c>, or an old-style
    /// ESRI <c>.prj</c>); the message says how to fix the file.</exception>
    /// <exception cref="NotSupportedException">The text is valid but uses a projection that is not implemented (e.g.
    /// Mollweide) or angles other than degrees from Greenwich; the message gives the <c>gdalwarp</c> command.</exception>
    public static CoordinateSystem ParseWkt(string wkt)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        string text = wkt.Trim();
        if (TopLevelEpsgCode(text) is int code && TryGetCoordinateSystem(code, out var known))
        {
            return known;
        }

        if (WebMercatorName().IsMatch(text))
        {
            return GetCoordinateSystem(3857);
        }

        if (text.StartsWith("PROJCRS", StringComparison.OrdinalIgnoreCase) || text.StartsWith("GEOGCRS", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("GEODCRS", StringComparison.OrdinalIgnoreCase) || text.StartsWith("BOUNDCRS", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException(
                $"The coordinate system is written as WKT 2 (\"{Shorten(text)}\"), which cannot be read here; only WKT 1 and ESRI WKT " +
                $"can. Write it as WKT 1 (e.g. `gdalsrsinfo -o wkt1 <file>`) or {LowerFirst(ReprojectAdvice)}");
        }

        CoordinateSystem? cs;
        try
        {
            cs = Parse(text);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"{TrimPeriod(e.Message)} ({NameOf(text)}). {ReprojectAdvice}", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException
            or NullReferenceException or InvalidCastException)
        {
            throw new FormatException(
                $"The coordinate system \"{Shorten(text)}\" cannot be read as WKT 1 ({TrimPeriod(e.Message)}). {ReprojectAdvice}", e);
        }

        if (cs is not GeographicCoordinateSystem and not ProjectedCoordinateSystem)
        {
            throw new NotSupportedException(
                $"The coordinate system {NameOf(text)} is a {cs?.GetType().Name ?? "non-horizontal"} system; only geographic " +
                $"(longitude/latitude) and projected systems can be used. {ReprojectAdvice}");
        }

        // ProjNET reads any projection name; whether it implements it shows only when a transform is built.
        _ = new CrsTransform(cs);
        return cs;
    }

    /// <summary>The transform between a supported EPSG code and WGS84.</summary>
    /// <exception cref="NotSupportedException">The code is not supported (see <see cref="GetCoordinateSystem"/>).</exception>
    public static CrsTransform CreateTransform(int epsg) => new(GetCoordinateSystem(epsg));

    /// <summary>The transform between the system that <paramref name="wkt"/> defines and WGS84.</summary>
    /// <exception cref="FormatException">The text cannot be read (see <see cref="ParseWkt"/>).</exception>
    /// <exception cref="NotSupportedException">The projection is not implemented (see <see cref="ParseWkt"/>).</exception>
    public static CrsTransform CreateTransform(string wkt) => CreateTransform(ParseWkt(wkt));

    /// <summary>The transform between <paramref name="coordinateSystem"/> and WGS84.</summary>
    /// <param name="coordinateSystem">A geographic or projected coordinate system.</param>
    /// <exception cref="NotSupportedException">The system is neither geographic nor projected, or its projection is
    /// not implemented.</exception>
    public static CrsTransform CreateTransform(CoordinateSystem coordinateSystem)
    {
        ArgumentNullException.ThrowIfNull(coordinateSystem);
        return new CrsTransform(coordinateSystem);
    }

    /// <summary>
    /// The message for an EPSG code that is not supported: names the code, lists the supported ones and gives the
    /// <c>gdalwarp</c> command that converts the data to WGS84. Readers put the file name in front of it.
    /// </summary>
    public static string UnsupportedCodeMessage(int epsg)
    {
        string what = epsg switch
        {
            54009 => " (World Mollweide, used by GHS-POP; Mollweide is not implemented here)",
            32767 => " (a user-defined system)",
            _ => string.Empty,
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"EPSG:{epsg}{what} is not a coordinate reference system known here (known: {SupportedEpsgCodesText}). {ReprojectAdvice}");
    }

    // ---- definitions ---------------------------------------------------------------------------------------------

    private static int[] BuildCodeList()
    {
        var codes = new List<int> { 4326, 4258, 4674, 3857, 3035, 3067 };
        for (int c = 3873; c <= 3885; c++)
        {
            codes.Add(c);
        }

        for (int c = 25828; c <= 25838; c++)
        {
            codes.Add(c);
        }

        for (int c = 31978; c <= 31985; c++)
        {
            codes.Add(c);
        }

        for (int zone = 1; zone <= 60; zone++)
        {
            codes.Add(32600 + zone);
            codes.Add(32700 + zone);
        }

        codes.Sort();
        return [.. codes];
    }

    private static string? WktFor(int epsg)
    {
        switch (epsg)
        {
            case 4326:
                return Geographic("WGS 84", Wgs84Datum, 4326);
            case 4258:
                return Geographic("ETRS89", Etrs89Datum, 4258);
            case 4674:
                return Geographic("SIRGAS 2000", Sirgas2000Datum, 4674);
            case 3857:
                return Projected("WGS 84 / Pseudo-Mercator", Geographic("WGS 84", Wgs84Datum, 4326), "Popular Visualisation Pseudo-Mercator",
                    "PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",0],PARAMETER[\"scale_factor\",1]," +
                    "PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0]", 3857);
            case 3035:
                return Projected("ETRS89-extended / LAEA Europe", Geographic("ETRS89", Etrs89Datum, 4258), "Lambert_Azimuthal_Equal_Area",
                    "PARAMETER[\"latitude_of_center\",52],PARAMETER[\"longitude_of_center\",10]," +
                    "PARAMETER[\"false_easting\",4321000],PARAMETER[\"false_northing\",3210000]", 3035);
            case 3067:
                return TransverseMercator("ETRS89 / TM35FIN(E,N)", Etrs89Datum, 4258, 27, 0.9996, 500_000, 0, 3067);
            case >= 3873 and <= 3885:
                {
                    int lon0 = 19 + (epsg - 3873);
                    return TransverseMercator(string.Create(CultureInfo.InvariantCulture, $"ETRS89 / GK{lon0}FIN"), Etrs89Datum, 4258, lon0, 1.0, (lon0 * 1_000_000) + 500_000, 0, epsg);
                }

            case >= 25828 and <= 25838:
                {
                    int zone = epsg - 25800;
                    return TransverseMercator(string.Create(CultureInfo.InvariantCulture, $"ETRS89 / UTM zone {zone}N"), Etrs89Datum, 4258, UtmCentralMeridian(zone), 0.9996, 500_000, 0, epsg);
                }

            case >= 31978 and <= 31985:
                {
                    int zone = epsg - 31960;
                    return TransverseMercator(string.Create(CultureInfo.InvariantCulture, $"SIRGAS 2000 / UTM zone {zone}S"), Sirgas2000Datum, 4674, UtmCentralMeridian(zone), 0.9996,
                        500_000, 10_000_000, epsg);
                }

            case >= 32601 and <= 32660:
                {
                    int zone = epsg - 32600;
                    return TransverseMercator(string.Create(CultureInfo.InvariantCulture, $"WGS 84 / UTM zone {zone}N"), Wgs84Datum, 4326, UtmCentralMeridian(zone), 0.9996, 500_000, 0, epsg);
                }

            case >= 32701 and <= 32760:
                {
                    int zone = epsg - 32700;
                    return TransverseMercator(string.Create(CultureInfo.InvariantCulture, $"WGS 84 / UTM zone {zone}S"), Wgs84Datum, 4326, UtmCentralMeridian(zone), 0.9996,
                        500_000, 10_000_000, epsg);
                }

            default:
                return null;
        }
    }

    private static int UtmCentralMeridian(int zone) => (6 * zone) - 183;

    private static string Geographic(string name, string datum, int epsg) => string.Create(CultureInfo.InvariantCulture, 
        $"GEOGCS[\"{name}\",{datum},PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]," +
        $"AXIS[\"Longitude\",EAST],AXIS[\"Latitude\",NORTH],AUTHORITY[\"EPSG\",\"{epsg}\"]]");

    private static string Projected(string name, string geographic, string projection, string parameters, int epsg) => string.Create(CultureInfo.InvariantCulture, 
        $"PROJCS[\"{name}\",{geographic},PROJECTION[\"{projection}\"],{parameters},UNIT[\"metre\",1]," +
        $"AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"{epsg}\"]]");

    private static string TransverseMercator(string name, string datum, int geographicEpsg, int centralMeridian, double scale,
        double falseEasting, double falseNorthing, int epsg) => Projected(name, Geographic(name.Split(" / ")[0], datum, geographicEpsg),
        "Transverse_Mercator", string.Create(CultureInfo.InvariantCulture, 
            $"PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",{centralMeridian}],PARAMETER[\"scale_factor\",{scale:R}]," +
            $"PARAMETER[\"false_easting\",{falseEasting:R}],PARAMETER[\"false_northing\",{falseNorthing:R}]"), epsg);

    private static CoordinateSystem Parse(string wkt) => new CoordinateSystemFactory().CreateFromWkt(wkt);

    // ---- WKT inspection ------------------------------------------------------------------------------------------

    // The top-level AUTHORITY is the last one in the text, closing just before the final bracket.
    private static int? TopLevelEpsgCode(string wkt)
    {
        var match = TrailingAuthority().Match(wkt);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int code) ? code : null;
    }

    private static string NameOf(string wkt)
    {
        var match = LeadingName().Match(wkt);
        return match.Success ? $"\"{match.Groups[1].Value}\"" : $"\"{Shorten(wkt)}\"";
    }

    private static string Shorten(string text)
    {
        string oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 70 ? oneLine : string.Concat(oneLine.AsSpan(0, 67), "...");
    }

    private static string TrimPeriod(string message) => message.TrimEnd().TrimEnd('.');

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    [GeneratedRegex("""AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingAuthority();

    [GeneratedRegex("^\\s*[A-Z_]+\\s*\\[\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingName();

    [GeneratedRegex("""^\s*PROJCS\s*\[[^\]]*?(Web_Mercator|Pseudo[-_ ]Mercator)|PROJECTION\s*\[\s*"Mercator_Auxiliary_Sphere"\s*\]""",
        RegexOptions.IgnoreCase)]
    private static partial Regex WebMercatorName();
}
