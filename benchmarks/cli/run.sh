#!/usr/bin/env bash
# Times the Native AOT `skillrt` with hyperfine against the issue's targets (the Rust skillrt v0.1 on
# this machine: validate ~1.3 ms, list ~85 ms):
#   - `skillrt validate` on a 10 KB structured skill (benchmarks/SkillRt.Benchmarks/Data/large-structured.md);
#   - `skillrt list` on a store of 1000 installed skills (pr-review-sized, laid out as `skillrt install` does);
#   - a Native AOT "hello world", the floor any .NET executable pays to start on this machine.
# Usage: bash benchmarks/cli/run.sh [--export results.md]   (needs hyperfine and clang: apt-get install hyperfine clang zlib1g-dev)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Publishing skill (Native AOT, linux-x64) ..." >&2
dotnet publish "$root/src/SkillRt.Cli" -c Release -r linux-x64 -p:SkillRtNativeTool=true -o "$work/skill" -v:q -nologo >/dev/null
skill="$work/skill/skillrt"

echo "Publishing the AOT hello-world baseline ..." >&2
mkdir -p "$work/hello"
cat > "$work/hello/hello.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><PublishAot>true</PublishAot><InvariantGlobalization>true</InvariantGlobalization></PropertyGroup>
</Project>
XML
printf '<Project />' > "$work/hello/Directory.Build.props"
printf '<Project />' > "$work/hello/Directory.Packages.props"
echo 'System.Console.WriteLine("hello");' > "$work/hello/Program.cs"
dotnet publish "$work/hello" -c Release -r linux-x64 -o "$work/hello/out" -v:q -nologo >/dev/null

echo "Filling a store with 1000 skills ..." >&2
export SKILLRT_HOME="$work/home"
version="$(sed -n 's/^version: //p' "$root/examples/pr-review/SKILL.md")"
for ((i = 0; i < 1000; i++)); do
  entry="$SKILLRT_HOME/skills/pr-review-$i/$version"
  mkdir -p "$entry"
  sed "s/^name: pr-review$/name: pr-review-$i/" "$root/examples/pr-review/SKILL.md" > "$entry/SKILL.md"
done
test "$("$skill" list --format json | grep -c '"damaged": false')" = 1000

large="$root/benchmarks/SkillRt.Benchmarks/Data/large-structured.md"
echo "$(wc -c < "$large") bytes: $large; $(nproc) cores" >&2
hyperfine --shell=none --warmup 20 --min-runs 200 "$@" \
  -n 'hello (AOT floor)' "$work/hello/out/hello" \
  -n 'skillrt validate (10 KB skill)' "$skillrt validate $large" \
  -n 'skillrt list (1000 skills)' "$skillrt list"
