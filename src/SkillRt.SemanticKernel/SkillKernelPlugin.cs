using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;

namespace SkillRt.SemanticKernel;

/// <summary>The plugin <see cref="SkillKernelPluginFactory"/> makes: its functions by name, ignoring case as Semantic Kernel does.</summary>
internal sealed class SkillKernelPlugin : KernelPlugin
{
    private readonly Dictionary<string, KernelFunction> _functions;
    private readonly List<KernelFunction> _ordered;

    public SkillKernelPlugin(string name, string? description, IReadOnlyList<KernelFunction> functions)
        : base(name, description)
    {
        _ordered = [.. functions];
        _functions = new Dictionary<string, KernelFunction>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            _functions.Add(function.Name, function);
        }
    }

    public override int FunctionCount => _ordered.Count;

    public override bool TryGetFunction(string name, [NotNullWhen(true)] out KernelFunction? function) =>
        _functions.TryGetValue(name, out function);

    public override IEnumerator<KernelFunction> GetEnumerator() => _ordered.GetEnumerator();
}
