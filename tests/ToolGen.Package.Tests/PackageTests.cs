using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ToolGen.Package.Tests;

/// <summary>
/// <c>dotnet pack</c> output installs from a local feed into a fresh project (outside this repository's build settings),
/// whose [Tool] class compiles with the packaged generator — warnings as errors — and runs.
/// </summary>
public sealed class PackageTests
{
    private static readonly string s_root = Path.GetFullPath(typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ToolGenRepositoryRoot").Value!);

    [Test]
    [CancelAfter(600_000)]
    public void ThePackageWorksInAFreshProject()
    {
        string work = Directory.CreateTempSubdirectory("toolgen-package-").FullName;
        string feed = Path.Combine(work, "feed");
        // A version of its own, so NuGet's global cache cannot serve an older build of the same number.
        string version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Run(s_root, "pack", "src/ToolGen.Runtime", "-c", "Release", "-o", feed, $"-p:Version={version}");
            Run(s_root, "pack", "src/ToolGen.Extensions.AI", "-c", "Release", "-o", feed, $"-p:Version={version}");
            Run(s_root, "pack", "src/ToolGen.Hosting", "-c", "Release", "-o", feed, $"-p:Version={version}");
            Run(s_root, "pack", "src/ToolGen.ModelContextProtocol", "-c", "Release", "-o", feed, $"-p:Version={version}");
            Assert.That(Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName), Is.EquivalentTo(new[]
            {
                $"ToolGen.{version}.nupkg", $"ToolGen.Extensions.AI.{version}.nupkg", $"ToolGen.Hosting.{version}.nupkg", $"ToolGen.ModelContextProtocol.{version}.nupkg",
            }));

            string app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="ToolGen" Version="{version}" />
                    <PackageReference Include="ToolGen.Extensions.AI" Version="{version}" />
                    <PackageReference Include="ToolGen.Hosting" Version="{version}" />
                    <PackageReference Include="ToolGen.ModelContextProtocol" Version="{version}" />
                    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.14" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """"
                using System;
                using System.Text;
                using ToolGen;
                using Microsoft.Extensions.DependencyInjection;
                using ToolGen.Extensions.AI;

                ToolSet tools = Greeter.Tools;
                Console.WriteLine(Encoding.UTF8.GetString(tools["greet"].ParametersSchema.Span));
                Console.WriteLine((await tools.InvokeAsync("greet", """{"name":"Ada","times":2}""")).Content);
                Console.WriteLine((await tools.InvokeAsync("greet", """{"times":"x"}""")).Content);
                var services = new ServiceCollection();
                services.AddToolGen().AddTools(tools);
                services.AddMcpServer().WithToolGenTools();
                using (ServiceProvider provider = services.BuildServiceProvider())
                    Console.WriteLine("from services: " + provider.GetRequiredService<ToolSet>().Count);
                Console.WriteLine(tools.AsAITools()[0].Name);

                /// <summary>Greeting tools.</summary>
                public static partial class Greeter
                {
                    /// <summary>Greets a person by name, repeating the greeting as many times as asked.</summary>
                    /// <param name="name">The person's first name, for example "Ada".</param>
                    /// <param name="times">How many times to say hello, from 1 to 3.</param>
                    [Tool]
                    public static string Greet(string name, int times = 1) => string.Join(" ", System.Linq.Enumerable.Repeat("Hello, " + name + "!", times));
                }
                """");

            string output = Run(app, "run");
            Assert.That(output, Does.Contain("""{"type":"object","properties":{"name":{"description":"The person's first name, for example \"Ada\".","type":"string"}"""));
            Assert.That(output, Does.Contain("Hello, Ada! Hello, Ada!"));
            Assert.That(output, Does.Contain("Invalid arguments for greet: $.times: expected an integer"));
            Assert.That(output, Does.Contain("$.name: missing"));
            Assert.That(output, Does.Contain("from services: 1"));
            Assert.That(output.TrimEnd(), Does.EndWith("greet"));
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(" ", arguments)} failed:\n{output}\n{error.Result}");
        return output;
    }
}
