using System;
using System.Security.Cryptography;
using System.Text;
using ToolGen.Chat;

namespace ToolGen.Running;

/// <summary>
/// A tool call waiting for a person's decision (<see cref="ToolAttribute.RequiresApproval"/>): what to show them, and
/// what binds their decision to exactly this call. Stored with the transcript; answer it with <see cref="Approve"/> or
/// <see cref="Deny"/> and pass the decision to <see cref="ToolRunner.ResumeAsync"/>.
/// </summary>
/// <param name="CallId">The call's id: the key the decision is bound to.</param>
/// <param name="ToolName">The tool.</param>
/// <param name="Arguments">The arguments exactly as the model sent them: show these.</param>
/// <param name="ArgumentsHash">The hash of <paramref name="Arguments"/> (<see cref="ToolApprovalDecision.HashArguments"/>).</param>
/// <param name="Hints">The tool's hints (destructive, idempotent…).</param>
/// <param name="ContractFingerprint">The tool's contract fingerprint when approval was requested; a changed tool is not run on an old approval.</param>
public sealed record PendingApproval(string CallId, string ToolName, string Arguments, string ArgumentsHash, ToolHints Hints, string? ContractFingerprint)
{
    /// <summary>The pending approval of <paramref name="call"/> of <paramref name="tool"/>.</summary>
    public static PendingApproval For(ToolCall call, ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(tool);
        return new PendingApproval(call.Id, call.Name, call.Arguments, ToolApprovalDecision.HashArguments(call.Arguments), tool.Hints, tool.ContractFingerprint);
    }

    /// <summary>The decision to run this call.</summary>
    public ToolApprovalDecision Approve() => new(CallId, ArgumentsHash, ContractFingerprint, approved: true, reason: null);

    /// <summary>The decision not to run this call; <paramref name="reason"/> is shown to the model.</summary>
    public ToolApprovalDecision Deny(string? reason = null) => new(CallId, ArgumentsHash, ContractFingerprint, approved: false, reason);
}

/// <summary>
/// A person's decision on a <see cref="PendingApproval"/>, bound to the call id and to a hash of the exact arguments they
/// were shown: it is refused for any other arguments or an unknown call, and it applies once (the call then has a result).
/// </summary>
public sealed record ToolApprovalDecision
{
    /// <summary>Creates a decision, for example from a call id and hash a client sent back.</summary>
    /// <param name="callId">The call decided on.</param>
    /// <param name="argumentsHash">The hash of the arguments the person saw (<see cref="PendingApproval.ArgumentsHash"/>).</param>
    /// <param name="contractFingerprint">The tool's fingerprint when approval was requested (<see cref="PendingApproval.ContractFingerprint"/>), or null.</param>
    /// <param name="approved">Whether the call may run.</param>
    /// <param name="reason">For a denial: why, shown to the model.</param>
    public ToolApprovalDecision(string callId, string argumentsHash, string? contractFingerprint, bool approved, string? reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentException.ThrowIfNullOrEmpty(argumentsHash);
        CallId = callId;
        ArgumentsHash = argumentsHash;
        ContractFingerprint = contractFingerprint;
        Approved = approved;
        Reason = approved ? null : reason;
    }

    /// <summary>The call decided on.</summary>
    public string CallId { get; }

    /// <summary>The hash of the arguments the person saw.</summary>
    public string ArgumentsHash { get; }

    /// <summary>The tool's contract fingerprint when approval was requested.</summary>
    public string? ContractFingerprint { get; }

    /// <summary>Whether the call may run.</summary>
    public bool Approved { get; }

    /// <summary>For a denial: why, shown to the model.</summary>
    public string? Reason { get; }

    /// <summary>The hash a decision is bound to: <c>sha256:</c> and the lowercase hex SHA-256 of the arguments' UTF-8 bytes.</summary>
    public static string HashArguments(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(arguments), hash);
        return "sha256:" + Convert.ToHexString(hash).ToLowerInvariant();
    }
}

/// <summary>
/// Approval decisions that cannot be applied: for a call that is not waiting (unknown, already answered, or needing no
/// approval), for arguments other than those shown, or given twice. Nothing was run.
/// </summary>
public sealed class ToolApprovalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolApprovalException(string message, string? callId) : base(message) => CallId = callId;

    /// <summary>The call the refused decision named.</summary>
    public string? CallId { get; }
}
