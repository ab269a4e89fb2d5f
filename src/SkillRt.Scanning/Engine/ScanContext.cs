using System.Threading;

namespace SkillRt.Scanning.Engine;

/// <summary>What every rule sees besides its input: the options, where findings go, and cancellation.</summary>
internal sealed class ScanContext(ScanOptions options, CancellationToken cancellationToken)
{
    public ScanOptions Options { get; } = options;

    public FindingSink Sink { get; } = new(options);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public int FilesScanned { get; set; }

    public long BytesScanned { get; set; }

    public void Report(ScanRuleDescriptor rule, string message, string path, int? line = null, string? evidence = null, string? fix = null) =>
        Sink.Add(new ScanFinding(rule, message, path, line, evidence, fix));

    public bool Wants(ScanRuleDescriptor rule, string path) => Sink.Wants(rule, path);
}
