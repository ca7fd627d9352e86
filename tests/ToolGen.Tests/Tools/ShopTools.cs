using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ToolGen.Tests.Tools;

/// <summary>Tools over objects, collections, dates and free-form JSON: the complete type model.</summary>
public static partial class ShopTools
{
    /// <summary>The last object a tool received, for tests comparing it with System.Text.Json's reading.</summary>
    public static object? LastReceived { get; set; }

    /// <summary>Places an order for a customer and returns its confirmation.</summary>
    /// <param name="order">The order to place.</param>
    [Tool]
    public static OrderConfirmation PlaceOrder(OrderRequest order)
    {
        LastReceived = order;
        return new OrderConfirmation(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), DeliveryStatus.InProgress, order);
    }

    /// <summary>Describes a point, optionally tagged.</summary>
    /// <param name="point">The point to describe, in degrees.</param>
    /// <param name="tags">Tags; duplicates count once.</param>
    [Tool(ReadOnly = true)]
    public static string Locate(GeoPoint point, HashSet<string>? tags = null)
    {
        LastReceived = point;
        return $"{point.Latitude},{point.Longitude} [{string.Join(",", (tags ?? []).Order())}]";
    }

    /// <summary>Returns the depth of a category tree.</summary>
    /// <param name="root">The root category.</param>
    [Tool(ReadOnly = true)]
    public static int CategoryDepth(Category root)
    {
        LastReceived = root;
        return Depth(root);
    }

    private static int Depth(Category category) => 1 + (category.Children.Count == 0 ? 0 : category.Children.Max(Depth));

    /// <summary>Books an appointment and returns it as stored.</summary>
    /// <param name="appointment">The appointment to book.</param>
    [Tool]
    public static Appointment Schedule(Appointment appointment)
    {
        LastReceived = appointment;
        return appointment;
    }

    /// <summary>Adds up counts by name.</summary>
    /// <param name="counts">Counts by fruit name.</param>
    /// <param name="groups">Optional groups of counts.</param>
    [Tool(ReadOnly = true)]
    public static int CountFruit(Dictionary<string, int> counts, IReadOnlyDictionary<string, List<int>>? groups = null)
    {
        LastReceived = counts;
        return counts.Values.Sum() + (groups?.Values.Sum(g => g.Sum()) ?? 0);
    }

    /// <summary>Echoes free-form JSON.</summary>
    /// <param name="payload">Any JSON value.</param>
    /// <param name="extra">Any JSON value but null, when given.</param>
    /// <param name="settings">A JSON object, when given.</param>
    [Tool]
    public static JsonElement EchoJson(JsonElement payload, JsonNode? extra = null, JsonObject? settings = null)
    {
        LastReceived = extra;
        return payload;
    }

    /// <summary>Saves a contact and returns its address-book line.</summary>
    /// <param name="contact">The person to add to the address book.</param>
    [Tool]
    public static string AddContact(Contact contact)
    {
        LastReceived = contact;
        return $"{contact.Name} <{contact.Email}> {contact.Website} {contact.Code}";
    }

    /// <summary>Rates a product.</summary>
    /// <param name="stars">From 1 to 5 stars.</param>
    /// <param name="comment">Why, in a few words.</param>
    /// <param name="email">Where to send a thank-you note.</param>
    [Tool]
    public static string Rate([Range(1, 5)] int stars, [StringLength(100, MinimumLength = 3)] string comment, [EmailAddress] string? email = null) =>
        $"{stars}: {comment} {email}";

    /// <summary>Resizes an image and returns the new size.</summary>
    /// <param name="size">The new size.</param>
    /// <param name="statuses">Statuses to filter by.</param>
    [Tool]
    public static Size Resize(Size size, DeliveryStatus[]? statuses = null)
    {
        LastReceived = size;
        return size with { Width = size.Width * 2 };
    }
}
