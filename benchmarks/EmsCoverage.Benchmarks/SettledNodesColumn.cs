using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EmsCoverage.Benchmarks;

/// <summary>
/// Adds "Settled" (nodes settled per operation) and "ns/settled" to the summary. The benchmark process records
/// the settled count of each method in its setup (the count is deterministic for the data and seed); the host
/// reads it back here and divides the measured mean by it.
/// </summary>
internal static class SettledCounts
{
    private static string FilePath => Path.Combine(Path.GetTempPath(), "emscov-benchmark-settled-counts.txt");

    public static void Record(string benchmark, long settled)
    {
        lock (typeof(SettledCounts))
        {
            var all = ReadAll();
            all[benchmark] = settled;
            File.WriteAllLines(FilePath, all.Select(kv => $"{kv.Key}\t{kv.Value}"));
        }
    }

    public static Dictionary<string, long> ReadAll()
    {
        var result = new Dictionary<string, long>();
        if (File.Exists(FilePath))
        {
            foreach (string line in File.ReadAllLines(FilePath))
            {
                string[] parts = line.Split('\t');
                if (parts.Length == 2 && long.TryParse(parts[1], out long v))
                {
                    result[parts[0]] = v;
                }
            }
        }

        return result;
    }

    public static string Key(BenchmarkCase benchmarkCase) =>
        $"{benchmarkCase.Descriptor.Type.Name}.{benchmarkCase.Descriptor.WorkloadMethod.Name}{benchmarkCase.Parameters.DisplayInfo}";
}

internal sealed class SettledNodesColumn(bool perNode) : IColumn
{
    public string Id => perNode ? "NsPerUnit" : "Units";
    public string ColumnName => perNode ? "ns/unit" : "Units";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => perNode ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => perNode ? "Mean time divided by Units" : "Work per operation: nodes settled (searches) or demand cells (coverage evaluation)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (!SettledCounts.ReadAll().TryGetValue(SettledCounts.Key(benchmarkCase), out long settled) || settled == 0)
        {
            return "-";
        }

        if (!perNode)
        {
            return settled.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        var stats = summary[benchmarkCase]?.ResultStatistics;
        return stats is null ? "-" : (stats.Mean / settled).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

[AttributeUsage(AttributeTargets.Class)]
internal sealed class SettledColumnsAttribute : Attribute, BenchmarkDotNet.Configs.IConfigSource
{
    public BenchmarkDotNet.Configs.IConfig Config { get; } =
        BenchmarkDotNet.Configs.ManualConfig.CreateEmpty().AddColumn(new SettledNodesColumn(false), new SettledNodesColumn(true));
}
