#!/usr/bin/env bash
# Builds every image chtctl's end-to-end tests run into the private test engine (scripts/dockerd.sh),
# because nothing can be pulled on these machines. Idempotent and quick when nothing changed: each image
# carries a label with a hash of its build context and is skipped while that hash is unchanged.
#   scripts/images.sh            build what is missing or stale
# Images: localhost/debian:bookworm-min (the base, from debootstrap) and, under localhost/chtctl-test/,
# haproxy:2.6, nginx:1.22, chtctl:test, cht-couchdb/cht-api/cht-sentinel:{4.22.0,4.23.0,4.24.0}.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

export DOCKER_HOST="${CHTCTL_TEST_DOCKER_HOST:-unix:///run/chtctl-test/docker.sock}"
# The classic builder: dockerd 20.10 has no buildx here, and the CLI's BuildKit path needs the plugin.
export DOCKER_BUILDKIT=0
REGISTRY=localhost/chtctl-test
BASE=localhost/debian:bookworm-min
FIXTURES=tests/fixtures/images
STAGE=artifacts/images
LABEL=chtctl.context-hash
CHT_VERSIONS=(4.22.0 4.23.0 4.24.0)
BROKEN_VERSION=4.24.0 # api of this release never becomes ready: the rollback tests' failed upgrade

log() { printf '==> %s\n' "$*" >&2; }

# Hash of a directory's files (names and contents), skipping what is derived from other inputs.
hash_tree() {
    (cd "$1" && find . -type f ! -path './node_modules/*' ! -path '*/bin/*' ! -path '*/obj/*' -print0 \
        | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

label_of() { docker image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }

ensure_base() {
    docker image inspect "$BASE" >/dev/null 2>&1 && return 0
    local uri dir
    # The machine's own package source: the only Debian mirror these machines reach.
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    uri=${uri:-http://deb.debian.org/debian}
    dir=$(mktemp -d /var/tmp/chtctl-debootstrap.XXXXXX)
    log "building $BASE with debootstrap from $uri"
    if ! debootstrap --variant=minbase bookworm "$dir" "$uri" >"$dir.log" 2>&1; then
        tail -n 20 "$dir.log" >&2
        rm -rf "$dir" "$dir.log"
        return 1
    fi
    tar -C "$dir" -c . | docker import - "$BASE" >/dev/null
    rm -rf "$dir" "$dir.log"
}

# build IMAGE:TAG CONTEXT [docker build args...]: skips when the image's label equals the context's hash
# (which includes the build args and the base image, so either changing rebuilds).
build() {
    local image=$1 context=$2; shift 2
    local hash
    hash=$( { hash_tree "$context"; echo "$*"; docker image inspect -f '{{.Id}}' "$BASE"; } | sha256sum | cut -c1-16)
    if [ "$(label_of "$image")" = "$hash" ]; then
        log "$image is up to date"
        return 0
    fi
    log "building $image"
    local out
    # Output only on failure: the classic builder also prints a deprecation notice on every build.
    if ! out=$(docker build --label "$LABEL=$hash" -t "$image" "$@" "$context" 2>&1); then
        printf '%s\n' "$out" | tail -n 40 >&2
        echo "building $image failed" >&2
        return 1
    fi
}

# chtctl is published again only when its sources changed; the image hashes the published files.
publish_chtctl() {
    local out=$STAGE/chtctl src_hash
    src_hash=$( { hash_tree src; sha256sum Directory.Build.props Directory.Packages.props global.json; } | sha256sum | cut -c1-16)
    if [ "$(cat "$out/.src-hash" 2>/dev/null || true)" != "$src_hash" ] || [ ! -x "$out/publish/chtctl" ]; then
        log "publishing chtctl (self-contained, linux-x64)"
        rm -rf "$out/publish"
        dotnet publish src/Chtctl.Cli/Chtctl.Cli.csproj -c Release -r linux-x64 --self-contained true \
            -o "$out/publish" -nologo -v q -clp:ErrorsOnly >&2
        echo "$src_hash" >"$out/.src-hash"
    fi
    cp "$FIXTURES/chtctl/Dockerfile" "$out/Dockerfile"
}

# The CouchDB stand-in's npm packages are installed on the host into its build context: npm's registry
# is reachable from here, and leveldown's prebuilt N-API binaries run on the image's Debian node.
npm_couchdb() {
    local dir=$FIXTURES/cht-couchdb lock_hash
    lock_hash=$(sha256sum "$dir/package-lock.json" | cut -c1-16)
    if [ "$(cat "$dir/node_modules/.lock-hash" 2>/dev/null || true)" != "$lock_hash" ]; then
        log "installing the cht-couchdb stand-in's npm packages"
        (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund >&2)
        echo "$lock_hash" >"$dir/node_modules/.lock-hash"
    fi
}

main() {
    docker version >/dev/null 2>&1 || { echo "no Docker engine answers on $DOCKER_HOST (scripts/dockerd.sh start)" >&2; return 1; }
    mkdir -p "$STAGE/chtctl"
    ensure_base
    build "$REGISTRY/haproxy:2.6" "$FIXTURES/haproxy"
    build "$REGISTRY/nginx:1.22" "$FIXTURES/nginx"
    npm_couchdb
    # One CouchDB stand-in under every CHT release's tag: CHT pins the same CouchDB across them.
    build "$REGISTRY/cht-couchdb:${CHT_VERSIONS[0]}" "$FIXTURES/cht-couchdb"
    local v broken
    for v in "${CHT_VERSIONS[@]}"; do
        docker tag "$REGISTRY/cht-couchdb:${CHT_VERSIONS[0]}" "$REGISTRY/cht-couchdb:$v"
        broken=false
        [ "$v" = "$BROKEN_VERSION" ] && broken=true
        build "$REGISTRY/cht-api:$v" "$FIXTURES/cht-api" --build-arg "VERSION=$v" --build-arg "BROKEN=$broken"
        build "$REGISTRY/cht-sentinel:$v" "$FIXTURES/cht-sentinel" --build-arg "VERSION=$v"
    done
    publish_chtctl
    build "$REGISTRY/chtctl:test" "$STAGE/chtctl"
    # Builds leave untagged layers of replaced images behind; they only cost disk.
    docker image prune -f >/dev/null
}

main "$@"
