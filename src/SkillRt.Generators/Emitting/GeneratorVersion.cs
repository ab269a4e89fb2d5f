using System.Reflection;

namespace SkillRt.Generators;

/// <summary>The generator's version, stamped on generated code in <c>[GeneratedCode]</c>.</summary>
internal static class GeneratorVersion
{
    public static string Value { get; } =
        typeof(GeneratorVersion).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version ?? "0.0.0.0";
}
