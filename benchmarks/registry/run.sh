#!/usr/bin/env bash
# The registry under load, on this machine only (127.0.0.1), for each database engine:
#   1. publish PACKAGES × VERSIONS skill versions (10,000 by default) with 8 clients;
#   2. search: 20,000 queries from 64 clients (p50/p90/p99);
#   3. download: 20,000 packages from 64 clients, from the server's flat container and from nginx
#      serving the very same files statically, in turn, twice (the best round of each counts);
#   4. the server's resident memory after each phase.
# Goals (issue 17): search p99 < 25 ms, downloads ≥ 0.5× nginx, RSS < 250 MB, on SQLite and PostgreSQL.
# Usage: bash benchmarks/registry/run.sh [sqlite] [postgresql]     (default: both)
# Needs nginx and PostgreSQL: apt-get install -y nginx-light postgresql
# Environment: PACKAGES (2000), VERSIONS (5), SEARCHES (20000), DOWNLOADS (20000), CONCURRENCY (64), SERVER_ARGS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
engines=("$@")
[ ${#engines[@]} -eq 0 ] && engines=(sqlite postgresql)
work="$(mktemp -d /tmp/skillrt-registry-bench.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${pgdata:-}" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Where each engine's figures are written as JSON (an ignored folder).
results="${RESULTS:-$root/BenchmarkDotNet.Artifacts/registry}"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

echo "Building the server and the load generator (Release) ..." >&2
dotnet build "$root/src/SkillRt.Server" -c Release -v:q -nologo >/dev/null
dotnet build "$root/benchmarks/SkillRt.RegistryLoad" -c Release -v:q -nologo >/dev/null
server_dll="$root/src/SkillRt.Server/bin/Release/net10.0/SkillRt.Server.dll"
load_dll="$root/benchmarks/SkillRt.RegistryLoad/bin/Release/net10.0/SkillRt.RegistryLoad.dll"

for engine in "${engines[@]}"; do
  run="$work/$engine"
  mkdir -p "$run/data" "$run/nginx-root"
  chmod 755 "$run" "$run/nginx-root"
  # SERVER_ARGS adds settings, e.g. SERVER_ARGS=--SkillRt:Registry:SearchCacheDuration=00:00:00 to measure searches uncached.
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

  nginx_port=$(free_port)
  cat > "$run/nginx.conf" <<NGINX
worker_processes auto;
pid $run/nginx.pid;
error_log $run/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$nginx_port; root $run/nginx-root; }
}
NGINX
  nginx -c "$run/nginx.conf" -g 'daemon off;' &
  pids+=("$!")

  echo "== $engine: server $url (pid $server_pid), nginx http://127.0.0.1:$nginx_port/" >&2
  dotnet "$load_dll" --server "$url" --key "$key" --server-pid "$server_pid" \
    --nginx "http://127.0.0.1:$nginx_port/" --nginx-root "$run/nginx-root" \
    --packages "${PACKAGES:-2000}" --versions "${VERSIONS:-5}" --searches "${SEARCHES:-20000}" \
    --downloads "${DOWNLOADS:-20000}" --concurrency "${CONCURRENCY:-64}" --json "$work/$engine.json" | sed "s/^/$engine  /"
  mkdir -p "$results" && cp "$work/$engine.json" "$results/$engine.json"

  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  nginx -c "$run/nginx.conf" -s stop 2>/dev/null || true
  if [ "$engine" = postgresql ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null; pgdata=""; fi
done
