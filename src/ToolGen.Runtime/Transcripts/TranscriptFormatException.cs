using System;

namespace ToolGen.Transcripts;

/// <summary>
/// A transcript could not be read: it is not valid JSON, was written by a newer version of ToolGen, or breaks a rule of
/// the format (see <c>docs/transcripts.md</c>). Nothing was loaded. The message names the place of the problem, which
/// <see cref="Path"/> also holds.
/// </summary>
public sealed class TranscriptFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, starting with the path when it is known.</param>
    /// <param name="path">The JSON path of the problem (<c>$.messages[3].parts[0].data</c>), or null when unknown.</param>
    public TranscriptFormatException(string message, string? path) : base(message) => Path = path;

    /// <summary>Creates the exception with the exception that revealed the problem.</summary>
    /// <param name="message">What is wrong, starting with the path when it is known.</param>
    /// <param name="path">The JSON path of the problem, or null when unknown.</param>
    /// <param name="innerException">The exception that revealed the problem.</param>
    public TranscriptFormatException(string message, string? path, Exception? innerException) : base(message, innerException) => Path = path;

    /// <summary>The JSON path of the problem, for example <c>$.messages[3].role</c>; <c>$</c> for the whole document; null when unknown.</summary>
    public string? Path { get; }

    /// <summary>The exception for the problem <paramref name="problem"/> at <paramref name="path"/>: the message is "path: problem".</summary>
    internal static TranscriptFormatException At(string path, string problem, Exception? innerException = null) =>
        new(path + ": " + problem, path, innerException);
}
