using System.Collections.Generic;
using System.ComponentModel;
using ToolGen;

namespace ToolGen.Benchmarks.Tools;

/// <summary>A postal address.</summary>
/// <param name="Street">Street and number.</param>
/// <param name="City">City.</param>
/// <param name="Country">ISO 3166 country code, for example "FR".</param>
public sealed record Address(string Street, string City, string Country);

/// <summary>One line of an order.</summary>
/// <param name="Sku">Stock keeping unit.</param>
/// <param name="Quantity">Units ordered.</param>
public sealed record OrderLine(string Sku, int Quantity);

/// <summary>An order to place.</summary>
/// <param name="CustomerId">Who orders.</param>
/// <param name="ShipTo">Where it goes.</param>
/// <param name="Lines">What is ordered.</param>
/// <param name="Note">A note for the courier, if any.</param>
public sealed record Order(string CustomerId, Address ShipTo, List<OrderLine> Lines, string? Note = null);

/// <summary>What placing an order returns.</summary>
/// <param name="OrderId">The new order's id.</param>
/// <param name="Items">Units in the order.</param>
/// <param name="Total">Price in euros.</param>
public sealed record OrderConfirmation(string OrderId, int Items, decimal Total);

/// <summary>The tool with a nested record and a list, called by every dispatch path.</summary>
public sealed partial class OrderTools
{
    /// <summary>Places an order for a customer and returns its id and total.</summary>
    /// <param name="order">The order: customer, address and lines.</param>
    [Tool]
    [Description("Places an order for a customer and returns its id and total.")]
    public OrderConfirmation PlaceOrder([Description("The order: customer, address and lines.")] Order order)
    {
        int items = 0;
        foreach (OrderLine line in order.Lines) items += line.Quantity;
        return new OrderConfirmation("ord-" + order.CustomerId, items, items * 9.90m);
    }
}
