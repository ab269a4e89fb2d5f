using Microsoft.Extensions.Options;

namespace SkillRt.Registry.Lifecycle;

/// <summary>Refuses a deletion window that is negative or longer than <see cref="LifecycleOptions.MaxDeleteWindow"/>, naming the setting.</summary>
internal sealed class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>
{
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options) =>
        options.DeleteWindow < System.TimeSpan.Zero || options.DeleteWindow > LifecycleOptions.MaxDeleteWindow
            ? ValidateOptionsResult.Fail($"{LifecycleOptions.SectionName}:DeleteWindow must be 00:00:00 (no deletions) to 30.00:00:00 (it is {options.DeleteWindow}).")
            : ValidateOptionsResult.Success;
}
