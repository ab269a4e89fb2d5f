using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Server.Hosting;

/// <summary>
/// What <c>AddSkillRtServer</c> returns and every module's <c>Add…</c> extends
/// (<c>services.AddSkillRtServer(configuration).AddSkillRegistry()</c>).
/// </summary>
public interface ISkillRtServerBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>The application's configuration; modules read their own section of it.</summary>
    IConfiguration Configuration { get; }
}
