using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Execution;

namespace SkillRt.Handoff.Tools;

/// <summary>Offers the <c>delegate</c> tool to the skills <paramref name="offerTo"/> chooses.</summary>
internal sealed class DelegateToolProvider(IHandoffDelegator delegator, DelegateOptions options, Func<SkillDescriptor, bool>? offerTo) : ISkillToolProvider
{
    public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(SkillToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<IReadOnlyList<AIFunction>>(offerTo is null || offerTo(context.Descriptor)
            ? [new DelegateFunction(delegator, options, context.Descriptor)]
            : []);
    }
}
