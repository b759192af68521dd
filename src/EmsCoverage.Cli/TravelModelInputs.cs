using System.Globalization;
using System.Text.Json;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo.Zones;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Travel;

namespace EmsCoverage.Cli;

/// <summary>The run configuration's <c>[travel]</c> table.</summary>
/// <param name="TimeBand">Time band to route in (a band of the profile), or null for free-flow speeds.</param>
/// <param name="CongestionZonesPath">Congestion-zone polygons replacing the profile's, or null.</param>
/// <param name="CompareBands">Bands for <c>--compare-bands</c>; empty = every band of the profile.</param>
internal sealed record TravelConfig(string? TimeBand, string? CongestionZonesPath, IReadOnlyList<string> CompareBands)
{
    /// <summary>No <c>[travel]</c> table: free-flow speeds, the profile's zones, all bands compared.</summary>
    public static TravelConfig None { get; } = new(null, null, []);
}

/// <summary>
/// The travel model of a run: the free-flow network as prepared, the profile's bands and sirens settings, and the
/// congestion zones placed on the network once. <see cref="ForBand"/> derives the network of one band in O(arcs).
/// </summary>
internal sealed class TravelModel
{
    public required RoadNetwork FreeFlow { get; init; }
    public required AmbulanceProfile Profile { get; init; }
    public required CongestionZoneArcs? Zones { get; init; }
    public required string? ZonesPath { get; init; }

    /// <summary>True when a run without a band still re-times (the profile's sirens factors are not all 1).</summary>
    public bool SirensApply => Profile.Sirens is { IsNeutral: false };

    /// <summary>The network for band <paramref name="bandName"/> (null: free flow, sirens applied); the free-flow
    /// network itself when nothing changes.</summary>
    public RoadNetwork ForBand(string? bandName)
    {
        TimeBand? band = bandName is null ? null : Profile.GetTimeBand(bandName);
        if (band is null && !SirensApply)
        {
            return FreeFlow;
        }

        return TravelTimeModel.Apply(FreeFlow, band, Profile.Sirens, Zones);
    }
}

/// <summary>Loads the travel model and applies <c>--time-band</c> / <c>time_band</c> to a loaded network.</summary>
internal static class TravelModelInputs
{
    /// <summary>
    /// Loads the model for <paramref name="loaded"/> (its profile: <paramref name="profilePath"/>, else the built-in one)
    /// and the congestion zones (<paramref name="zonesPath"/>, else the profile's).
    /// </summary>
    public static TravelModel Load(LoadedNetwork loaded, string? profilePath, string? zonesPath, TextWriter stderr) =>
        Load(loaded, LoadProfile(profilePath), zonesPath, stderr);

    private static AmbulanceProfile LoadProfile(string? profilePath) =>
        profilePath is null ? AmbulanceProfile.Default : AmbulanceProfile.Load(profilePath);

    private static TravelModel Load(LoadedNetwork loaded, AmbulanceProfile profile, string? zonesPath, TextWriter stderr)
    {
        string? zones = zonesPath ?? profile.CongestionZonesPath;
        return new TravelModel
        {
            FreeFlow = loaded.Network,
            Profile = profile,
            Zones = zones is null ? null : LoadZones(zones, loaded.Network, profile, stderr),
            ZonesPath = zones,
        };
    }

    /// <summary>
    /// The network to route on for <paramref name="bandName"/> (null: none asked). Re-times only when a band is asked
    /// for or the profile's sirens factors change speeds; otherwise returns <paramref name="loaded"/> as it is.
    /// </summary>
    public static LoadedNetwork Apply(LoadedNetwork loaded, string? profilePath, string? bandName, string? zonesPath, TextWriter stderr)
    {
        var profile = LoadProfile(profilePath);
        if (bandName is null && profile.Sirens is null or { IsNeutral: true })
        {
            return loaded;
        }

        var model = Load(loaded, profile, zonesPath, stderr);
        return Describe(loaded, model, bandName, stderr);
    }

    /// <summary>The loaded network re-timed for <paramref name="bandName"/>, with a line on stderr saying so.</summary>
    public static LoadedNetwork Describe(LoadedNetwork loaded, TravelModel model, string? bandName, TextWriter stderr)
    {
        var network = model.ForBand(bandName);
        if (ReferenceEquals(network, loaded.Network))
        {
            return loaded;
        }

        if (!loaded.Network.HasRoadClasses)
        {
            stderr.WriteLine("Warning: the network has no road classes (prepared by an older version): every arc gets the band's default multiplier; run `emscov prepare` again for per-class multipliers.");
        }

        if (bandName is not null && !string.Equals(model.Profile.Sha256, loaded.Description.ProfileSha256, StringComparison.Ordinal))
        {
            stderr.WriteLine($"Note: time band '{bandName}' comes from {model.Profile.SourceName}, not from the profile the network was prepared with.");
        }

        stderr.WriteLine($"Travel model: {(bandName is null ? "free flow" : $"time band '{bandName}'")}" +
            $"{(model.SirensApply ? ", lights-and-sirens factors" : string.Empty)}" +
            $"{(model.Zones is null ? string.Empty : $", {model.Zones.Zones.Count} congestion zone(s)")}.");
        // The stored routing index belongs to the prepared (free-flow) times: column batches on the re-timed network
        // build their own when it pays (ColumnEngine), never use a stale one.
        return loaded with { Network = network, Hierarchy = null, TimeBand = bandName, FreeFlowNetwork = loaded.FreeFlowNetwork ?? loaded.Network };
    }

    /// <summary>
    /// Reads congestion-zone polygons (GeoJSON) and places them on <paramref name="network"/>: each arc belongs to the
    /// first zone containing the midpoint between its end nodes. Each feature's numeric properties named after a band
    /// of <paramref name="profile"/> are its multipliers in that band.
    /// </summary>
    public static CongestionZoneArcs LoadZones(string path, RoadNetwork network, AmbulanceProfile profile, TextWriter stderr)
    {
        var diagnostics = new DiagnosticBag();
        var zones = ZoneLayer.Read(path, new ZoneLayerOptions(), diagnostics);
        var multipliers = ReadMultipliers(path, profile);
        var placed = new List<CongestionZone>(zones.Count);
        foreach (var zone in zones)
        {
            var bands = multipliers.TryGetValue(zone.Name, out var m) ? m : new Dictionary<string, double>(StringComparer.Ordinal);
            if (bands.Count == 0)
            {
                stderr.WriteLine($"Warning: {path}: congestion zone '{zone.Name}' gives no multiplier for any band of the profile ({string.Join(", ", profile.TimeBands.Select(b => b.Name))}); it changes nothing.");
            }

            placed.Add(new CongestionZone(zone.Name, bands));
        }

        var assigner = new ZoneAssigner(zones);
        var arcZone = new int[network.ArcCount];
        for (int a = 0; a < arcZone.Length; a++)
        {
            int t = network.ArcTail(a), h = network.ArcHead(a);
            arcZone[a] = assigner.ZoneOf((network.NodeLat(t) + network.NodeLat(h)) / 2, (network.NodeLon(t) + network.NodeLon(h)) / 2);
        }

        return new CongestionZoneArcs(arcZone, placed);
    }

    // name -> band -> multiplier, from the features' properties; a band property that is not a number in range is an error.
    private static Dictionary<string, Dictionary<string, double>> ReadMultipliers(string path, AmbulanceProfile profile)
    {
        var result = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var bandNames = profile.TimeBands.Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputDataException(path, $"{path}: congestion zones must be a GeoJSON FeatureCollection (with the multipliers as feature properties): {e.Message}", e);
        }

        using var disposeDocument = document;
        if (!document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        int number = 0;
        foreach (var feature in features.EnumerateArray())
        {
            number++;
            if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? name = properties.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "name", StringComparison.OrdinalIgnoreCase)).Value
                is { ValueKind: JsonValueKind.String } n ? n.GetString() : null;
            if (name is null)
            {
                continue;
            }

            if (!result.TryGetValue(name, out var bands))
            {
                result[name] = bands = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            foreach (var property in properties.EnumerateObject().Where(p => bandNames.Contains(p.Name)))
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out double value)
                    || !(value >= TravelModelLoader.MinMultiplier && value <= TravelModelLoader.MaxMultiplier))
                {
                    throw new InputDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"{path}: feature {number} ('{name}'): '{property.Name}' must be a speed multiplier from {TravelModelLoader.MinMultiplier} to {TravelModelLoader.MaxMultiplier}, found {property.Value.GetRawText()}"));
                }

                bands[property.Name] = value;
            }
        }

        return result;
    }
}
