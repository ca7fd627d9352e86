using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Model;

/// <summary>
/// One parsed <c>[Tool]</c> method, the type declaring it (whose <see cref="ToolContainerSpec.Tools"/> is empty) and the
/// object types its parameters and result use.
/// </summary>
internal sealed record ParsedTool(ToolContainerSpec Container, ToolSpec Tool, EquatableArray<ObjectSpec> Objects);
