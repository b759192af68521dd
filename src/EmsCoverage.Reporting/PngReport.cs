using NetTopologySuite.Geometries;
using ScottPlot;
using SkiaSharp;
using static EmsCoverage.Reporting.ReportStyle;

namespace EmsCoverage.Reporting;

/// <summary>
/// PNGs for slides, drawn with ScottPlot (SkiaSharp): a map of the roads, the areas reached within each standard, the
/// gap areas and the bases (<c>map.png</c>), and a chart of the people reached by minute with the standards marked beside
/// the covered share per zone against its target (<c>coverage-chart.png</c>).
/// </summary>
public static class PngReport
{
    /// <summary>Default map size in pixels (16:10, sharp on a projector).</summary>
    public const int MapWidth = 1600, MapHeight = 1200;

    /// <summary>Default chart size in pixels.</summary>
    public const int ChartWidth = 1800, ChartHeight = 720;

    private const string FontName = "DejaVu Sans";

    /// <summary>Writes the map as PNG.</summary>
    /// <param name="report">What to draw.</param>
    /// <param name="output">Where the PNG goes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void WriteMap(CoverageReport report, Stream output, int width = MapWidth, int height = MapHeight)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var plot = NewPlot();
        var layer = new MapLayer(report);
        plot.Add.Plottable(layer);
        plot.HideAxesAndGrid();
        plot.Axes.SquareUnits();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Color.FromHex(MapBackground);
        plot.Title(report.Title);
        plot.Axes.Title.Label.FontSize = 26;
        plot.Axes.Title.Label.Bold = true;
        var limits = layer.GetAxisLimits();
        double padX = (limits.Right - limits.Left) * 0.03, padY = (limits.Top - limits.Bottom) * 0.03;
        plot.Axes.SetLimits(limits.Left - padX, limits.Right + padX, limits.Bottom - padY, limits.Top + padY);

        var breaks = report.Isochrones.Select(i => i.BreakMin).Order().ToArray();
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "ambulance base", MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = Color.FromHex(BaseColour), MarkerLineColor = Colors.White, MarkerSize = 14, LineWidth = 0 });
        if (report.Suggestions.Count > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "extra base tried at a gap", MarkerShape = MarkerShape.OpenCircle, MarkerLineColor = Color.FromHex(SuggestionColour), MarkerLineWidth = 3, MarkerSize = 14, LineWidth = 0 });
        }

        for (int i = 0; i < breaks.Length; i++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"reached within {Minutes(breaks[i])}", FillColor = Color.FromHex(IsochroneColour(i)).WithAlpha(0.6), LineWidth = 0 });
        }

        for (int i = GapClasses.Length - 1; i >= 0; i--)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "gap: " + GapClassLabel(i), FillColor = Color.FromHex(GapClasses[i].Colour), LineWidth = 0 });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "roads", LineColor = Color.FromHex(Road(RoadClass.Main).Colour), LineWidth = 2 });
        plot.Legend.FontSize = 16;
        plot.ShowLegend(Alignment.LowerLeft);
        Save(plot, output, width, height);
    }

    /// <summary>Writes the chart as PNG: people reached by minute (left), covered share per zone against its target (right).</summary>
    /// <param name="report">What to draw.</param>
    /// <param name="output">Where the PNG goes.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void WriteChart(CoverageReport report, Stream output, int width = ChartWidth, int height = ChartHeight)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var curve = CurvePlot(report);
        using var shares = SharePlot(report);
        int leftWidth = (int)(width * 0.58);
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");
        surface.Canvas.Clear(SKColors.White);
        // Each plot clears the canvas it renders on: draw them apart and place the two images side by side.
        using (var left = SKImage.FromEncodedData(curve.GetImageBytes(leftWidth, height, ImageFormat.Png)))
        using (var right = SKImage.FromEncodedData(shares.GetImageBytes(width - leftWidth, height, ImageFormat.Png)))
        {
            surface.Canvas.DrawImage(left, 0, 0);
            surface.Canvas.DrawImage(right, leftWidth, 0);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        png.SaveTo(output);
    }

    private static Plot CurvePlot(CoverageReport r)
    {
        var plot = NewPlot();
        int minutes = r.Overall.PopulationWithinMinute.Count - 1;
        double[] xs = Enumerable.Range(0, minutes + 1).Select(m => (double)m).ToArray();
        foreach (var (name, z, colour, overall) in CurveSvg.Series(r))
        {
            double[] ys = z.PopulationWithinMinute.Select(v => z.Population > 0 ? 100 * v / z.Population : 0).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = name;
            line.Color = Color.FromHex(colour);
            line.LineWidth = overall ? 3.5f : 3;
            line.MarkerSize = 0;
            if (overall)
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        foreach (double std in StandardsAscending(r))
        {
            var v = plot.Add.VerticalLine(std);
            v.Color = Color.FromHex(BaseColour);
            v.LinePattern = LinePattern.Dashed;
            v.LineWidth = 2;
            v.LabelText = $"{std:0.#} min standard";
            v.LabelFontSize = 15;
            v.LabelBackgroundColor = Color.FromHex(BaseColour);
        }

        plot.Title("People reached by minute");
        plot.Axes.Title.Label.FontSize = 22;
        plot.XLabel("minutes from the call (turnout included)");
        plot.YLabel("share of the zone's people reached (%)");
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickGenerator = PercentTicks();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(10);
        plot.Axes.SetLimits(0, minutes, 0, 102);
        plot.Legend.FontSize = 16;
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot SharePlot(CoverageReport r)
    {
        var plot = NewPlot();
        var zones = r.Zones.Where(z => z.Population > 0).ToArray();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < zones.Length; i++)
        {
            var z = zones[i];
            string colour = z.MeetsTarget == false ? "#c0392b" : "#2e8b57";
            bars.Add(new Bar { Position = i, Value = 100 * z.CoveredShare, FillColor = Color.FromHex(colour), Label = Share(z.CoveredShare), LineWidth = 0 });
            ticks.Add(new Tick(i, $"{z.Name}\n{Minutes(z.StandardMin ?? 0)} standard", true));
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 18;
        barPlot.ValueLabelStyle.Bold = true;
        for (int i = 0; i < zones.Length; i++)
        {
            if (zones[i].TargetShare is { } t)
            {
                var target = plot.Add.Line(i - 0.45, 100 * t, i + 0.45, 100 * t);
                target.Color = Colors.Black;
                target.LineWidth = 3;
                target.LinePattern = LinePattern.Dashed;
                target.LegendText = i == 0 ? "target" : string.Empty;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Left.TickGenerator = PercentTicks();
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Title("Covered within the standard, per zone");
        plot.Axes.Title.Label.FontSize = 22;
        plot.YLabel("people covered (%)");
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.SetLimits(-0.6, zones.Length - 0.4, 0, 112);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Legend.FontSize = 16;
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericManual PercentTicks() =>
        new([.. Enumerable.Range(0, 6).Select(i => new Tick(i * 20, $"{i * 20} %", true))]);

    /// <summary>A plot in the report's font (DejaVu Sans is on Debian and in most Linux images; Skia falls back otherwise).</summary>
    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }

    private static void Save(Plot plot, Stream output, int width, int height)
    {
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        output.Write(png);
    }

    /// <summary>
    /// The map drawn straight on the Skia canvas: roads, reached areas (largest break below), gap areas, bases,
    /// suggested bases, gap rank labels, a scale bar and the attribution. Coordinates: x = longitude · cos(mid latitude),
    /// y = latitude, so square axis units keep the map's proportions.
    /// </summary>
    private sealed class MapLayer(CoverageReport report) : IPlottable
    {
        private static readonly double[] NiceSteps = [1, 2, 5, 10];
        private static readonly RoadClass[] RoadClasses = [RoadClass.Local, RoadClass.Main, RoadClass.Fast];
        private readonly double _cosLat = Math.Cos(MidLatitude(report) * Math.PI / 180);

        public bool IsVisible { get; set; } = true;

        public IAxes Axes { get; set; } = new Axes();

        public IEnumerable<LegendItem> LegendItems => [];

        public AxisLimits GetAxisLimits()
        {
            var env = new Envelope();
            foreach (var road in report.Roads)
            {
                env.ExpandToInclude(road.Line.EnvelopeInternal);
            }

            foreach (var iso in report.Isochrones)
            {
                env.ExpandToInclude(iso.Area.EnvelopeInternal);
            }

            foreach (var b in report.Bases)
            {
                env.ExpandToInclude(b.Lon, b.Lat);
            }

            if (env.IsNull)
            {
                return new AxisLimits(-1, 1, -1, 1);
            }

            return new AxisLimits(env.MinX * _cosLat, env.MaxX * _cosLat, env.MinY, env.MaxY);
        }

        public void Render(RenderPack rp)
        {
            var canvas = rp.Canvas;
            using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };

            // Reached areas below the roads (fills), their outlines above, so the streets stay readable.
            var breaks = report.Isochrones.Select(i => i.BreakMin).Order().ToList();
            var areas = report.Isochrones.OrderByDescending(i => i.BreakMin)
                .Select(i => (Path: PolygonPath(i.Area), Colour: SKColor.Parse(IsochroneColour(breaks.IndexOf(i.BreakMin))))).ToArray();
            foreach (var (path, colour) in areas)
            {
                fill.Color = colour.WithAlpha(110);
                canvas.DrawPath(path, fill);
            }

            foreach (var c in RoadClasses)
            {
                var (colour, width) = Road(c);
                using var path = new SKPath();
                foreach (var road in report.Roads.Where(r => r.Class == c))
                {
                    AddLine(path, road.Line.Coordinates, close: false);
                }

                stroke.Color = SKColor.Parse(colour).WithAlpha(230);
                stroke.StrokeWidth = (float)(width * 1.1);
                canvas.DrawPath(path, stroke);
            }

            foreach (var (path, colour) in areas)
            {
                stroke.Color = colour.WithAlpha(240);
                stroke.StrokeWidth = 2.5f;
                canvas.DrawPath(path, stroke);
                path.Dispose();
            }

            foreach (var g in report.Gaps.OrderBy(g => g.Population))
            {
                using var path = PolygonPath(g.Area);
                fill.Color = SKColor.Parse(GapColour(g.Population)).WithAlpha(225);
                canvas.DrawPath(path, fill);
                stroke.Color = SKColor.Parse(GapOutline).WithAlpha(200);
                stroke.StrokeWidth = 1;
                canvas.DrawPath(path, stroke);
            }

            using var font = new SKFont(SKTypeface.FromFamilyName(FontName, SKFontStyle.Bold), 19);
            using var text = new SKPaint { IsAntialias = true, Color = SKColor.Parse("#1d2733") };
            using var halo = new SKPaint { IsAntialias = true, Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = 5, StrokeJoin = SKStrokeJoin.Round };
            foreach (var g in report.Gaps.Take(5))
            {
                var p = Pixel(g.Area.InteriorPoint.X, g.Area.InteriorPoint.Y);
                Label(canvas, g.Rank.ToString(Inv), p.X + 10, p.Y - 8, font, text, halo);
            }

            foreach (var s in report.Suggestions)
            {
                var p = Pixel(s.Lon, s.Lat);
                stroke.Color = SKColor.Parse(SuggestionColour);
                stroke.StrokeWidth = 4;
                stroke.PathEffect = SKPathEffect.CreateDash([7, 5], 0);
                fill.Color = SKColors.White.WithAlpha(210);
                canvas.DrawCircle(p, 11, fill);
                canvas.DrawCircle(p, 11, stroke);
                stroke.PathEffect = null;
            }

            foreach (var b in report.Bases)
            {
                var p = Pixel(b.Lon, b.Lat);
                fill.Color = SKColors.White;
                canvas.DrawCircle(p, 12, fill);
                fill.Color = SKColor.Parse(BaseColour);
                canvas.DrawCircle(p, 9, fill);
                Label(canvas, b.Name, p.X + 16, p.Y + 7, font, text, halo);
            }

            DrawScaleBar(rp, canvas);
            DrawKeyFigures(rp, canvas);
            using var small = new SKFont(SKTypeface.FromFamilyName(FontName), 14);
            string credit = $"{report.Attribution} · {DataDate(report)}";
            var rect = rp.DataRect;
            float w = small.MeasureText(credit);
            fill.Color = SKColors.White.WithAlpha(200);
            canvas.DrawRect(rect.Right - w - 16, rect.Bottom - 26, w + 16, 26, fill);
            text.Color = SKColor.Parse("#3b4652");
            canvas.DrawText(credit, rect.Right - w - 8, rect.Bottom - 8, SKTextAlign.Left, small, text);
        }

        /// <summary>The headline in the top left corner: who is reached in time, how many are not, where.</summary>
        private void DrawKeyFigures(RenderPack rp, SKCanvas canvas)
        {
            var all = report.Overall;
            string[] lines =
            [
                $"{Share(all.CoveredShare)} reached within their zone's standard",
                $"{People(all.Covered)} of {People(all.Population)} people; {People(all.NotCovered)} not in time, in {report.Gaps.Count} gap area{(report.Gaps.Count == 1 ? string.Empty : "s")}",
                .. report.Zones.Where(z => z.Population > 0).Select(z =>
                    $"{z.Name} ({Minutes(z.StandardMin ?? 0)}): {Share(z.CoveredShare)}{(z.MeetsTarget == false ? $" – below the {Percent(z.TargetShare!.Value)} target" : string.Empty)}"),
            ];
            using var big = new SKFont(SKTypeface.FromFamilyName(FontName, SKFontStyle.Bold), 24);
            using var small = new SKFont(SKTypeface.FromFamilyName(FontName), 17);
            float width = Math.Max(big.MeasureText(lines[0]), lines.Skip(1).Max(l => small.MeasureText(l))) + 28;
            float height = 22 + 30 + ((lines.Length - 1) * 24);
            var rect = rp.DataRect;
            using var box = new SKPaint { IsAntialias = true, Color = SKColors.White.WithAlpha(225) };
            using var border = new SKPaint { IsAntialias = true, Color = SKColor.Parse("#9aa5b1"), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
            var r = new SKRect(rect.Left + 12, rect.Top + 12, rect.Left + 12 + width, rect.Top + 12 + height);
            canvas.DrawRoundRect(r, 6, 6, box);
            canvas.DrawRoundRect(r, 6, 6, border);
            using var text = new SKPaint { IsAntialias = true, Color = SKColor.Parse(BaseColour) };
            canvas.DrawText(lines[0], r.Left + 14, r.Top + 34, SKTextAlign.Left, big, text);
            text.Color = SKColor.Parse("#1d2733");
            for (int i = 1; i < lines.Length; i++)
            {
                text.Color = lines[i].Contains("below the", StringComparison.Ordinal) ? SKColor.Parse("#b3261e") : SKColor.Parse("#1d2733");
                canvas.DrawText(lines[i], r.Left + 14, r.Top + 34 + 8 + (i * 24), SKTextAlign.Left, small, text);
            }
        }

        private void DrawScaleBar(RenderPack rp, SKCanvas canvas)
        {
            var rect = rp.DataRect;
            var a = Axes.GetCoordinates(new Pixel(rect.Left, rect.Bottom));
            var b = Axes.GetCoordinates(new Pixel(rect.Right, rect.Bottom));
            double kmAcross = (b.X - a.X) * 111.32; // x units are degrees of latitude (longitude scaled by cos)
            if (!(kmAcross > 0))
            {
                return;
            }

            double target = kmAcross / 5;
            double step = Math.Pow(10, Math.Floor(Math.Log10(target)));
            double km = NiceSteps.Select(k => k * step).Last(v => v <= target);
            float px = (float)(km / kmAcross * rect.Width);
            float x0 = rect.Right - px - 24, y0 = rect.Bottom - 44;
            using var paint = new SKPaint { IsAntialias = true, Color = SKColor.Parse("#1d2733"), StrokeWidth = 3, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(x0, y0, x0 + px, y0, paint);
            canvas.DrawLine(x0, y0 - 7, x0, y0 + 1, paint);
            canvas.DrawLine(x0 + px, y0 - 7, x0 + px, y0 + 1, paint);
            using var font = new SKFont(SKTypeface.FromFamilyName(FontName), 15);
            using var text = new SKPaint { IsAntialias = true, Color = SKColor.Parse("#1d2733") };
            string label = km >= 1 ? $"{km:0.#} km".Replace(',', '.') : $"{km * 1000:0} m";
            canvas.DrawText(label, x0 + (px / 2), y0 - 10, SKTextAlign.Center, font, text);
        }

        private static void Label(SKCanvas canvas, string s, float x, float y, SKFont font, SKPaint text, SKPaint halo)
        {
            using var path = font.GetTextPath(s, new SKPoint(x, y));
            canvas.DrawPath(path, halo);
            canvas.DrawText(s, x, y, SKTextAlign.Left, font, text);
        }

        private SKPoint Pixel(double lon, double lat)
        {
            var p = Axes.GetPixel(new ScottPlot.Coordinates(lon * _cosLat, lat));
            return new SKPoint(p.X, p.Y);
        }

        private SKPath PolygonPath(Geometry g)
        {
            var path = new SKPath { FillType = SKPathFillType.EvenOdd };
            foreach (var polygon in GeoJsonText.Polygons(g))
            {
                AddLine(path, polygon.ExteriorRing.Coordinates, close: true);
                foreach (var hole in polygon.InteriorRings)
                {
                    AddLine(path, hole.Coordinates, close: true);
                }
            }

            return path;
        }

        private void AddLine(SKPath path, Coordinate[] points, bool close)
        {
            for (int i = 0; i < points.Length; i++)
            {
                var p = Pixel(points[i].X, points[i].Y);
                if (i == 0)
                {
                    path.MoveTo(p);
                }
                else
                {
                    path.LineTo(p);
                }
            }

            if (close)
            {
                path.Close();
            }
        }

        private static double MidLatitude(CoverageReport r)
        {
            double min = double.MaxValue, max = double.MinValue;
            foreach (var road in r.Roads)
            {
                min = Math.Min(min, road.Line.EnvelopeInternal.MinY);
                max = Math.Max(max, road.Line.EnvelopeInternal.MaxY);
            }

            foreach (var b in r.Bases)
            {
                min = Math.Min(min, b.Lat);
                max = Math.Max(max, b.Lat);
            }

            return min <= max ? (min + max) / 2 : 0;
        }
    }
}
