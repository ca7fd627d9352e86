using System.Globalization;
using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Parsing;

/// <summary>
/// The ranges of <c>[Tool(TimeoutSeconds)]</c> and <c>[Tool(MaxRetries)]</c> (TG0020), and their "not set" values, which
/// leave the run's timeout and retry budget in force.
/// </summary>
internal static class CallLimits
{
    /// <summary>The <c>TimeoutSeconds</c> that uses the run's timeout.</summary>
    public const double TimeoutNotSet = 0;

    /// <summary>The longest timeout a tool may ask for: 24 hours, in seconds.</summary>
    public const double MaxTimeoutSeconds = 24 * 60 * 60;

    /// <summary>The <c>MaxRetries</c> that uses the run's retry budget.</summary>
    public const int RetriesNotSet = -1;

    /// <summary>The most retries a tool may ask for.</summary>
    public const int MaxRetries = 100;

    /// <summary>What TG0020 tells the user to use instead of an invalid <c>TimeoutSeconds</c>.</summary>
    public const string TimeoutAdvice = "a number of seconds greater than 0 and at most 86400 (24 hours), or 0 for the run's timeout";

    /// <summary>What TG0020 tells the user to use instead of an invalid <c>MaxRetries</c>.</summary>
    public const string RetriesAdvice = "a count from 0 to 100, or -1 for the run's retry budget";

    /// <summary><paramref name="seconds"/> is a timeout a tool may ask for, or 0. NaN fails every comparison, so it is out of range.</summary>
    public static bool IsValidTimeout(double seconds) => seconds >= 0 && seconds <= MaxTimeoutSeconds;

    public static bool IsValidRetries(int retries) => retries >= RetriesNotSet && retries <= MaxRetries;

    /// <summary>The value as TG0020 shows it: invariant, and the shortest text that reads back as the same double.</summary>
    public static string Display(double seconds) => CSharpLiteral.RoundTrip(seconds);

    public static string Display(int retries) => retries.ToString(CultureInfo.InvariantCulture);
}
