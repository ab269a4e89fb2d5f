using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillRt.Tools.Builtin;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary>Arguments as models send them (JSON) and as hosts pass them (plain values).</summary>
public sealed class ToolArgumentsTests
{
    private static AIFunctionArguments Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        var arguments = new AIFunctionArguments();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    [Fact]
    public void Strings_from_json_and_plain()
    {
        Assert.Equal("a", ToolArguments.GetString(Json("{\"x\":\"a\"}"), "x"));
        Assert.Equal("a", ToolArguments.GetString(new AIFunctionArguments { ["x"] = "a" }, "x"));
        Assert.Null(ToolArguments.GetOptionalString(Json("{\"x\":null}"), "x"));
        Assert.Null(ToolArguments.GetOptionalString(Json("{}"), "x"));
        Assert.Equal("The argument 'x' is required: a string.", Assert.Throws<ArgumentException>(() => ToolArguments.GetString(Json("{}"), "x")).Message);
        Assert.Equal("The argument 'x' must be a string, not a list.", Assert.Throws<ArgumentException>(() => ToolArguments.GetString(Json("{\"x\":[]}"), "x")).Message);
    }

    [Fact]
    public void Integers_from_json_and_plain()
    {
        Assert.Equal(5, ToolArguments.GetInt32(Json("{\"x\":5}"), "x", 0));
        Assert.Equal(5, ToolArguments.GetInt32(Json("{\"x\":\"5\"}"), "x", 0));
        Assert.Equal(5, ToolArguments.GetInt32(new AIFunctionArguments { ["x"] = 5 }, "x", 0));
        Assert.Equal(7, ToolArguments.GetInt32(Json("{}"), "x", 7));
        Assert.Throws<ArgumentException>(() => ToolArguments.GetInt32(Json("{\"x\":1.5}"), "x", 0));
        Assert.Throws<ArgumentException>(() => ToolArguments.GetInt32(Json("{\"x\":true}"), "x", 0));
    }

    [Fact]
    public void Booleans_from_json_and_plain()
    {
        Assert.True(ToolArguments.GetBoolean(Json("{\"x\":true}"), "x", false));
        Assert.False(ToolArguments.GetBoolean(new AIFunctionArguments { ["x"] = false }, "x", true));
        Assert.True(ToolArguments.GetBoolean(Json("{\"x\":\"true\"}"), "x", false));
        Assert.True(ToolArguments.GetBoolean(Json("{}"), "x", true));
        Assert.Throws<ArgumentException>(() => ToolArguments.GetBoolean(Json("{\"x\":1}"), "x", false));
    }

    [Fact]
    public void String_lists_from_json_and_plain()
    {
        Assert.Equal(["a", "1", "true"], ToolArguments.GetStringList(Json("{\"x\":[\"a\",1,true]}"), "x"));
        Assert.Equal(["a", "b"], ToolArguments.GetStringList(new AIFunctionArguments { ["x"] = new[] { "a", "b" } }, "x"));
        Assert.Equal(["a", "b"], ToolArguments.GetStringList(new AIFunctionArguments { ["x"] = new List<string> { "a", "b" } }, "x"));
        Assert.Equal(["one"], ToolArguments.GetStringList(Json("{\"x\":\"one\"}"), "x"));
        Assert.Empty(ToolArguments.GetStringList(Json("{}"), "x"));
        Assert.Empty(ToolArguments.GetStringList(Json("{\"x\":null}"), "x"));
        Assert.Throws<ArgumentException>(() => ToolArguments.GetStringList(Json("{\"x\":[[]]}"), "x"));
        Assert.Throws<ArgumentException>(() => ToolArguments.GetStringList(Json("{\"x\":{}}"), "x"));
    }
}
