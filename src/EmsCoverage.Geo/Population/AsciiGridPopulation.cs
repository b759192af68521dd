using System.Globalization;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Crs;
using EmsCoverage.Population;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Reads a population count raster in ESRI ASCII grid format (<c>.asc</c>) into demand cells, with the same cell rules
/// as <see cref="GeoTiffPopulation"/>.
/// </summary>
/// <remarks>
/// <para>Header keys, case-insensitive, one per line: <c>ncols</c>, <c>nrows</c>, <c>xllcorner</c> or
/// <c>xllcenter</c>, <c>yllcorner</c> or <c>yllcenter</c>, <c>cellsize</c> (or GDAL's <c>dx</c> and <c>dy</c>), and
/// optionally <c>NODATA_value</c>. Then <c>nrows</c> × <c>ncols</c> numbers separated by white space, the top (north)
/// row first; line breaks inside the values do not matter. Numbers use a decimal point.</para>
/// <para>The coordinate system is, in order: the EPSG code passed in, the WKT in a <c>.prj</c> file beside the grid
/// (same name), or WGS84 longitude/latitude (noted as an Info diagnostic).</para>
/// </remarks>
internal static class AsciiGridPopulation
{
    /// <summary>Reads the grid at <paramref name="path"/>.</summary>
    /// <param name="path">An ESRI ASCII grid file.</param>
    /// <param name="diagnostics">Receives a summary and notes (coordinate system assumed, <c>.prj</c> overridden).</param>
    /// <param name="epsg">EPSG code of the grid's coordinates, or null to use the <c>.prj</c> beside the file (or WGS84
    /// when there is none).</param>
    /// <returns>The demand cells, their footprints and the grid's total (the sum of all valid values).</returns>
    /// <exception cref="InputDataException">The file is missing, has a bad header or value, ends early or has extra
    /// values, holds negative or NaN counts, or its coordinate system is unknown. The message names the file, says what
    /// is wrong and how to fix it.</exception>
    public static DemandLayer Read(string path, DiagnosticBag diagnostics, int? epsg = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(diagnostics);

        StreamReader reader;
        long fileLength;
        try
        {
            reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            fileLength = reader.BaseStream.Length;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputDataException(path, $"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: cannot be read ({e.Message})", e);
        }

        using (reader)
        {
            var tokens = new Tokenizer(reader, path);
            var header = Header.Read(tokens, path, fileLength);
            var crs = ResolveCrs(path, epsg, diagnostics);
            var builder = new RasterDemandBuilder(path, header.Grid, crs, header.NoData, "set the NODATA_value line of the header");
            ReadValues(tokens, path, header, builder);
            return builder.Build(diagnostics);
        }
    }

    private static CrsTransform ResolveCrs(string path, int? epsg, DiagnosticBag diagnostics)
    {
        string file = Path.GetFileName(path);
        string? prj = FindPrj(path);
        if (epsg is int code)
        {
            if (prj is not null)
            {
                diagnostics.Add(RasterDiagnosticCodes.PrjIgnored, DiagnosticSeverity.Info, string.Create(CultureInfo.InvariantCulture,
                    $"{file}: EPSG:{code} was given, so {Path.GetFileName(prj)} beside the grid was not used"), file);
            }

            if (!CrsRegistry.IsSupported(code))
            {
                throw new InputDataException(path, $"{path}: {CrsRegistry.UnsupportedCodeMessage(code).Replace("gdalwarp -t_srs EPSG:4326 in.tif out.tif", "gdalwarp -t_srs EPSG:4326 in.asc out.tif", StringComparison.Ordinal)}");
            }

            return CrsRegistry.CreateTransform(code);
        }

        if (prj is null)
        {
            diagnostics.Add(RasterDiagnosticCodes.CrsAssumed, DiagnosticSeverity.Info,
                $"{file}: no .prj file beside the grid and no EPSG code given; its coordinates were taken as WGS84 longitude/latitude", file);
            return CrsRegistry.CreateTransform(CrsRegistry.Wgs84);
        }

        string wkt;
        try
        {
            wkt = File.ReadAllText(prj).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(prj, $"{prj}: cannot be read ({e.Message})", e);
        }

        if (wkt.StartsWith("Projection", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputDataException(prj,
                $"{prj}: this is an old-style ESRI projection file (\"Projection …\" lines), not WKT; replace it with the WKT of the " +
                "grid's system (e.g. `gdalsrsinfo -o wkt1_esri EPSG:<code> > file.prj`) or pass the EPSG code.");
        }

        try
        {
            return CrsRegistry.CreateTransform(wkt);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException)
        {
            throw new InputDataException(prj, $"{prj}: {e.Message}", e);
        }
    }

    private static string? FindPrj(string path)
    {
        foreach (string extension in (ReadOnlySpan<string>)[".prj", ".PRJ", ".Prj"])
        {
            string candidate = Path.ChangeExtension(path, extension);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void ReadValues(Tokenizer tokens, string path, Header header, RasterDemandBuilder builder)
    {
        var grid = header.Grid;
        var values = new double[grid.Width];
        long expected = grid.CellCount;
        for (int row = 0; row < grid.Height; row++)
        {
            for (int col = 0; col < grid.Width; col++)
            {
                if (!tokens.Next(out var token))
                {
                    long found = ((long)row * grid.Width) + col;
                    throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"{path}: the header promises {grid.Height} rows of {grid.Width} values ({expected:#,0}), but the file ends after " +
                        $"{found:#,0} (in row {row}); it is truncated, or ncols/nrows are wrong."));
                }

                values[col] = tokens.ParseNumber(token, "value");
            }

            builder.AddRow(row, values);
        }

        if (tokens.Next(out var extra))
        {
            throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"{path}: line {tokens.Line}: \"{extra}\" is beyond the {expected:#,0} values the header promises ({header.Grid.Height} rows of " +
                $"{header.Grid.Width}); ncols/nrows are wrong, or two grids were joined."));
        }
    }

    /// <summary>The header's keys, checked.</summary>
    private sealed record Header(RasterGrid Grid, double? NoData)
    {
        public static Header Read(Tokenizer tokens, string path, long fileLength)
        {
            var inv = CultureInfo.InvariantCulture;
            var seen = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            while (tokens.PeekIsKey())
            {
                tokens.Next(out var keyToken);
                string key = keyToken.ToString();
                int line = tokens.Line;
                if (!IsKnownKey(key))
                {
                    throw new InputDataException(path, string.Create(inv,
                        $"{path}: line {line}: unknown header key \"{key}\" (expected ncols, nrows, xllcorner or xllcenter, yllcorner or " +
                        $"yllcenter, cellsize, NODATA_value); is this an ESRI ASCII grid?"));
                }

                if (!tokens.Next(out var valueToken) || tokens.Line != line)
                {
                    throw new InputDataException(path, string.Create(inv, $"{path}: line {line}: header key \"{key}\" has no value."));
                }

                if (!seen.TryAdd(key, tokens.ParseNumber(valueToken, key)))
                {
                    throw new InputDataException(path, string.Create(inv, $"{path}: line {line}: header key \"{key}\" appears twice."));
                }
            }

            if (seen.Count == 0)
            {
                throw new InputDataException(path,
                    $"{path}: no ESRI ASCII grid header (ncols, nrows, xllcorner, yllcorner, cellsize) at the start of the file; is this an ESRI ASCII grid?");
            }

            int ncols = Count(seen, "ncols", path);
            int nrows = Count(seen, "nrows", path);
            double x = Required(seen, path, "xllcorner", "xllcenter", out bool xCentre);
            double y = Required(seen, path, "yllcorner", "yllcenter", out bool yCentre);
            double dx, dy;
            if (seen.TryGetValue("cellsize", out double cellSize))
            {
                (dx, dy) = (cellSize, cellSize);
            }
            else if (seen.TryGetValue("dx", out dx) && seen.TryGetValue("dy", out dy))
            {
                // GDAL writes dx/dy for non-square cells.
            }
            else
            {
                throw new InputDataException(path, $"{path}: the header has no cellsize (nor dx and dy).");
            }

            if (!(dx > 0) || !(dy > 0) || !double.IsFinite(dx) || !double.IsFinite(dy) || !double.IsFinite(x) || !double.IsFinite(y))
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the header's cell size ({dx} × {dy}) must be positive and its corner ({x}, {y}) finite."));
            }

            long cells = (long)ncols * nrows;
            if (cells > RasterGrid.MaxCells)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the grid has {ncols} × {nrows} = {cells:#,0} cells, more than the {RasterGrid.MaxCells:#,0} this reader accepts; clip it " +
                    $"to the area of interest first."));
            }

            // Every value takes at least one character and one separator.
            if (fileLength < (2 * cells) - 1)
            {
                throw new InputDataException(path, string.Create(inv,
                    $"{path}: the header promises {cells:#,0} values, but the whole file has only {fileLength:#,0} bytes; it is truncated, or " +
                    $"ncols/nrows are wrong."));
            }

            double west = xCentre ? x - (dx / 2) : x;
            double south = yCentre ? y - (dy / 2) : y;
            double? noData = seen.TryGetValue("nodata_value", out double nd) ? nd : null;
            return new Header(new RasterGrid(ncols, nrows, west, south + (nrows * dy), dx, dy), noData);
        }

        private static bool IsKnownKey(string key) => key.ToUpperInvariant() switch
        {
            "NCOLS" or "NROWS" or "XLLCORNER" or "XLLCENTER" or "YLLCORNER" or "YLLCENTER" or "CELLSIZE" or "DX" or "DY" or "NODATA_VALUE" => true,
            _ => false,
        };

        private static int Count(Dictionary<string, double> seen, string key, string path)
        {
            if (!seen.TryGetValue(key, out double v))
            {
                throw new InputDataException(path, $"{path}: the header has no {key}.");
            }

            if (v < 1 || v > int.MaxValue || v != Math.Floor(v))
            {
                throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"{path}: the header's {key} is {v}; it must be a whole number of at least 1."));
            }

            return (int)v;
        }

        private static double Required(Dictionary<string, double> seen, string path, string corner, string centre, out bool isCentre)
        {
            bool hasCorner = seen.TryGetValue(corner, out double c);
            isCentre = seen.TryGetValue(centre, out double m);
            if (hasCorner && isCentre)
            {
                throw new InputDataException(path, $"{path}: the header has both {corner} and {centre}; keep one.");
            }

            if (!hasCorner && !isCentre)
            {
                throw new InputDataException(path, $"{path}: the header has neither {corner} nor {centre}.");
            }

            return isCentre ? m : c;
        }
    }

    /// <summary>White-space separated tokens with line numbers.</summary>
    private sealed class Tokenizer(StreamReader reader, string path)
    {
        private string _line = string.Empty;
        private int _position;
        private int _lineCounter;

        /// <summary>1-based line of the last token returned.</summary>
        public int Line { get; private set; }

        public bool Next(out ReadOnlySpan<char> token)
        {
            if (!SkipToToken())
            {
                token = default;
                return false;
            }

            int start = _position;
            while (_position < _line.Length && !char.IsWhiteSpace(_line[_position]))
            {
                _position++;
            }

            Line = _lineCounter;
            token = _line.AsSpan(start, _position - start);
            return true;
        }

        /// <summary>True when the next token starts with a letter (a header key); NaN/Inf values come after the header.</summary>
        public bool PeekIsKey() => SkipToToken() && char.IsAsciiLetter(_line[_position]) && !StartsNumberWord(_line.AsSpan(_position));

        public double ParseNumber(ReadOnlySpan<char> token, string what)
        {
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                return v;
            }

            string hint = token.Contains(',') ? " (ASCII grids use a decimal point, not a comma)" : string.Empty;
            throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"{path}: line {Line}: {what} \"{token}\" is not a number{hint}."));
        }

        private static bool StartsNumberWord(ReadOnlySpan<char> text) =>
            text.StartsWith("nan", StringComparison.OrdinalIgnoreCase) || text.StartsWith("inf", StringComparison.OrdinalIgnoreCase);

        private bool SkipToToken()
        {
            while (true)
            {
                while (_position < _line.Length && char.IsWhiteSpace(_line[_position]))
                {
                    _position++;
                }

                if (_position < _line.Length)
                {
                    return true;
                }

                string? next = reader.ReadLine();
                if (next is null)
                {
                    return false;
                }

                _line = next;
                _position = 0;
                _lineCounter++;
            }
        }
    }
}
