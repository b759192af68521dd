using System.Globalization;

namespace EmsCoverage.Reporting;

/// <summary>Colours and number formats shared by the HTML page and the PNGs, so both look the same on a slide.</summary>
internal static class ReportStyle
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string BaseColour = "#0b2e59";
    public const string SuggestionColour = "#6a3d9a";
    public const string MapBackground = "#f3f1ec";
    public const string GapOutline = "#67000d";

    /// <summary>Lower bounds (people) of the gap shading classes, and their fills (light to dark).</summary>
    public static readonly (double From, string Colour)[] GapClasses =
    [
        (0, "#fdd49e"),
        (50, "#fc8d59"),
        (200, "#e34a33"),
        (1000, "#b30000"),
    ];

    /// <summary>Fills of the reached areas, smallest break first (darkest), larger breaks lighter.</summary>
    private static readonly string[] IsochroneColours = ["#1b7837", "#5aae61", "#a6dba0", "#d9f0d3", "#e7f5e4"];

    /// <summary>Line colours of the zones in the charts (overall is drawn in <see cref="OverallColour"/>).</summary>
    private static readonly string[] ZoneColours = ["#1f78b4", "#e66101", "#33a02c", "#6a3d9a", "#b15928", "#a6761d", "#e7298a", "#666666"];

    public const string OverallColour = "#222222";

    /// <summary>Road colour and line width (pixels) per class.</summary>
    public static (string Colour, double Width) Road(RoadClass c) => c switch
    {
        RoadClass.Fast => ("#5f5f5f", 3.0),
        RoadClass.Main => ("#858585", 1.8),
        _ => ("#b9b9b9", 0.9),
    };

    public static string RoadLabel(RoadClass c) => c switch
    {
        RoadClass.Fast => "fast roads (70 km/h and more)",
        RoadClass.Main => "main roads (45–70 km/h)",
        _ => "local roads",
    };

    public static string IsochroneColour(int breakIndexAscending) => IsochroneColours[Math.Min(breakIndexAscending, IsochroneColours.Length - 1)];

    public static string ZoneColour(int zoneIndex) => ZoneColours[zoneIndex % ZoneColours.Length];

    public static string GapColour(double population)
    {
        string colour = GapClasses[0].Colour;
        foreach (var (from, c) in GapClasses)
        {
            if (population >= from)
            {
                colour = c;
            }
        }

        return colour;
    }

    /// <summary>Legend label of gap class <paramref name="i"/>, e.g. "50–199 people".</summary>
    public static string GapClassLabel(int i) => i == GapClasses.Length - 1
        ? string.Create(Inv, $"{GapClasses[i].From:N0} people and more")
        : string.Create(Inv, $"{(i == 0 ? "fewer than " + GapClasses[1].From.ToString("N0", Inv) : $"{GapClasses[i].From:N0}–{GapClasses[i + 1].From - 1:N0}")} people");

    public static string People(double n) => Math.Round(n).ToString("N0", Inv);

    public static string Share(double share) => (share * 100).ToString("0.0", Inv) + " %";

    public static string Percent(double share) => (share * 100).ToString("0.#", Inv) + " %";

    public static string Minutes(double minutes) => minutes.ToString("0.#", Inv) + " min";

    /// <summary>"10–14.5 min by road", "12 min by road" or "not reachable by road".</summary>
    public static string GapTimes(ReportGap g) => g.BestTimeMin is not { } best
        ? "not reachable by road"
        : g.WorstTimeMin is { } worst && Math.Abs(worst - best) >= 0.05
            ? string.Create(Inv, $"{best:0.#}–{worst:0.#} min by road")
            : string.Create(Inv, $"{best:0.#} min by road");

    public static IEnumerable<double> StandardsAscending(CoverageReport report) =>
        report.Zones.Where(z => z.StandardMin is > 0 && z.Population > 0).Select(z => z.StandardMin!.Value).Distinct().Order();

    public static string DataDate(CoverageReport report) => report.DataDate is { } d
        ? string.Create(Inv, $"OpenStreetMap data of {d:yyyy-MM-dd}")
        : "OpenStreetMap data of unknown date";
}
