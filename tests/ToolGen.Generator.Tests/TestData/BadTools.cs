// A deliberately bad tool file: every ToolGen rule fires on it. It is kept out of the build and read by
// RuleTests.EveryRuleFiresOnTheBadShowcase, which checks that each TGxxxx ID below is reported.
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;
using ToolGen;

namespace BadShowcase;

/// <summary>TG0001: the type declaring a tool is not partial.</summary>
public static class NotPartialTools
{
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool]
    public static string NotPartial(string city) => city;
}

/// <summary>TG0002: nested in a type that is not partial.</summary>
public class Outer
{
    /// <summary>Inner tools.</summary>
    public static partial class InnerTools
    {
        /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
        [Tool]
        public static string Nested(string city) => city;
    }
}

/// <summary>TG0003: a generic containing type.</summary>
public static partial class GenericTools<T>
{
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool]
    public static string InGeneric(string city) => city;
}

/// <summary>Most rules, one tool each.</summary>
public static partial class BadTools
{
    // TG0004: no description at all.
    [Tool]
    public static string NoDescription([Description("City name, for example Paris.")] string city) => city;

    // TG0005: a parameter without a description.
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    [Tool]
    public static string NoParameterDescription(string city) => city;

    // TG0006: a placeholder description.
    /// <summary>TODO</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool]
    public static string Vague(string city) => city;

    // TG0007: longer than the 1024 characters OpenAI accepts.
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(Description = "Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it. Gets the current weather for a city and explains every detail of it.")]
    public static string TooLong(string city) => city;

    // TG0008: an invalid tool name.
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(Name = "bad name")]
    public static string BadName(string city) => city;

    // TG0009: a type without a JSON form.
    /// <summary>Stores any value for later, so the assistant can recall it in this conversation.</summary>
    /// <param name="value">The value to keep, for example a number or a note.</param>
    [Tool]
    public static void Keep(object value) { }

    // TG0010: a by-ref parameter.
    /// <summary>Increments a counter by one and returns nothing; use it to count events.</summary>
    /// <param name="counter">The counter to increment, for example 3.</param>
    [Tool]
    public static void Increment(ref int counter) => counter++;

    // TG0011: two tools of one type named alike.
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(Name = "weather")]
    public static string WeatherOne(string city) => city;

    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(Name = "weather")]
    public static string WeatherTwo(string city) => city;

    // TG0012: async void.
    /// <summary>Refreshes every forecast in the background; use it when forecasts look stale.</summary>
    [Tool]
    public static async void Refresh() => await Task.Yield();

    // TG0013: a <param> tag for a parameter that does not exist.
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    /// <param name="town">The old name of the city parameter.</param>
    [Tool]
    public static string StrayParam(string city) => city;

    // TG0014: Strict requested, but strict mode cannot express a dictionary.
    /// <summary>Counts fruit by kind and returns the total number of pieces.</summary>
    /// <param name="counts">Pieces by fruit name, for example {"apple": 2}.</param>
    [Tool(Strict = true)]
    public static int CountFruit(Dictionary<string, int> counts) => 0;

    // TG0015: a local function cannot be called by the generated code.
    /// <summary>Not a tool itself.</summary>
    public static int Host()
    {
        [Tool] static int Local() => 1;
        return Local();
    }

    // TG0020: a timeout and a retry budget out of range.
    /// <summary>Gets the 7-day forecast for a city, one line per day with temperatures and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(TimeoutSeconds = -30, MaxRetries = 1000)]
    public static string Forecast(string city) => city;

    // TG0021: a value the model should send, marked as a service.
    /// <summary>Gets the local time in a city, as hours and minutes.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool]
    public static string LocalTime([FromServices] string city) => city;

    // TG0022: two tools a model may confuse (reported on both).
    /// <summary>Finds the orders of a customer.</summary>
    /// <param name="customer">The customer's number.</param>
    [Tool]
    public static string FindOrders(int customer) => "";

    /// <summary>Looks up a customer's orders.</summary>
    /// <param name="customer">The customer's number.</param>
    [Tool]
    public static string LookupCustomerOrders(int customer) => "";

    // TG0023: free text whose description lists its values.
    /// <summary>Opens a support ticket about a problem with an order.</summary>
    /// <param name="priority">How urgent it is, one of: low, normal, high.</param>
    [Tool]
    public static string OpenTicket(string priority) => priority;

    // TG0024: an enum whose members are codes, undocumented.
    /// <summary>Ships an order with the chosen service.</summary>
    /// <param name="order">The order number.</param>
    /// <param name="service">The shipping service.</param>
    [Tool]
    public static string ShipOrder(string order, ShippingService service) => order;

    // TG0018: a member of an input type without a description.
    /// <summary>Books a table for a party; use it after the guest confirmed the time.</summary>
    /// <param name="booking">The booking to make.</param>
    [Tool]
    public static string Book(Booking booking) => booking.Name;
}

/// <summary>A booking.</summary>
public sealed class Booking
{
    /// <summary>Guest name, for example "Ada Lovelace".</summary>
    public required string Name { get; init; }

    public int Guests { get; init; }
}

/// <summary>TG0016: an instance tool in a struct.</summary>
public partial struct StructTools
{
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool]
    public string InStruct(string city) => city;
}

/// <summary>TG0017: a type named Tools conflicts with the generated Tools member.</summary>
public static partial class Tools
{
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool]
    public static string NamedTools(string city) => city;
}

/// <summary>TG0019: the same tool name as in BadTools, in another type of the assembly.</summary>
public static partial class OtherTools
{
    /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(Name = "weather")]
    public static string WeatherElsewhere(string city) => city;
}

/// <summary>Shipping services, by the carrier's codes.</summary>
public enum ShippingService
{
    Std,
    Ndd,
    /// <summary>Express, two days.</summary>
    Exp,
}
