using System.Text;

namespace EmsCoverage.Cli;

/// <summary>
/// Writes a run's output files so that a failed run leaves nothing half-written: every file goes to a temporary
/// name in the output folder first, and only when all of them are complete are they moved into place.
/// </summary>
internal sealed class AtomicOutput
{
    private readonly string _folder;
    private readonly List<(string Temp, string Final)> _pending = [];

    public AtomicOutput(string folder)
    {
        _folder = folder;
    }

    public string Folder => _folder;

    /// <summary>Writes one text file (UTF-8, LF) under a temporary name; it appears under <paramref name="fileName"/> on <see cref="Commit"/>.</summary>
    public void Write(string fileName, Action<TextWriter> write) =>
        WriteBytes(fileName, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    /// <summary>Writes one file from a stream under a temporary name; it appears under <paramref name="fileName"/> on <see cref="Commit"/>.</summary>
    public void WriteBytes(string fileName, Action<Stream> write)
    {
        Directory.CreateDirectory(_folder);
        string final = Path.Combine(_folder, fileName);
        string temp = Path.Combine(_folder, $".{fileName}.tmp-{Guid.NewGuid():N}");
        _pending.Add((temp, final));
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
        write(stream);
    }

    /// <summary>
    /// Writes one file by path, for writers that need a file rather than a stream (SQLite): <paramref name="write"/>
    /// gets a temporary path in the output folder (not yet existing); the file appears under
    /// <paramref name="fileName"/> on <see cref="Commit"/>.
    /// </summary>
    public void WriteFile(string fileName, Action<string> write)
    {
        Directory.CreateDirectory(_folder);
        string final = Path.Combine(_folder, fileName);
        string temp = Path.Combine(_folder, $".{fileName}.tmp-{Guid.NewGuid():N}");
        _pending.Add((temp, final));
        write(temp);
    }

    /// <summary>
    /// Runs <paramref name="write"/> against a new <see cref="AtomicOutput"/> for <paramref name="folder"/> and
    /// commits; if anything throws, the temporary files are deleted and the previous outputs stay as they were.
    /// </summary>
    public static void WriteTogether(string folder, Action<AtomicOutput> write)
    {
        var output = new AtomicOutput(folder);
        try
        {
            write(output);
            output.Commit();
        }
        catch
        {
            output.Abandon();
            throw;
        }
    }

    /// <summary>
    /// Moves every written file into place, all or none: each previous file is first renamed aside, and if any move
    /// fails (a folder in the way, a file held open), the files already moved in are removed and the previous ones
    /// put back before the exception is rethrown; call <see cref="Abandon"/> then to delete the temporary files.
    /// </summary>
    public void Commit()
    {
        var previous = new List<(string Final, string Aside)>();
        var placed = new List<string>();
        try
        {
            foreach (var (temp, final) in _pending)
            {
                if (File.Exists(final))
                {
                    string aside = Path.Combine(_folder, $".{Path.GetFileName(final)}.old-{Guid.NewGuid():N}");
                    File.Move(final, aside);
                    previous.Add((final, aside));
                }

                File.Move(temp, final);
                placed.Add(final);
            }
        }
        catch
        {
            foreach (string final in placed)
            {
                TryDelete(final);
            }

            foreach (var (final, aside) in previous)
            {
                try
                {
                    File.Move(aside, final, overwrite: true);
                }
                catch (IOException)
                {
                    // best effort: the previous file stays under its hidden name
                }
            }

            throw;
        }

        foreach (var (_, aside) in previous)
        {
            TryDelete(aside);
        }

        _pending.Clear();
    }

    /// <summary>Deletes the temporary files of an unfinished run.</summary>
    public void Abandon()
    {
        foreach (var (temp, _) in _pending)
        {
            TryDelete(temp);
            TryDelete(temp + "-journal"); // left by SQLite only if a GeoPackage writer was interrupted
        }

        _pending.Clear();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort: a leftover hidden file is harmless
        }
        catch (UnauthorizedAccessException)
        {
            // as above
        }
    }
}
