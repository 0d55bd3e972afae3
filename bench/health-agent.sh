#!/usr/bin/env bash
# Measures chtctl's HAProxy health agent and writes bench/results/health-agent.md:
#  1. the built `chtctl serve healthcheck` under 50 concurrent checks: answer latency median/p99, memory (RSS);
#  2. real HAProxy on the rendered three-node haproxy.cfg, a node killed under a fixed request rate: time to its
#     backend DOWN and failed requests, for chtctl's agent and for an agent with upstream's rule.
# Needs haproxy (apt) and the stand-in's npm packages, installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v haproxy >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }
systemctl stop haproxy >/dev/null 2>&1 || true
[ -d tests/fixtures/couchdb-standin/node_modules ] || (cd tests/fixtures/couchdb-standin && npm ci --ignore-scripts --no-audit --no-fund >&2)

out=bench/out/health-agent
echo "publishing chtctl and the bench (Release)" >&2
dotnet publish src/Chtctl.Cli -c Release -o "$out/chtctl" -nologo -v q -clp:ErrorsOnly
dotnet build bench/Chtctl.Bench.Health -c Release -o "$out/bench" -nologo -v q -clp:ErrorsOnly
"$out/bench/Chtctl.Bench.Health" "$out/chtctl/chtctl" bench/results/health-agent.md
