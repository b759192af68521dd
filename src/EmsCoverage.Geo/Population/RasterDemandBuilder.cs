using System.Diagnostics;
using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Crs;
using EmsCoverage.Population;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Turns the rows of a population raster into demand cells: one cell per value above zero, at the cell centre, with
/// the cell's four corners as its footprint, all in WGS84. Shared by the GeoTIFF and ASCII grid readers.
/// </summary>
/// <remarks>
/// Rules: the no-data value (NaN allowed) marks cells without data; every other value must be a finite number zero
/// or above. Zero cells count towards the input but are not emitted. Negative, NaN or infinite values fail the whole
/// file, listing the first few offending cells, because a silently dropped or clamped cell would change the
/// population total. Rows must arrive in order, top (north) first.
/// </remarks>
internal sealed class RasterDemandBuilder
{
    private const int MaxListedCells = 10;

    private readonly string _path;
    private readonly RasterGrid _grid;
    private readonly CrsTransform _crs;
    private readonly double? _noData;
    private readonly string _declareNoData;
    private readonly List<DemandCell> _cells = [];
    private readonly List<CellFootprint> _footprints = [];
    private readonly List<(int Row, int Col, double Value)> _invalidSamples = [];
    private EdgeCache _top;
    private EdgeCache _bottom;
    private int _nextRow;
    private double _sum;
    private long _zeroCells;
    private long _noDataCells;
    private long _invalidCells;

    /// <summary>Prepares a builder for one raster.</summary>
    /// <param name="path">The file as the user named it, for messages.</param>
    /// <param name="grid">Cell layout in the raster's coordinate system.</param>
    /// <param name="crs">Transform from that system to WGS84.</param>
    /// <param name="noData">The no-data value already in the samples' precision (NaN allowed), or null when the file
    /// declares none.</param>
    /// <param name="declareNoData">How a user declares a no-data value in this format, for the error message, e.g.
    /// <c>gdal_edit.py -a_nodata -99999 file.tif</c>.</param>
    public RasterDemandBuilder(string path, RasterGrid grid, CrsTransform crs, double? noData, string declareNoData)
    {
        Debug.Assert(grid.Width > 0 && grid.Height > 0, "empty grids are refused by the readers");
        _path = path;
        _grid = grid;
        _crs = crs;
        _noData = noData;
        _declareNoData = declareNoData;
        _top = new EdgeCache(grid.Width + 1);
        _bottom = new EdgeCache(grid.Width + 1);
    }

    /// <summary>Adds the next row.</summary>
    /// <param name="row">Row index, 0 at the top; must be one more than the previous call's.</param>
    /// <param name="values">The row's <see cref="RasterGrid.Width"/> values, west to east.</param>
    /// <exception cref="InputDataException">A cell with people cannot be placed on the Earth with the raster's
    /// coordinate system (wrong georeferencing or CRS).</exception>
    public void AddRow(int row, ReadOnlySpan<double> values)
    {
        Debug.Assert(row == _nextRow, "rows must arrive in order");
        Debug.Assert(values.Length == _grid.Width, "one value per column");
        _nextRow = row + 1;

        // The bottom edge of the previous row is this row's top edge.
        if (_bottom.EdgeRow == row)
        {
            (_top, _bottom) = (_bottom, _top);
        }

        _top.Reset(row);
        _bottom.Reset(row + 1);

        bool noDataIsNaN = _noData is double nd && double.IsNaN(nd);
        double noData = _noData ?? double.NaN;
        for (int col = 0; col < values.Length; col++)
        {
            double v = values[col];
            if (_noData is not null && (v == noData || (noDataIsNaN && double.IsNaN(v))))
            {
                _noDataCells++;
                continue;
            }

            if (!(v >= 0) || double.IsPositiveInfinity(v))
            {
                _invalidCells++;
                if (_invalidSamples.Count < MaxListedCells)
                {
                    _invalidSamples.Add((row, col, v));
                }

                continue;
            }

            _sum += v;
            if (v == 0)
            {
                _zeroCells++;
                continue;
            }

            if (_invalidCells == 0)
            {
                Emit(row, col, v);
            }
        }
    }

    /// <summary>Finishes the layer and reports what was read.</summary>
    /// <exception cref="InputDataException">Some values are negative, NaN or infinite (the message lists up to ten).</exception>
    public DemandLayer Build(DiagnosticBag diagnostics)
    {
        Debug.Assert(_nextRow == _grid.Height, "every row was added");
        string file = Path.GetFileName(_path);
        if (_invalidCells > 0)
        {
            throw new InputDataException(_path, InvalidValuesMessage());
        }

        var inv = CultureInfo.InvariantCulture;
        diagnostics.Add(RasterDiagnosticCodes.Summary, DiagnosticSeverity.Info, string.Create(inv,
            $"{file}: {_grid.Width}×{_grid.Height} cells in {_crs.Description}; {_cells.Count} with people, {_zeroCells} with 0, " +
            $"{_noDataCells} without data; {_sum:#,0.##} people"), file);
        if (_cells.Count == 0)
        {
            diagnostics.Add(RasterDiagnosticCodes.NoPopulation, DiagnosticSeverity.Warning,
                $"{file}: no cell holds people (all cells are zero or without data); check that this is a population count raster", file);
        }

        return new DemandLayer(file, _cells.AsReadOnly(), _footprints.AsReadOnly(), _sum);
    }

    private void Emit(int row, int col, double population)
    {
        var (lat, lon) = Place(_grid.CentreX(col), _grid.CentreY(row), row, col);
        var (swLat, swLon) = Corner(_bottom, col, row, col);
        var (seLat, seLon) = Corner(_bottom, col + 1, row, col);
        var (neLat, neLon) = Corner(_top, col + 1, row, col);
        var (nwLat, nwLon) = Corner(_top, col, row, col);

        // Counter-clockwise from the south-west corner (the GeoJSON convention for outer rings).
        _footprints.Add(new CellFootprint([swLat, seLat, neLat, nwLat], [swLon, seLon, neLon, nwLon]));
        string id = string.Create(CultureInfo.InvariantCulture, $"r{row}c{col}");
        _cells.Add(new DemandCell(id, lat, lon, population, _footprints.Count - 1));
    }

    private (double Lat, double Lon) Corner(EdgeCache edge, int edgeCol, int row, int col)
    {
        if (edge.Stamp[edgeCol] != edge.EdgeRow + 1)
        {
            var (lat, lon) = Place(_grid.EdgeX(edgeCol), _grid.EdgeY(edge.EdgeRow), row, col);
            edge.Lat[edgeCol] = lat;
            edge.Lon[edgeCol] = lon;
            edge.Stamp[edgeCol] = edge.EdgeRow + 1;
        }

        return (edge.Lat[edgeCol], edge.Lon[edgeCol]);
    }

    private (double Lat, double Lon) Place(double x, double y, int row, int col)
    {
        var (lat, lon) = _crs.ToWgs84(x, y);
        if (!double.IsFinite(lat) || !double.IsFinite(lon) || Math.Abs(lat) > 90 || Math.Abs(lon) > 540)
        {
            string hint = _crs.IsGeographic
                ? "its coordinate system is longitude/latitude, but the coordinates are not degrees (a projected raster labelled with the wrong system?)"
                : "the coordinates are outside what that system covers (the raster's coordinate system or georeferencing is wrong)";
            throw new InputDataException(_path, string.Create(CultureInfo.InvariantCulture,
                $"{_path}: cell row {row}, col {col} (x = {x}, y = {y} in {_crs.Description}) cannot be placed on the Earth: {hint}. " +
                $"Check the file in a GIS, or reproject it with `gdalwarp -t_srs EPSG:4326 in.tif out.tif`."));
        }

        // Grids in 0..360 longitude.
        if (lon > 180)
        {
            lon -= 360;
        }
        else if (lon < -180)
        {
            lon += 360;
        }

        return (lat, lon);
    }

    private string InvalidValuesMessage()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"{_path}: {_invalidCells} cell{(_invalidCells == 1 ? " holds a" : "s hold")} negative or not-a-number ")
            .Append(_invalidCells == 1 ? "value, which is not a population count: " : "values, which are not population counts: ");
        for (int i = 0; i < _invalidSamples.Count; i++)
        {
            var (row, col, value) = _invalidSamples[i];
            text.Append(inv, $"{(i == 0 ? string.Empty : "; ")}row {row}, col {col}: {value}");
        }

        if (_invalidCells > _invalidSamples.Count)
        {
            text.Append(inv, $"; and {_invalidCells - _invalidSamples.Count} more");
        }

        text.Append(" (rows and columns count from 0 at the top-left). ");
        text.Append(_noData is double nd
            ? string.Create(inv, $"The file declares {nd} as its no-data value. If the cells above mark missing data with another value, declare that one instead ({_declareNoData}); otherwise correct them.")
            : $"The file declares no no-data value. If these values mark missing data, declare it ({_declareNoData}); otherwise correct them.");
        return text.ToString();
    }

    /// <summary>WGS84 positions of the corners along one row edge, computed on first use.</summary>
    private sealed class EdgeCache(int corners)
    {
        public int EdgeRow { get; private set; } = -1;

        public double[] Lat { get; } = new double[corners];

        public double[] Lon { get; } = new double[corners];

        // Stamp[i] == EdgeRow + 1 when Lat[i]/Lon[i] belong to this edge; older stamps are stale.
        public int[] Stamp { get; } = new int[corners];

        public void Reset(int edgeRow) => EdgeRow = edgeRow;
    }
}
