using System.Threading;
using System.Threading.Tasks;
using ToolGen;
using WebService.Data;

namespace WebService.Tools;

/// <summary>Who is calling: the authenticated user of the current request, registered scoped (conversation API and MCP alike).</summary>
/// <param name="Name">The user's name.</param>
public sealed record Caller(string Name);

/// <summary>
/// The order desk's tools. Created for each call from the request's services (the generated
/// <c>OrderDesk.ToolsFromServices</c>): its store is the request scope's, and so is the caller.
/// </summary>
public sealed partial class OrderDesk(IOrderStore store, Caller caller)
{
    /// <summary>Looks up an order: who ordered, its status (open, shipped or cancelled) and its total.</summary>
    /// <param name="orderId">The order number, for example 7.</param>
    [Tool(ReadOnly = true, Title = "Order status")]
    public async Task<string> OrderStatus(int orderId, CancellationToken cancellationToken)
    {
        Order? order = await store.FindAsync(orderId, cancellationToken);
        return order is null ? $"There is no order {orderId}." : $"Order {order.Id} ({order.Customer}, {order.Total}) is {order.Status}.";
    }

    /// <summary>Cancels an open order. Shipped orders cannot be cancelled. Runs only after the user approves.</summary>
    /// <param name="orderId">The order number, for example 7.</param>
    /// <param name="reason">Why, in the user's words, if they said.</param>
    [Tool(RequiresApproval = true, Destructive = true, Title = "Cancel an order")]
    public async Task<string> CancelOrder(int orderId, ToolContext context, CancellationToken cancellationToken, string? reason = null)
    {
        CancelOutcome outcome = await store.CancelAsync(orderId, caller.Name, context.CallId, reason, cancellationToken);
        return outcome switch
        {
            CancelOutcome.Cancelled => $"Order {orderId} is now cancelled.",
            CancelOutcome.AlreadyCancelled => $"Order {orderId} was already cancelled.",
            CancelOutcome.Shipped => $"Order {orderId} has shipped and cannot be cancelled.",
            _ => $"There is no order {orderId}.",
        };
    }
}
