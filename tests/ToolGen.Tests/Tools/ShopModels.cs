using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using System.Text.Json.Serialization;

namespace ToolGen.Tests.Tools;

/// <summary>A postal address.</summary>
/// <param name="Street">Street and number.</param>
/// <param name="City">City name.</param>
/// <param name="PostalCode">Postal code as printed on letters.</param>
/// <param name="Country">ISO 3166 country code.</param>
public sealed record Address(string Street, string City, [property: JsonPropertyName("zip")] string PostalCode, string? Country = "FR");

/// <summary>One line of an order.</summary>
/// <param name="Sku">Stock keeping unit, for example <c>SKU-1</c>.</param>
/// <param name="Quantity">How many units.</param>
public sealed record OrderLine(string Sku, [property: Range(1, 100)] int Quantity);

/// <summary>Status of a delivery.</summary>
public enum DeliveryStatus
{
    /// <summary>Not shipped yet.</summary>
    [JsonStringEnumMemberName("in-progress")]
    InProgress,
    /// <summary>Delivered.</summary>
    Delivered,
}

/// <summary>An order to place.</summary>
public sealed class OrderRequest
{
    /// <summary>Who orders: the customer's account name.</summary>
    public required string Customer { get; init; }

    /// <summary>The lines of the order; at least one.</summary>
    [MinLength(1)]
    public List<OrderLine> Lines { get; set; } = [];

    /// <summary>Where to deliver; the customer's address when omitted.</summary>
    public Address? ShipTo { get; init; }

    /// <summary>The requested delivery date.</summary>
    public DateOnly? DeliverOn { get; set; }

    /// <summary>How urgent the order is.</summary>
    public Priority Priority { get; init; } = Priority.Normal;

    /// <summary>Free-form labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = new() { ["source"] = "default" };

    /// <summary>Never shown to the model.</summary>
    [JsonIgnore]
    public string Secret { get; set; } = "hidden";

    /// <summary>A note for the courier.</summary>
    [StringLength(40)]
    public string? Note { get; set; }

    /// <summary>Total units (computed; written in results only).</summary>
    public int TotalUnits => Lines.Sum(l => l.Quantity);
}

/// <summary>The result of placing an order.</summary>
/// <param name="OrderId">The new order's id.</param>
/// <param name="Status">Its delivery status.</param>
/// <param name="Request">What was ordered.</param>
public sealed record OrderConfirmation(Guid OrderId, DeliveryStatus Status, OrderRequest Request);

/// <summary>A point on Earth.</summary>
public struct GeoPoint
{
    /// <summary>Latitude in degrees.</summary>
    [Range(-90.0, 90.0)]
    public double Latitude { get; set; }

    /// <summary>Longitude in degrees.</summary>
    [Range(-180.0, 180.0)]
    public double Longitude { get; set; }
}

/// <summary>A category of a tree of categories.</summary>
public sealed class Category
{
    /// <summary>The category's name.</summary>
    public required string Name { get; init; }

    /// <summary>Sub-categories.</summary>
    public List<Category> Children { get; init; } = [];

    /// <summary>An optional category this one mirrors.</summary>
    public Category? MirrorOf { get; set; }
}

/// <summary>A meeting.</summary>
/// <param name="Start">When it starts.</param>
/// <param name="CreatedAt">When it was booked.</param>
/// <param name="Reminder">Time of day of the reminder.</param>
/// <param name="Length">How long it lasts.</param>
/// <param name="Id">Its id.</param>
/// <param name="Link">The video-call link.</param>
/// <param name="Room">Room letter.</param>
/// <param name="Day">The day, for all-day meetings.</param>
public sealed record Appointment(DateTime Start, DateTimeOffset CreatedAt, TimeOnly Reminder, TimeSpan Length, Guid Id, Uri Link, char Room, DateOnly? Day = null);

/// <summary>A person to contact.</summary>
public sealed class Contact
{
    /// <summary>E-mail address.</summary>
    [Required, EmailAddress]
    public string Email { get; set; } = "";

    /// <summary>Home page.</summary>
    [Url]
    public string? Website { get; set; }

    /// <summary>Partner code: two capitals and four digits.</summary>
    [RegularExpression(@"[A-Z]{2}\d{4}")]
    public string? Code { get; set; }

    /// <summary>Display name.</summary>
    [Description("Name shown in the address book.")]
    [JsonRequired]
    public string Name { get; set; } = "";
}

/// <summary>A mutable record struct with positional members.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct Size(int Width, int Height);
