#!/usr/bin/env bash
# How long `chtctl up` takes to bring the stand-in CHT stack from nothing to all health gates green, against
# plain docker-compose bringing up the same rendered project (bench/compose-baseline.sh: `docker-compose up -d`,
# then a shell loop polling every container's Docker health and the edge's /api/info over HTTPS).
#   bench/compose-up.sh [N]        N runs of each (default 3); figures in bench/results/compose-up.md
# Needs the tests' private engine and images (scripts/dockerd.sh start; scripts/images.sh); DOCKER_HOST defaults
# to it, images to localhost/chtctl-test (CHTCTL_TEST_REGISTRY). Each run starts from nothing:
#  - chtctl: `destroy --delete-data --yes` first (no containers, volumes, data, secrets or certificates), then
#    `up` is timed to its exit (0 = every gate green: CouchDB up, HAProxy backends UP, api ready, edge over HTTPS
#    with the instance certificate, every container healthy).
#  - baseline: the project chtctl just rendered (HOME/project, with its secrets and certificate) is taken down
#    with `docker-compose down -v` and the data directory emptied, then compose-baseline.sh is timed.
# chtctl's figure includes what the baseline does not: the preflight (engine, ports, images), creating secrets
# and the certificate, writing the project, and its process start. The machine is shared: compare the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/chtctl-test/docker.sock}
registry=${CHTCTL_TEST_REGISTRY:-localhost/chtctl-test}
http_port=${BENCH_HTTP_PORT:-28180}
https_port=${BENCH_HTTPS_PORT:-28543}
if command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(docker compose); fi

echo "building chtctl (Release)" >&2
dotnet build src/Chtctl.Cli -c Release -nologo -v q -clp:ErrorsOnly >&2
chtctl=${CHTCTL:-src/Chtctl.Cli/bin/Release/net10.0/chtctl}

work=$(mktemp -d /tmp/chtctl-bench-up-XXXXXX)
home=$work/home
file=$work/instance.yaml
cat > "$file" <<YAML
apiVersion: chtctl/v1
name: e2e-bench-up
cht: { version: 4.22.0, registry: $registry }
compose: { home: $home, ports: { http: $http_port, https: $https_port } }
tls: { host: localhost }
images: { haproxy: $registry/haproxy:2.6, nginx: $registry/nginx:1.22, chtctl: $registry/chtctl:test }
YAML
cleanup() {
    [ -f "$home/project/docker-compose.yml" ] && (cd "$home/project" && "${compose[@]}" down -v >/dev/null 2>&1) || true
    "$chtctl" destroy "$file" --delete-data --yes >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

chtctl_times=()
baseline_times=()
for i in $(seq 1 "$runs"); do
    "$chtctl" destroy "$file" --delete-data --yes >/dev/null 2>&1 || true
    start=$(now)
    "$chtctl" up "$file" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; echo "chtctl up failed (run $i)" >&2; exit 1; }
    end=$(now)
    chtctl_times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')")

    (cd "$home/project" && "${compose[@]}" down -v >/dev/null 2>&1)
    find "$home/data" -mindepth 1 ! -type d -delete
    baseline_times+=("$(bench/compose-baseline.sh "$home/project" "$https_port" 2>"$work/baseline.log" | tail -n1)") \
        || { cat "$work/baseline.log" >&2; echo "baseline failed (run $i)" >&2; exit 1; }
    (cd "$home/project" && "${compose[@]}" down -v >/dev/null 2>&1)
    echo "run $i: chtctl up ${chtctl_times[-1]} s, docker-compose baseline ${baseline_times[-1]} s" >&2
done

chtctl_median=$(printf '%s\n' "${chtctl_times[@]}" | median)
baseline_median=$(printf '%s\n' "${baseline_times[@]}" | median)
ratio=$(awk -v c="$chtctl_median" -v b="$baseline_median" 'BEGIN { printf "%.2f", c / b }')
mkdir -p bench/results
{
    echo "# Compose: \`chtctl up\` from nothing to healthy"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC on $(nproc) cores (shared with other work) by \`bench/compose-up.sh $runs\`:"
    echo "Docker $(docker version -f '{{.Server.Version}}'), $("${compose[@]}" version --short 2>/dev/null || echo docker-compose), the stand-in images (\`tests/fixtures/images\`, built by \`scripts/images.sh\`)."
    echo "chtctl: \`destroy --delete-data --yes\`, then \`up\` timed to its exit with every gate green."
    echo "Baseline: the same rendered project after \`docker-compose down -v\` and emptying the data directory,"
    echo "\`bench/compose-baseline.sh\` (\`docker-compose up -d\`, then polling container health and /api/info every 0.5 s)."
    echo
    echo "| | median | runs (s) |"
    echo "|---|---|---|"
    echo "| chtctl up | ${chtctl_median} s | ${chtctl_times[*]} |"
    echo "| docker-compose baseline | ${baseline_median} s | ${baseline_times[*]} |"
    echo "| ratio (chtctl / baseline) | ${ratio} | |"
    echo
    echo "chtctl's time includes its preflight, creating the secrets and certificate and writing the project; the"
    echo "baseline starts from an already rendered project. Both wait on the same slowest signal: the containers'"
    echo "Docker healthchecks."
} > bench/results/compose-up.md
cat bench/results/compose-up.md
