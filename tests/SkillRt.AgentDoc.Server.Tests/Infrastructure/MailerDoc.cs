namespace SkillRt.AgentDoc.Server.Tests;

/// <summary>A small hand-written agent-doc whose name and version a test chooses.</summary>
internal static class MailerDoc
{
    public static string Yaml(string name, string version) => $$"""
        agentDoc: "0.1"
        identity:
          name: {{name}}
          version: {{version}}
          title: Mailer API
        summary: Sends transactional email.
        operations:
        - id: send-email
          title: Send an email
          purpose: Sends one email. Returns the new email's ID.
          http:
            method: POST
            path: /emails
          input:
            type: object
            properties:
              body:
                type: object
                properties:
                  to:
                    type: string
                required: [to]
          errors:
          - status: "429"
            meaning: Too many requests.
            remedy: Wait, then retry.
            retryable: true
          effect: action
        """;
}
