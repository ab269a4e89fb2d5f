using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace SkillRt.Mcp;

/// <summary>One server's client, starting or started, and its tools once listed.</summary>
internal sealed class McpConnection(Task<McpClient> client)
{
    /// <summary>Completes with the initialized client, or fails with why it could not start.</summary>
    public Task<McpClient> Client { get; } = client;

    /// <summary>The server's tools, after the first list.</summary>
    public IReadOnlyList<AIFunction>? Tools { get; set; }

    /// <summary>
    /// Whether the next caller should start the server again: the start failed (failures are not
    /// cached, the server may be fixed or merely slow) or the server has since exited.
    /// </summary>
    public bool IsBroken =>
        Client.IsFaulted || Client.IsCanceled || (Client.IsCompletedSuccessfully && Client.Result.Completion.IsCompleted);
}
