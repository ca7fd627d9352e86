using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen.WebService.Tests;

/// <summary>
/// The web service running as a separate process on a free loopback port (the service binds port 0 and prints the
/// address), against a given SQLite file. Disposing it kills the process tree; every test disposes it in a finally.
/// </summary>
public sealed class WebServiceProcess : IAsyncDisposable
{
    /// <summary>The tokens the tests give the service (on its command line, over appsettings.json).</summary>
    public const string AliceToken = "alice-test-token-4f1c9a0b7d";

    /// <summary>Bob's token.</summary>
    public const string BobToken = "bob-test-token-8e2d6c5a31";

    private static readonly ConcurrentDictionary<int, Process> s_running = new();
    private readonly Process _process;
    private readonly StringBuilder _output;

    private WebServiceProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>A client for it.</summary>
    public HttpClient Http { get; }

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Which binary runs: the NativeAOT one from TOOLGEN_WEBSERVICE_EXE, or the build output on the JIT.</summary>
    public static string Describe() => Environment.GetEnvironmentVariable("TOOLGEN_WEBSERVICE_EXE") is { Length: > 0 } exe ? $"NativeAOT {exe}" : $"dotnet {WebServiceBuild.Dll}";

    /// <summary>Starts the service on <paramref name="database"/> and waits until it listens.</summary>
    public static async Task<WebServiceProcess> StartAsync(string database)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.GetEnvironmentVariable("TOOLGEN_WEBSERVICE_EXE") is { Length: > 0 } exe)
        {
            Assert.That(File.Exists(exe), Is.True, $"TOOLGEN_WEBSERVICE_EXE names {exe}, which does not exist.");
            start.FileName = exe;
            start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(exe))!;
        }
        else
        {
            Assert.That(File.Exists(WebServiceBuild.Dll), Is.True, $"The sample's build output {WebServiceBuild.Dll} is missing; build samples/WebService.");
            start.FileName = "dotnet";
            start.ArgumentList.Add(WebServiceBuild.Dll);
            start.WorkingDirectory = Path.GetDirectoryName(WebServiceBuild.Dll)!;
        }
        foreach (string argument in (string[])[
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:Conversations", $"Data Source={database}",
            "--Authentication:Tokens:alice", AliceToken,
            "--Authentication:Tokens:bob", BobToken,
            "--ToolGen:Provider=",   // offline, whatever the environment says
            "--Logging:LogLevel:Default", "Warning"])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("ToolGen__Provider");

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            const string prefix = "WebService listening on ";
            if (e.Data.StartsWith(prefix, StringComparison.Ordinal)) listening.TrySetResult(new Uri(e.Data[prefix.Length..].Trim()));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The service exited before it listened."));
        process.Start();
        s_running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            Uri address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new WebServiceProcess(process, output, address);
        }
        catch (Exception exception)
        {
            Kill(process);
            string printed;
            lock (output) printed = output.ToString();
            throw new InvalidOperationException($"The service ({Describe()}) did not start: {exception.Message}\n{printed}", exception);
        }
    }

    /// <summary>Kills every service a test left running (a safety net behind each test's finally).</summary>
    public static void KillAll()
    {
        foreach (Process process in s_running.Values) Kill(process);
    }

    /// <summary>Stops the service: kills the process tree and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Kill(_process);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
        }
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        s_running.TryRemove(process.Id, out _);
    }

    /// <summary>Sends a request and returns the status and the body as text.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token, string? json = null, string contentType = "application/json", string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        else if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        using HttpResponseMessage response = await Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs a message as <paramref name="token"/>'s user.</summary>
    public Task<Reply> PostMessageAsync(string id, string text, string? token = AliceToken) =>
        SendAsync(HttpMethod.Post, $"/conversations/{id}/messages", token, JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = text }, TestJson.Default.DictionaryStringString));

    /// <summary>POSTs one decision.</summary>
    public Task<Reply> PostDecisionAsync(string id, string callId, bool approved, string? token = AliceToken, string? reason = null) =>
        SendAsync(HttpMethod.Post, $"/conversations/{id}/approvals", token,
            $$"""{"decisions":[{"callId":{{JsonSerializer.Serialize(callId, TestJson.Default.String)}},"approved":{{(approved ? "true" : "false")}}{{(reason is null ? "" : ",\"reason\":" + JsonSerializer.Serialize(reason, TestJson.Default.String))}}}]}""");

    /// <summary>GETs a conversation.</summary>
    public Task<Reply> GetAsync(string id, string? token = AliceToken) => SendAsync(HttpMethod.Get, $"/conversations/{id}", token);
}

/// <summary>An HTTP answer.</summary>
public sealed record Reply(HttpStatusCode Status, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The error message of an error body.</summary>
    public string Error => Json.GetProperty("error").GetString() ?? "";

    /// <inheritdoc/>
    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>The tests' own JSON (source-generated, like everything else here).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
public sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
