using System.Globalization;
using System.Text.Json;

namespace EmsCoverage.Cli;

/// <summary>Formatting shared by every report: culture-invariant numbers, JSON options, CSV quoting, shares.</summary>
internal static class ReportFormat
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };
    public static readonly JsonSerializerOptions CompactJson = new();

    /// <summary>Rounds half away from zero, so 0.5 people read as 1 in every file.</summary>
    public static double Round(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);

    /// <summary>"12.3 %", or "–" when the whole is zero.</summary>
    public static string Share(double part, double whole) => whole > 0 ? (part / whole).ToString("0.0 %", Inv) : "–";

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break.</summary>
    public static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
