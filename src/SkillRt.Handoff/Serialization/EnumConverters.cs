using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillRt.Handoff.Serialization;

// The wire names are fixed by the schemas, not by a serializer setting, so they live on the enums;
// numbers are refused so a typo'd operator or status cannot slip through as an integer.

/// <summary>Reads and writes an enum by its camelCase name (<c>lessThan</c>); numbers are refused.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>Reads and writes an enum by its snake_case name (<c>criteria_unmet</c>); numbers are refused.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
