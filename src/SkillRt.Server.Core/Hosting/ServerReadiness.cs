namespace SkillRt.Server.Hosting;

/// <summary>Whether start-up work (migrations, the first administrator) is done: the readiness check reports it.</summary>
internal sealed class ServerReadiness
{
    private volatile bool _started;

    public bool IsStarted => _started;

    public void MarkStarted() => _started = true;
}
