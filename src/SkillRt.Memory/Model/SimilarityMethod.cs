namespace SkillRt.Memory;

/// <summary>How two memories were compared.</summary>
public enum SimilarityMethod
{
    /// <summary>The same normalised content hash.</summary>
    Exact = 0,

    /// <summary>Cosine similarity of the text forms' embeddings.</summary>
    Embedding = 1,

    /// <summary>Jaccard similarity of the normalised text forms' character trigrams (no embedding generator registered).</summary>
    Lexical = 2,
}
