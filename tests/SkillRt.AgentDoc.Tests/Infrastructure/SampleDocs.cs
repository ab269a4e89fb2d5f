namespace SkillRt.AgentDoc.Tests;

/// <summary>A small hand-written agent-doc in the writer's own layout, so it round-trips byte for byte.</summary>
internal static class SampleDocs
{
    public const string Valid = """
        agentDoc: "0.1"
        identity:
          name: mailer
          version: 2.1.0
          title: Mailer API
          source:
            kind: manual
        summary: |-
          Sends transactional email.
          Create a domain first, then send from it.
        concepts:
        - name: Domain
          description: A sending domain; it must be verified before mail is sent from it.
        authentication:
        - id: bearer
          type: http
          scheme: bearer
          description: Pass the API key as a bearer token.
        baseUrls:
        - https://api.mailer.test
        groups:
        - id: emails
          title: Emails
          description: Sending and reading email.
        operations:
        - id: send-email
          title: Send an email
          purpose: Sends one email to up to 50 recipients. Returns the new email's ID.
          whenToUse: Use for a single message; for many different messages use send-batch.
          group: emails
          tags: [mail, outbound]
          http:
            method: POST
            path: /emails
            contentType: application/json
          auth: [bearer]
          input:
            type: object
            properties:
              body:
                $ref: "#/schemas/SendEmail"
            required: [body]
          output:
            type: object
            properties:
              id:
                type: string
          errors:
          - status: "422"
            meaning: A field is invalid.
            remedy: Fix the field named in the error body.
            retryable: false
          - status: "429"
            meaning: Too many requests.
            remedy: Wait, then retry.
            retryable: true
          examples:
          - title: A welcome email
            input:
              body:
                to: [ada@example.com]
                subject: Welcome
            output:
              id: em_123
          effect: action
          sideEffects:
          - Sends an email; it cannot be unsent.
          idempotent: false
          rateLimit:
            description: Two requests per second per key.
            requests: 2
            window: PT1S
          docs: https://docs.mailer.test/send
        - id: get-email
          title: Retrieve an email
          purpose: Returns one email with its delivery status.
          group: emails
          http:
            method: GET
            path: /emails/{id}
          input:
            type: object
            properties:
              path:
                type: object
                properties:
                  id:
                    type: string
                required: [id]
          effect: read
          idempotent: true
          deprecated:
            note: Use get-email-v2.
            replacement: send-email
        workflows:
        - id: send-and-confirm
          title: Send and confirm delivery
          goal: Send a message and check that it was delivered.
          inputs:
          - name: to
            description: The recipient.
            required: true
          steps:
          - id: send
            operation: send-email
            inputs:
              body.to: $inputs.to
              body.subject: Hello
            successCriteria:
            - $status == 200
          - id: check
            operation: get-email
            inputs:
              path.id: $steps.send.output.id
            successCriteria:
            - $output.last_event == 'delivered'
          successCriteria:
          - The email's last event is 'delivered'.
        schemas:
          SendEmail:
            type: object
            properties:
              to:
                type: array
                items:
                  type: string
                maxItems: 50
              subject:
                type: string
            required: [to, subject]
        links:
        - title: Mailer documentation
          url: https://docs.mailer.test/
          kind: reference

        """;
}
