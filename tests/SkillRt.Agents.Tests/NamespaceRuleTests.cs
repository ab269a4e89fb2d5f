using System.Linq;
using Xunit;

namespace SkillRt.Agents.Tests;

/// <summary>docs/api.md's namespace rule for this package: every public type in <c>SkillRt.Agents</c>.</summary>
public sealed class NamespaceRuleTests
{
    [Fact]
    public void Every_public_type_is_in_the_packages_namespace()
    {
        Assert.Empty(typeof(SkillRtSkillsSource).Assembly.GetExportedTypes().Where(type => type.Namespace != "SkillRt.Agents").Select(type => type.FullName));
    }
}
