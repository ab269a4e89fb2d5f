using System.Collections.Generic;
using System.Text.Json;
using Fluid.Values;

namespace SkillRt.Templates;

/// <summary>
/// Turns JSON input values into Liquid values directly, so templates never reach .NET objects through
/// reflection: a template sees exactly the input's JSON and nothing else.
/// </summary>
internal static class FluidValues
{
    public static FluidValue From(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new StringValue(value.GetString()!);
            case JsonValueKind.Number:
                // Liquid numbers are decimals; a number beyond their range is kept as its JSON text.
                return value.TryGetDecimal(out var number) ? NumberValue.Create(number) : new StringValue(value.GetRawText());
            case JsonValueKind.True:
                return BooleanValue.True;
            case JsonValueKind.False:
                return BooleanValue.False;
            case JsonValueKind.Array:
                var items = new List<FluidValue>(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    items.Add(From(item));
                }

                return new ArrayValue(items);
            case JsonValueKind.Object:
                var properties = new Dictionary<string, FluidValue>(System.StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    properties[property.Name] = From(property.Value);
                }

                return new DictionaryValue(new FluidValueDictionaryFluidIndexable(properties));
            default:
                return NilValue.Instance;
        }
    }
}
