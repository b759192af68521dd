namespace EmsCoverage.Diagnostics;

/// <summary>
/// An input file cannot be used at all (missing, truncated, wrong format, no usable content). The message
/// names the file and the problem in words a user can act on; the CLI maps it to exit code 3.
/// </summary>
public sealed class InputDataException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> with a message that already names the file.</summary>
    public InputDataException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = path;
    }

    /// <summary>Creates the exception without a file (e.g. an argument that names no file).</summary>
    public InputDataException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates the exception without a file, wrapping <paramref name="inner"/>.</summary>
    public InputDataException(string message, Exception inner)
        : base(message, inner)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public InputDataException()
        : this("Input data cannot be used.")
    {
    }

    /// <summary>The offending file as the user named it, or empty.</summary>
    public string FilePath { get; }
}
