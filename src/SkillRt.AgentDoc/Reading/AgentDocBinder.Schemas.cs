using System;
using System.Collections.Generic;

namespace SkillRt.AgentDoc;

internal sealed partial class AgentDocBinder
{
    /// <summary>
    /// Every local <c>$ref</c> in the document (in operations, errors and shared schemas) must lead somewhere:
    /// a JSON Pointer from the document's root, which is <c>#/schemas/Name</c> for a shared schema.
    /// </summary>
    private void CheckSchemaReferences()
    {
        var pending = new Stack<FrontmatterNode>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case FrontmatterMapping mapping:
                    foreach (var entry in mapping.Entries)
                    {
                        if (entry.Name == "$ref" && entry.Value is FrontmatterScalar { Value: var target } reference)
                        {
                            if (target.StartsWith("#", StringComparison.Ordinal) && FrontmatterPointer.Resolve(_root, target) is null)
                            {
                                _diagnostics.Add(AgentDocDiagnosticDescriptors.UnknownReference.Create(
                                    reference.Span, "$ref", target, "a schema", $"add it under 'schemas', or refer to one that is there as '{AgentDocSpec.SchemaReferencePrefix}Name'"));
                            }

                            continue;
                        }

                        pending.Push(entry.Value);
                    }

                    break;
                case FrontmatterSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }
}
