using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Server.Hosting;

internal sealed class SkillRtServerBuilder(IServiceCollection services, IConfiguration configuration) : ISkillRtServerBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
