using System.Diagnostics;

namespace EmsCoverage.Reporting.Tests;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package) for checking the report as a browser draws it: the DOM after the
/// page's scripts ran (<c>--dump-dom</c>) and a screenshot. Offline flags; a fresh profile per run.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser binary: $EMSCOV_CHROMIUM, else the first of chromium / chromium-browser / google-chrome on PATH.
    /// Fails the test, saying what to install, when there is none.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("EMSCOV_CHROMIUM") is { Length: > 0 } configured)
        {
            Assert.True(File.Exists(configured), $"EMSCOV_CHROMIUM names '{configured}', which does not exist.");
            return configured;
        }

        string? exe = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(n => Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);
        if (exe is null)
        {
            Assert.Fail("Chromium is not installed, so the HTML report cannot be checked in a browser: install Debian's chromium " +
                "(`apt-get install -y chromium`; .ci/run does this when run as root), or set EMSCOV_CHROMIUM to a Chromium or Chrome binary.");
        }

        return exe;
    }

    /// <summary>The DOM of <paramref name="page"/> after its scripts ran.</summary>
    public static string DumpDom(string page) => Run(page, "--dump-dom").Stdout;

    /// <summary>A PNG screenshot of <paramref name="page"/> at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static void Screenshot(string page, string png, int width, int height) =>
        Run(page, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars");

    private static (string Stdout, string Stderr) Run(string page, params string[] extra)
    {
        string exe = Find();
        string profile = Path.Combine(Path.GetTempPath(), "emscov-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            foreach (string arg in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                $"--user-data-dir={profile}", "--virtual-time-budget=10000", .. extra, new Uri(Path.GetFullPath(page)).AbsoluteUri])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{exe} did not finish within 3 minutes on {page}.");
            }

            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{exe} exited with {process.ExitCode}: {stderr.Result}");
            return (stdout.Result, stderr.Result);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
