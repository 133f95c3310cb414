#!/usr/bin/env bash
# Redis and PostgreSQL for the queue-mode end-to-end test, from Debian's packages, on 127.0.0.1 only,
# with their data in a throw-away folder and on non-default ports.
#
#   test/queue/start-services.sh start STATE_DIR   installs what is missing (apt, root only), starts
#                                                  both, prints KEY=VALUE lines (ports, user, password)
#   test/queue/start-services.sh stop STATE_DIR    stops both (by the pids recorded in STATE_DIR)
#
# Ports: $REDIS_PORT and $PG_PORT if set, otherwise free ports chosen at random.
# Every wait is bounded; nothing is downloaded except Debian packages.
set -euo pipefail

cmd="${1:-}"
STATE="${2:-}"
if [ -z "$cmd" ] || [ -z "$STATE" ]; then
	echo "usage: $0 start|stop STATE_DIR" >&2
	exit 2
fi
log() { echo "[queue-services] $*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

PG_USER=n8n
PG_DATABASE=n8n
PG_PASSWORD=queue-e2e-password

pg_bindir() {
	local dir
	dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
	[ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Run a PostgreSQL server binary as the `postgres` user when we are root (initdb and postgres
# refuse to run as root); as ourselves otherwise.
as_pg() {
	if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
	node -e '
		const net = require("net");
		const s = net.createServer();
		s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });
	'
}

install_missing() {
	local missing=()
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	pg_bindir >/dev/null || missing+=(postgresql)
	[ ${#missing[@]} -eq 0 ] && return 0
	"$(dirname "$0")/../../tools/debian-packages.sh" "${missing[@]}" || die "could not install ${missing[*]}"
	# Debian's postgresql package creates a default cluster (port 5432) and may start it: stop it
	# again, it is not ours to leave running.
	if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null 2>&1; then
		pg_lsclusters --no-header 2>/dev/null | while read -r ver name _port status _rest; do
			[ "$status" = "online" ] && timeout 30 pg_ctlcluster "$ver" "$name" stop >&2 || true
		done
	fi
	command -v redis-server >/dev/null 2>&1 || die "redis-server still missing after apt-get install"
	pg_bindir >/dev/null || die "PostgreSQL still missing after apt-get install"
}

start() {
	mkdir -p "$STATE"
	STATE="$(cd "$STATE" && pwd)"
	install_missing
	local bindir redis_port pg_port
	bindir="$(pg_bindir)"
	redis_port="${REDIS_PORT:-$(free_port)}"
	pg_port="${PG_PORT:-$(free_port)}"

	# --- Redis: loopback only, no persistence.
	mkdir -p "$STATE/redis"
	redis-server --bind 127.0.0.1 --port "$redis_port" --protected-mode yes --save '' --appendonly no \
		--daemonize yes --pidfile "$STATE/redis/redis.pid" --logfile "$STATE/redis/redis.log" \
		--dir "$STATE/redis" >&2
	local ok=0
	for _ in $(seq 1 100); do
		if [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; then ok=1; break; fi
		sleep 0.1
	done
	[ $ok = 1 ] || die "redis-server did not answer PING on 127.0.0.1:$redis_port within 10 s: $(tail -5 "$STATE/redis/redis.log" 2>/dev/null)"
	echo "REDIS_PORT=$redis_port" >"$STATE/services.env"

	# --- PostgreSQL: a fresh cluster in STATE/pg, TCP on 127.0.0.1 only, password auth.
	# Durability is switched off (fsync, synchronous_commit): it is a throw-away test database.
	chmod 755 "$STATE"
	mkdir -p "$STATE/pg" "$STATE/pg/socket"
	[ "$(id -u)" = "0" ] && chown -R postgres:postgres "$STATE/pg"
	echo "$PG_PASSWORD" >"$STATE/pg/pwfile"
	[ "$(id -u)" = "0" ] && chown postgres:postgres "$STATE/pg/pwfile"
	as_pg timeout 120 "$bindir/initdb" -D "$STATE/pg/data" -U "$PG_USER" --pwfile="$STATE/pg/pwfile" \
		--auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --no-locale >"$STATE/pg/initdb.log" 2>&1 ||
		die "initdb failed: $(tail -20 "$STATE/pg/initdb.log")"
	rm -f "$STATE/pg/pwfile"
	as_pg "$bindir/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/postgres.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$STATE/pg/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >&2 || die "PostgreSQL did not start within 60 s: $(tail -20 "$STATE/pg/postgres.log" 2>/dev/null)"
	echo "PG_PORT=$pg_port" >>"$STATE/services.env"
	echo "PG_BINDIR=$bindir" >>"$STATE/services.env"
	PGPASSWORD="$PG_PASSWORD" timeout 30 "$bindir/psql" -h 127.0.0.1 -p "$pg_port" -U "$PG_USER" -d postgres \
		-v ON_ERROR_STOP=1 -qc "CREATE DATABASE $PG_DATABASE" >&2 || die "could not create database $PG_DATABASE"

	cat "$STATE/services.env"
	echo "PG_USER=$PG_USER"
	echo "PG_PASSWORD=$PG_PASSWORD"
	echo "PG_DATABASE=$PG_DATABASE"
	echo "REDIS_PID=$(cat "$STATE/redis/redis.pid")"
	echo "PG_PID=$(head -1 "$STATE/pg/data/postmaster.pid")"
}

# Waits up to $2 tenths of a second for pid $1 to end; true when it is gone.
wait_gone() {
	for _ in $(seq 1 "$2"); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	! kill -0 "$1" 2>/dev/null
}

stop() {
	[ -d "$STATE" ] || return 0
	local pid
	if [ -f "$STATE/redis/redis.pid" ]; then
		pid="$(cat "$STATE/redis/redis.pid")"
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait_gone "$pid" 100 || kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	if [ -f "$STATE/pg/data/postmaster.pid" ]; then
		pid="$(head -1 "$STATE/pg/data/postmaster.pid")"
		if kill -0 "$pid" 2>/dev/null; then
			# SIGINT = PostgreSQL's "fast" shutdown; SIGQUIT = "immediate"; then SIGKILL.
			kill -INT "$pid" 2>/dev/null || true
			wait_gone "$pid" 150 || { kill -QUIT "$pid" 2>/dev/null || true; wait_gone "$pid" 50; } || kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	log "stopped redis and postgres of $STATE"
}

case "$cmd" in
start) start ;;
stop) stop ;;
*)
	echo "usage: $0 start|stop STATE_DIR" >&2
	exit 2
	;;
esac
