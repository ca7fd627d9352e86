using System;
using System.Collections.Generic;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>The model did not produce a valid value in <see cref="ToolRunner.ExtractAsync{T}(string, System.Threading.CancellationToken)"/>, even after being shown its error.</summary>
public sealed class ToolExtractionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolExtractionException(string message, IReadOnlyList<ChatMessage> messages) : base(message) => Messages = messages;

    /// <summary>The conversation of the attempt, including the model's invalid arguments and the errors it was shown.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }
}
