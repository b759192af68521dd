using SkiaSharp;

namespace EmsCoverage.Reporting.Tests;

public class PngReportTests
{
    private static SKBitmap Map(CoverageReport report)
    {
        using var s = new MemoryStream();
        PngReport.WriteMap(report, s);
        AssertPng(s.ToArray(), PngReport.MapWidth, PngReport.MapHeight);
        return SKBitmap.Decode(s.ToArray());
    }

    /// <summary>Checks the PNG signature and the size in its IHDR chunk, as any viewer reads them.</summary>
    internal static void AssertPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 8 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>Pixels within <paramref name="tolerance"/> (per channel) of <paramref name="hex"/>, in columns [x0, x1).</summary>
    internal static int CountNear(SKBitmap bitmap, string hex, int tolerance = 24, int x0 = 0, int x1 = int.MaxValue)
    {
        var c = SKColor.Parse(hex);
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = x0; x < Math.Min(x1, bitmap.Width); x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - c.Red) <= tolerance && Math.Abs(p.Green - c.Green) <= tolerance && Math.Abs(p.Blue - c.Blue) <= tolerance)
                {
                    n++;
                }
            }
        }

        return n;
    }

    [Fact]
    public void Map_DrawsTheGaps_AndTheBases()
    {
        var report = ReportFixture.Create();
        using var with = Map(report);
        using var withoutGaps = Map(report with { Gaps = [] });
        using var withoutBases = Map(report with { Bases = [] });

        // The legend shows the same colours, so compare against the same map without the layer.
        int gapPixels = CountNear(with, "#fc8d59", 30) - CountNear(withoutGaps, "#fc8d59", 30);
        Assert.True(gapPixels > 200, $"gap areas should add shaded pixels, added {gapPixels}");
        int basePixels = CountNear(with, ReportStyle.BaseColour, 20) - CountNear(withoutBases, ReportStyle.BaseColour, 20);
        Assert.True(basePixels > 150, $"two bases should add base-coloured pixels, added {basePixels}");
    }

    [Fact]
    public void Map_DrawsTheReachedAreas()
    {
        var report = ReportFixture.Create();
        using var with = Map(report);
        using var without = Map(report with { Isochrones = [] });
        int changed = 0;
        for (int y = 0; y < with.Height; y += 2)
        {
            for (int x = 0; x < with.Width; x += 2)
            {
                if (with.GetPixel(x, y) != without.GetPixel(x, y))
                {
                    changed++;
                }
            }
        }

        Assert.True(changed > 20_000, $"the 10- and 30-minute areas should tint a large part of the map, changed {changed} sampled pixels");
    }

    [Fact]
    public void Chart_HasTheCurveOnTheLeft_AndTheBarsOnTheRight()
    {
        var report = ReportFixture.Create();
        using var s = new MemoryStream();
        PngReport.WriteChart(report, s);
        AssertPng(s.ToArray(), PngReport.ChartWidth, PngReport.ChartHeight);
        using var bitmap = SKBitmap.Decode(s.ToArray());
        int split = (int)(PngReport.ChartWidth * 0.58);
        Assert.True(CountNear(bitmap, "#1f78b4", 10, 0, split) > 300, "the core zone's curve (first zone colour) on the left");
        Assert.True(CountNear(bitmap, "#e66101", 10, 0, split) > 300, "the rural zone's curve on the left");
        Assert.True(CountNear(bitmap, "#c0392b", 10, split) > 5_000, "a red bar for the zone below target on the right");
        Assert.True(CountNear(bitmap, "#2e8b57", 10, split) > 5_000, "a green bar for the zone meeting its target on the right");
        Assert.True(CountNear(bitmap, "#c0392b", 10, 0, split) < 50, "no bars on the curve's side");
    }

    [Fact]
    public void Pngs_AreTheSame_WhenDrawnTwice()
    {
        var report = ReportFixture.Create();
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        PngReport.WriteMap(report, a);
        PngReport.WriteMap(report, b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
