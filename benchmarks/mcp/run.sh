#!/usr/bin/env bash
# Issue 24's benchmark of `skillrt mcp serve`: per-call latency over stdio and Streamable HTTP against
# SkillRunner in process, and start-up to tools/list with 1 and 1,000 skills (benchmarks/SkillRt.McpBenchmark).
# Usage: bash benchmarks/mcp/run.sh [--calls N] [--warmup N] [--startups N]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building skillrt (Release) ..." >&2
dotnet build "$root/src/SkillRt.Cli" -c Release -v:q -nologo >/dev/null
dotnet run -c Release --project "$root/benchmarks/SkillRt.McpBenchmark" -- --skillrt "$root/src/SkillRt.Cli/bin/Release/net10.0/skillrt" "$@"
