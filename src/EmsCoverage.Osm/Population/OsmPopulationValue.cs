using System.Globalization;

namespace EmsCoverage.Osm.Population;

/// <summary>Reads OSM <c>population</c> tag values.</summary>
internal static class OsmPopulationValue
{
    /// <summary>
    /// Parses a whole number of people, with or without thousands separators: <c>8331</c>, <c>8,331</c>,
    /// <c>8.331</c>, <c>8 331</c> (also no-break and thin spaces), <c>8'331</c> and <c>1,234,567</c> are all read.
    /// </summary>
    /// <remarks>
    /// With separators the first group has 1–3 digits and every later group exactly 3, all with the same separator;
    /// anything else (<c>8.5</c>, <c>8,33</c>, <c>1.234,5</c>, <c>~1200</c>, <c>1200;1300</c>, <c>-5</c>, words) is
    /// refused rather than guessed, so <c>1.234</c> is 1234 people, never one and a bit.
    /// </remarks>
    /// <param name="text">The tag value; null or blank is refused.</param>
    /// <param name="population">The number of people (0 or more) when the value was read, else 0.</param>
    /// <returns>True when <paramref name="text"/> is a population value.</returns>
    public static bool TryParse(string? text, out double population)
    {
        population = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan().Trim();
        if (s.Length > 20)
        {
            return false;
        }

        Span<char> digits = stackalloc char[20];
        int count = 0;
        char separator = '\0';
        int groupLength = 0;
        int groups = 0;
        foreach (char c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
                groupLength++;
                continue;
            }

            if (!IsSeparator(c) || (separator != '\0' && c != separator) || groupLength == 0)
            {
                return false;
            }

            separator = c;
            if ((groups == 0 && groupLength > 3) || (groups > 0 && groupLength != 3))
            {
                return false;
            }

            groups++;
            groupLength = 0;
        }

        if (count == 0 || (groups > 0 && groupLength != 3))
        {
            return false;
        }

        if (!long.TryParse(digits[..count], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return false;
        }

        population = value;
        return true;
    }

    private static bool IsSeparator(char c) => c is ',' or '.' or ' ' or '\'' or '\u2019' or '\u00A0' or '\u202F' or '\u2009';
}
