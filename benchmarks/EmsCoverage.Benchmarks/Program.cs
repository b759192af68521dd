using BenchmarkDotNet.Running;

namespace EmsCoverage.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
#if DEBUG
        Console.Error.WriteLine("Benchmarks built in Debug: numbers are meaningless. Run with -c Release.");
#endif
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
