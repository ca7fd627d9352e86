using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ToolGen.Chat;

namespace ToolGen.Extensions.AI;

/// <summary>
/// A ToolGen tool as a Microsoft.Extensions.AI <see cref="AIFunction"/>: its schema is the generated one, and invoking it
/// goes through the generated, reflection-free dispatcher. A tool error (invalid arguments, unknown values, a failure)
/// is returned as its message text, which FunctionInvokingChatClient passes to the model like any result.
/// </summary>
public sealed class ToolGenAIFunction : AIFunction
{
    private readonly JsonElement _schema;

    /// <summary>Wraps <paramref name="tool"/>.</summary>
    public ToolGenAIFunction(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        Tool = tool;
        using JsonDocument document = JsonDocument.Parse(tool.ParametersSchema);
        _schema = document.RootElement.Clone();
        if (!tool.OutputSchema.IsEmpty)
        {
            using JsonDocument output = JsonDocument.Parse(tool.OutputSchema);
            _returnSchema = output.RootElement.Clone();
        }
    }

    private readonly JsonElement? _returnSchema;

    /// <summary>The schema of the tool's JSON result (<see cref="ToolDescriptor.OutputSchema"/>), or null when it returns text or nothing.</summary>
    public override JsonElement? ReturnJsonSchema => _returnSchema;

    /// <summary>The wrapped tool.</summary>
    public ToolDescriptor Tool { get; }

    /// <inheritdoc/>
    public override string Name => Tool.Name;

    /// <inheritdoc/>
    public override string Description => Tool.Description;

    /// <inheritdoc/>
    public override JsonElement JsonSchema => _schema;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> AdditionalProperties { get; } = new Dictionary<string, object?>();

    /// <inheritdoc/>
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        byte[] json = JsonArguments.Write(arguments);
        var context = new ToolContext { Services = arguments.Services };
        ToolResult result = await Tool.InvokeAsync(json, context, cancellationToken).ConfigureAwait(false);
        if (!result.IsJson) return result.Content;
        using JsonDocument document = JsonDocument.Parse(result.Utf8Json);
        return document.RootElement.Clone();
    }
}

/// <summary>Conversions between ToolGen tool sets and Microsoft.Extensions.AI tools.</summary>
public static class ToolGenAIExtensions
{
    /// <summary>
    /// Each tool of <paramref name="tools"/> as an <see cref="AIFunction"/>, for <see cref="ChatOptions.Tools"/>. A tool
    /// that <see cref="ToolDescriptor.RequiresApproval"/> is wrapped in an <see cref="ApprovalRequiredAIFunction"/>, so a
    /// FunctionInvokingChatClient asks for approval (a <see cref="ToolApprovalRequestContent"/>) instead of running it.
    /// </summary>
    public static IList<AITool> AsAITools(this ToolSet tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var result = new List<AITool>(tools.Count);
        foreach (ToolDescriptor tool in tools) result.Add(tool.AsAIFunction());
        return result;
    }

    /// <summary>
    /// <paramref name="tool"/> as an <see cref="AIFunction"/>: a <see cref="ToolGenAIFunction"/>, wrapped in an
    /// <see cref="ApprovalRequiredAIFunction"/> when the tool <see cref="ToolDescriptor.RequiresApproval"/>.
    /// </summary>
    public static AIFunction AsAIFunction(this ToolDescriptor tool)
    {
        var function = new ToolGenAIFunction(tool);
        return tool.RequiresApproval ? new ApprovalRequiredAIFunction(function) : function;
    }

    /// <summary>
    /// <paramref name="function"/> as a ToolGen tool, so an app moving to ToolGen keeps its Microsoft.Extensions.AI tools in
    /// a <see cref="ToolSet"/>: the function's name, description and <see cref="AIFunctionDeclaration.JsonSchema"/> (as the
    /// parameters schema); a call parses the model's JSON arguments into <see cref="AIFunctionArguments"/> (with the call's
    /// <see cref="ToolContext.Services"/>) and runs <see cref="AIFunction.InvokeAsync"/>, which binds them as it does under
    /// FunctionInvokingChatClient. The result is the returned text, or the returned value as JSON (compact) written with the
    /// function's <see cref="AIFunction.JsonSerializerOptions"/> (<see cref="AIJsonUtilities.DefaultOptions"/> when it has
    /// none); a JSON string result becomes its text, and <see langword="null"/> becomes <see cref="ToolResult.Done"/>. An
    /// exception becomes a <see cref="ToolResultKind.Failed"/> result, as for generated tools. A function wrapped in an
    /// <see cref="ApprovalRequiredAIFunction"/> gets <see cref="ToolHints.RequiresApproval"/>; a
    /// <see cref="ToolGenAIFunction"/> gives back the descriptor it wraps.
    /// </summary>
    /// <exception cref="ArgumentException">The function's name is not a valid tool name (<c>^[a-zA-Z0-9_-]{1,64}$</c>).</exception>
    public static ToolDescriptor AsToolDescriptor(this AIFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.GetService(typeof(ToolGenAIFunction)) is ToolGenAIFunction own) return own.Tool;
        return AIFunctionTool.Create(function);
    }

    /// <summary>Each of <paramref name="functions"/> as a ToolGen tool (see <see cref="AsToolDescriptor"/>), in one <see cref="ToolSet"/>.</summary>
    /// <exception cref="ArgumentException">Two functions have the same name, or a name is not a valid tool name.</exception>
    public static ToolSet AsToolSet(this IEnumerable<AIFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var tools = new List<ToolDescriptor>();
        foreach (AIFunction function in functions) tools.Add(function.AsToolDescriptor());
        return ToolSet.Create(tools);
    }

    /// <summary><paramref name="client"/> as a ToolGen <see cref="IChatModel"/>, so a <see cref="ToolGen.Running.ToolRunner"/> can drive it.</summary>
    public static IChatModel AsChatModel(this IChatClient client, ChatOptions? options = null) => new ChatClientModel(client, options);
}
