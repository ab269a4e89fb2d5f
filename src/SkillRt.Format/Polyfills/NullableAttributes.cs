#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>netstandard2.0 lacks this attribute; the compiler only needs its name.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
internal sealed class NotNullWhenAttribute : Attribute
{
    public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

    public bool ReturnValue { get; }
}
#endif
