using System.Globalization;
using System.Text;
using EmsCoverage.Diagnostics;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace EmsCoverage.Osm;

/// <summary>
/// Reads a TOML file into Tomlyn's untyped model and walks it by hand, so that unknown keys, missing keys and values
/// of the wrong type or range all become an <see cref="InputDataException"/> naming the file and the key.
/// </summary>
/// <remarks>
/// Implementation note: binding to classes would ignore unknown keys (or report them without the file name), and
/// Tomlyn 2.x keys are case-sensitive, so a typo such as <c>Max_kmh</c> must be caught by walking the table. Shared
/// by the ambulance profile and the CLI's run configuration.
/// </remarks>
internal sealed class TomlWalker(string path)
{
    public InputDataException Error(string problem) => new(path, $"{path}: {problem}");

    public void CheckKeys(TomlTable table, string context, string[] known)
    {
        foreach (string key in table.Keys)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                string full = context.Length == 0 ? key : context + "." + key;
                string where = context.Length == 0 ? "at the top level" : $"in [{context}]";
                throw Error($"unknown key '{full}' {where} (known keys: {string.Join(", ", known)}; keys are case-sensitive snake_case)");
            }
        }
    }

    public TomlTable RequireTable(TomlTable table, string key, string context)
    {
        object value = Require(table, key, context);
        return value as TomlTable ?? throw Error($"'{Full(context, key)}' must be a table, found {Describe(value)}");
    }

    public string RequireString(TomlTable table, string key, string context)
    {
        object value = Require(table, key, context);
        return value as string ?? throw Error($"'{Full(context, key)}' must be a string, found {Describe(value)}");
    }

    public string? OptionalString(TomlTable table, string key, string context)
    {
        if (!table.TryGetValue(key, out object? value))
        {
            return null;
        }

        return value as string ?? throw Error($"'{Full(context, key)}' must be a string, found {Describe(value)}");
    }

    public bool RequireBool(TomlTable table, string key, string context)
    {
        object value = Require(table, key, context);
        return value is bool b ? b : throw Error($"'{Full(context, key)}' must be true or false, found {Describe(value)}");
    }

    public long RequireInteger(TomlTable table, string key, string context)
    {
        object value = Require(table, key, context);
        return value is long l ? l : throw Error($"'{Full(context, key)}' must be an integer, found {Describe(value)}");
    }

    public double RequireNumber(TomlTable table, string key, string context, double min, double max) =>
        OptionalNumber(table, key, context, min, max) ?? throw Error($"missing key '{Full(context, key)}'");

    public double? OptionalNumber(TomlTable table, string key, string context, double min, double max)
    {
        if (!table.TryGetValue(key, out object? value))
        {
            return null;
        }

        double number = value switch
        {
            long l => l,
            double d => d,
            _ => throw Error($"'{Full(context, key)}' must be a number, found {Describe(value)}"),
        };
        if (!(number >= min && number <= max))
        {
            throw Error($"'{Full(context, key)}' = {Fmt(number)} is out of range ({Fmt(min)} to {Fmt(max)})");
        }

        return number;
    }

    public string[] RequireStringArray(TomlTable table, string key, string context)
    {
        object value = Require(table, key, context);
        if (value is not TomlArray array)
        {
            throw Error($"'{Full(context, key)}' must be an array of strings, found {Describe(value)}");
        }

        var result = new string[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            result[i] = array[i] as string
                ?? throw Error($"'{Full(context, key)}' must contain only strings; item {i + 1} is {Describe(array[i])}");
        }

        return result;
    }

    private object Require(TomlTable table, string key, string context) =>
        table.TryGetValue(key, out object? value) && value is not null ? value : throw Error($"missing key '{Full(context, key)}'");

    private static string Full(string context, string key) => context.Length == 0 ? key : context + "." + key;

    /// <summary>Decodes UTF-8 <paramref name="bytes"/> and parses them as TOML; <paramref name="expected"/> names the
    /// kind of file for messages (e.g. "a TOML profile").</summary>
    public static TomlTable ParseDocument(byte[] bytes, string path, string expected)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InputDataException(path, $"{path}: not a UTF-8 text file ({expected} was expected)", ex);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        TomlTable root;
        try
        {
            SyntaxParser.ParseStrict(text, path, validate: true);
            root = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            // Tomlyn's message repeats the file path and position ("path(1,1) : error : ...") once per problem: keep
            // the first problem's words.
            string detail = ex.Message.Trim().Split('\n')[0].Trim();
            int marker = detail.IndexOf(" : error : ", StringComparison.Ordinal);
            if (marker >= 0)
            {
                detail = detail[(marker + " : error : ".Length)..];
            }

            throw new InputDataException(path, $"{path}: invalid TOML at line {ex.Line}, column {ex.Column}: {detail}", ex);
        }

        return root;
    }

    /// <summary>A value's kind and content in words, for messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the string \"{s}\"",
        long l => $"the integer {l}",
        double d => $"the number {Fmt(d)}",
        bool b => b ? "true" : "false",
        TomlTable => "a table",
        TomlArray => "an array",
        TomlTableArray => "an array of tables",
        _ => $"a {value.GetType().Name}",
    };

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
