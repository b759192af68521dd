using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EmsCoverage.Reporting.Tests;

/// <summary>Reads what the tests check out of a report page (or Chromium's dump of its DOM) with plain patterns.</summary>
internal static partial class HtmlText
{
    /// <summary>The page with every script element's content removed (the inlined Leaflet code holds URLs in strings).</summary>
    public static string WithoutScripts(string html) => ScriptContent().Replace(html, "<script$1></script>");

    /// <summary>Attribute values of src, href, srcset, action, poster, formaction and xlink:href, outside scripts.</summary>
    public static IEnumerable<string> UrlAttributes(string html) =>
        UrlAttribute().Matches(WithoutScripts(html)).Select(m => m.Groups[2].Value);

    /// <summary>The cells of the table row holding <paramref name="rowAttribute"/> (e.g. data-zone="core"), by data-value key.</summary>
    public static Dictionary<string, string> Row(string html, string rowAttribute)
    {
        var row = Regex.Match(html, "<tr " + Regex.Escape(rowAttribute) + "[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no table row with {rowAttribute}");
        return ValueCell().Matches(row.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(StripTags(m.Groups[2].Value)));
    }

    /// <summary>The rows of the table with id <paramref name="tableId"/> that carry <paramref name="attribute"/>, by its value.</summary>
    public static List<string> RowKeys(string html, string tableId, string attribute)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{tableId}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table #{tableId}");
        return Regex.Matches(table.Groups[1].Value, $"<tr {attribute}=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    /// <summary>"20,889" → 20889; "80.7 %" → 80.7.</summary>
    public static double Number(string text) =>
        double.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal).Replace("%", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal).Trim(),
            CultureInfo.InvariantCulture);

    /// <summary>The map data the page script draws (the JSON in script#report-data).</summary>
    public static JsonDocument MapData(string html)
    {
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, "no map data in the page");
        return JsonDocument.Parse(m.Groups[1].Value);
    }

    /// <summary>The curve's polylines: series name, point count, last point's share (data-final-share).</summary>
    public static List<(string Series, int Points, double FinalShare)> CurveSeries(string html) =>
        Polyline().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value),
            m.Groups[3].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

    /// <summary>What the page script recorded per layer after drawing: features given, SVG paths drawn.</summary>
    public static Dictionary<string, (int Features, int Drawn)> RenderStatus(string dom) =>
        LayerStatus().Matches(dom).ToDictionary(m => m.Groups[1].Value,
            m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));

    public static int Count(string html, string pattern) => Regex.Count(html, pattern);

    private static string StripTags(string s) => Regex.Replace(s, "<[^>]*>", string.Empty);

    [GeneratedRegex("<script([^>]*)>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptContent();

    [GeneratedRegex("\\b(src|href|srcset|action|poster|formaction|xlink:href)\\s*=\\s*[\"']?([^\"'\\s>]*)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("<t[dh][^>]*data-value=\"([^\"]+)\"[^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)]
    private static partial Regex ValueCell();

    [GeneratedRegex("<polyline data-series=\"([^\"]*)\" data-final-share=\"([^\"]*)\"[^>]*points=\"([^\"]*)\"")]
    private static partial Regex Polyline();

    [GeneratedRegex("<span data-layer=\"([^\"]+)\" data-features=\"(\\d+)\" data-drawn=\"(\\d+)\"")]
    private static partial Regex LayerStatus();
}
