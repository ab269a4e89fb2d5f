using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Providers;

/// <summary>A models.yaml that cannot be used, or a model id the catalog cannot serve; the message says what to do.</summary>
public sealed class ModelCatalogException : Exception
{
    /// <summary>Creates the exception for a problem with no place in a file (an unknown id, a missing key).</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public ModelCatalogException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates the exception for the problems found in a file.</summary>
    /// <param name="problems">Every problem found, in file order.</param>
    public ModelCatalogException(IReadOnlyList<ModelCatalogProblem> problems)
        : base(string.Join(Environment.NewLine, (problems ?? throw new ArgumentNullException(nameof(problems))).Select(p => p.ToString())))
    {
        Problems = problems;
    }

    /// <summary>The problems in the file, in file order; empty when the problem is not in a file.</summary>
    public IReadOnlyList<ModelCatalogProblem> Problems { get; }
}
