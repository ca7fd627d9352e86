using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ToolGen.Generator.Tests;

/// <summary>
/// A small snapshot helper: compares text with <c>Snapshots/{name}.verified.cs</c> in the test project. On a mismatch it
/// writes <c>{name}.received.cs</c> and fails; set <c>TOOLGEN_ACCEPT_SNAPSHOTS=1</c> to accept the received text instead.
/// </summary>
public static partial class Snapshot
{
    private static readonly string s_projectDirectory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ToolGenTestProjectDirectory").Value!;

    public static void Match(string actual, string name)
    {
        string directory = Path.Combine(s_projectDirectory, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = Scrub(actual);

        if (Environment.GetEnvironmentVariable("TOOLGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; wrote {received}. Review it, then rename it or rerun with TOOLGEN_ACCEPT_SNAPSHOTS=1."
            : $"Snapshot {name} differs at line {FirstDifference(expected, actual)}; wrote {received}. Diff it against the .verified.cs file.");
    }

    private static string Scrub(string text) =>
        VersionPattern().Replace(text.ReplaceLineEndings("\n"), "GeneratedCodeAttribute(\"ToolGen\", \"{version}\")");

    private static int FirstDifference(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i]) return i + 1;
        }
        return Math.Min(left.Length, right.Length) + 1;
    }

    [GeneratedRegex("GeneratedCodeAttribute\\(\"ToolGen\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
