namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// SkillRt registered in a service collection, returned by <c>AddSkillRt</c>. Each module and
/// extension adds itself with an extension method on this builder
/// (<see cref="SkillRtBuilderExtensions.AddSkillExecutor{TExecutor}(ISkillRtBuilder)"/>, …), so
/// everything SkillRt reads one chain.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddSkillRt(options => options.MaxRepairAttempts = 3)
///     .AddSkillExecutor&lt;HandoffExecutor&gt;();
/// </code>
/// </example>
public interface ISkillRtBuilder
{
    /// <summary>The service collection SkillRt is registered in.</summary>
    IServiceCollection Services { get; }
}
