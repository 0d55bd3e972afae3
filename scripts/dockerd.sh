#!/usr/bin/env bash
# Private Docker engine for chtctl's end-to-end tests.
#   scripts/dockerd.sh start   start it (nothing happens when it already runs)
#   scripts/dockerd.sh stop    stop it and remove the docker0 bridge it leaves behind
#   scripts/dockerd.sh env     print the export line the tests use
# Everything lives under its own socket, data root, exec root and containerd namespaces so that a
# system docker on /var/run/docker.sock (if any) is never touched, and tests cannot disturb it.
set -euo pipefail
# dockerd and ip live in /usr/sbin, which a non-login environment may leave off PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

RUN_DIR=/run/chtctl-test
SOCK="$RUN_DIR/docker.sock"
HOST="unix://$SOCK"
PIDFILE="$RUN_DIR/docker.pid"
LOG="$RUN_DIR/dockerd.log"
DATA_ROOT=/var/lib/chtctl-test/docker
EXEC_ROOT="$RUN_DIR/exec"

running_pid() {
    local pid
    [ -f "$PIDFILE" ] || return 1
    pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    # A stale pidfile may name a recycled pid: only trust it when it is a dockerd.
    grep -q dockerd "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

engine_answers() { docker -H "$HOST" version >/dev/null 2>&1; }

start() {
    if running_pid >/dev/null && engine_answers; then
        return 0
    fi
    command -v dockerd >/dev/null || { echo "dockerd is not installed (apt-get install docker.io)" >&2; return 1; }
    mkdir -p "$RUN_DIR" "$DATA_ROOT" "$EXEC_ROOT"
    if ! running_pid >/dev/null; then
        rm -f "$PIDFILE" "$SOCK"
        # setsid: the engine must outlive the shell that started it (test.sh's steps, other sessions).
        setsid dockerd \
            --host "$HOST" \
            --data-root "$DATA_ROOT" \
            --exec-root "$EXEC_ROOT" \
            --pidfile "$PIDFILE" \
            --containerd-namespace chtctl-test \
            --containerd-plugins-namespace chtctl-test-plugins \
            </dev/null >"$LOG" 2>&1 &
    fi
    local i
    for i in $(seq 1 60); do
        engine_answers && return 0
        sleep 1
    done
    echo "dockerd did not answer on $HOST within 60 s; last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2 || true
    return 1
}

stop() {
    local pid i
    if pid=$(running_pid); then
        kill "$pid"
        # dockerd stops its containers first (up to their stop timeouts): give it time before forcing.
        for i in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE" "$SOCK"
    # The engine leaves its bridge behind; a later start recreates it.
    if ip link show docker0 >/dev/null 2>&1; then
        ip link delete docker0 || true
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) echo "export CHTCTL_TEST_DOCKER_HOST=$HOST" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
