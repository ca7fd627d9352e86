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

    private string _work = "";
    private string _feed = "";
    private string _version = "";

    [OneTimeSetUp]
    public void Pack()
    {
        _work = Directory.CreateTempSubdirectory("toolgen-package-").FullName;
        _feed = Path.Combine(_work, "feed");
        // A version of its own, so NuGet's global cache cannot serve an older build of the same number.
        _version = "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        foreach (string project in new[] { "src/ToolGen.Runtime", "src/ToolGen.Extensions.AI", "src/ToolGen.Hosting", "src/ToolGen.ModelContextProtocol", "src/ToolGen.Review" })
            Run(s_root, "pack", project, "-c", "Release", "-o", _feed, $"-p:Version={_version}");
        Assert.That(Directory.GetFiles(_feed, "*.nupkg").Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            $"ToolGen.{_version}.nupkg", $"ToolGen.Extensions.AI.{_version}.nupkg", $"ToolGen.Hosting.{_version}.nupkg",
            $"ToolGen.ModelContextProtocol.{_version}.nupkg", $"ToolGen.Review.{_version}.nupkg",
        }));
    }

    [OneTimeTearDown]
    public void Clean()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private string NewApp(string name)
    {
        string app = Path.Combine(_work, name);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        return app;
    }

    [Test]
    [CancelAfter(600_000)]
    public void ThePackageWorksInAFreshProject()
    {
        string version = _version;
        string app = NewApp("app");
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

    /// <summary>
    /// ToolGen.Review in a real build: the manifest written by one command, a reworded description reported by the
    /// build naming the tool and the change, the same command accepting it, and the build clean again.
    /// </summary>
    [Test]
    [CancelAfter(600_000)]
    public void TheReviewPackageRunsTheManifestCycleInARealBuild()
    {
        string app = NewApp("review");
        File.WriteAllText(Path.Combine(app, "Review.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ToolGenManifest>true</ToolGenManifest>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ToolGen" Version="{_version}" />
                <PackageReference Include="ToolGen.Review" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        string tools = Path.Combine(app, "WeatherTools.cs");
        File.WriteAllText(tools, """
            using ToolGen;

            public static partial class WeatherTools
            {
                /// <summary>Gets the current weather for a city, with temperature and sky conditions.</summary>
                /// <param name="city">City name, for example "Paris".</param>
                [Tool(ReadOnly = true)]
                public static string GetWeather(string city) => city;

                /// <summary>Gets the forecast for the next days in a city, one line per day.</summary>
                /// <param name="city">City name, for example "Paris".</param>
                /// <param name="days">How many days, 1 to 7.</param>
                [Tool(ReadOnly = true)]
                public static string GetForecast(string city, int days = 3) => city;
            }
            """);
        string manifest = Path.Combine(app, "ToolGen.tools.txt");

        // On, without a manifest: one warning for the project.
        string build = Run(app, "build", "-nologo");
        Assert.That(build, Does.Contain("warning TG0025: ToolGenManifest is on but"));
        Assert.That(build, Does.Not.Contain("TG0026"));

        Run(app, "msbuild", "-t:UpdateToolManifest", "-nologo");
        string written = File.ReadAllText(manifest);
        Assert.That(written, Does.StartWith("# ToolGen tool manifest").And.Contain("# 2 tools, ").And.Contain("tool get_forecast\n").And.Contain("tool get_weather\n"));
        Assert.That(Run(app, "build", "-nologo", "--no-incremental"), Does.Not.Contain("warning TG"), "clean once written");

        // A reworded description: the build names the tool and what changed.
        File.WriteAllText(tools, File.ReadAllText(tools).Replace("one line per day", "a line for each day"));
        build = Run(app, "build", "-nologo");
        Assert.That(build, Does.Match(@"warning TG0026: Tool 'get_forecast' changed: description(; tokens \d+ → \d+)?; if that is intended"));
        Assert.That(build, Does.Not.Contain("get_weather"));

        Run(app, "msbuild", "-t:UpdateToolManifest", "-nologo");
        Assert.That(File.ReadAllText(manifest), Does.Contain("a line for each day").And.Not.Contain("one line per day"));
        Assert.That(Run(app, "build", "-nologo", "--no-incremental"), Does.Not.Contain("warning TG"), "clean again");

        // A removed tool is reported in the manifest, on its line; the command drops it.
        string source = File.ReadAllText(tools);
        File.WriteAllText(tools, source.Remove(source.IndexOf("    /// <summary>Gets the forecast", StringComparison.Ordinal),
            source.IndexOf("=> city;", source.IndexOf("GetForecast", StringComparison.Ordinal), StringComparison.Ordinal) + "=> city;\n".Length
            - source.IndexOf("    /// <summary>Gets the forecast", StringComparison.Ordinal)));
        Assert.That(Run(app, "build", "-nologo"), Does.Contain("ToolGen.tools.txt(").And.Contain("warning TG0026: Tool 'get_forecast' was removed"));
        Run(app, "msbuild", "-t:UpdateToolManifest", "-nologo");
        Assert.That(File.ReadAllText(manifest), Does.Contain("# 1 tool, ").And.Not.Contain("get_forecast"));
        Assert.That(Run(app, "build", "-nologo", "--no-incremental"), Does.Not.Contain("warning TG"), "clean after the removal");
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
