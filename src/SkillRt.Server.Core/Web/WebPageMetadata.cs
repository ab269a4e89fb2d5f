namespace SkillRt.Server.Web;

/// <summary>Endpoint metadata marking a web page (every Razor page gets it): its responses get <see cref="WebPageResponses"/>' headers.</summary>
internal sealed class WebPageMetadata
{
    public static WebPageMetadata Instance { get; } = new();
}
