using System;
using System.Collections.Generic;
using ToolGen.Chat;
using ToolGen.Providers;
using ToolGen.Providers.Anthropic;
using ToolGen.Providers.Gemini;
using ToolGen.Providers.OpenAI;

namespace ToolGen.Tests.Providers;

/// <summary>ChatModelEnvironment picks the provider the variables describe.</summary>
public sealed class EnvironmentTests
{
    private static IChatModel? Create(Dictionary<string, string> variables) =>
        ChatModelEnvironment.Create(name => variables.TryGetValue(name, out string? value) ? value : null);

    [Test]
    public void NothingConfiguredMeansNoModel() => Assert.That(Create([]), Is.Null);

    [Test]
    public void TheFirstProviderWithAKeyIsUsed()
    {
        Assert.That(Create(new() { ["ANTHROPIC_API_KEY"] = "k" }), Is.InstanceOf<AnthropicModel>());
        Assert.That(Create(new() { ["GEMINI_API_KEY"] = "k", ["ANTHROPIC_API_KEY"] = "k" }), Is.InstanceOf<AnthropicModel>());
        Assert.That(Create(new() { ["OPENAI_BASE_URL"] = "http://localhost:11434/v1/" }), Is.InstanceOf<OpenAIChatModel>(), "a local server needs no key");
    }

    [Test]
    public void TOOLGEN_PROVIDERChoosesAndChecksItsKey()
    {
        Assert.That(Create(new() { ["TOOLGEN_PROVIDER"] = "gemini", ["GEMINI_API_KEY"] = "k", ["OPENAI_API_KEY"] = "k" }), Is.InstanceOf<GeminiModel>());
        Assert.That(() => Create(new() { ["TOOLGEN_PROVIDER"] = "anthropic" }), Throws.InvalidOperationException.With.Message.EqualTo("TOOLGEN_PROVIDER is anthropic, but ANTHROPIC_API_KEY is not set."));
        Assert.That(() => Create(new() { ["TOOLGEN_PROVIDER"] = "mistral" }), Throws.InvalidOperationException.With.Message.Contains("use openai, anthropic or gemini"));
    }
}
