using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace ToolGen.Tests.Tools;

/// <summary>A unit of measure.</summary>
public enum FuzzUnit
{
    /// <summary>Metric units.</summary>
    Metric,
    /// <summary>Imperial units.</summary>
    Imperial,
}

/// <summary>One line of a fuzzed order.</summary>
/// <param name="Sku">Stock keeping unit.</param>
/// <param name="Quantity">Units, 1 to 100.</param>
public sealed record FuzzLine(string Sku, [property: Range(1, 100)] int Quantity);

/// <summary>Where a fuzzed order goes.</summary>
/// <param name="Street">Street and number.</param>
/// <param name="City">City, at most 40 characters.</param>
/// <param name="Country">Country code.</param>
public sealed record FuzzAddress(string Street, [property: StringLength(40)] string City, string? Country = "FR");

/// <summary>A fuzzed order.</summary>
/// <param name="Lines">At least one line.</param>
/// <param name="ShipTo">The address.</param>
/// <param name="Labels">Free labels with counts.</param>
/// <param name="Note">A note for the courier.</param>
public sealed record FuzzOrder([property: MinLength(1)] List<FuzzLine> Lines, FuzzAddress ShipTo, Dictionary<string, int>? Labels = null, string? Note = null);

/// <summary>A node of a fuzzed tree.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Children">Its children.</param>
public sealed record FuzzNode(string Name, List<FuzzNode>? Children = null);

/// <summary>The arguments fuzz_weather received.</summary>
/// <param name="City">City.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Days">Days.</param>
/// <param name="Detailed">Detail flag.</param>
public sealed record FuzzWeatherEcho(string City, FuzzUnit Unit, int Days, bool? Detailed);

/// <summary>The arguments fuzz_order received.</summary>
/// <param name="Order">The order.</param>
public sealed record FuzzOrderEcho(FuzzOrder Order);

/// <summary>The arguments fuzz_contact received.</summary>
/// <param name="Id">Id.</param>
/// <param name="Link">Link.</param>
/// <param name="Day">Day.</param>
/// <param name="Code">Code.</param>
/// <param name="Email">Email.</param>
/// <param name="Initial">Initial.</param>
public sealed record FuzzContactEcho(Guid Id, Uri Link, DateOnly? Day, string? Code, string? Email, char Initial);

/// <summary>The arguments fuzz_numbers received.</summary>
/// <param name="Values">Values.</param>
/// <param name="Big">Big.</param>
/// <param name="Small">Small.</param>
/// <param name="Price">Price.</param>
/// <param name="Ratio">Ratio.</param>
/// <param name="Extra">Extra.</param>
public sealed record FuzzNumbersEcho(List<double> Values, long Big, byte Small, decimal Price, float Ratio, int[]? Extra);

/// <summary>The arguments fuzz_tree received.</summary>
/// <param name="Root">Root.</param>
public sealed record FuzzTreeEcho(FuzzNode Root);

/// <summary>The arguments fuzz_tags received.</summary>
/// <param name="Tags">Tags.</param>
/// <param name="Units">Units.</param>
/// <param name="Payload">Payload.</param>
/// <param name="Flag">Flag.</param>
public sealed record FuzzTagsEcho(HashSet<string> Tags, FuzzUnit[] Units, JsonElement Payload, bool Flag);

/// <summary>
/// Tools that return exactly the arguments they received, so the fuzz test can check every accepted call against the
/// tool's own parameters schema: the result has the shape of the arguments object.
/// </summary>
public static partial class FuzzTools
{
    /// <summary>Echoes a weather request: a city, a unit, a number of days from 1 to 7 and a detail flag.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    /// <param name="unit">Units of the reply.</param>
    /// <param name="days">Days to cover, 1 to 7.</param>
    /// <param name="detailed">Whether to add hourly detail.</param>
    [Tool(ReadOnly = true)]
    public static FuzzWeatherEcho FuzzWeather(string city, FuzzUnit unit = FuzzUnit.Metric, [Range(1, 7)] int days = 1, bool? detailed = null) =>
        new(city, unit, days, detailed);

    /// <summary>Echoes an order with its lines, address, labels and note.</summary>
    /// <param name="order">The order to echo back.</param>
    [Tool(ReadOnly = true)]
    public static FuzzOrderEcho FuzzOrder(FuzzOrder order) => new(order);

    /// <summary>Echoes contact details: an id, a link, a day, a code, an email address and an initial.</summary>
    /// <param name="id">The contact's id.</param>
    /// <param name="link">A link to the contact's page.</param>
    /// <param name="day">The day they were met.</param>
    /// <param name="code">A code of two capital letters and four digits.</param>
    /// <param name="email">Their email address.</param>
    /// <param name="initial">The first letter of their name.</param>
    [Tool(ReadOnly = true)]
    public static FuzzContactEcho FuzzContact(Guid id, Uri link, char initial, DateOnly? day = null, [RegularExpression(@"[A-Z]{2}\d{4}")] string? code = null, [EmailAddress] string? email = null) =>
        new(id, link, day, code, email, initial);

    /// <summary>Echoes numbers of every width: a list of doubles, a long, a byte, a price, a ratio and extra integers.</summary>
    /// <param name="values">Measurements.</param>
    /// <param name="big">A large count.</param>
    /// <param name="small">A small count, 0 to 255.</param>
    /// <param name="price">A price in euros.</param>
    /// <param name="ratio">A ratio between parts.</param>
    /// <param name="extra">More integers, if any.</param>
    [Tool(ReadOnly = true)]
    public static FuzzNumbersEcho FuzzNumbers(List<double> values, long big, byte small, decimal price, float ratio = 0.5f, int[]? extra = null) =>
        new(values, big, small, price, ratio, extra);

    /// <summary>Echoes a tree of named nodes of any depth.</summary>
    /// <param name="root">The root node.</param>
    [Tool(ReadOnly = true)]
    public static FuzzTreeEcho FuzzTree(FuzzNode root) => new(root);

    /// <summary>Echoes a set of tags, a list of units, a free-form JSON payload and a flag.</summary>
    /// <param name="tags">Tags; duplicates count once.</param>
    /// <param name="units">Units in order.</param>
    /// <param name="payload">Any JSON value.</param>
    /// <param name="flag">A switch.</param>
    [Tool(ReadOnly = true)]
    public static FuzzTagsEcho FuzzTags(HashSet<string> tags, FuzzUnit[] units, JsonElement payload, bool flag = false) =>
        new(tags, units, payload, flag);
}
