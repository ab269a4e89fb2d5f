#!/usr/bin/env bash
# Times `dotnet build` of a console project with 0, 100 and 500 pr-review-sized skills (SkillFile
# items, through the packed SkillRt package), cold and after no change, and reports the cost per
# skill. Usage: bash benchmarks/build/run.sh [counts...]   (default: 0 100 500)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
counts=("${@:-0 100 500}")
read -r -a counts <<< "${counts[*]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.2.0-bench.$(date +%s)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

echo "Packing SkillRt $version ..." >&2
dotnet build "$root/src/SkillRt.Runtime" -c Release -v:q -nologo >/dev/null
dotnet pack "$root/src/SkillRt.Runtime" -c Release --no-build -o "$work/feed" -p:PackageVersion="$version" -v:q -nologo >/dev/null

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

printf '| Skills | Cold build (s) | No-change rebuild (s) |\n|---:|---:|---:|\n'
declare -A cold rebuild
for n in "${counts[@]}"; do
  project="$work/p$n"
  mkdir -p "$project/skills"
  printf '<Project />' > "$project/Directory.Build.props"
  printf '<Project />' > "$project/Directory.Packages.props"
  cat > "$project/nuget.config" <<XML
<configuration><packageSources><clear /><add key="feed" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
  cat > "$project/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SkillRt" Version="$version" />
    <SkillFile Include="skills/**/SKILL.md" />
  </ItemGroup>
</Project>
XML
  echo 'System.Console.WriteLine("ok");' > "$project/Program.cs"
  for ((i = 0; i < n; i++)); do
    mkdir -p "$project/skills/pr-review-$i"
    sed "s/^name: pr-review$/name: pr-review-$i/" "$root/examples/pr-review/SKILL.md" > "$project/skills/pr-review-$i/SKILL.md"
  done
  dotnet restore "$project" -v:q -nologo >/dev/null
  cold[$n]=$(seconds dotnet build "$project" --no-restore -v:q -nologo)
  # The fastest of three no-change rebuilds.
  best=""
  for _ in 1 2 3; do
    t=$(seconds dotnet build "$project" --no-restore -v:q -nologo)
    if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc) )); then best=$t; fi
  done
  rebuild[$n]=$best
  printf '| %s | %.2f | %.2f |\n' "$n" "${cold[$n]}" "${rebuild[$n]}"
done

first=${counts[0]}; last=${counts[-1]}
if (( last > first )); then
  per=$(echo "(${cold[$last]} - ${cold[$first]}) * 1000 / ($last - $first)" | bc -l)
  printf '\nCold build cost per skill: %.1f ms\n' "$per"
fi
