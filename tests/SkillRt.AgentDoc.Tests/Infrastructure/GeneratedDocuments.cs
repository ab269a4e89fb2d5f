using System.Threading.Tasks;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>Generates the agent-docs of both real documents once for a test class (the OpenAI one takes a second or two).</summary>
public sealed class GeneratedDocuments : IAsyncLifetime
{
    public OpenApiGenerationResult Resend { get; private set; } = null!;

    public OpenApiGenerationResult OpenAI { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Resend = await OpenApiAgentDocGenerator.GenerateAsync(OpenApiDocuments.Resend, cancellationToken: TestContext.Current.CancellationToken);
        OpenAI = await OpenApiAgentDocGenerator.GenerateAsync(OpenApiDocuments.OpenAI, cancellationToken: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
