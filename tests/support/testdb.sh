#!/usr/bin/env bash
# testdb.sh - the private database server for one ctest run.
#
#   testdb.sh start DIR   start a server, write its URI (no database) to
#                         DIR/uri, its pid to DIR/pid and the server binary's
#                         path to DIR/binary, wait until ready
#   testdb.sh stop DIR    stop it and remove its temporary directory
#
# The server is mongod when one is on PATH, else FerretDB v1.24.2 (SQLite
# backend): $COLOPHON_FERRETDB, else `ferretdb` on PATH, else the copy
# scripts/get-ferretdb.sh caches (built on first use; needs Go).  It listens
# only on a Unix socket in a short directory under /tmp (socket paths must
# stay under ~100 bytes), never on a TCP port anyone else could reach
# (mongod also needs a loopback port, bound to 127.0.0.1 only).  Tests each
# use their own database on it and drop it afterwards.
set -euo pipefail

usage() {
	echo "usage: testdb.sh start|stop DIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)

stop_server() {
	local pid tmp i
	if [ -f "$dir/pid" ]; then
		pid=$(cat "$dir/pid")
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			for i in $(seq 100); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.1
			done
			if kill -0 "$pid" 2>/dev/null; then
				kill -KILL "$pid" 2>/dev/null || true
			fi
		fi
		rm -f "$dir/pid"
	fi
	if [ -f "$dir/tmpdir" ]; then
		tmp=$(cat "$dir/tmpdir")
		case "$tmp" in
		/tmp/colo-*) rm -rf "$tmp" ;;
		esac
		rm -f "$dir/tmpdir"
	fi
	rm -f "$dir/uri" "$dir/binary"
}

# Percent-encodes a socket path for a mongodb:// URI.
uri_for() {
	local path=$1 out="" c i
	for ((i = 0; i < ${#path}; i++)); do
		c=${path:i:1}
		case "$c" in
		[a-zA-Z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf 'mongodb://%s\n' "$out"
}

free_port() {
	local p i
	for i in $(seq 50); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

start_server() {
	local tmp sock bin cand pid i
	mkdir -p "$dir"
	stop_server # a run that crashed may have left one behind
	: >"$dir/server.log"
	tmp=$(mktemp -d /tmp/colo-XXXXXX)
	echo "$tmp" >"$dir/tmpdir"

	if command -v mongod >/dev/null 2>&1; then
		local port
		port=$(free_port) || {
			echo "testdb.sh: no free loopback port for mongod" >&2
			exit 1
		}
		mkdir -p "$tmp/db"
		sock="$tmp/mongodb-$port.sock"
		command -v mongod >"$dir/binary"
		setsid mongod --dbpath "$tmp/db" --bind_ip 127.0.0.1 --port "$port" \
			--unixSocketPrefix "$tmp" --filePermissions 0700 \
			>>"$dir/server.log" 2>&1 </dev/null &
		pid=$!
	else
		bin=
		for cand in "${COLOPHON_FERRETDB:-}" "$(command -v ferretdb || true)"; do
			[ -n "$cand" ] && [ -x "$cand" ] || continue
			# A `go install`ed FerretDB panics at start (empty
			# version.txt): skip binaries that cannot say their version.
			if "$cand" --version >/dev/null 2>&1; then
				bin=$cand
				break
			fi
			echo "testdb.sh: skipping $cand: '$cand --version' fails" >&2
		done
		if [ -z "$bin" ]; then
			bin=$("$here/../../scripts/get-ferretdb.sh" | tail -n 1)
		fi
		mkdir -p "$tmp/data"
		echo "$bin" >"$dir/binary"
		sock="$tmp/ferretdb.sock"
		setsid "$bin" --handler=sqlite --sqlite-url="file:$tmp/data/" \
			--listen-addr= --listen-unix="$sock" --debug-addr= \
			--telemetry=disable --state-dir="$tmp" --log-level=warn \
			>>"$dir/server.log" 2>&1 </dev/null &
		pid=$!
	fi
	echo "$pid" >"$dir/pid"

	for i in $(seq 300); do
		if [ -S "$sock" ]; then
			uri_for "$sock" >"$dir/uri"
			echo "testdb.sh: server pid $pid at $(cat "$dir/uri")"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "testdb.sh: server exited at start; log:" >&2
			tail -n 20 "$dir/server.log" >&2
			stop_server
			exit 1
		fi
		sleep 0.1
	done
	echo "testdb.sh: server did not listen on $sock within 30 s; log:" >&2
	tail -n 20 "$dir/server.log" >&2
	stop_server
	exit 1
}

case "$cmd" in
start) start_server ;;
stop) stop_server ;;
*) usage ;;
esac
