#!/usr/bin/env bash
# Baseline for chtctl's `up` benchmark: how long plain docker-compose takes to bring a rendered project
# to the state chtctl's health gates wait for, polled with a shell loop instead of chtctl.
#   bench/compose-baseline.sh PROJECT_DIR HTTPS_PORT [SERVICE_TO_IGNORE...]
# PROJECT_DIR is a `chtctl render --output` directory (docker-compose.yml and .env); DOCKER_HOST picks the
# engine (the tests' is unix:///run/chtctl-test/docker.sock). Done means: every container of the project
# is Docker-`healthy` (or running, when it has no healthcheck) and `curl -k https://localhost:PORT/api/info`
# answers 200. SERVICE_TO_IGNORE names services left out of the health check (e.g. one known to fail).
# Prints the elapsed seconds on the last line; gives up after BASELINE_TIMEOUT seconds (default 600).
set -euo pipefail

project=${1:?usage: $0 PROJECT_DIR HTTPS_PORT [SERVICE_TO_IGNORE...]}
port=${2:?usage: $0 PROJECT_DIR HTTPS_PORT [SERVICE_TO_IGNORE...]}
shift 2
ignore=" $* "
timeout=${BASELINE_TIMEOUT:-600}

cd "$project"
# docker-compose v1 is what these machines have; production hosts have the v2 plugin.
if command -v docker-compose >/dev/null; then compose=(docker-compose); else compose=(docker compose); fi

all_healthy() {
    local ids id state service
    ids=$("${compose[@]}" ps -q)
    [ -n "$ids" ] || return 1
    for id in $ids; do
        service=$(docker inspect -f '{{ index .Config.Labels "com.docker.compose.service" }}' "$id")
        [[ "$ignore" == *" $service "* ]] && continue
        state=$(docker inspect -f '{{ if .State.Health }}{{ .State.Health.Status }}{{ else }}{{ .State.Status }}{{ end }}' "$id")
        [ "$state" = healthy ] || [ "$state" = running ] || return 1
    done
}

api_answers() {
    [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "https://localhost:$port/api/info")" = 200 ]
}

start=$(date +%s.%N)
"${compose[@]}" up -d >&2
# Half-second polls: finer than Docker's own healthcheck intervals, so the loop adds little to the time.
until all_healthy && api_answers; do
    if (($(date +%s) - ${start%.*} > timeout)); then
        echo "not healthy after ${timeout} s" >&2
        "${compose[@]}" ps >&2
        exit 1
    fi
    sleep 0.5
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }'
