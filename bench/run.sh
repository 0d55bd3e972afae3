#!/usr/bin/env bash
# Measures chtctl's rendering speed and writes the figures under bench/results/.
#  1. A whole `chtctl render` process for a three-node Kubernetes instance (target: median < 0.5 s),
#     published two ways: plain (JIT) and ReadyToRun, both with the CLI's settings (tiered compilation, no dynamic PGO).
#  2. Rendering 100 instances in one process (target: < 0.2 s).
# The machines are shared and noisy: figures are medians over many runs; compare ratios, not absolutes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }

out=bench/out
results=bench/results
mkdir -p "$out" "$results"

echo "publishing chtctl (JIT and ReadyToRun)" >&2
dotnet publish src/Chtctl.Cli -c Release -r linux-x64 --self-contained false -o "$out/jit" -nologo -v q -clp:ErrorsOnly
dotnet publish src/Chtctl.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" -nologo -v q -clp:ErrorsOnly

cat > "$out/k8s-3-node.yaml" <<'YAML'
apiVersion: chtctl/v1
name: bench-k8s
target: kubernetes
cht: { version: 4.22.0 }
couchdb: { nodes: 3 }
tls: { mode: ingress, host: bench.example.org }
kubernetes:
  platform: k3s
  pinning: [worker-1, worker-2, worker-3]
  storage: { hostPaths: [/srv/couchdb1, /srv/couchdb2, /srv/couchdb3] }
YAML

hyperfine --warmup 3 --runs 30 --export-json "$out/render-process.json" \
    -n jit "$out/jit/chtctl render $out/k8s-3-node.yaml --output $out/rendered-jit" \
    -n readytorun "$out/r2r/chtctl render $out/k8s-3-node.yaml --output $out/rendered-r2r" >&2

python3 - "$out/render-process.json" "$results/render-process.md" <<'PY'
import json, statistics, sys, platform, os
data = json.load(open(sys.argv[1]))
lines = ["# Whole `chtctl render` process, three-node Kubernetes instance", "",
         "Measured by `bench/run.sh` with hyperfine (3 warm-up runs, 30 runs each) on %d cores." % os.cpu_count(),
         "Both builds are framework-dependent Release publishes with the CLI's settings: tiered compilation on, dynamic PGO off;",
         "`readytorun` adds `-p:PublishReadyToRun=true` (precompiled code, less JIT at start-up).", "",
         "| Build | median | mean | min | max |", "|---|---|---|---|---|"]
for r in data["results"]:
    t = r["times"]
    lines.append("| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms |" % (r["command"],
        statistics.median(t)*1000, statistics.mean(t)*1000, min(t)*1000, max(t)*1000))
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY

# Published like the CLI that ships (ReadyToRun), so the cold batch pays the same JIT the CLI would.
dotnet publish bench/Chtctl.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/bench" -nologo -v q -clp:ErrorsOnly
"$out/bench/Chtctl.Bench" "$results/render-in-process.md"
