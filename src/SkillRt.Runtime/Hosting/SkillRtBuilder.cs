using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Hosting;

/// <summary>The builder <c>AddSkillRt</c> returns: nothing but the collection, so extensions stay extension methods.</summary>
internal sealed class SkillRtBuilder(IServiceCollection services) : ISkillRtBuilder
{
    public IServiceCollection Services { get; } = services;
}
