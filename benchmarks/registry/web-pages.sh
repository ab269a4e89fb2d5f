#!/usr/bin/env bash
# The registry's web pages under load, on this machine only (127.0.0.1):
#   1. publish PACKAGES skills (10,000 by default, one version each) through the real API;
#   2. WEB_REQUESTS search pages, then as many package pages, from CONCURRENCY clients (32), asked for
#      as a browser does (text/html, Brotli), timed to the first byte;
#   3. what one search page and one package page weigh with every asset they load, and whether they
#      load anything from another origin.
# Goals (issue 19): TTFB p99 < 50 ms for both pages; a package page < 100 KB transferred, no external requests.
# Usage: bash benchmarks/registry/web-pages.sh [sqlite] [postgresql]     (default: sqlite)
# Environment: PACKAGES (10000), WEB_REQUESTS (5000), CONCURRENCY (32), SERVER_ARGS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
engines=("$@")
[ ${#engines[@]} -eq 0 ] && engines=(sqlite)
work="$(mktemp -d /tmp/skillrt-web-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${pgdata:-}" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="${RESULTS:-$root/BenchmarkDotNet.Artifacts/registry}"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

echo "Building the server and the load generator (Release) ..." >&2
dotnet build "$root/src/SkillRt.Server" -c Release -v:q -nologo >/dev/null
dotnet build "$root/benchmarks/SkillRt.RegistryLoad" -c Release -v:q -nologo >/dev/null
server_dll="$root/src/SkillRt.Server/bin/Release/net10.0/SkillRt.Server.dll"
load_dll="$root/benchmarks/SkillRt.RegistryLoad/bin/Release/net10.0/SkillRt.RegistryLoad.dll"

for engine in "${engines[@]}"; do
  run="$work/$engine"
  mkdir -p "$run/data"
  settings=(--SkillRt:DataDirectory="$run/data" --SkillRt:RateLimits:Enabled=false ${SERVER_ARGS:-})
  if [ "$engine" = postgresql ]; then
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    pgdata="$run/pg/data"; mkdir -p "$run/pg"; chown postgres:postgres "$run/pg"; chmod 700 "$run/pg"
    pgport=$(free_port)
    runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$run/pg/pg.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $pgport -k $run/pg -c max_connections=200" start >/dev/null
    settings+=(--SkillRt:Database:Provider=PostgreSql "--SkillRt:Database:ConnectionString=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Maximum Pool Size=100")
  fi

  dotnet "$server_dll" --urls=http://127.0.0.1:0 "${settings[@]}" --Logging:LogLevel:Default=Warning > "$run/server.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  for _ in $(seq 600); do grep -q 'server listening on' "$run/server.log" && break; sleep 0.1; done
  url=$(sed -n 's/^SkillRt server listening on //p' "$run/server.log" | head -n 1)
  key=$(sed -n 's/^First administrator key (shown once, store it now): //p' "$run/server.log")
  [ -n "$url" ] && [ -n "$key" ] || { cat "$run/server.log" >&2; exit 1; }

  echo "== $engine: server $url (pid $server_pid)" >&2
  dotnet "$load_dll" --server "$url" --key "$key" --server-pid "$server_pid" \
    --packages "${PACKAGES:-10000}" --versions 1 --web-requests "${WEB_REQUESTS:-5000}" --web-only true \
    --concurrency "${CONCURRENCY:-32}" --json "$work/$engine-web.json" | sed "s/^/$engine  /"
  mkdir -p "$results" && cp "$work/$engine-web.json" "$results/$engine-web.json"

  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  if [ "$engine" = postgresql ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null; pgdata=""; fi
done
