using System;
using System.Linq;
using SkillRt.SemanticKernel;
using Xunit;

namespace SkillRt.SemanticKernel.Tests;

/// <summary>docs/api.md's namespace rule for this package: its types in <c>SkillRt.SemanticKernel</c>, its extension methods where <c>kernel.Plugins.</c> finds them.</summary>
public sealed class NamespaceRuleTests
{
    [Fact]
    public void Every_public_type_is_in_a_namespace_the_rule_allows()
    {
        var types = typeof(SkillKernelPluginFactory).Assembly.GetExportedTypes();

        Assert.Empty(types.Where(type => type.Namespace is not ("SkillRt.SemanticKernel" or "Microsoft.SemanticKernel")).Select(type => type.FullName));
        Assert.All(
            types.Where(type => type.Namespace == "Microsoft.SemanticKernel"),
            type => Assert.True(type.Name.EndsWith("Extensions", StringComparison.Ordinal), $"{type.Name} is not an extension class; docs/api.md says where it belongs"));
    }
}
