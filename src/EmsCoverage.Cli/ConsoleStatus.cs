using System.Text;
using Spectre.Console;

namespace EmsCoverage.Cli;

/// <summary>What the process's console can show: decided once in <c>Main</c>; tests use <see cref="None"/>.</summary>
/// <param name="StderrIsTerminal">Standard error is a terminal (not redirected to a file or a pipe).</param>
/// <param name="StdoutIsTerminal">Standard output is a terminal.</param>
/// <param name="NoColor">Colours are off: <c>NO_COLOR</c> is set to a non-empty value (https://no-color.org).</param>
internal sealed record TerminalInfo(bool StderrIsTerminal, bool StdoutIsTerminal, bool NoColor)
{
    /// <summary>Neither stream is a terminal: plain text, no colours (what tests and redirected runs get).</summary>
    public static readonly TerminalInfo None = new(false, false, true);

    /// <summary>The real console of this process.</summary>
    public static TerminalInfo Detect() =>
        new(!Console.IsErrorRedirected, !Console.IsOutputRedirected, NoColorRequested(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>NO_COLOR turns colours off when it holds any non-empty value.</summary>
    public static bool NoColorRequested(string? value) => !string.IsNullOrEmpty(value);
}

/// <summary>How progress and notes reach standard error.</summary>
internal enum StatusMode
{
    /// <summary>Every line as written: one line per step (stderr redirected, tests).</summary>
    Plain,

    /// <summary>Spinners and progress bars (stderr is a terminal).</summary>
    Live,

    /// <summary>Nothing (<c>--quiet</c>); errors are still reported by <see cref="Program"/> on the real stderr.</summary>
    Quiet,
}

/// <summary>
/// The standard error every verb writes its progress and notes to, as plain lines. <see cref="StatusMode.Plain"/>
/// passes them through unchanged; <see cref="StatusMode.Quiet"/> drops them; <see cref="StatusMode.Live"/> turns a
/// line ending in "..." (a long step starting: reading the extract, searching, drawing, writing) into a spinner that
/// turns into a tick when the next step starts, a counted job (<see cref="Counter"/>) into a progress bar, and prints
/// any other line above them. The verbs need not know which: they write lines.
/// </summary>
internal sealed class StatusWriter : TextWriter
{
    private const int MaxDescription = 40;
    private readonly TextWriter _inner;
    private readonly StringBuilder _line = new();
    private readonly Lock _lock = new();
    private IAnsiConsole? _console;
    private ProgressContext? _live;
    private ProgressTask? _step;

    public StatusWriter(TextWriter inner)
    {
        _inner = inner;
    }

    public StatusMode Mode { get; set; } = StatusMode.Plain;

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        switch (Mode)
        {
            case StatusMode.Plain:
                _inner.Write(value);
                break;
            case StatusMode.Live:
                lock (_lock)
                {
                    if (value == '\n')
                    {
                        string line = _line.ToString();
                        _line.Clear();
                        EmitLive(line);
                    }
                    else if (value != '\r')
                    {
                        _line.Append(value);
                    }
                }

                break;
            default:
                break;
        }
    }

    public override void Write(string? value)
    {
        if (value is null || Mode == StatusMode.Quiet)
        {
            return;
        }

        if (Mode == StatusMode.Plain)
        {
            _inner.Write(value);
            return;
        }

        foreach (char c in value)
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        if (Mode == StatusMode.Plain)
        {
            _inner.Flush();
        }
    }

    /// <summary>
    /// A progress bar for a counted job of <paramref name="total"/> steps when live; null otherwise (the caller
    /// then writes its own lines, which quiet mode drops).
    /// </summary>
    public IProgress<int>? Counter(int total, string what)
    {
        lock (_lock)
        {
            if (Mode != StatusMode.Live || _live is null || total <= 0)
            {
                return null;
            }

            var task = _live.AddTask(Markup.Escape(Shorten($"  {what}")), autoStart: true, maxValue: total);
            return new Progress(task);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/>; when live, inside a progress display on the real stderr that ends (with every
    /// step ticked off) before this returns or throws, so error messages and results print below it.
    /// </summary>
    public int Run(Func<int> action, TerminalInfo terminal)
    {
        if (Mode != StatusMode.Live)
        {
            return action();
        }

        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = terminal.NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(_inner),
        });
        return _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                lock (_lock)
                {
                    _live = context;
                }

                try
                {
                    return action();
                }
                finally
                {
                    lock (_lock)
                    {
                        if (_line.Length > 0)
                        {
                            EmitLive(_line.ToString());
                            _line.Clear();
                        }

                        FinishStep();
                        context.Refresh(); // the last state, every step ticked off, stays on screen
                        _live = null;
                    }
                }
            });
    }

    private void EmitLive(string line)
    {
        string trimmed = line.Trim();
        if (_live is not null && trimmed.EndsWith("...", StringComparison.Ordinal))
        {
            FinishStep();
            _step = _live.AddTask(Markup.Escape(Shorten(trimmed[..^3].TrimEnd())), autoStart: true, maxValue: 1);
            _step.IsIndeterminate = true;
        }
        else if (_console is not null)
        {
            _console.WriteLine(line);
        }
        else
        {
            _inner.WriteLine(line);
        }
    }

    /// <summary>A step's words cut in the middle to fit one line of an 80-column terminal beside its bar and clock.</summary>
    internal static string Shorten(string text) => text.Length <= MaxDescription ? text : text[..(MaxDescription / 2 - 1)] + "…" + text[^(MaxDescription / 2)..];

    private void FinishStep()
    {
        if (_step is null)
        {
            return;
        }

        _step.IsIndeterminate = false;
        _step.Value = _step.MaxValue;
        _step.StopTask();
        _step = null;
    }

    private sealed class Progress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
