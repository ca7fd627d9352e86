using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace WebService.Api;

/// <summary>Errors as JSON: <c>{"status": 409, "error": "…"}</c>.</summary>
public static class ApiErrors
{
    /// <summary>The error result.</summary>
    public static IResult Result(int status, string message) =>
        Results.Json(new ErrorResponse { Status = status, Error = message }, WebJsonContext.Api.ErrorResponse, statusCode: status);

    /// <summary>Writes the error to the response (for middleware and the authentication handler).</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse { Status = status, Error = message }, WebJsonContext.Api.ErrorResponse);
    }
}
