using System;

namespace ToolGen;

/// <summary>Behavioral hints declared on a tool with <see cref="ToolAttribute"/>.</summary>
[Flags]
public enum ToolHints
{
    /// <summary>No hints.</summary>
    None = 0,
    /// <summary>See <see cref="ToolAttribute.ReadOnly"/>.</summary>
    ReadOnly = ToolGen.Shared.ToolHintBits.ReadOnly,
    /// <summary>See <see cref="ToolAttribute.Destructive"/>.</summary>
    Destructive = ToolGen.Shared.ToolHintBits.Destructive,
    /// <summary>See <see cref="ToolAttribute.Idempotent"/>.</summary>
    Idempotent = ToolGen.Shared.ToolHintBits.Idempotent,
    /// <summary>See <see cref="ToolAttribute.RequiresApproval"/>.</summary>
    RequiresApproval = ToolGen.Shared.ToolHintBits.RequiresApproval,
    /// <summary>See <see cref="ToolAttribute.OpenWorld"/>.</summary>
    OpenWorld = ToolGen.Shared.ToolHintBits.OpenWorld,
}
