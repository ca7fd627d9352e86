using System;
using System.Collections.Generic;
using ToolGen;

namespace ToolGen.Review.Tests.Tools;

/// <summary>How fast an order ships.</summary>
public enum Shipping
{
    /// <summary>Three to five working days.</summary>
    Standard,
    /// <summary>The next working day, ordered before 2 p.m.</summary>
    Express,
}

/// <summary>Where an order goes.</summary>
public sealed record Address(
    /// <summary>Street and number, as printed on the label.</summary>
    string Street,
    /// <summary>City or town.</summary>
    string City,
    /// <summary>ISO 3166-1 alpha-2 country code, for example "FR".</summary>
    string Country);

/// <summary>An order as the shop stores it.</summary>
public sealed record Order(
    /// <summary>The order's id.</summary>
    string Id,
    /// <summary>Total in euros, VAT included.</summary>
    decimal Total,
    /// <summary>When the order was placed (UTC).</summary>
    DateTimeOffset PlacedAt);

/// <summary>The tools of a small shop: what a model is offered in every request, and what the manifest lists.</summary>
public static partial class ShopTools
{
    /// <summary>
    /// Finds the orders a customer placed, newest first. Use it before answering any question about a customer's past
    /// purchases; it returns at most <c>limit</c> orders.
    /// </summary>
    /// <param name="customerId">The customer's id, for example "c-1042".</param>
    /// <param name="limit">How many orders to return, 1 to 50.</param>
    /// <returns>The orders, newest first.</returns>
    [Tool(ReadOnly = true, Idempotent = true)]
    public static IReadOnlyList<Order> FindOrders(string customerId, int limit = 10) => [];

    /// <summary>
    /// Places an order for the items in the customer's basket and charges their saved card. Only call it after the
    /// customer confirmed the total — it cannot be undone.
    /// </summary>
    /// <param name="customerId">The customer's id.</param>
    /// <param name="shipping">How fast to ship.</param>
    /// <param name="deliverTo">Where to deliver; the customer's default address when omitted.</param>
    /// <returns>The order that was placed.</returns>
    [Tool(Destructive = true, RequiresApproval = true, Title = "Place order")]
    public static Order PlaceOrder(string customerId, Shipping shipping, Address? deliverTo = null) => new("o-1", 0m, DateTimeOffset.UnixEpoch);

    /// <summary>Gets the delivery estimate for a city — «livraison» en français, 配送 in Japanese — in working days.</summary>
    /// <param name="city">City name, for example "Zürich" or "São Paulo".</param>
    [Tool(Strict = true, ReadOnly = true)]
    public static string EstimateDelivery(string city) => "2 days";
}
