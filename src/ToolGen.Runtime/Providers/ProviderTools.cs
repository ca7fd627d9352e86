using System;
using System.Collections.Generic;
using System.Linq;
using ToolGen.Chat;

namespace ToolGen.Providers;

/// <summary>Which tools a request offers the model.</summary>
internal static class ProviderTools
{
    /// <summary>
    /// The request's tools; but when its choice allows only some of them and the server cannot be told so
    /// (<paramref name="serverRestricts"/> is false), only those. The request's own list when nothing is left out.
    /// </summary>
    public static IReadOnlyList<ToolDescriptor> Offered(ChatRequest request, bool serverRestricts)
    {
        if (serverRestricts || request.ToolChoice?.AllowedTools is not { } allowed) return request.Tools;
        return [.. request.Tools.Where(t => allowed.Contains(t.Name, StringComparer.Ordinal))];
    }
}
