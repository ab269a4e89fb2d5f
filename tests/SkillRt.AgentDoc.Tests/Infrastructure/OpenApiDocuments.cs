using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillRt.Tests;

namespace SkillRt.AgentDoc.Tests;

/// <summary>The real OpenAPI documents in ../shared/testdata/openapi, read in place, and facts about them from an independent YAML reader.</summary>
internal static class OpenApiDocuments
{
    public static string Resend => Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "resend", "resend.yaml");

    public static string OpenAI => Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "openai", "openapi.yaml");

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>
    /// Every operation under 'paths' (path, method, operationId, response status keys), found by a plain line
    /// scan of the block layout both documents use (paths at two spaces, methods at four, statuses at eight),
    /// independent of any YAML or OpenAPI reader. (YamlDotNet cannot load the OpenAI document: it rejects a
    /// literal block whose first line is more indented than the rest, which YAML 1.2 allows.)
    /// </summary>
    public static IReadOnlyList<(string Path, string Method, string? OperationId, IReadOnlyList<string> Statuses)> Operations(string file)
    {
        var operations = new List<(string, string, string?, IReadOnlyList<string>)>();
        string? path = null;
        string? method = null;
        string? operationId = null;
        List<string> statuses = [];
        var inPaths = false;
        var inResponses = false;

        void Flush()
        {
            if (path is not null && method is not null)
            {
                operations.Add((path, method, operationId, statuses));
            }

            method = null;
            operationId = null;
            statuses = [];
            inResponses = false;
        }

        foreach (var line in File.ReadLines(file))
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line.Trim();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            if (indent == 0)
            {
                Flush();
                inPaths = content == "paths:";
                path = null;
                continue;
            }

            if (!inPaths || !content.EndsWith(':') && indent <= 8 && !content.Contains(": ", StringComparison.Ordinal))
            {
                continue;
            }

            var key = Unquote(content.Split(':')[0]);
            switch (indent)
            {
                case 2:
                    Flush();
                    path = Unquote(content.Substring(0, content.Length - 1));
                    break;
                case 4:
                    Flush();
                    method = Methods.Contains(key) ? key : null;
                    break;
                case 6 when method is not null:
                    inResponses = key == "responses";
                    if (key == "operationId")
                    {
                        operationId = Unquote(content.Substring(content.IndexOf(':', StringComparison.Ordinal) + 1).Trim());
                    }

                    break;
                case 8 when inResponses:
                    statuses.Add(key);
                    break;
            }
        }

        Flush();
        return operations;
    }

    private static string Unquote(string text) => text.Trim().Trim('\'', '"');
}
