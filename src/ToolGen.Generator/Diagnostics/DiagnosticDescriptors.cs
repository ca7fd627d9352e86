using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic ToolGen reports. IDs are stable forever; each has a page under docs/diagnostics. Errors mark tools the
/// generator cannot produce (it skips them); warnings mark tools it produces but a model will use badly.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category of every ToolGen diagnostic.</summary>
    public const string Category = "ToolGen";

    private const string GoodDescription = "a good tool description says what the tool does, when to use it (and when not) and what it returns";

    public const string TypeNotPartialId = "TG0001";
    public const string ContainingTypeNotPartialId = "TG0002";
    public const string GenericId = "TG0003";
    public const string MissingDescriptionId = "TG0004";
    public const string MissingParameterDescriptionId = "TG0005";
    public const string VagueDescriptionId = "TG0006";
    public const string DescriptionTooLongId = "TG0007";
    public const string InvalidNameId = "TG0008";
    public const string UnsupportedTypeId = "TG0009";
    public const string ByRefParameterId = "TG0010";
    public const string DuplicateNameId = "TG0011";
    public const string AsyncVoidId = "TG0012";
    public const string UnknownParamTagId = "TG0013";
    public const string StrictUnavailableId = "TG0014";
    public const string NotCallableId = "TG0015";
    public const string InstanceToolInStructId = "TG0016";
    public const string ToolsMemberConflictId = "TG0017";
    public const string MissingMemberDescriptionId = "TG0018";
    public const string DuplicateNameInAssemblyId = "TG0019";
    public const string LimitOutOfRangeId = "TG0020";
    public const string ServiceIsModelValueId = "TG0021";
    public const string ConfusableToolsId = "TG0022";
    public const string ClosedSetAsTextId = "TG0023";
    public const string UnclearEnumMembersId = "TG0024";

    /// <summary>The longest description OpenAI accepts for a function.</summary>
    public const int MaxDescriptionLength = 1024;

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(TypeNotPartialId,
        "The type declaring a tool must be partial",
        "Type '{0}' declares tool '{1}' but is not partial; make it partial so ToolGen can add its Tools member");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(ContainingTypeNotPartialId,
        "A type declaring a tool must be nested only in partial types",
        "Type '{0}' declares tool '{1}' but is nested in '{2}', which is not partial; make '{2}' partial");

    public static readonly DiagnosticDescriptor Generic = Error(GenericId,
        "A tool cannot be generic or declared in a generic type",
        "Tool '{0}' is {1}; a model cannot choose type arguments, so move it to a non-generic method of a non-generic type");

    public static readonly DiagnosticDescriptor MissingDescription = Warning(MissingDescriptionId,
        "A tool has no description",
        "Tool '{0}' has no description; add a <summary>, [Description] or [Tool(Description)]: " + GoodDescription);

    public static readonly DiagnosticDescriptor MissingParameterDescription = Warning(MissingParameterDescriptionId,
        "A tool parameter has no description",
        "Parameter '{1}' of tool '{0}' has no description; add <param name=\"{1}\"> or [Description] saying what the value means, its format or units, and an example");

    public static readonly DiagnosticDescriptor VagueDescription = Warning(VagueDescriptionId,
        "A description is too vague to guide a model",
        "The description of {0} is vague ({1}): '{2}'; {3}");

    public static readonly DiagnosticDescriptor DescriptionTooLong = Warning(DescriptionTooLongId,
        "A tool description is longer than providers accept",
        "The description of tool '{0}' has {1} characters but OpenAI accepts at most 1024; shorten it or move details to parameter descriptions");

    public static readonly DiagnosticDescriptor InvalidName = Error(InvalidNameId,
        "A tool name must match ^[a-zA-Z0-9_-]{1,64}$",
        "Tool name '{0}' is invalid: use 1 to 64 letters, digits, '_' or '-' (OpenAI and Anthropic reject other names)");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(UnsupportedTypeId,
        "The tool uses a type ToolGen cannot send as JSON",
        "Tool '{0}' cannot use {1}",
        "Every parameter and return type of a tool, and every member reached from them, must have a JSON form the generator can read, write and describe in a schema. Use a supported type, mark the member [JsonIgnore], or use JsonElement for free-form JSON.");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(ByRefParameterId,
        "A tool parameter cannot be ref, out, in or params",
        "Tool '{0}' cannot take the {1} parameter '{2}': a model sends arguments as one JSON object and receives nothing back through parameters");

    public static readonly DiagnosticDescriptor DuplicateName = new(DuplicateNameId,
        "Two tools of one type have the same name",
        "Tool name '{0}' is already used by {1} in the same type, and a model could not tell them apart; rename one with [Tool(Name)]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor DuplicateNameInAssembly = new(DuplicateNameInAssemblyId,
        "Two tools of one assembly have the same name",
        "Tool name '{0}' is already used by {1}, so the two tool sets cannot be combined into one; rename one with [Tool(Name)]",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor AsyncVoid = Error(AsyncVoidId,
        "A tool cannot be async void",
        "Tool '{0}' is async void: its result and exceptions would be lost; return Task or Task<T>");

    public static readonly DiagnosticDescriptor UnknownParamTag = Warning(UnknownParamTagId,
        "A <param> tag names no parameter",
        "The <param name=\"{1}\"> of tool '{0}' names no parameter, so its text never reaches the model; remove it or fix the name");

    public static readonly DiagnosticDescriptor StrictUnavailable = Error(StrictUnavailableId,
        "A tool marked Strict cannot be expressed in OpenAI strict mode",
        "Tool '{0}' is marked Strict, but strict mode cannot express its parameters: {1}");

    public static readonly DiagnosticDescriptor NotCallable = Error(NotCallableId,
        "[Tool] is on a method the generated code cannot call",
        "[Tool] is on {0}, which the generated code cannot call; put it on an ordinary static or instance method of a class, struct or record");

    public static readonly DiagnosticDescriptor InstanceToolInStruct = Error(InstanceToolInStructId,
        "An instance tool cannot be declared in a struct",
        "Tool '{0}' is an instance method of struct '{1}': the tool set would hold a copy and its changes would be lost; make it static or move it to a class");

    public static readonly DiagnosticDescriptor ToolsMemberConflict = Error(ToolsMemberConflictId,
        "The type declaring tools already has a member named Tools",
        "Type '{0}' declares tools, so ToolGen adds a member named Tools, but the type {1}; rename the existing member or the type");

    public static readonly DiagnosticDescriptor MissingMemberDescription = new(MissingMemberDescriptionId,
        "A member of a tool's parameter type has no description",
        "Property '{1}' (at {2}) read by tool '{0}' has no description; add a <summary> or [Description] saying what the value means",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LimitOutOfRange = Error(LimitOutOfRangeId,
        "A tool's TimeoutSeconds or MaxRetries is out of range",
        "Tool '{0}' has {1} = {2}, which is out of range; use {3}");

    public static readonly DiagnosticDescriptor ServiceIsModelValue = Warning(ServiceIsModelValueId,
        "A value the model should send is marked as a service",
        "Parameter '{1}' of tool '{0}' is marked [{2}], but {3} is a value a model sends, not a service a host registers; remove the attribute to let the model supply it");

    public static readonly DiagnosticDescriptor ConfusableTools = new(ConfusableToolsId,
        "Two tools read so alike that a model may confuse them",
        "Tools '{0}' and '{1}' read alike ({2:0.00} of their words shared: {3}); a model may call one for the other, so say in each description what it does that the other does not, or merge them",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ClosedSetAsText = Warning(ClosedSetAsTextId,
        "A text parameter's description lists the values it takes",
        "Parameter '{1}' of tool '{0}' is free text, but its description lists the values it takes ({2}); use an enum so the schema holds the model to them");

    public static readonly DiagnosticDescriptor UnclearEnumMembers = Warning(UnclearEnumMembersId,
        "Enum members named by codes have no description",
        "Tool '{0}' takes {2} at {1}, whose members {3} are named by codes a model cannot read; give each a <summary> or [Description], which ToolGen sends with the schema");

    private static DiagnosticDescriptor Error(string id, string title, string message, string? description = null) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
