using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace EmsCoverage.Geo.Population;

/// <summary>
/// Spreads one polygon's people over sample pieces of it, in proportion to area: a regular grid of squares is laid
/// over the polygon in a local equal-area projection, each square is cut to the polygon, and each piece gets
/// <c>population × pieceArea / keptArea</c>.
/// </summary>
/// <remarks>
/// <para>The grid starts at the south-west corner of the polygon's projected envelope. Squares fully inside are kept
/// whole; squares on the edge are intersected with the polygon (NetTopologySuite OverlayNG), and a cut that falls
/// apart gives one piece per part.</para>
/// <para>Pieces smaller than <see cref="MinPieceFraction"/> of a square (slivers along the edge) are dropped and
/// their share goes to the other pieces, so the pieces always add up to the polygon's population (up to floating
/// point) and no cell stands for a few square metres. A polygon smaller than one square becomes a single piece with
/// the whole polygon as footprint (for a multipolygon: its largest part, whose interior point is used).</para>
/// <para>A polygon that would need more than <see cref="MaxSquaresPerPolygon"/> squares is sampled on a coarser
/// grid, just coarse enough; the caller reports it.</para>
/// </remarks>
internal static class PolygonSpreader
{
    /// <summary>Upper bound on grid squares laid over one polygon.</summary>
    public const long MaxSquaresPerPolygon = 250_000;

    /// <summary>Pieces with less than this fraction of a square's area are merged into the rest of their polygon.</summary>
    public const double MinPieceFraction = 0.01;

    /// <summary>
    /// Pieces of <paramref name="area"/> (WGS84, valid, polygonal, non-empty) with their people, representative point
    /// (the piece's interior point) and outer ring, in WGS84.
    /// </summary>
    /// <param name="area">The polygon.</param>
    /// <param name="population">Its people, more than zero.</param>
    /// <param name="spacingM">Grid spacing in metres.</param>
    /// <param name="usedSpacingM">The spacing actually used (larger than <paramref name="spacingM"/> for huge polygons).</param>
    public static List<Piece> Spread(Geometry area, double population, double spacingM, out double usedSpacingM)
    {
        var projection = PolygonProjection.CentredOn(area);
        var projected = projection.Project(area);
        usedSpacingM = spacingM;
        if (projected.Area < spacingM * spacingM)
        {
            return [Whole(area, projected, population)];
        }

        var envelope = projected.EnvelopeInternal;
        double s = spacingM;
        while (Math.Ceiling(envelope.Width / s) * Math.Ceiling(envelope.Height / s) > MaxSquaresPerPolygon)
        {
            s = Math.Max(s * 1.01, Math.Sqrt(envelope.Width * envelope.Height / MaxSquaresPerPolygon));
        }

        usedSpacingM = s;
        int columns = Math.Max(1, (int)Math.Ceiling(envelope.Width / s));
        int rows = Math.Max(1, (int)Math.Ceiling(envelope.Height / s));
        var prepared = PreparedGeometryFactory.Prepare(projected);
        var factory = projected.Factory;
        var pieces = new List<Polygon>();
        for (int row = 0; row < rows; row++)
        {
            double y = envelope.MinY + (row * s);
            for (int column = 0; column < columns; column++)
            {
                double x = envelope.MinX + (column * s);
                var square = (Polygon)factory.ToGeometry(new Envelope(x, x + s, y, y + s));
                if (!prepared.Intersects(square))
                {
                    continue;
                }

                if (prepared.Contains(square))
                {
                    pieces.Add(square);
                    continue;
                }

                var cut = OverlayNGRobust.Overlay(projected, square, SpatialFunction.Intersection);
                for (int i = 0; i < cut.NumGeometries; i++)
                {
                    if (cut.GetGeometryN(i) is Polygon { IsEmpty: false } part && part.Area > 0)
                    {
                        pieces.Add(part);
                    }
                }
            }
        }

        double minArea = MinPieceFraction * s * s;
        var kept = pieces.FindAll(p => p.Area >= minArea);
        if (kept.Count == 0)
        {
            kept = pieces;
        }

        if (kept.Count == 0)
        {
            return [Whole(area, projected, population)];
        }

        double keptArea = 0;
        foreach (var piece in kept)
        {
            keptArea += piece.Area;
        }

        // Shares in proportion to area; the largest piece takes what rounding left over, so the pieces add up to the
        // polygon's population to the last bit in this order (and to ~1e-12 relative in any other).
        int largest = 0;
        double[] shares = new double[kept.Count];
        for (int i = 0; i < kept.Count; i++)
        {
            shares[i] = population * (kept[i].Area / keptArea);
            if (kept[i].Area > kept[largest].Area)
            {
                largest = i;
            }
        }

        double others = 0;
        for (int i = 0; i < shares.Length; i++)
        {
            others += i == largest ? 0 : shares[i];
        }

        shares[largest] = Math.Max(0, population - others);
        var result = new List<Piece>(kept.Count);
        for (int p = 0; p < kept.Count; p++)
        {
            var piece = kept[p];
            var inside = piece.InteriorPoint;
            var (lat, lon) = projection.Inverse(inside.X, inside.Y);
            var shell = piece.Shell.CoordinateSequence;
            int n = shell.Count - 1;
            double[] ringLat = new double[n], ringLon = new double[n];
            for (int i = 0; i < n; i++)
            {
                (ringLat[i], ringLon[i]) = projection.Inverse(shell.GetX(i), shell.GetY(i));
            }

            result.Add(new Piece(lat, lon, shares[p], ringLat, ringLon));
        }

        return result;
    }

    // The whole polygon as one piece: its largest part's interior point and outer ring (WGS84 as read).
    private static Piece Whole(Geometry area, Geometry projected, double population)
    {
        int largest = 0;
        for (int i = 1; i < projected.NumGeometries; i++)
        {
            if (projected.GetGeometryN(i).Area > projected.GetGeometryN(largest).Area)
            {
                largest = i;
            }
        }

        var part = (Polygon)area.GetGeometryN(largest);
        var inside = part.InteriorPoint;
        var shell = part.Shell.CoordinateSequence;
        int n = shell.Count - 1;
        double[] ringLat = new double[n], ringLon = new double[n];
        for (int i = 0; i < n; i++)
        {
            ringLat[i] = shell.GetY(i);
            ringLon[i] = shell.GetX(i);
        }

        return new Piece(inside.Y, inside.X, population, ringLat, ringLon);
    }

    /// <summary>One sample piece of a polygon.</summary>
    /// <param name="Lat">Latitude of the representative point (inside the piece), degrees.</param>
    /// <param name="Lon">Longitude of the representative point, degrees.</param>
    /// <param name="Population">The piece's share of the polygon's people.</param>
    /// <param name="RingLat">Latitudes of the piece's outer ring (not closed).</param>
    /// <param name="RingLon">Longitudes of the piece's outer ring (not closed).</param>
    internal readonly record struct Piece(double Lat, double Lon, double Population, double[] RingLat, double[] RingLon);
}
