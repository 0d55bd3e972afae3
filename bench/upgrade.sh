#!/usr/bin/env bash
# How long CHT's api is unavailable during an upgrade 4.22.0 → 4.23.0, and how long the whole upgrade takes:
#   (a) `chtctl upgrade --to 4.23.0` (preflight, images, disk estimate, up, health gates, history);
#   (b) the upstream method on the same rendered files: edit the image tags in <home>/project/docker-compose.yml,
#       then `docker-compose pull; docker-compose up -d` (done = /api/info through the edge reports 4.23.0).
# A client polls https://localhost:PORT/api/info through the edge (nginx, TLS) every 100 ms during the upgrade;
# the outage is the longest span from the last 200 before a run of non-200 answers to the first 200 after it.
#   bench/upgrade.sh [RUNS]      (default 3; medians go to bench/results/upgrade.md)
# DOCKER_HOST picks the engine (default: the tests' private engine with the locally built test images).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/chtctl-test/docker.sock}
registry=${CHTCTL_TEST_REGISTRY:-localhost/chtctl-test}
work=$(mktemp -d /tmp/chtctl-bench-upgrade.XXXXXX)
if command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(docker compose); fi
./chtctl version >/dev/null # publish once, outside the timings

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

instance_file() { # NAME DIR -> writes DIR/instance.yaml, prints the HTTPS port
    local name=$1 dir=$2 http https
    http=$(free_port); https=$(free_port)
    cat >"$dir/instance.yaml" <<YAML
apiVersion: chtctl/v1
name: $name
cht: { version: 4.22.0, registry: $registry }
compose: { home: $dir/home, ports: { http: $http, https: $https } }
tls: { host: localhost }
images: { haproxy: $registry/haproxy:2.6, nginx: $registry/nginx:1.22, chtctl: $registry/chtctl:test }
YAML
    echo "$https"
}

poll() { # PORT OUTFILE: "epoch-seconds status" every 100 ms until killed
    while :; do
        printf '%s %s\n' "$(date +%s.%N)" "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "https://localhost:$1/api/info" || true)"
        sleep 0.1
    done >"$2"
}

longest_outage() { # OUTFILE -> seconds
    awk '{ if ($2 == "200") { if (down && last != "") { gap = $1 - last; if (gap > max) max = gap } ; down = 0; last = $1 } else { down = 1 } }
         END { printf "%.1f\n", max + 0 }' "$1"
}

version_is() { curl -sk --max-time 2 "https://localhost:$1/api/info" | grep -q "\"$2\""; }

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f\n", e - s }'; }

one_run() { # METHOD N -> "outage total"
    local method=$1 n=$2 dir name port start end poller
    name="bench-upg-$method-$n-$$"; dir="$work/$name"; mkdir -p "$dir"
    port=$(instance_file "$name" "$dir")
    ./chtctl up "$dir/instance.yaml" >"$dir/up.log" 2>&1 || { echo "up failed: see $dir/up.log" >&2; return 1; }
    poll "$port" "$dir/poll.txt" & poller=$!
    sleep 1
    start=$(now)
    if [ "$method" = chtctl ]; then
        ./chtctl upgrade "$dir/instance.yaml" --to 4.23.0 >"$dir/upgrade.log" 2>&1 || { kill "$poller"; echo "upgrade failed: see $dir/upgrade.log" >&2; return 1; }
    else
        (
            cd "$dir/home/project"
            sed -i -E "s#(/cht-(api|sentinel|couchdb)):4\.22\.0#\1:4.23.0#g" docker-compose.yml
            # The test images exist only locally: the pull fails for them and is timed all the same.
            "${compose[@]}" pull --ignore-pull-failures || true
            "${compose[@]}" up -d
        ) >"$dir/upgrade.log" 2>&1
        until version_is "$port" 4.23.0; do
            (($(date +%s) - ${start%.*} > 600)) && { kill "$poller"; echo "upstream: api not on 4.23.0 after 600 s" >&2; return 1; }
            sleep 0.1
        done
    fi
    end=$(now)
    sleep 2
    kill "$poller"; wait "$poller" 2>/dev/null || true
    version_is "$port" 4.23.0 || echo "warning: $method run $n: api does not report 4.23.0 afterwards" >&2
    echo "$(longest_outage "$dir/poll.txt") $(elapsed "$start" "$end")"
    ./chtctl destroy "$dir/instance.yaml" --delete-data --yes >"$dir/destroy.log" 2>&1 || echo "warning: destroy of $name failed (see $dir/destroy.log)" >&2
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A outages totals
for method in chtctl upstream; do
    for n in $(seq 1 "$runs"); do
        echo "run $n/$runs: $method" >&2
        read -r outage total < <(one_run "$method" "$n")
        echo "  api unavailable ${outage} s, upgrade ${total} s" >&2
        outages[$method]+="$outage "; totals[$method]+="$total "
    done
done

row() { # METHOD
    local o t
    o=$(tr ' ' '\n' <<<"${outages[$1]}" | grep . | median); t=$(tr ' ' '\n' <<<"${totals[$1]}" | grep . | median)
    echo "| $2 | $o | $t | ${outages[$1]% } | ${totals[$1]% } |"
}

mkdir -p bench/results
{
    echo "# Upgrade 4.22.0 → 4.23.0 on Docker Compose: api outage and duration"
    echo
    echo "Measured by \`bench/upgrade.sh $runs\` on $(date -u +%Y-%m-%d) ($(nproc) CPUs, Docker $(docker version -f '{{.Server.Version}}' 2>/dev/null || echo '?'), ${compose[*]}),"
    echo "with the locally built stand-in images (\`scripts/images.sh\`): the figures are for chtctl's and Compose's own work, not for CHT's real start-up or view indexing."
    echo
    echo "| method | api unavailable (median, s) | whole upgrade (median, s) | unavailable, each run (s) | whole, each run (s) |"
    echo "|---|---|---|---|---|"
    row chtctl '`chtctl upgrade --to 4.23.0`'
    row upstream 'upstream: edit tags, `docker-compose pull`, `docker-compose up -d`'
    echo
    echo "- *api unavailable*: a client polls \`https://localhost:PORT/api/info\` through nginx every 100 ms; the longest span from the last 200 before a run of failures to the first 200 after it."
    echo "- *whole upgrade*: for chtctl, the command from start to exit (preflight with image check and CouchDB size estimate, \`docker-compose up\`, health gates, history); for upstream, from the edit until \`/api/info\` reports 4.23.0 (nothing checks the other services)."
    echo "- Both recreate couchdb, api and sentinel (Compose recreates the containers whose image changed); neither is zero-downtime on a single node."
} >bench/results/upgrade.md
cat bench/results/upgrade.md
rm -rf "$work"
