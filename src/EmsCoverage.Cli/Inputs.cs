using EmsCoverage.Diagnostics;
using EmsCoverage.Geo;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Stations;

namespace EmsCoverage.Cli;

/// <summary>A network ready for a run, with what reports say about its origin.</summary>
internal sealed record LoadedNetwork(RoadNetwork Network, NetworkDescription Description)
{
    /// <summary>The time band the network's travel times are for, or null for free-flow times.</summary>
    public string? TimeBand { get; init; }

    /// <summary>The network with free-flow (prepared) times when <see cref="Network"/> was re-timed, else null.</summary>
    public RoadNetwork? FreeFlowNetwork { get; init; }

    /// <summary>The routing index stored with a prepared network (format 1.1+), or null; column batches use it.</summary>
    public Routing.ContractionHierarchy? Hierarchy { get; init; }
}

/// <summary>Reads the inputs a verb names, turning every file problem into an <see cref="InputDataException"/>.</summary>
internal static class Inputs
{
    /// <summary>A prepared network file (recognised by its magic bytes) or an OSM extract.</summary>
    public static LoadedNetwork LoadNetwork(string path, string? profilePath, TextWriter stderr)
    {
        RequireFile(path, "network");
        if (IsPreparedNetwork(path) || path.EndsWith(".emsnet", StringComparison.OrdinalIgnoreCase))
        {
            var network = NetworkFile.Read(path);
            if (profilePath is not null)
            {
                var profile = LoadProfile(profilePath);
                if (!string.Equals(profile.Sha256, network.Provenance.ProfileSha256, StringComparison.Ordinal))
                {
                    throw new InputDataException(path,
                        $"{path}: was prepared with another travel profile than {profilePath}; run `emscov prepare` again with --profile {profilePath}.");
                }
            }

            stderr.WriteLine($"Loaded {path}: {network.NodeCount:N0} nodes, {network.ArcCount:N0} arcs.");
            var p = network.Provenance;
            var hierarchy = NetworkFile.HasHierarchy(NetworkFile.ReadHeader(path)) ? NetworkFile.ReadHierarchy(path, network) : null;
            return new LoadedNetwork(network, new NetworkDescription(p.SourceName, p.DataDate, p.SourceSha256, p.ProfileSha256)) { Hierarchy = hierarchy };
        }

        var result = ReadOsm(path, profilePath, stderr);
        var prov = result.Network.Provenance;
        return new LoadedNetwork(result.Network, new NetworkDescription(prov.SourceName, result.DataTimestamp, prov.SourceSha256, prov.ProfileSha256));
    }

    /// <summary>Builds the road network from an OSM extract.</summary>
    public static OsmNetworkResult ReadOsm(string path, string? profilePath, TextWriter stderr)
    {
        RequireFile(path, "OSM extract");
        var profile = profilePath is null ? AmbulanceProfile.Default : LoadProfile(profilePath);
        stderr.WriteLine($"Reading {path} ...");
        var result = new OsmNetworkReader(profile).Read(path);
        stderr.WriteLine($"Road network: {result.Network.NodeCount:N0} nodes, {result.Network.ArcCount:N0} arcs " +
            $"({result.Counts.DrivableWays:N0} drivable ways; {result.Counts.DanglingNodeRefs:N0} references to nodes missing from the extract skipped).");
        return result;
    }

    /// <summary>
    /// Stations from a CSV/GeoJSON file, or (for an OSM extract) its <c>emergency=ambulance_station</c> objects.
    /// </summary>
    public static IReadOnlyList<Station> LoadStations(string path, LoadedNetwork loaded, StationOptions options, DiagnosticBag diagnostics, TextWriter stderr)
    {
        RequireFile(path, "stations");
        if (IsOsmExtract(path))
        {
            var result = OsmStationReader.Read(path, new OsmStationOptions
            {
                IncludeAirRescue = options.IncludeAirBases,
                IncludeHospitals = options.IncludeHospitals,
                IncludeFireStations = options.IncludeFireStations,
                TurnoutTime = options.DefaultTurnout,
            });
            foreach (var d in result.Diagnostics.Items)
            {
                diagnostics.Add(d);
            }

            if (result.Stations.Count == 0)
            {
                throw new InputDataException(path,
                    $"{path}: has no usable ambulance station (emergency=ambulance_station{(options.IncludeHospitals ? ", amenity=hospital" : string.Empty)}{(options.IncludeFireStations ? ", amenity=fire_station" : string.Empty)}); " +
                    "give the bases in a CSV or GeoJSON file with --stations, or add --include-hospitals / --include-fire-stations.");
            }

            stderr.WriteLine($"Stations from {Path.GetFileName(path)}: {result.Stations.Count} ({string.Join(", ", result.Stations.Select(s => s.Name))}).");
            return result.Stations;
        }

        return StationFile.Read(path, diagnostics, new StationFileOptions
        {
            DefaultTurnoutTime = options.DefaultTurnout,
            ExpectedBounds = LatLonBounds.FromNetwork(loaded.Network, marginM: 2000),
        });
    }

    /// <summary>Points to report drive times for, in the stations' file formats (name and turnout ignored).</summary>
    public static IReadOnlyList<Station> LoadPoints(string path, LoadedNetwork loaded, DiagnosticBag diagnostics)
    {
        RequireFile(path, "points");
        return StationFile.Read(path, diagnostics, new StationFileOptions
        {
            ExpectedBounds = LatLonBounds.FromNetwork(loaded.Network, marginM: 2000),
        });
    }

    private static AmbulanceProfile LoadProfile(string path)
    {
        RequireFile(path, "profile");
        return AmbulanceProfile.Load(path);
    }

    private static void RequireFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new InputDataException(path, $"{path}: is a folder; the {what} must be a file.");
        }

        if (!File.Exists(path))
        {
            throw new InputDataException(path, $"{path}: file not found (the {what}).");
        }
    }

    private static bool IsPreparedNetwork(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read == 8 && head.SequenceEqual("EMSCNET\0"u8);
    }

    private static bool IsOsmExtract(string path) =>
        path.EndsWith(".pbf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".osm", StringComparison.OrdinalIgnoreCase);
}
