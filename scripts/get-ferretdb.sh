#!/usr/bin/env bash
# get-ferretdb.sh - builds FerretDB v1.24.2 once, from the Go module proxy,
# into a cache outside any build tree, and prints the binary's path as the
# last line of stdout.
#
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/colophon/ferretdb-v1.24.2/ferretdb
# When that file exists it is reused and nothing is built.  The build goes
# to a temporary file beside it and is renamed into place, so two runs at
# the same time are safe (the last rename wins; both produce the same
# binary).  This script is not part of the build: Colophon's local server
# and the test fixture look for the cached binary when no other FerretDB or
# mongod is found.
#
# Needs Go >= 1.21.  FerretDB v1.24.2's go.mod asks for Go 1.24: Go 1.24 or
# newer builds it directly; Go 1.21-1.23 fetch the 1.24 toolchain through the
# module proxy by themselves (GOTOOLCHAIN=auto, the default).  Debian 12's
# golang-go package is Go 1.19, which is too old.
set -euo pipefail

version=v1.24.2
module=github.com/FerretDB/FerretDB
cache="${XDG_CACHE_HOME:-$HOME/.cache}/colophon/ferretdb-$version"
out="$cache/ferretdb"

if [ -x "$out" ]; then
	printf '%s\n' "$out"
	exit 0
fi

need_go() {
	echo "get-ferretdb.sh: $1" >&2
	echo "get-ferretdb.sh: FerretDB $version needs Go >= 1.21 (Go >= 1.24, or 1.21-1.23 with GOTOOLCHAIN=auto to fetch 1.24);" >&2
	echo "get-ferretdb.sh: Debian 12's golang-go is 1.19 and too old: install Go from go.dev, or a golang-1.2x-go package from bookworm-backports, and put its bin/ first on PATH" >&2
	exit 1
}

command -v go >/dev/null 2>&1 || need_go "go is not on PATH"

# "go version go1.22.5 linux/amd64" -> 1 22
gover=$(go env GOVERSION 2>/dev/null || true)
gover=${gover#go}
major=${gover%%.*}
rest=${gover#*.}
minor=${rest%%[.a-z]*}
case "$major$minor" in
'' | *[!0-9]*) need_go "cannot tell the version of $(command -v go) ('$gover')" ;;
esac
if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 21 ]; }; then
	need_go "$(command -v go) is Go $gover"
fi

mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/colo-ferretdb-XXXXXX")
cleanup() { chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Run outside any module so `go mod download` works in module-less mode.
json=$(cd "$work" && GOFLAGS= go mod download -json "$module@$version")
dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
	echo "get-ferretdb.sh: go mod download did not report a module directory for $module@$version" >&2
	printf '%s\n' "$json" >&2
	exit 1
fi

src="$work/src"
cp -R "$dir" "$src"
chmod -R u+w "$src"
# The module ships an empty version.txt (it is generated in FerretDB's own
# release builds); an empty one makes the binary panic at start.
echo "$version" >"$src/build/version/version.txt"

tmpbin="$cache/.ferretdb.$$.tmp"
echo "get-ferretdb.sh: building FerretDB $version with $(go env GOVERSION) (a few minutes the first time)" >&2
(cd "$src" && GOFLAGS=-buildvcs=false go build -trimpath -o "$tmpbin" ./cmd/ferretdb) || {
	rm -f "$tmpbin"
	echo "get-ferretdb.sh: go build failed" >&2
	exit 1
}
mv -f "$tmpbin" "$out"
printf '%s\n' "$out"
