using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;
using ToolGen.Transcripts;

namespace AotService;

/// <summary>
/// Approvals across processes: a run stops for approval and is stored; a second process (this binary again) loads it,
/// resumes it with the approval, and must produce exactly the transcript an in-process approval produces. Tampered and
/// replayed decisions are refused there.
/// </summary>
internal static class ApprovalChecks
{
    public const string ResumeCommand = "resume-approval";

    private static ScriptedChatModel Script() => new ScriptedChatModel()
        .CallTools(("find_item", """{"sku":"SKU-1"}""", "w1"), ("write_off", """{"sku":"SKU-1","quantity":1}""", "w2"))
        .Then(Answer);

    private static ChatResponse Answer(ChatRequest request) =>
        ScriptedChatModel.Respond(request, text: "Written off; " + ScriptedChatModel.LastToolResult(request) + " left.");

    /// <summary>In the first process: the in-process transcript, the stored run, and the second process's verdict.</summary>
    public static async Task RunAsync(Action<string, string, string> check)
    {
        ToolRunResult inProcess = await new ToolRunner(Script(), new InventoryTools().Tools,
            new ToolRunnerOptions { ApproveAsync = (_, _) => ValueTask.FromResult(true) }).RunAsync("Write off one damaged pair of red shoes");
        check("in-process approval", inProcess.Text ?? "", "Written off; 3 left.");

        ToolRunResult stopped = await new ToolRunner(Script(), new InventoryTools().Tools).RunAsync("Write off one damaged pair of red shoes");
        check("stopped for approval", stopped.StopReason.ToString(), "ApprovalRequired");
        check("pending approval", string.Join(",", stopped.PendingApprovals.Select(p => $"{p.CallId} {p.ToolName} {p.Arguments}")), """w2 write_off {"sku":"SKU-1","quantity":1}""");

        string directory = Path.Combine(Path.GetTempPath(), "toolgen-aot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string stored = Path.Combine(directory, "stopped.json");
            string expected = Path.Combine(directory, "expected.json");
            await File.WriteAllTextAsync(stored, Transcript.Serialize(stopped));
            await File.WriteAllTextAsync(expected, Transcript.Serialize(inProcess.Messages));

            using Process child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [ResumeCommand, stored, expected])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            string output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Console.Write(output);
            check("resumed in a new process", child.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), "0");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>In the second process: load, refuse bad decisions, resume, compare. Returns the exit code.</summary>
    public static async Task<int> ResumeAsync(string storedPath, string expectedPath, Action<string, string, string> check)
    {
        ToolRunResult stopped = Transcript.DeserializeRun(await File.ReadAllTextAsync(storedPath));
        PendingApproval pending = stopped.PendingApprovals.Single();
        var tools = new InventoryTools();
        var runner = new ToolRunner(new ScriptedChatModel().Then(Answer), tools.Tools);

        var tampered = new ToolApprovalDecision(pending.CallId, ToolApprovalDecision.HashArguments("""{"sku":"SKU-1","quantity":4}"""), pending.ContractFingerprint, true, null);
        check("  tampered decision refused", await Refused(() => runner.ResumeAsync(stopped, [tampered])), "ToolApprovalException");

        ToolRunResult resumed = await runner.ResumeAsync(stopped, [pending.Approve()]);
        check("  resumed answer", resumed.Text ?? "", "Written off; 3 left.");
        check("  transcript equals the in-process one", (Transcript.Serialize(resumed.Messages) == await File.ReadAllTextAsync(expectedPath)).ToString(), "True");
        check("  replayed decision refused", await Refused(() => runner.ResumeAsync(resumed, [pending.Approve()])), "ToolApprovalException");
        return 0;
    }

    private static async Task<string> Refused(Func<Task> action)
    {
        try
        {
            await action();
            return "accepted";
        }
        catch (ToolApprovalException exception)
        {
            return exception.GetType().Name;
        }
    }
}
