#!/usr/bin/env bash
# Starts and stops the servers the scale-out tests need, on loopback, in one
# folder: a PostgreSQL server (Debian's postgresql package: initdb + pg_ctl)
# and a 3-node NATS JetStream cluster (nats-server built from the version
# pinned in go.mod as a tool).
#
#   scripts/services.sh up   [DIR]   start both; print NEWSGRAPH_PG=… and NEWSGRAPH_NATS=…
#   scripts/services.sh down [DIR]   stop everything started in DIR and remove DIR
#   scripts/services.sh env  [DIR]   print the variables again
#   scripts/services.sh nats-stop  N [DIR]   stop NATS node N (1-3), for fault tests
#   scripts/services.sh nats-start N [DIR]   start NATS node N again
#   scripts/services.sh pg-restart   [DIR]   restart PostgreSQL (fast shutdown), for fault tests
#
# DIR defaults to $NEWSGRAPH_SERVICES, else ${TMPDIR:-/tmp}/newsgraph-services.
# `up` writes the variables to DIR/env (shell syntax, for `set -a; . DIR/env`);
# it refuses to start twice in one DIR. Ports are free ports picked at start.
# PostgreSQL trusts every connection on 127.0.0.1 (a test server: never expose
# it); as root, its files belong to the postgres user, since it refuses root.
#
# Environment: PG_BIN (default: the newest /usr/lib/postgresql/*/bin, else
# the directory of pg_ctl on PATH).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$PATH:/usr/local/go/bin"
cmd=${1:-}
[ $# -gt 0 ] && shift

die() { echo "services: $*" >&2; exit 1; }

node_arg=""
case "$cmd" in
nats-stop | nats-start)
	node_arg=${1:-}
	[ $# -gt 0 ] && shift
	case "$node_arg" in 1 | 2 | 3) ;; *) die "$cmd needs a node number 1-3" ;; esac
	;;
esac
dir=${1:-${NEWSGRAPH_SERVICES:-${TMPDIR:-/tmp}/newsgraph-services}}

# port_busy PORT: true when something listens on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

picked=" "
# free_port: a port nothing listens on and not handed out before in this run.
free_port() {
	local p
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 40000))
		case "$picked" in *" $p "*) continue ;; esac
		if ! port_busy "$p"; then
			picked="$picked$p "
			echo "$p"
			return 0
		fi
	done
	die "no free port found"
}

# http_get PORT PATH: the body of an HTTP/1.0 GET on 127.0.0.1 (no curl needed).
http_get() {
	(
		exec 4<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&4
		timeout 5 cat <&4
	)
}

pg_bin() {
	if [ -n "${PG_BIN:-}" ]; then
		echo "$PG_BIN"
		return
	fi
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [ -n "$d" ]; then
		echo "$d"
		return
	fi
	command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return; }
	die "PostgreSQL not found: install Debian's postgresql package (apt-get install postgresql) or set PG_BIN"
}

# as_pg CMD…: runs CMD as the postgres user when root (PostgreSQL refuses root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(head -n 1 "$1")" 2>/dev/null; }

# The three nodes share one machine with the tests: each runs on one
# thread (GOMAXPROCS=1), which cut their CPU time per queued item by a
# fifth (1.47 to 1.17 ms per Scrapinghub page: fewer threads woken and
# parked per message). A node of a real cluster has a machine of its own.
nats_start_node() { # N
	local n=$1
	GOMAXPROCS=1 "$dir/bin/nats-server" -c "$dir/nats/n$n.conf" >>"$dir/nats/n$n.log" 2>&1 &
	echo $! >"$dir/nats/n$n.pid"
}

nats_stop_node() { # N
	local n=$1 f="$dir/nats/n$1.pid" pid
	pid_alive "$f" || return 0
	pid=$(cat "$f")
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	rm -f "$f"
}

nats_wait_healthy() { # N…: waits until each node says JetStream is healthy
	local n port
	for n in "$@"; do
		port=$(cat "$dir/nats/n$n.http")
		for i in $(seq 1 300); do
			if http_get "$port" /healthz 2>/dev/null | grep -q '"status":"ok"'; then
				break
			fi
			pid_alive "$dir/nats/n$n.pid" || die "NATS node $n exited; see $dir/nats/n$n.log"
			[ "$i" = 300 ] && die "NATS node $n not healthy after 60s; see $dir/nats/n$n.log"
			sleep 0.2
		done
	done
}

up() {
	if [ -f "$dir/env" ]; then
		if pid_alive "$dir/nats/n1.pid" || pid_alive "$dir/pg/data/postmaster.pid"; then
			die "already up in $dir (scripts/services.sh down $dir first)"
		fi
		echo "services: stale state in $dir (nothing running), starting afresh" >&2
		down_quiet
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	# The postgres user must reach its data folder inside DIR.
	chmod 755 "$dir"
	trap 'rc=$?; if [ $rc != 0 ]; then echo "services: up failed, stopping what started" >&2; show_logs; down_quiet; fi' EXIT

	# NATS: the pinned nats-server (go.mod `tool` directive), built once.
	mkdir -p "$dir/bin" "$dir/nats"
	(cd "$here" && go build -o "$dir/bin/nats-server" github.com/nats-io/nats-server/v2)
	local n routes="" cport client_urls=""
	declare -a client http cluster
	for n in 1 2 3; do
		client[n]=$(free_port)
		http[n]=$(free_port)
		cluster[n]=$(free_port)
		routes="$routes    nats-route://127.0.0.1:${cluster[n]}
"
	done
	for n in 1 2 3; do
		cat >"$dir/nats/n$n.conf" <<EOF
server_name: n$n
listen: 127.0.0.1:${client[n]}
http: 127.0.0.1:${http[n]}
jetstream {
  store_dir: "$dir/nats/n$n"
  max_memory_store: 256MB
  max_file_store: 4GB
}
cluster {
  name: newsgraph
  listen: 127.0.0.1:${cluster[n]}
  routes: [
$routes  ]
}
EOF
		echo "${http[n]}" >"$dir/nats/n$n.http"
		nats_start_node "$n"
		client_urls="$client_urls${client_urls:+,}nats://127.0.0.1:${client[n]}"
	done

	# PostgreSQL: a fresh cluster owned by the postgres user when root.
	local bin pgport
	bin=$(pg_bin)
	pgport=$(free_port)
	mkdir -p "$dir/pg"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir/pg"
	as_pg "$bin/initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/pg/initdb.log" 2>&1 ||
		die "initdb failed; see $dir/pg/initdb.log"
	cat >>"$dir/pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pgport
unix_socket_directories = '$dir/pg'
max_connections = 200
EOF
	as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 start >/dev/null ||
		die "PostgreSQL did not start; see $dir/pg/server.log"
	as_pg "$bin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres newsgraph
	echo "$bin" >"$dir/pg/bin"

	nats_wait_healthy 1 2 3

	cat >"$dir/env" <<EOF
NEWSGRAPH_PG=postgres://postgres@127.0.0.1:$pgport/newsgraph?sslmode=disable
NEWSGRAPH_NATS=$client_urls
NEWSGRAPH_SERVICES=$dir
EOF
	cat "$dir/env"
	trap - EXIT
}

show_logs() {
	local f
	for f in "$dir"/pg/*.log "$dir"/nats/*.log; do
		[ -f "$f" ] || continue
		echo "--- $f" >&2
		tail -n 20 "$f" >&2
	done
}

down_quiet() {
	local n bin
	for n in 1 2 3; do nats_stop_node "$n"; done
	if [ -f "$dir/pg/data/postmaster.pid" ]; then
		bin=$(cat "$dir/pg/bin" 2>/dev/null || pg_bin)
		as_pg "$bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

down() {
	if [ ! -d "$dir" ]; then
		echo "services: nothing in $dir" >&2
		return 0
	fi
	down_quiet
	echo "services: stopped, $dir removed" >&2
}

case "$cmd" in
up) up ;;
down) down ;;
env)
	[ -f "$dir/env" ] || die "not up in $dir"
	cat "$dir/env"
	;;
nats-stop)
	[ -f "$dir/env" ] || die "not up in $dir"
	nats_stop_node "$node_arg"
	;;
nats-start)
	[ -f "$dir/env" ] || die "not up in $dir"
	pid_alive "$dir/nats/n$node_arg.pid" && die "NATS node $node_arg already running"
	nats_start_node "$node_arg"
	nats_wait_healthy "$node_arg"
	;;
pg-restart)
	[ -f "$dir/env" ] || die "not up in $dir"
	as_pg "$(cat "$dir/pg/bin")/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -m fast -w -t 60 restart >/dev/null
	;;
*)
	sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
	;;
esac
