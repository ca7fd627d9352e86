using System;

namespace ToolGen;

/// <summary>Behavioral hints declared on a tool with <see cref="ToolAttribute"/>.</summary>
[Flags]
public enum ToolHints
{
    /// <summary>No hints.</summary>
    None = 0,
    /// <summary>See <see cref="ToolAttribute.ReadOnly"/>.</summary>
    ReadOnly = 1,
    /// <summary>See <see cref="ToolAttribute.Destructive"/>.</summary>
    Destructive = 2,
    /// <summary>See <see cref="ToolAttribute.Idempotent"/>.</summary>
    Idempotent = 4,
    /// <summary>See <see cref="ToolAttribute.RequiresApproval"/>.</summary>
    RequiresApproval = 8,
}
