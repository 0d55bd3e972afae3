#!/usr/bin/env bash
# Runs every test of chtctl on a fresh machine: installs what the tests need when it is missing
# (real haproxy, nginx and docker-compose from Debian's packages, the CouchDB stand-in's npm packages), starts a
# private Docker engine and builds the end-to-end tests' images into it (scripts/dockerd.sh, scripts/images.sh),
# builds, runs all test projects, checks formatting, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# haproxy and nginx install to /usr/sbin, which a non-login environment may leave off PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

log() { printf '\n==> %s\n' "$*" >&2; }

ensure_packages() {
    local missing=()
    command -v haproxy >/dev/null || missing+=(haproxy)
    command -v nginx >/dev/null || missing+=(nginx)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    command -v openssl >/dev/null || missing+=(openssl)
    command -v unshare >/dev/null || missing+=(util-linux)
    # The Compose end-to-end tests' engine, and the base image it builds from.
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
            echo "could not install ${missing[*]} with apt-get" >&2; return 1; }
    fi
    # The packages start system services we do not use; tests run their own on loopback.
    systemctl stop nginx haproxy >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true
}

ensure_packages || { echo "0 passed, 1 failed"; exit 1; }

# The CouchDB-protocol stand-in the health agent's tests run (express from npm).
if [ ! -d tests/fixtures/couchdb-standin/node_modules ]; then
    log "installing the CouchDB stand-in's npm dependencies"
    (cd tests/fixtures/couchdb-standin && npm ci --ignore-scripts --no-audit --no-fund >&2) || { echo "0 passed, 1 failed"; exit 1; }
fi

# The Compose end-to-end tests run against a private engine with locally built images: nothing can be
# pulled here. The engine is stopped at the end however the run ends.
trap 'scripts/dockerd.sh stop >&2 || true' EXIT
log "starting the private Docker engine"
if ! scripts/dockerd.sh start; then
    echo "the test Docker engine did not start (see above)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
log "building the test images"
if ! scripts/images.sh; then
    echo "building the test images failed (see above)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
export CHTCTL_TEST_DOCKER_HOST=unix:///run/chtctl-test/docker.sock
export CHTCTL_TEST_REGISTRY=localhost/chtctl-test

results=TestResults
rm -rf "$results"
log "building"
if ! dotnet build chtctl.slnx -nologo -clp:ErrorsOnly; then
    echo "0 passed, 1 failed"
    exit 1
fi

log "checking formatting (dotnet format --verify-no-changes)"
format_failed=0
dotnet format chtctl.slnx --verify-no-changes --no-restore >&2 || format_failed=1

log "running tests"
dotnet test chtctl.slnx --no-build -nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false >&2
test_exit=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

if [ "$format_failed" -ne 0 ]; then
    echo "formatting differs from .editorconfig: run 'dotnet format chtctl.slnx'" >&2
    failed=$((failed + 1))
fi
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
