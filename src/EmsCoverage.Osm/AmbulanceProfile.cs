using System.Collections.Frozen;
using System.Security.Cryptography;
using EmsCoverage.Diagnostics;
using EmsCoverage.Travel;
using OsmSharp.Tags;

namespace EmsCoverage.Osm;

/// <summary>
/// Which OSM ways an ambulance may drive on, in which directions and how fast: loaded from a readable TOML file
/// (<c>data/profiles/ambulance.toml</c> is the shipped default, embedded in this assembly as <see cref="Default"/>).
/// </summary>
/// <remarks>
/// <para>The rules themselves (what the TOML keys mean, urban/rural, one-way, access) are documented in the
/// profile file and on <see cref="Evaluate(TagsCollectionBase?, DiagnosticBag?, long)"/>. The profile is immutable and safe to share between threads.</para>
/// <para><see cref="Sha256"/> is the hash of the file's bytes; it is stored in every network built with the
/// profile (<see cref="EmsCoverage.Graph.NetworkProvenance.ProfileSha256"/>).</para>
/// </remarks>
public sealed class AmbulanceProfile
{
    /// <summary>Name of the embedded default profile resource.</summary>
    internal const string DefaultResourceName = "EmsCoverage.Osm.Profiles.ambulance.toml";

    private static readonly Lazy<AmbulanceProfile> LazyDefault = new(LoadDefault);

    internal AmbulanceProfile(
        string name,
        string sha256,
        string sourceName,
        SpeedZone defaultZone,
        double maxSpeedFactor,
        double maxKmh,
        double minKmh,
        double walkKmh,
        IDictionary<string, HighwayClassSpeeds> highways,
        IEnumerable<string> allowedAccessValues,
        IEnumerable<string> deniedAccessValues,
        FerrySettings ferry,
        IDictionary<string, MaxSpeed> countrySpeeds)
    {
        Name = name;
        Sha256 = sha256;
        SourceName = sourceName;
        DefaultZone = defaultZone;
        MaxSpeedFactor = maxSpeedFactor;
        MaxKmh = maxKmh;
        MinKmh = minKmh;
        WalkKmh = walkKmh;
        Highways = highways.ToFrozenDictionary(StringComparer.Ordinal);
        AllowedAccessValues = allowedAccessValues.ToFrozenSet(StringComparer.Ordinal);
        DeniedAccessValues = deniedAccessValues.ToFrozenSet(StringComparer.Ordinal);
        Ferry = ferry;
        CountrySpeeds = countrySpeeds.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The shipped ambulance profile (<c>data/profiles/ambulance.toml</c>, embedded in this assembly).</summary>
    public static AmbulanceProfile Default => LazyDefault.Value;

    /// <summary>The profile's <c>name</c>, e.g. <c>ambulance</c>.</summary>
    public string Name { get; }

    /// <summary>Lower-case hex SHA-256 of the profile file's bytes.</summary>
    public string Sha256 { get; }

    /// <summary>Where the profile came from (the path as given, or a label for the embedded default).</summary>
    public string SourceName { get; }

    /// <summary>Zone of ways whose tags do not say whether they are urban or rural.</summary>
    public SpeedZone DefaultZone { get; }

    /// <summary>Multiplier applied to a tagged <c>maxspeed</c> (1.0 = drive at the posted limit).</summary>
    public double MaxSpeedFactor { get; }

    /// <summary>No arc is faster than this, in km/h.</summary>
    public double MaxKmh { get; }

    /// <summary>No drivable arc is slower than this, in km/h.</summary>
    public double MinKmh { get; }

    /// <summary>Speed for <c>maxspeed=walk</c>, in km/h.</summary>
    public double WalkKmh { get; }

    /// <summary>Drivable road classes (values of <c>highway=*</c>) and their default speeds.</summary>
    public IReadOnlyDictionary<string, HighwayClassSpeeds> Highways { get; }

    /// <summary>Access values that let an ambulance through (<c>yes</c>, <c>private</c>, <c>destination</c>, …).</summary>
    public IReadOnlySet<string> AllowedAccessValues { get; }

    /// <summary>Access values that keep an ambulance out (<c>no</c>, <c>agricultural</c>, …).</summary>
    public IReadOnlySet<string> DeniedAccessValues { get; }

    /// <summary>How ferries are used.</summary>
    public FerrySettings Ferry { get; }

    /// <summary>Country-coded limits, keyed like <c>DE:urban</c> (country upper case, rest lower case).</summary>
    public IReadOnlyDictionary<string, MaxSpeed> CountrySpeeds { get; }

    /// <summary>Lights-and-sirens driving (the <c>[sirens]</c> table), or null when the profile has none.</summary>
    public SirensSettings? Sirens { get; internal init; }

    /// <summary>Time bands (the <c>[time_bands.NAME]</c> tables) in file order; empty when the profile defines none.</summary>
    public IReadOnlyList<TimeBand> TimeBands { get; internal init; } = [];

    /// <summary>Congestion-zone polygons (GeoJSON) named by <c>congestion_zones</c>, resolved against the profile's
    /// folder; null when the profile names none.</summary>
    public string? CongestionZonesPath { get; internal init; }

    /// <summary>The time band called <paramref name="name"/>.</summary>
    /// <exception cref="InputDataException">The profile defines no band of that name; the message lists the bands it has.</exception>
    public TimeBand GetTimeBand(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TimeBands.FirstOrDefault(b => b.Name == name)
            ?? throw new InputDataException(SourceName, TimeBands.Count == 0
                ? $"{SourceName}: unknown time band '{name}': the profile defines no time bands (add [time_bands.{name}])"
                : $"{SourceName}: unknown time band '{name}' (the profile defines: {string.Join(", ", TimeBands.Select(b => b.Name))})");
    }

    /// <summary>Loads a profile from a TOML file.</summary>
    /// <param name="path">Path of the TOML file.</param>
    /// <exception cref="InputDataException">
    /// The file is missing, not valid TOML, has an unknown key, a missing key, or a value of the wrong type or out
    /// of range; the message names the file and the key.
    /// </exception>
    public static AmbulanceProfile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: file not found");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(path, $"{path}: cannot be read: {ex.Message}", ex);
        }

        return ProfileLoader.Parse(bytes, path);
    }

    /// <summary>
    /// Parses a profile from TOML text; <see cref="Sha256"/> is the hash of the text's UTF-8 bytes.
    /// </summary>
    /// <param name="toml">The TOML text.</param>
    /// <param name="sourceName">Name used in error messages and <see cref="SourceName"/>.</param>
    /// <exception cref="InputDataException">The text is not a valid profile; the message names <paramref name="sourceName"/> and the key.</exception>
    public static AmbulanceProfile Parse(string toml, string sourceName = "profile.toml")
    {
        ArgumentNullException.ThrowIfNull(toml);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return ProfileLoader.Parse(System.Text.Encoding.UTF8.GetBytes(toml), sourceName);
    }

    /// <summary>
    /// Decides how an ambulance may use a way with these tags.
    /// </summary>
    /// <remarks>
    /// <para><b>Class.</b> <c>highway=*</c> must be listed in the profile; <c>area=yes</c> is never drivable;
    /// <c>route=ferry</c> follows <see cref="Ferry"/>.</para>
    /// <para><b>Access.</b> The most specific of <c>emergency</c>, <c>motorcar</c>, <c>motor_vehicle</c>,
    /// <c>vehicle</c>, <c>access</c> that has a known value decides (so <c>access=no</c> + <c>emergency=yes</c> is
    /// drivable). <c>service=emergency_access</c> counts as <c>emergency=yes</c> unless <c>emergency</c> is tagged.
    /// Barriers on nodes are ignored (ambulance crews usually can open them).</para>
    /// <para><b>One-way.</b> The most specific of <c>oneway:emergency</c>, <c>oneway:motorcar</c>,
    /// <c>oneway:motor_vehicle</c>, <c>oneway:vehicle</c>, <c>oneway</c>: <c>yes/true/1</c> forward,
    /// <c>-1/reverse</c> backward, <c>no/false/0</c> both; <c>reversible</c>/<c>alternating</c> (time-dependent)
    /// both, with an info diagnostic. Implied one-way on <c>junction=roundabout/circular</c> and
    /// <c>highway=motorway/motorway_link</c>.</para>
    /// <para><b>Speed.</b> See the profile file: tagged limit × <see cref="MaxSpeedFactor"/> (capped), else the class
    /// default for the way's zone.</para>
    /// </remarks>
    /// <param name="tags">The way's tags (null: not drivable).</param>
    /// <param name="diagnostics">Receives data problems (unparsed maxspeed, reversible one-way, …); may be null.</param>
    /// <param name="wayId">OSM way id, used as the diagnostics' subject.</param>
    public WayRouting Evaluate(TagsCollectionBase? tags, DiagnosticBag? diagnostics = null, long wayId = 0) =>
        WayRules.Evaluate(this, tags, diagnostics, wayId);

    /// <summary>Convenience overload of <see cref="Evaluate(TagsCollectionBase?, DiagnosticBag?, long)"/> for a plain dictionary.</summary>
    public WayRouting Evaluate(IReadOnlyDictionary<string, string> tags, DiagnosticBag? diagnostics = null, long wayId = 0)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var collection = new TagsCollection();
        foreach (KeyValuePair<string, string> tag in tags)
        {
            collection.AddOrReplace(tag.Key, tag.Value);
        }

        return WayRules.Evaluate(this, collection, diagnostics, wayId);
    }

    internal static string HashHex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static AmbulanceProfile LoadDefault()
    {
        using Stream stream = typeof(AmbulanceProfile).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded default profile '{DefaultResourceName}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return ProfileLoader.Parse(copy.ToArray(), "ambulance.toml (embedded default profile)");
    }
}
