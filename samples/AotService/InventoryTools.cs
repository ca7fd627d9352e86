using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ToolGen;

namespace AotService;

/// <summary>A stock item.</summary>
/// <param name="Sku">Stock keeping unit, for example "SKU-1".</param>
/// <param name="Name">What the item is.</param>
/// <param name="Quantity">Units in the warehouse.</param>
public sealed record StockItem(string Sku, string Name, int Quantity);

/// <summary>Inventory tools over an in-memory warehouse.</summary>
public sealed partial class InventoryTools
{
    private readonly ConcurrentDictionary<string, StockItem> _stock = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SKU-1"] = new("SKU-1", "Red shoes", 4),
        ["SKU-2"] = new("SKU-2", "Blue hat", 0),
    };

    /// <summary>Looks up an item in the warehouse by its SKU. Use it before reserving anything.</summary>
    /// <param name="sku">Stock keeping unit, for example "SKU-1".</param>
    /// <returns>The item, or null when the SKU is unknown.</returns>
    [Tool(ReadOnly = true)]
    public StockItem? FindItem(string sku) => _stock.TryGetValue(sku, out StockItem? item) ? item : null;

    /// <summary>Reserves units of an item for an order and returns the units left.</summary>
    /// <param name="sku">Stock keeping unit, for example "SKU-1".</param>
    /// <param name="quantity">How many units to reserve, at least 1.</param>
    /// <param name="cancellationToken">Cancels the reservation.</param>
    [Tool(Destructive = true)]
    public async Task<int> ReserveAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        if (quantity < 1) throw new ArgumentOutOfRangeException(nameof(quantity));
        StockItem item = _stock.AddOrUpdate(sku, _ => throw new KeyNotFoundException(sku), (_, current) =>
            current.Quantity >= quantity ? current with { Quantity = current.Quantity - quantity } : throw new InvalidOperationException("not enough stock"));
        return item.Quantity;
    }

    /// <summary>Writes off damaged units of an item for good; a person must approve each write-off.</summary>
    /// <param name="sku">Stock keeping unit, for example "SKU-1".</param>
    /// <param name="quantity">How many units to write off, at least 1.</param>
    /// <returns>The units left.</returns>
    [Tool(Destructive = true, RequiresApproval = true)]
    public int WriteOff(string sku, int quantity)
    {
        if (quantity < 1) throw new ArgumentOutOfRangeException(nameof(quantity));
        StockItem item = _stock.AddOrUpdate(sku, _ => throw new KeyNotFoundException(sku), (_, current) =>
            current.Quantity >= quantity ? current with { Quantity = current.Quantity - quantity } : throw new InvalidOperationException("not enough stock"));
        return item.Quantity;
    }
}
