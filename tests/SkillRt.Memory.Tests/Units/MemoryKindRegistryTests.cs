using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory.Kinds;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Units;

public sealed class MemoryKindRegistryTests
{
    [Theory]
    [InlineData("Note")]
    [InlineData("-note")]
    [InlineData("note-")]
    [InlineData("no--te")]
    [InlineData("")]
    [InlineData("a_b")]
    public void A_malformed_kind_name_is_refused(string name)
    {
        var exception = Assert.Throws<MemoryException>(() => new MemoryKindRegistry().Register(new MemoryKind(name, "{}")));
        Assert.Equal(MemoryErrorCodes.InvalidKind, exception.Code);
        Assert.Contains("like a skill name", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{ "type": "strnig" }""", "strnig")]
    [InlineData("""{ "$ref": "#/nowhere" }""", "nowhere")]
    public void A_malformed_schema_is_refused_saying_where(string schema, string expected)
    {
        var exception = Assert.Throws<MemoryException>(() => new MemoryKindRegistry().Register(new MemoryKind("note", schema)));
        Assert.Equal(MemoryErrorCodes.InvalidKind, exception.Code);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_kind_may_be_registered_again_but_not_with_another_schema()
    {
        var registry = new MemoryKindRegistry();
        registry.Register(new MemoryKind("note", """{ "type": "object", "required": ["a"] }"""));
        registry.Register(new MemoryKind("note", """{"required":["a"],"type":"object"}""", "spelled differently"));
        var exception = Assert.Throws<MemoryException>(() => registry.Register(new MemoryKind("note", """{ "type": "string" }""")));
        Assert.Equal(MemoryErrorCodes.InvalidKind, exception.Code);
        Assert.Contains("already registered with another schema", exception.Message, StringComparison.Ordinal);
        Assert.True(registry.TryGet("note", out var kind));
        Assert.Null(kind.Description);
        Assert.False(registry.TryGet("other", out _));
    }

    [Fact]
    public void Kinds_added_at_start_up_and_later_are_all_visible_through_the_interface()
    {
        var services = new ServiceCollection();
        services.AddSkillMemory(o => o.DatabasePath = "unused.db").AddKind(TestKinds.Note, TestKinds.NoteSchema, "A finding about the RTT API.");
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IMemoryKindRegistry>();
        registry.Register(new MemoryKind("page", """{ "type": "string" }""", "A memoryfield page."));
        Assert.Equal(["page", TestKinds.Note], registry.Kinds.Select(k => k.Name));
        Assert.Equal("A finding about the RTT API.", registry.Kinds[1].Description);
    }

    [Fact]
    public void A_bad_kind_added_at_start_up_fails_when_the_memory_is_first_resolved()
    {
        var services = new ServiceCollection();
        services.AddSkillMemory(o => o.DatabasePath = "unused.db").AddKind("Bad Name", "{}");
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<MemoryException>(() => provider.GetRequiredService<ISkillMemory>());
        Assert.Equal(MemoryErrorCodes.InvalidKind, exception.Code);
    }
}
