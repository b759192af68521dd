using System.Buffers.Binary;
using CsCheck;
using EmsCoverage.Diagnostics;
using EmsCoverage.Geo;
using EmsCoverage.Geo.Population;
using EmsCoverage.Geo.Tests.Population;
using EmsCoverage.Geo.Zones;
using EmsCoverage.Graph;
using EmsCoverage.Osm;
using EmsCoverage.Osm.Population;
using EmsCoverage.Osm.Tests;
using OsmSharp.Streams;
using Xunit.Abstractions;

namespace EmsCoverage.Cli.Tests.Hard;

/// <summary>
/// Property-based fuzzing of the readers (CsCheck): small real inputs mutated by byte flips, overwrites, truncation,
/// insertion, deletion, duplicated chunks and planted huge integers. Every case must end in success or in the
/// documented <see cref="InputDataException"/>, within <see cref="CaseTimeLimit"/> (a hang fails the test, the case
/// running on its own thread) and allocating at most <see cref="AllocationLimitBytes"/> (a tiny file that claims huge
/// sizes must be refused, not believed).
/// </summary>
/// <remarks>
/// Iterations: <see cref="CasesPerTarget"/> per reader and seed file, about 4,000 reads in all, kept so that the whole
/// class runs in well under a minute on a 2-core machine. A failure prints CsCheck's seed; rerun one target with it
/// (environment variable <c>CsCheck_Seed</c>) to reproduce, or raise the iterations locally
/// (<c>CsCheck_Iter</c>) for a longer hunt.
/// </remarks>
public class ReaderFuzzTests(ITestOutputHelper output)
{
    /// <summary>Mutated cases per reader and seed file.</summary>
    public const int CasesPerTarget = 250;

    /// <summary>Longest a single read may take before the case counts as a hang (generous: the machine is shared).</summary>
    public static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Most bytes one read of a seed-sized file may allocate in all (garbage included: a mutated polygon 600 km wide
    /// is sampled on up to 250,000 squares and churns a few hundred MB); a claim of gigabytes believed goes over it.
    /// </summary>
    public const long AllocationLimitBytes = 1L << 30;

    private static readonly Lazy<string> SeedFolder = new(MakeSeeds);

    /// <summary>The fuzzed readers: a name, the seed file and the file name it is written under, and the read.</summary>
    public static TheoryData<string> Targets => [.. AllTargets.Select(t => t.Name)];

    private static readonly FuzzTarget[] AllTargets =
    [
        new("pbf-network", "tiny.osm.pbf", "tiny.osm.pbf", p => OsmNetworkReader.ReadFile(p)),
        new("pbf-stations", "stations.osm.pbf", "stations.osm.pbf", p => OsmStationReader.Read(p)),
        new("pbf-population", "population.osm.pbf", "population.osm.pbf", p => OsmPopulation.Read(p)),
        new("xml-network", "fixtures/osm/roundabout.osm", "in.osm", p => OsmNetworkReader.ReadFile(p)),
        new("xml-stations", "fixtures/osm/stations.osm", "in.osm", p => OsmStationReader.Read(p)),
        new("prepared-network", "tiny.emsnet", "in.emsnet", p => NetworkFile.Read(p)),
        new("geojson-stations", "fixtures/stations/good.geojson", "in.geojson", p => StationFile.Read(p, new DiagnosticBag())),
        // Sampled every 1 km, not 100 m: a mutated coordinate makes a polygon hundreds of km wide, sampled on up to
        // 250,000 squares; that is bounded, but slow enough on a loaded machine to crowd the time and allocation limits.
        new("geojson-population", "fixtures/population/vector/polygons.geojson", "in.geojson", p => PopulationFile.Read(p, new PopulationFileOptions { SampleSpacingM = 1000 }, new DiagnosticBag())),
        new("geojson-zones", "fixtures/zones/two-squares.geojson", "in.geojson", p => ZoneLayer.Read(p, null, new DiagnosticBag())),
        new("csv-stations", "fixtures/stations/good-semicolon-aliases.csv", "in.csv", p => StationFile.Read(p, new DiagnosticBag(), new StationFileOptions { ExpectedBounds = new LatLonBounds(46.5, 9, 47.5, 10) })),
        new("csv-population", "fixtures/population/vector/semicolon-thousands.csv", "in.csv", p => PopulationFile.Read(p, null, new DiagnosticBag())),
        new("toml-profile", "profiles/ambulance.toml", "profile.toml", p => AmbulanceProfile.Load(p)),
        new("toml-run-config", "demo/liechtenstein.toml", "run.toml", p => RunConfig.Load(p, null)),
        new("ascii-grid", "fixtures/population/raster/vaduz-utm32n.asc", "in.asc", p => PopulationFile.Read(p, null, new DiagnosticBag())),
        new("geotiff-real", "helsinki.tif", "in.tif", p => PopulationFile.Read(p, null, new DiagnosticBag())),
        new("geotiff-strips", "strips.tif", "in.tif", p => PopulationFile.Read(p, null, new DiagnosticBag())),
    ];

    [Theory]
    [MemberData(nameof(Targets))]
    public void MutatedInput_EndsInSuccessOrInputDataException_InBoundedTimeAndMemory(string name)
    {
        var target = AllTargets.Single(t => t.Name == name);
        byte[] seed = File.ReadAllBytes(target.SeedPath);
        Assert.True(seed.Length < 64 * 1024, $"seed {target.Seed} should be small ({seed.Length} bytes)");
        string folder = Directory.CreateTempSubdirectory("emscov-fuzz-").FullName;
        try
        {
            CopyCompanions(target, folder);
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            Mutations.Sample(
                mutations =>
                {
                    string outcome = ReadOnce(target, folder, Apply(seed, mutations));
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                },
                iter: CasesPerTarget,
                threads: 1,
                print: m => string.Join("; ", m.Select(x => x.ToString())));
            output.WriteLine($"{name}: {string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A tiny GeoTIFF or ASCII grid claiming up to 10^6 × 10^6 cells: refused with the documented error,
    /// without allocating for the claimed size.</summary>
    [Fact]
    public void RasterClaimingHugeSize_IsRefused_WithoutAllocatingForIt()
    {
        string folder = Directory.CreateTempSubdirectory("emscov-fuzz-").FullName;
        try
        {
            string tif = Path.Combine(SeedFolder.Value, "strips.tif");
            var target = new FuzzTarget("huge-raster", tif, "in.tif", p => PopulationFile.Read(p, null, new DiagnosticBag()));
            var asc = new FuzzTarget("huge-grid", tif, "in.asc", p => PopulationFile.Read(p, null, new DiagnosticBag()));
            Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[1, 1_000_000], Gen.Bool).Sample(
                (width, height, ascii) =>
                {
                    string outcome = ascii
                        ? ReadOnce(asc, folder, HardInputKit.Utf8($"ncols {width}\nnrows {height}\nxllcorner 9.5\nyllcorner 47.1\ncellsize 0.0001\nNODATA_value -9999\n1 2 3 4\n5 6 7 8\n"))
                        : ReadOnce(target, folder, PatchTiffSize(File.ReadAllBytes(tif), width, height));
                    Assert.True(outcome == nameof(InputDataException) || (long)width * height <= 16, $"{width} × {height}: {outcome}");
                },
                iter: CasesPerTarget,
                threads: 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A PBF whose second blob header claims any size up to 2 GB, or whose length prefix claims any header
    /// size: refused with the documented error, without allocating for the claim.</summary>
    [Fact]
    public void PbfClaimingHugeSizes_IsRefused_WithoutAllocatingForIt()
    {
        string folder = Directory.CreateTempSubdirectory("emscov-fuzz-").FullName;
        try
        {
            byte[] first = BadInputCatalogue.FirstBlob(File.ReadAllBytes(Path.Combine(SeedFolder.Value, "tiny.osm.pbf")));
            var target = new FuzzTarget("huge-pbf", string.Empty, "in.osm.pbf", p => OsmNetworkReader.ReadFile(p));
            Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Bool).Sample(
                (dataSize, headerSize, claimHeader) =>
                {
                    byte[] frame = BadInputCatalogue.Frame("OSMData", BadInputCatalogue.Field(1, new byte[16]));
                    if (claimHeader)
                    {
                        BinaryPrimitives.WriteInt32BigEndian(frame, headerSize);
                    }
                    else
                    {
                        byte[] header = [.. BadInputCatalogue.Field(1, "OSMData"u8.ToArray()), .. BadInputCatalogue.Field(3, dataSize)];
                        var prefix = new byte[4];
                        BinaryPrimitives.WriteInt32BigEndian(prefix, header.Length);
                        frame = [.. prefix, .. header, .. new byte[32]];
                    }

                    string outcome = ReadOnce(target, folder, [.. first, .. frame]);
                    Assert.Equal(nameof(InputDataException), outcome);
                },
                iter: CasesPerTarget,
                threads: 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>1 to 4 mutations of a seed.</summary>
    private static readonly Gen<Mutation[]> Mutations =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64], (k, p, v, l) => new Mutation(k, p, v, l)).Array[1, 4];

    /// <summary>One change to a byte array; positions and lengths are taken modulo the array's length.</summary>
    internal sealed record Mutation(int Kind, int Position, byte Value, int Length)
    {
        public override string ToString() => Kind switch
        {
            0 => $"flip bit {Value % 8} at {Position}",
            1 => $"set byte {Position} to {Value}",
            2 => $"truncate at {Position}",
            3 => $"insert {Length} × {Value} at {Position}",
            4 => $"delete {Length} at {Position}",
            5 => $"duplicate {Length} bytes at {Position}",
            6 => $"plant int.MaxValue at {Position}",
            _ => $"plant a digit run of {Length} at {Position}",
        };
    }

    internal static byte[] Apply(byte[] seed, Mutation[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var m in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            int at = m.Position % bytes.Count;
            int length = Math.Min(m.Length, bytes.Count - at);
            switch (m.Kind)
            {
                case 0:
                    bytes[at] ^= (byte)(1 << (m.Value % 8));
                    break;
                case 1:
                    bytes[at] = m.Value;
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Repeat(m.Value, m.Length));
                    break;
                case 4:
                    bytes.RemoveRange(at, length);
                    break;
                case 5:
                    bytes.InsertRange((m.Value * 7919) % bytes.Count, bytes.GetRange(at, length));
                    break;
                case 6:
                    // A huge count or size in either byte order, or as text.
                    byte[] big = (m.Value % 3) switch
                    {
                        0 => [0xFF, 0xFF, 0xFF, 0x7F],
                        1 => [0x7F, 0xFF, 0xFF, 0xFF],
                        _ => "2147483647"u8.ToArray(),
                    };
                    for (int i = 0; i < big.Length && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = big[i];
                    }

                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'9', m.Length));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Writes <paramref name="bytes"/> and reads them once on a thread of its own; returns "ok" or the
    /// documented exception's name, and fails on anything else, a hang or an outsized allocation.</summary>
    private static string ReadOnce(FuzzTarget target, string folder, byte[] bytes)
    {
        string path = Path.Combine(folder, target.FileName);
        File.WriteAllBytes(path, bytes);
        Exception? error = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                target.Read(path);
            }
#pragma warning disable CA1031 // the property classifies every exception
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        {
            IsBackground = true,
            Name = "fuzz case",
        };
        thread.Start();
        if (!thread.Join(CaseTimeLimit))
        {
            throw new TimeoutException($"{target.Name}: one read of a {bytes.Length}-byte file took longer than {CaseTimeLimit.TotalSeconds} s (a hang?)");
        }

        if (allocated > AllocationLimitBytes)
        {
            throw new InvalidOperationException($"{target.Name}: one read of a {bytes.Length}-byte file allocated {allocated / (1 << 20)} MB ({error?.GetType().Name ?? "ok"}: {error?.Message})");
        }

        return error switch
        {
            null => "ok",
            InputDataException e when e.Message.Contains(target.FileName, StringComparison.Ordinal) || e.Message.Contains(".prj", StringComparison.Ordinal) => nameof(InputDataException),
            InputDataException e => throw new InvalidOperationException($"{target.Name}: the message does not name the file: {e.Message}", e),
            _ => throw new InvalidOperationException($"{target.Name}: {error.GetType().Name} instead of {nameof(InputDataException)}: {error.Message}", error),
        };
    }

    private static void CopyCompanions(FuzzTarget target, string folder)
    {
        string prj = Path.ChangeExtension(target.SeedPath, ".prj");
        if (File.Exists(prj))
        {
            File.Copy(prj, Path.Combine(folder, Path.ChangeExtension(target.FileName, ".prj")));
        }
    }

    private static byte[] PatchTiffSize(byte[] bytes, int width, int height)
    {
        bytes = (byte[])bytes.Clone();
        int ifd = BitConverter.ToInt32(bytes, 4);
        int count = BitConverter.ToUInt16(bytes, ifd);
        for (int i = 0; i < count; i++)
        {
            int entry = ifd + 2 + (12 * i);
            ushort tag = BitConverter.ToUInt16(bytes, entry);
            if (tag is 256 or 257)
            {
                BitConverter.GetBytes((ushort)4).CopyTo(bytes, entry + 2);
                BitConverter.GetBytes(tag == 256 ? width : height).CopyTo(bytes, entry + 8);
            }
        }

        return bytes;
    }

    /// <summary>Seeds made at run time: tiny PBFs written from the OSM fixtures, a prepared network of one, a strip
    /// GeoTIFF, and a copy of the real Helsinki raster.</summary>
    private static string MakeSeeds()
    {
        string folder = Directory.CreateTempSubdirectory("emscov-fuzz-seeds-").FullName;
        WritePbf(TestData.Fixture("roundabout.osm"), Path.Combine(folder, "tiny.osm.pbf"));
        WritePbf(TestData.Fixture("stations.osm"), Path.Combine(folder, "stations.osm.pbf"));
        WritePbf(TestData.Fixture("population-basic.osm"), Path.Combine(folder, "population.osm.pbf"));
        NetworkFile.Write(OsmNetworkReader.ReadFile(TestData.Fixture("roundabout.osm")).Network, Path.Combine(folder, "tiny.emsnet"));
        TestTiff.Geographic(4, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 9.5, 47.15, 0.01, 0.01).Write(Path.Combine(folder, "strips.tif"));
        File.Copy(TestData.Shared("helsinki-population-2020-250m-EPSG3879.tif"), Path.Combine(folder, "helsinki.tif"));
        return folder;
    }

    private static void WritePbf(string xml, string pbf)
    {
        using var input = File.OpenRead(xml);
        using var outputStream = File.Create(pbf);
        var target = new PBFOsmStreamTarget(outputStream, compress: false); // raw blobs: mutations reach the protobuf decoding, not only zlib
        // The fixtures leave out the metadata the PBF encoder needs.
        target.RegisterSource(new XmlOsmStreamSource(input).Select(g =>
        {
            g.Version ??= 1;
            g.ChangeSetId ??= 1;
            g.TimeStamp ??= new DateTime(2021, 10, 28, 0, 0, 0, DateTimeKind.Utc);
            g.UserId ??= 1;
            g.UserName ??= "fixture";
            g.Visible ??= true;
            return g;
        }));
        target.Pull();
        target.Close();
    }

    private sealed record FuzzTarget(string Name, string Seed, string FileName, Action<string> Read)
    {
        public string SeedPath => Seed.Contains('/', StringComparison.Ordinal)
            ? Path.Combine(TestData.RepositoryRoot, "data", Seed)
            : Path.Combine(SeedFolder.Value, Seed);
    }
}
