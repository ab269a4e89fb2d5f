#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>netstandard2.0 lacks this attribute; the compiler only needs its name.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
#pragma warning disable CA1019 // The compiler reads the constructor argument; no accessor is needed beyond the one defined.
internal sealed class NotNullWhenAttribute : Attribute
{
    public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

    public bool ReturnValue { get; }
}
#pragma warning restore CA1019
#endif
