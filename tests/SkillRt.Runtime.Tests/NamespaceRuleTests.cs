using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace SkillRt.Runtime.Tests;

/// <summary>docs/api.md's namespace rule: every public type of the libraries sits in one of its rows.</summary>
public sealed class NamespaceRuleTests
{
    [Theory]
    [InlineData("SkillRt.Format", new[] { "SkillRt" })]
    [InlineData("SkillRt.Runtime", new[] { "SkillRt", "SkillRt.Execution", "SkillRt.Mcp", "SkillRt.Schemas", "SkillRt.Serialization", "Microsoft.Extensions.DependencyInjection" })]
    [InlineData("SkillRt.Testing", new[] { "SkillRt.Testing" })]
    public void Every_public_type_is_in_a_namespace_the_rule_allows(string assemblyName, string[] allowed)
    {
        var assembly = Assembly.Load(assemblyName);

        var outside = assembly.GetExportedTypes().Where(type => !allowed.Contains(type.Namespace)).Select(type => type.FullName).Order(StringComparer.Ordinal);

        Assert.Empty(outside);
    }

    [Fact]
    public void The_dependency_injection_namespace_holds_only_the_builder_and_its_extensions()
    {
        var types = typeof(SkillRunner).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == "Microsoft.Extensions.DependencyInjection")
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal);

        Assert.All(types, name => Assert.True(name.EndsWith("Extensions", StringComparison.Ordinal) || name == "ISkillRtBuilder", $"{name} is not a builder or an extension class; docs/api.md says where it belongs"));
    }
}
