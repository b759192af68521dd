namespace EmsCoverage.Osm.Tests;

internal static class Tags
{
    /// <summary>Parses <c>"highway=primary|maxspeed=50;30"</c> ('|' separates tags, so values may contain ';').</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            tags[pair[..eq]] = pair[(eq + 1)..];
        }

        return tags;
    }
}
