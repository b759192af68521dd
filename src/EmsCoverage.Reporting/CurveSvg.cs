using System.Text;
using static EmsCoverage.Reporting.ReportStyle;

namespace EmsCoverage.Reporting;

/// <summary>The people-by-minute curve as inline SVG: share of each zone's people reached within 0–60 minutes.</summary>
internal static class CurveSvg
{
    private const double Width = 860, Height = 380;
    private const double Left = 58, Right = 190, Top = 16, Bottom = 44;

    /// <summary>The zones drawn: those with people (the default zone only when someone lives there), then overall.</summary>
    public static IEnumerable<(string Name, ReportZone Zone, string Colour, bool Overall)> Series(CoverageReport r)
    {
        int i = 0;
        foreach (var z in r.Zones)
        {
            if (z.Population > 0)
            {
                yield return (z.Name, z, ZoneColour(i), false);
            }

            i++;
        }

        yield return ("all zones", r.Overall, OverallColour, true);
    }

    public static string Render(CoverageReport r)
    {
        var s = new StringBuilder();
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        int minutes = r.Overall.PopulationWithinMinute.Count - 1;
        double X(double m) => Left + (plotW * m / minutes);
        double Y(double share) => Top + (plotH * (1 - share));
        s.Append(string.Create(Inv, $"<svg class=\"curve\" id=\"curve-svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Share of people reached by minute\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"));
        for (int p = 0; p <= 100; p += 20)
        {
            double y = Y(p / 100.0);
            s.Append(string.Create(Inv, $"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e3e7ec\"/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"#5b6775\">{p} %</text>\n"));
        }

        for (int m = 0; m <= minutes; m += 10)
        {
            double x = X(m);
            s.Append(string.Create(Inv, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#eef1f4\"/><text x=\"{x:0.#}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\" fill=\"#5b6775\">{m}</text>\n"));
        }

        s.Append(string.Create(Inv, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 6}\" text-anchor=\"middle\" fill=\"#1d2733\">minutes from the call (turnout included)</text>\n"));
        foreach (double std in StandardsAscending(r))
        {
            double x = X(Math.Min(std, minutes));
            s.Append(string.Create(Inv, $"<line class=\"standard\" data-standard=\"{std}\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{Top + plotH}\" stroke=\"#0b2e59\" stroke-dasharray=\"5 4\" stroke-width=\"1.5\"/>"));
            s.Append(string.Create(Inv, $"<text x=\"{x + 4:0.#}\" y=\"{Top + plotH - 6}\" fill=\"#0b2e59\">{std:0.#} min standard</text>\n"));
        }

        int row = 0;
        foreach (var (name, z, colour, overall) in Series(r))
        {
            var points = new StringBuilder();
            for (int m = 0; m <= minutes; m++)
            {
                double share = z.Population > 0 ? z.PopulationWithinMinute[m] / z.Population : 0;
                points.Append(string.Create(Inv, $"{X(m):0.##},{Y(share):0.##} "));
            }

            double last = z.Population > 0 ? z.PopulationWithinMinute[minutes] / z.Population : 0;
            s.Append(string.Create(Inv,
                $"<polyline data-series=\"{HtmlReport.H(name)}\" data-final-share=\"{last:0.####}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(overall ? 3 : 2.2)}\"{(overall ? " stroke-dasharray=\"7 4\"" : string.Empty)} points=\"{points.ToString().TrimEnd()}\"/>\n"));
            double ly = Top + 14 + (row * 20);
            s.Append(string.Create(Inv,
                $"<line x1=\"{Left + plotW + 14}\" x2=\"{Left + plotW + 38}\" y1=\"{ly - 4}\" y2=\"{ly - 4}\" stroke=\"{colour}\" stroke-width=\"3\"{(overall ? " stroke-dasharray=\"7 4\"" : string.Empty)}/><text x=\"{Left + plotW + 44}\" y=\"{ly}\" fill=\"#1d2733\">{HtmlReport.H(name)}</text>\n"));
            row++;
        }

        s.Append(string.Create(Inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#9aa5b1\"/>\n"));
        s.Append("</svg>\n");
        return s.ToString();
    }
}
