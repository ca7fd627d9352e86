namespace ToolGen.Tests.Tools;

/// <summary>Tools with a per-tool timeout and retry budget from <c>[Tool(TimeoutSeconds, MaxRetries)]</c>, and one without.</summary>
public static partial class LimitTools
{
    /// <summary>Looks up a postal code's city; it must answer within half a second and may ask for one correction.</summary>
    /// <param name="postalCode">The postal code, for example "75001".</param>
    [Tool(ReadOnly = true, TimeoutSeconds = 0.5, MaxRetries = 1)]
    public static string LookUpCity(string postalCode) => postalCode == "75001" ? "Paris" : "unknown";

    /// <summary>Tells the service's version; it uses the run's timeout and retry budget.</summary>
    [Tool(ReadOnly = true)]
    public static string Version() => "1.0";
}
