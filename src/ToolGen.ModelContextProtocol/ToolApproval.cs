using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using global::ModelContextProtocol.Protocol;
using global::ModelContextProtocol.Server;
using ToolGen;

namespace ToolGen.ModelContextProtocol;

/// <summary>
/// Asks the user to approve a <see cref="ToolHints.RequiresApproval"/> tool through elicitation, as a multi round-trip
/// request: the first call ends in <see cref="InputRequiredException"/> carrying an elicitation; the SDK (for a stateful
/// session) or the client (protocol 2026-07-28, stateless HTTP included) asks the user and repeats the call with the answer.
/// </summary>
internal static class ToolApproval
{
    internal const string InputKey = "toolgen_approval";
    private const string StatePrefix = "toolgen-approval:v1:";
    private const int MaxShownArguments = 2000;

    /// <summary>
    /// <see langword="null"/> when the user accepted this call; a <see cref="ToolResultKind.Denied"/> result when the user
    /// declined or cannot be asked. Throws <see cref="InputRequiredException"/> to ask.
    /// </summary>
    public static ToolResult? Check(RequestContext<CallToolRequestParams> request, ToolDescriptor tool, ReadOnlyMemory<byte> arguments)
    {
        // The answer is bound to the tool and the arguments it was asked about: a repeated call with other arguments asks again.
        string state = StatePrefix + Fingerprint(tool.Name, arguments.Span);
        CallToolRequestParams? call = request.Params;
        if (call?.InputResponses is { } responses && string.Equals(call.RequestState, state, StringComparison.Ordinal)
            && responses.TryGetValue(InputKey, out InputResponse? response) && response is not null)
        {
            ElicitResult? answer;
            try
            {
                answer = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
            }
            catch (JsonException)
            {
                answer = null;
            }
            if (answer?.IsAccepted == true) return null;
            return string.Equals(answer?.Action, "decline", StringComparison.OrdinalIgnoreCase)
                ? ToolResult.Error(ToolResultKind.Denied, $"The user declined to run {tool.Name}, so it did not run. Do not call it again unless the user asks you to.")
                : ToolResult.Error(ToolResultKind.Denied, $"The user dismissed the request to approve {tool.Name}, so it did not run. Ask the user before calling it again.");
        }

        McpServer server = request.Server;
        ElicitationCapability? elicitation = server.ClientCapabilities?.Elicitation;
        // An empty elicitation capability ({}) is the form mode of clients written before URL mode existed.
        bool canAsk = elicitation is not null && (elicitation.Form is not null || elicitation.Url is null);
        if (!canAsk)
        {
            return ToolResult.Error(ToolResultKind.Denied,
                $"{tool.Name} needs the user's approval, and this MCP client cannot ask for it (it does not support form elicitation), so it did not run. Tell the user to run it from a client that supports elicitation.");
        }
        if (!server.IsMrtrSupported)
        {
            return ToolResult.Error(ToolResultKind.Denied,
                $"{tool.Name} needs the user's approval, and this server cannot ask for it over this connection (stateless HTTP with a client that predates protocol 2026-07-28, so no server-to-client requests), so it did not run. Tell the user to run it from a client that supports elicitation over MCP 2026-07-28, or over stdio.");
        }

        throw new InputRequiredException(
            new Dictionary<string, InputRequest>(StringComparer.Ordinal) { [InputKey] = InputRequest.ForElicitation(Question(tool, arguments)) },
            state);
    }

    private static ElicitRequestParams Question(ToolDescriptor tool, ReadOnlyMemory<byte> arguments)
    {
        string shown = Encoding.UTF8.GetString(arguments.Span);
        if (shown.Length > MaxShownArguments) shown = string.Concat(shown.AsSpan(0, MaxShownArguments), "…");
        string name = ProtocolTools.TitleOf(tool) is { } title && !string.Equals(title, tool.Name, StringComparison.Ordinal)
            ? $"{title} ({tool.Name})"
            : tool.Name;
        return new ElicitRequestParams
        {
            Mode = "form",
            Message = $"Allow the tool {name} to run with these arguments?\n{shown}",
            // Nothing to fill in: accepting runs the tool, declining or dismissing does not.
            RequestedSchema = new ElicitRequestParams.RequestSchema { Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>() },
        };
    }

    private static string Fingerprint(string name, ReadOnlySpan<byte> arguments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(name));
        hash.AppendData([0]);
        hash.AppendData(arguments);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexString(digest[..16]);
    }
}
