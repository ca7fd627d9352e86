using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Tests;

/// <summary>The generator's model is plain, structurally equatable data.</summary>
public sealed class ModelTests
{
    [Test]
    public void TheModelHoldsNoRoslynObjects()
    {
        object[] containers = [.. new[] { TestSources.Weather, TestSources.Orders, TestSources.Shapes }.SelectMany(s => GeneratorHarness.Run(s).Containers)];
        Assert.That(containers, Is.Not.Empty);
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (object container in containers) Walk(container, container.GetType().Name, visited);
        Assert.That(visited, Has.Count.GreaterThan(20), "the walk reached the nested specs");
    }

    [Test]
    public void TheSameSourceGivesEqualButDistinctModels()
    {
        object first = GeneratorHarness.Run(TestSources.Orders).Containers[0];
        object second = GeneratorHarness.Run(TestSources.Orders).Containers[0];
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
    }

    [Test]
    public void ADifferentDescriptionGivesAnUnequalModel()
    {
        object first = GeneratorHarness.Run(TestSources.Orders).Containers[0];
        object second = GeneratorHarness.Run(TestSources.Orders.Replace("Cancels an order", "Cancels one order")).Containers[0];
        Assert.That(second, Is.Not.EqualTo(first));
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Type type = value.GetType();
        Assert.That(value, Is.Not.InstanceOf<ISymbol>().And.Not.InstanceOf<SyntaxNode>().And.Not.InstanceOf<Location>()
            .And.Not.InstanceOf<Compilation>().And.Not.InstanceOf<SemanticModel>().And.Not.InstanceOf<SyntaxTree>(), path);
        Assert.That(type.Namespace ?? "", Does.Not.StartWith("Microsoft.CodeAnalysis"), $"{path} is a {type}");
        if (!type.IsValueType && !visited.Add(value)) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items) Walk(item, $"{path}[{i++}]", visited);
            return;
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
    }
}
