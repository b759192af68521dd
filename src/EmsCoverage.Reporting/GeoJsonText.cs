using System.Text.Json;
using NetTopologySuite.Geometries;

namespace EmsCoverage.Reporting;

/// <summary>
/// Compact GeoJSON geometry for the page: coordinates rounded to 5 decimals (about a metre), longitude first,
/// repeated points after rounding dropped. Only what the report draws: points, lines, polygons and their multis.
/// </summary>
internal static class GeoJsonText
{
    public const int Decimals = 5;

    public static void WriteGeometry(Utf8JsonWriter w, Geometry g)
    {
        w.WriteStartObject();
        switch (g)
        {
            case Point p:
                w.WriteString("type", "Point");
                w.WritePropertyName("coordinates");
                WritePosition(w, p.Coordinate);
                break;
            case LineString l:
                w.WriteString("type", "LineString");
                w.WritePropertyName("coordinates");
                WriteLine(w, l.Coordinates);
                break;
            case Polygon p:
                w.WriteString("type", "Polygon");
                w.WritePropertyName("coordinates");
                WritePolygon(w, p);
                break;
            case MultiPolygon mp:
                w.WriteString("type", "MultiPolygon");
                w.WriteStartArray("coordinates");
                foreach (var part in mp.Geometries)
                {
                    WritePolygon(w, (Polygon)part);
                }

                w.WriteEndArray();
                break;
            case MultiLineString ml:
                w.WriteString("type", "MultiLineString");
                w.WriteStartArray("coordinates");
                foreach (var part in ml.Geometries)
                {
                    WriteLine(w, part.Coordinates);
                }

                w.WriteEndArray();
                break;
            case GeometryCollection gc:
                // Gaps are polygons; anything else is drawn through its polygonal parts.
                var polygons = gc.Geometries.SelectMany(Polygons).ToArray();
                w.WriteString("type", "MultiPolygon");
                w.WriteStartArray("coordinates");
                foreach (var p in polygons)
                {
                    WritePolygon(w, p);
                }

                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Geometry type {g.GeometryType} is not drawn in the report.", nameof(g));
        }

        w.WriteEndObject();
    }

    /// <summary>Lines of a MultiLineString made of <paramref name="lines"/>.</summary>
    public static void WriteMultiLine(Utf8JsonWriter w, IEnumerable<LineString> lines)
    {
        w.WriteStartObject();
        w.WriteString("type", "MultiLineString");
        w.WriteStartArray("coordinates");
        foreach (var line in lines)
        {
            WriteLine(w, line.Coordinates);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static IEnumerable<Polygon> Polygons(Geometry g) => g switch
    {
        Polygon p => [p],
        GeometryCollection c => c.Geometries.SelectMany(Polygons),
        _ => [],
    };

    public static double Round(double v) => Math.Round(v, Decimals, MidpointRounding.AwayFromZero);

    private static void WritePolygon(Utf8JsonWriter w, Polygon p)
    {
        w.WriteStartArray();
        WriteLine(w, p.ExteriorRing.Coordinates);
        foreach (var hole in p.InteriorRings)
        {
            WriteLine(w, hole.Coordinates);
        }

        w.WriteEndArray();
    }

    private static void WriteLine(Utf8JsonWriter w, Coordinate[] points)
    {
        w.WriteStartArray();
        double lastX = double.NaN, lastY = double.NaN;
        for (int i = 0; i < points.Length; i++)
        {
            double x = Round(points[i].X), y = Round(points[i].Y);
            if (x == lastX && y == lastY && i != points.Length - 1)
            {
                continue;
            }

            w.WriteStartArray();
            w.WriteNumberValue(x);
            w.WriteNumberValue(y);
            w.WriteEndArray();
            lastX = x;
            lastY = y;
        }

        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, Coordinate c)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Round(c.X));
        w.WriteNumberValue(Round(c.Y));
        w.WriteEndArray();
    }
}
