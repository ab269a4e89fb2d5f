using System;
using SkillRt.Mcp;

namespace SkillRt;

/// <summary>
/// How a <see cref="SkillRunner"/> runs skills. Per-call <see cref="SkillRunOptions"/> override the
/// model settings here, and a skill's own <c>runtime.model</c> hints sit between the two: a call's
/// setting wins over the skill's hint, which wins over the runner's default.
/// </summary>
public sealed class SkillRunnerOptions
{
    /// <summary>The default number of times an invalid output is sent back to the model.</summary>
    public const int DefaultMaxRepairAttempts = 2;

    /// <summary>The default time limit of one run: 10 minutes.</summary>
    public static readonly TimeSpan DefaultRunTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The default limit on the length of one model answer: 1,048,576 characters (1 MiB of text).</summary>
    public const int DefaultMaxAnswerLength = 1024 * 1024;

    /// <summary>The model to use when neither the call nor the skill names one; <see langword="null"/> leaves it to the chat client.</summary>
    public string? ModelId { get; set; }

    /// <summary>The default sampling temperature; <see langword="null"/> leaves it to the provider.</summary>
    public float? Temperature { get; set; }

    /// <summary>The default limit on tokens per model response; <see langword="null"/> leaves it to the provider.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>How many times an invalid output is sent back to the model to be fixed, from 0; 2 by default.</summary>
    public int MaxRepairAttempts { get; set; } = DefaultMaxRepairAttempts;

    /// <summary>
    /// How long one run may take, from the input check to the validated output, with every model
    /// call, repair, tool call and process in it; 10 minutes by default. At the limit the work under
    /// way is cancelled (processes are killed) and the run fails with <see cref="SkillTimeoutException"/>.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> sets no limit. A call may set its own
    /// with <see cref="SkillRunOptions.RunTimeout"/>.
    /// </summary>
    public TimeSpan RunTimeout { get; set; } = DefaultRunTimeout;

    /// <summary>
    /// The most characters one model answer may have; 1,048,576 (1 MiB of text) by default. A longer
    /// answer is a violation, repaired like any other: a streamed answer stops being read at the
    /// limit, and only the start of it is sent back to the model. Answers that are read whole (not
    /// streamed) are checked once the chat client has read them.
    /// </summary>
    public int MaxAnswerLength { get; set; } = DefaultMaxAnswerLength;

    /// <summary>The clock <see cref="RunTimeout"/> and <see cref="ProcessTimeout"/> are measured with; tests replace it to reach a limit at a moment they choose.</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether a skill's <c>runtime.model</c> hints apply; <see langword="true"/> by default. Turn it
    /// off when the host is bound to one deployment and a skill naming another model would fail.
    /// </summary>
    public bool UseSkillModelHints { get; set; } = true;

    /// <summary>
    /// Whether JSON outputs are requested as structured output with the skill's JSON Schema
    /// (<c>ChatResponseFormat.ForJsonSchema</c>); <see langword="true"/> by default. The schema is also
    /// in the instructions and every output is checked, so providers that ignore the request still work.
    /// </summary>
    public bool UseStructuredOutput { get; set; } = true;

    /// <summary>The prices used to estimate each run's cost; empty by default, so no cost is estimated.</summary>
    public SkillPriceTable Prices { get; set; } = new();

    /// <summary>
    /// Whether prompts and outputs are written to the log (at <c>Trace</c> level). Off by default:
    /// inputs can hold personal data and secrets, so only names, counts and timings are logged.
    /// </summary>
    public bool LogContents { get; set; }

    /// <summary>
    /// The folder skills work in: relative <c>permissions.filesystem</c> globs and tool paths are
    /// anchored here, processes start here, and relative paths in <c>file</c> outputs resolve against
    /// it. The process's current directory when <see langword="null"/>; set it explicitly in services,
    /// whose current directory is often <c>/</c>.
    /// </summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// The most steps a skill's template may take when rendered (100,000 by default), so a template
    /// with a runaway loop fails instead of hanging the run.
    /// </summary>
    public int TemplateMaxSteps { get; set; } = 100_000;

    /// <summary>
    /// UNSAFE. Whether processes (<c>process</c> skills, <c>run_tool</c>, <c>run_script</c>) may run
    /// without an OS sandbox where none is available: bubblewrap is not installed, cannot create
    /// namespaces here, or the OS is not Linux. Off by default, and then such a start fails with
    /// <see cref="SkillSandboxException"/> saying why the sandbox is unavailable.
    /// </summary>
    /// <remarks>
    /// When on, a process that cannot be sandboxed gets only a filtered environment: it can read and
    /// write every file the host process can, reach any network address and outlive the run, whatever
    /// the skill's permissions say; a warning is logged (event 202). Where bubblewrap works it is still
    /// used. Turn this on only for skills you trust as much as your own code. docs/security.md says
    /// what each OS enforces.
    /// </remarks>
    public bool UnsafeAllowUnsandboxedProcesses { get; set; }

    /// <summary>How long a process skill, CLI tool or script may run before it is killed with its children; 5 minutes by default.</summary>
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one tool call may take before it is cancelled and the model told; 2 minutes by default.</summary>
    public TimeSpan ToolCallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most tool calls one run may make; further calls are refused. 32 by default.</summary>
    public int MaxToolCalls { get; set; } = 32;

    /// <summary>
    /// The most rounds of tool calls one attempt may take; 16 by default. After the last round the
    /// model is asked once more, with no tools, and must answer.
    /// </summary>
    public int MaxTurns { get; set; } = 16;

    /// <summary>
    /// Asked before every tool call a model makes; a call it answers <see langword="false"/> to is
    /// refused and the model told. <see langword="null"/> (the default) allows every call the skill's
    /// permissions allow. Use it to have a person confirm calls with side effects.
    /// </summary>
    public Func<SkillToolCall, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask<bool>>? ApproveToolCall { get; set; }

    /// <summary>The default of <see cref="MaxProcesses"/>.</summary>
    public const int DefaultMaxProcesses = 256;

    /// <summary>The default of <see cref="MaxProcessMemoryBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxProcessMemoryBytes = 1L << 30;

    /// <summary>The default of <see cref="MaxProcessOutputBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxProcessOutputBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The most processes a process skill, CLI tool or script may have running at once, itself
    /// included; 256 by default. A process that tries to start more is refused (its fork fails) and
    /// a run that fails that way says so. docs/security.md says how each platform enforces it.
    /// </summary>
    public int MaxProcesses { get; set; } = DefaultMaxProcesses;

    /// <summary>
    /// The most memory a process skill, CLI tool or script may use, in bytes; 1 GiB by default.
    /// With cgroups this is the memory of all its processes together; otherwise it is each process's
    /// data size (<c>RLIMIT_DATA</c>).
    /// </summary>
    public long MaxProcessMemoryBytes { get; set; } = DefaultMaxProcessMemoryBytes;

    /// <summary>
    /// The most CPU time each process of a process skill, CLI tool or script may use before it is
    /// killed (<c>RLIMIT_CPU</c>, whole seconds, rounded up); 5 minutes by default.
    /// <see cref="ProcessTimeout"/> bounds the wall-clock time.
    /// </summary>
    public TimeSpan MaxProcessCpuTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most bytes of standard output a process skill may write; 16 MiB by default. A process
    /// that writes more fails the run, unless its skill sets <c>runtime.allow-truncated-output</c>,
    /// in which case the output is cut at the limit and a warning is reported.
    /// </summary>
    public int MaxProcessOutputBytes { get; set; } = DefaultMaxProcessOutputBytes;

    /// <summary>The skills other skills may depend on and call: generated skills and skills loaded from disk.</summary>
    public SkillCollection Skills { get; } = new();

    /// <summary>The MCP servers skills may use, by name: added in code or read from <c>.mcp.json</c>/<c>mcp.json</c>.</summary>
    public McpServerCollection McpServers { get; } = new();
}
