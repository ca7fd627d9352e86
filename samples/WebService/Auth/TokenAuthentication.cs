using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WebService.Api;

namespace WebService.Auth;

/// <summary>The options of <see cref="TokenAuthenticationHandler"/>: which bearer token is which user.</summary>
public sealed class TokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme's name.</summary>
    public const string Scheme = "Token";

    // Token hashes (hex SHA-256) → user names: tokens are compared by their hashes, never kept in clear.
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);

    /// <summary>How many tokens are configured.</summary>
    public int Count => _users.Count;

    /// <summary>Gives <paramref name="user"/> the bearer token <paramref name="token"/>.</summary>
    public void AddToken(string user, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        if (string.IsNullOrEmpty(token) || token.Length < 16) throw new InvalidOperationException($"The token of user '{user}' is shorter than 16 characters.");
        if (!_users.TryAdd(Hash(token), user)) throw new InvalidOperationException($"User '{user}' has the same token as user '{_users[Hash(token)]}'.");
    }

    /// <summary>Reads <c>Authentication:Tokens</c>: user name → token, for example <c>"alice": "…"</c>.</summary>
    public void AddTokens(IConfiguration configuration)
    {
        foreach (IConfigurationSection user in configuration.GetSection("Authentication:Tokens").GetChildren())
        {
            if (user.Value is { } token) AddToken(user.Key, token);
        }
    }

    /// <summary>The user whose token this is, or null.</summary>
    public string? UserOf(string token) => _users.TryGetValue(Hash(token), out string? user) ? user : null;

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// A small bearer-token scheme: <c>Authorization: Bearer &lt;token&gt;</c>, the token looked up in the configured list.
/// Replace it with JWT bearer or OpenID Connect in a real deployment (see the README); nothing else depends on it but
/// the user's name (<see cref="ClaimTypes.Name"/>).
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<TokenAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TokenAuthenticationOptions>(options, logger, encoder)
{
    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.Fail("Not a bearer token."));
        string token = header["Bearer ".Length..].Trim();
        if (Options.UserOf(token) is not { } user) return Task.FromResult(AuthenticateResult.Fail("Unknown token."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.NameIdentifier, user)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await ApiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required: send Authorization: Bearer <token>.");
    }

    /// <inheritdoc/>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ApiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden.");
    }
}
