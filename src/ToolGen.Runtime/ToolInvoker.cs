using System;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen;

/// <summary>
/// Parses UTF-8 JSON arguments, calls the tool and converts its return value. Generated code implements it for every
/// <see cref="ToolAttribute">[Tool]</see> method; <see cref="ToolDescriptor"/> adds exception handling around it.
/// </summary>
/// <param name="arguments">The arguments object as UTF-8 JSON.</param>
/// <param name="context">Per-call information, or <see langword="null"/>.</param>
/// <param name="cancellationToken">Cancels the call.</param>
public delegate ValueTask<ToolResult> ToolInvoker(ReadOnlyMemory<byte> arguments, ToolContext? context, CancellationToken cancellationToken);
