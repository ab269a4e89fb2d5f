namespace SkillRt.Testing;

/// <summary>How <see cref="ReplayChatClient"/> replays a recording.</summary>
public sealed class ReplayOptions
{
    /// <summary>
    /// Whether each request's messages (role and text) must equal the recorded ones; a difference throws
    /// <see cref="ReplayMismatchException"/>. Off by default, so scripted files need no requests.
    /// </summary>
    /// <remarks>Turn it on to catch a prompt that changed since the recording was made.</remarks>
    public bool MatchRequests { get; set; }
}
