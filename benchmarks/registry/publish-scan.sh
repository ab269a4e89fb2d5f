#!/usr/bin/env bash
# What scanning adds to a publish: sequential publishes of generated 100 KB skills to a fresh SQLite
# server on 127.0.0.1, with the scanner on and off (SkillRt:Registry:Moderation:ScanAtPublish), two
# rounds each. PACKAGES (default 200) sets how many; the first ~150 publishes also pay the scanner's lazy
# automaton construction, so use 600 for the steady state.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
dotnet build "$root/src/SkillRt.Server" -c Release -v:q -nologo >/dev/null
dotnet build "$root/benchmarks/SkillRt.RegistryLoad" -c Release -v:q -nologo >/dev/null
server_dll="$root/src/SkillRt.Server/bin/Release/net10.0/SkillRt.Server.dll"
load_dll="$root/benchmarks/SkillRt.RegistryLoad/bin/Release/net10.0/SkillRt.RegistryLoad.dll"
for round in 1 2; do
for scan in true false; do
  d=$(mktemp -d); 
  dotnet "$server_dll" --urls=http://127.0.0.1:0 --SkillRt:DataDirectory="$d" --SkillRt:RateLimits:Enabled=false --SkillRt:Registry:Moderation:ScanAtPublish=$scan --Logging:LogLevel:Default=Warning > "$d/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q 'server listening on' "$d/server.log" && break; sleep 0.1; done
  url=$(sed -n 's/^SkillRt server listening on //p' "$d/server.log" | head -n 1)
  key=$(sed -n 's/^First administrator key (shown once, store it now): //p' "$d/server.log")
  echo "== round $round scan=$scan"
  dotnet "$load_dll" --server "$url" --key "$key" --server-pid $pid --packages ${PACKAGES:-200} --versions 1 --publish-concurrency 1 --concurrency 1 --searches ${SEARCHES:-1} --downloads ${DOWNLOADS:-1} --skill-kb 100 2>/dev/null | grep -E "publish" || true
  kill $pid; wait $pid 2>/dev/null || true; rm -rf "$d"
done; done
