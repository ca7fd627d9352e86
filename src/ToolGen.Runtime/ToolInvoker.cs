using System;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen;

/// <summary>
/// Parses UTF-8 JSON arguments, calls the tool and converts its return value. Generated code implements it for every
/// <see cref="ToolAttribute">[Tool]</see> method; <see cref="ToolDescriptor"/> adds exception handling around it.
/// </summary>
/// <param name="arguments">
/// The arguments object as UTF-8 JSON. It may live in a pooled buffer that is reused once the returned task completes:
/// copy what must outlive the call (a result made with <see cref="ToolResult.FromJson"/> over it is copied for you).
/// </param>
/// <param name="context">Per-call information, or <see langword="null"/>.</param>
/// <param name="cancellationToken">Cancels the call.</param>
public delegate ValueTask<ToolResult> ToolInvoker(ReadOnlyMemory<byte> arguments, ToolContext? context, CancellationToken cancellationToken);
