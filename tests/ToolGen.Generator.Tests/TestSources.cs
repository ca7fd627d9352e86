namespace ToolGen.Generator.Tests;

/// <summary>Realistic tool classes the generator tests compile.</summary>
public static class TestSources
{
    public const string Weather = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using ToolGen;

        namespace MyApp.Weather;

        /// <summary>Temperature units.</summary>
        public enum TemperatureUnit
        {
            /// <summary>Degrees Celsius.</summary>
            Celsius,
            /// <summary>Degrees Fahrenheit.</summary>
            Fahrenheit,
        }

        /// <summary>Weather tools.</summary>
        public static partial class WeatherTools
        {
            /// <summary>Gets the current temperature for a city.</summary>
            /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
            /// <param name="unit">Temperature unit of the reply.</param>
            /// <returns>The temperature in <paramref name="unit"/>.</returns>
            [Tool(ReadOnly = true)]
            public static double GetTemperature(string city, TemperatureUnit unit = TemperatureUnit.Celsius) => 21.5;

            /// <summary>Lists the <c>N</c> cities with a forecast.</summary>
            /// <param name="limit">The most cities to return.</param>
            /// <param name="countries">Only cities in these countries (ISO codes).</param>
            /// <param name="cancellationToken">Not shown to the model.</param>
            [Tool(ReadOnly = true, Idempotent = true)]
            public static Task<List<string>> ListCitiesAsync(int limit = 10, IReadOnlyList<string>? countries = null, CancellationToken cancellationToken = default)
                => Task.FromResult(new List<string> { "Paris" });
        }
        """;

    public const string Orders = """
        using System.Threading;
        using System.Threading.Tasks;
        using ToolGen;

        namespace MyApp.Orders;

        /// <summary>Order tools bound to a store.</summary>
        public sealed partial class OrderTools(string store)
        {
            /// <summary>Cancels an order that has not shipped yet.</summary>
            /// <param name="orderId">The order number printed on the receipt.</param>
            /// <param name="context">Call information.</param>
            /// <param name="cancellationToken">Cancels the call.</param>
            [Tool(Destructive = true, RequiresApproval = true)]
            public async ValueTask<bool> CancelOrderAsync(long orderId, ToolContext context, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return store.Length > 0 && orderId > 0;
            }

            /// <summary>Names the store these tools act on.</summary>
            [Tool(Name = "store-name", ReadOnly = true)]
            public string StoreName() => store;

            /// <summary>Says whether the order service is up.</summary>
            [Tool(ReadOnly = true)]
            public static Task PingAsync() => Task.CompletedTask;
        }

        /// <summary>A record with tools: its Tools member is not cached, so record equality is unchanged.</summary>
        public sealed partial record Inventory(int Count)
        {
            /// <summary>Counts the items in stock.</summary>
            [Tool(ReadOnly = true)]
            public int CountItems() => Count;
        }
        """;

    public const string Shapes = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using ToolGen;

        /// <summary>A flags-free enum with an alias and a keyword-named member.</summary>
        public enum Mode : byte { Fast = 1, Quick = 1, @class = 2 }

        /// <summary>Nested and global-namespace containers.</summary>
        public static partial class Outer
        {
            /// <summary>Inner tools.</summary>
            public partial struct Inner
            {
                /// <summary>Echoes every shape the foundation supports.</summary>
                [Tool]
                public static ValueTask<Mode?[]> Echo(sbyte a, byte b, short c, ushort d, uint e, ulong f, float g, decimal h, bool i,
                    int? j, Mode? k, List<double>[] l, IEnumerable<long?> m, string @event = "x\"\n", double n = 1.5, float o = -2.5e-8f,
                    decimal p = 0.1m, Mode q = Mode.@class, long r = -9223372036854775808, bool s = true, int? t = 3, Mode u = default)
                    => new(new Mode?[] { k });
            }
        }
        """;

    public const string Objects = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using ToolGen;

        namespace MyApp.Shop;

        /// <summary>A line of an order.</summary>
        /// <param name="Sku">Stock keeping unit.</param>
        /// <param name="Quantity">How many.</param>
        public sealed record OrderLine(string Sku, [property: Range(1, 100)] int Quantity = 1);

        /// <summary>A category tree.</summary>
        public sealed class Category
        {
            /// <summary>Name.</summary>
            [JsonPropertyName("title")]
            public required string Name { get; init; }

            /// <summary>Sub-categories.</summary>
            public List<Category> Children { get; init; } = [];

            /// <summary>Computed, written only.</summary>
            public int Count => Children.Count;
        }

        /// <summary>Shop tools.</summary>
        public static partial class ShopTools
        {
            /// <summary>Prices order lines, by currency.</summary>
            /// <param name="lines">The lines.</param>
            /// <param name="rates">Exchange rates by currency code.</param>
            /// <param name="categories">Categories to file the order under.</param>
            /// <param name="when">When the order is due.</param>
            [Tool]
            public static Dictionary<string, decimal> Price(IReadOnlyList<OrderLine> lines, Dictionary<string, decimal> rates, Category[]? categories = null, DateTimeOffset? when = null) => rates;
        }
        """;
}
