using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Testing;

namespace SkillRt.Evaluation.Tests;

/// <summary>A skill folder in a temporary directory: a SKILL.md, eval files and recordings written by the test; deleted on dispose.</summary>
internal sealed class SkillFolder : IDisposable
{
    /// <summary>A small structured skill: one required url input, one enum input with a default, a JSON output.</summary>
    public const string ReviewSkill = """
        ---
        name: review
        version: 1.0.0
        description: Reviews a change.
        inputs:
          - name: pr_url
            type: url
            required: true
          - name: focus
            type: string
            enum: [all, security]
            default: all
        outputs:
          type: json
          schema:
            type: object
            required: [verdict, summary]
            properties:
              verdict: {type: string, enum: [approve, comment, request-changes]}
              summary: {type: string}
              score: {type: number}
              findings:
                type: array
                items:
                  type: object
                  properties:
                    severity: {type: string}
                    message: {type: string}
        ---
        Review {{ pr_url }} with focus {{ focus }}.
        """;

    public SkillFolder(string skill = ReviewSkill)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("skillrt-eval-").FullName;
        Write("SKILL.md", skill);
    }

    public string Directory { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public SkillFolder Write(string relative, string text)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return this;
    }

    /// <summary>Writes a recording whose exchanges answer with <paramref name="answers"/>, in order.</summary>
    public async Task<SkillFolder> RecordAsync(string relative, CancellationToken cancellationToken, params string[] answers)
    {
        var recording = new ChatRecording();
        foreach (var answer in answers)
        {
            recording.Exchanges.Add(new ChatExchange { Request = new RecordedChatRequest(), Response = new RecordedChatResponse { Text = answer } });
        }

        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await recording.SaveAsync(path, cancellationToken);
        return this;
    }

    public Task<EvalSuite> LoadAsync(CancellationToken cancellationToken) => EvalSuite.LoadAsync(Directory, cancellationToken);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
